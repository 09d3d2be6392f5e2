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

