/** The base ecosystem of an OSV ecosystem string (`Debian:12` → `Debian`, `Maven:https://…` → `Maven`). */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(":");
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * The name under which a package is stored and looked up: PyPI names normalised (PEP 503),
 * NuGet and Packagist names in lower case (their registries ignore case), others as written.
 */
export function packageKey(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  if (base === "PyPI") return name.toLowerCase().replace(/[-_.]+/g, "-");
  if (base === "NuGet" || base === "Packagist") return name.toLowerCase();
  return name;
}
