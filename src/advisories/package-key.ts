import { swiftUrlName } from "../ecosystems/swift/swift-url.js";

/** The base ecosystem of an OSV ecosystem string (`Debian:12` → `Debian`, `Maven:https://…` → `Maven`). */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(":");
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * The name under which a package is stored and looked up: PyPI names normalised (PEP 503),
 * NuGet and Packagist names in lower case (their registries ignore case), SwiftURL repository
 * URLs without scheme, user, `.git` or trailing slash and in lower case (hosts and GitHub paths
 * ignore case; records write `github.com/apple/swift-nio`, some a full URL), others as written.
 */
export function packageKey(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  if (base === "PyPI") return name.toLowerCase().replace(/[-_.]+/g, "-");
  if (base === "NuGet" || base === "Packagist") return name.toLowerCase();
  if (base === "SwiftURL") return swiftUrlName(name).toLowerCase();
  return name;
}


/**
 * The key two names of one package share when lookups ignore letter case: a Go module path as the
 * purl spec writes it (lowercased, as syft's and assay's own SBOMs do) must still find the records
 * of `github.com/AndrewBurian/powermux`. Modules whose paths differ only in case are one repository
 * on every case-insensitive host, so nothing real is conflated. Other ecosystems: the package key.
 */
export function foldedKey(ecosystem: string, name: string): string {
  const key = packageKey(ecosystem, name);
  return baseEcosystem(ecosystem) === "Go" ? key.toLowerCase() : key;
}
