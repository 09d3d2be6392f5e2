import { normalizeNugetVersion } from "../nuget/version-range.js";
import { PackageSet, type PackageEntry } from "../package-set.js";
import type { Lockfile, OsvEcosystem } from "../packages.js";
import { normalizePypiName } from "../pypi/names.js";
import { gitVcsUrl, parsePurl, PUBLIC_REGISTRIES, registryUrlKey, type ParsedPurl } from "../purl.js";
import type { SourcePackage } from "./source-package.js";

// An SBOM names its packages by package URL; this turns each into the package advisories name
// (the same name the ecosystem's own lockfile parser gives it), and keeps count of the packages
// it cannot match. Debian, Ubuntu, Alpine, Rocky Linux and AlmaLinux packages are matched against
// their own release's records (OSV's `Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`, `Rocky
// Linux:9`), and Wolfi and Chainguard ones (rolling: no release) against theirs, under their
// source package's name, which is how those records name them. Red Hat's are matched by binary
// package name against every stream of their major release (`Red Hat:enterprise_linux:9::baseos`,
// `…::appstream`), SUSE's by binary package name against every product of their release (SLE
// files a release's packages under its modules: `SUSE:Linux Enterprise Module for Basesystem 15
// SP5`), openSUSE's against their distribution's (`openSUSE:Leap 15.5`, `openSUSE:Tumbleweed`).
// Other OS packages, and OS packages whose release the purl does not say, are counted as unchecked.

/** Package URL types whose advisories OSV holds but assay does not match (so their packages are counted as unchecked). */
const UNCHECKED_TYPES = new Set(["deb", "apk", "rpm", "alpm", "bitnami"]);

/** Debian's release codenames, for purls that name the release so (`distro=bookworm`). */
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = { stretch: "9", buster: "10", bullseye: "11", bookworm: "12", trixie: "13", forky: "14" };

/** The Debian release a purl's `distro` qualifier names (`debian-12`, `debian-12.5`, `bookworm`), if it does. */
function debianRelease(distro: string | undefined): string | undefined {
  if (distro === undefined) return undefined;
  const d = distro.toLowerCase();
  return /^(?:debian-)?(\d{1,3})(?:\.\d{1,3})?$/.exec(d)?.[1] ?? DEBIAN_CODENAMES[d.replace(/^debian-/, "")];
}

/** Ubuntu's release codenames, for purls that name the release so (`distro=jammy`). */
const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  trusty: "14.04", xenial: "16.04", bionic: "18.04", focal: "20.04", jammy: "22.04", kinetic: "22.10", lunar: "23.04", mantic: "23.10", noble: "24.04", oracular: "24.10", plucky: "25.04", questing: "25.10",
};

/**
 * The Ubuntu release a purl's `distro` qualifier names (`ubuntu-22.04`, `ubuntu-22.04.3`, `jammy`)
 * as OSV writes it: LTS releases (the April release of even years) with `:LTS` (`22.04:LTS`).
 */
function ubuntuRelease(distro: string | undefined): string | undefined {
  if (distro === undefined) return undefined;
  const d = distro.toLowerCase().replace(/^ubuntu-/, "");
  const m = /^(\d{2})\.(\d{2})(?:\.\d{1,3})?$/.exec(d);
  const release = m ? `${m[1]}.${m[2]}` : UBUNTU_CODENAMES[d];
  if (release === undefined) return undefined;
  const [year = 0, month = 0] = release.split(".").map(Number);
  return year % 2 === 0 && month === 4 ? `${release}:LTS` : release;
}

/** The Alpine release a purl's `distro` qualifier names (`alpine-3.19.1`, `3.19.1`) as OSV writes it (`v3.19`). */
function alpineRelease(distro: string | undefined): string | undefined {
  const m = distro === undefined ? undefined : /^(?:alpine-)?v?(\d{1,2})\.(\d{1,3})(?:\.\d{1,3})?$/i.exec(distro);
  return m ? `v${m[1]}.${m[2]}` : undefined;
}

/**
 * The major release of an Enterprise Linux rebuild a purl's `distro` qualifier names (`rocky-9.3`,
 * `almalinux-8.9`, `9.3`) as OSV writes it (`9`).
 */
function enterpriseRelease(distro: string | undefined, ...vendors: string[]): string | undefined {
  const m = distro === undefined ? undefined : /^([a-z]+-)?(\d{1,2})(?:\.\d{1,3}){0,2}$/i.exec(distro);
  if (!m || (m[1] !== undefined && !vendors.some((v) => m[1]?.toLowerCase() === `${v}-`))) return undefined;
  return m[2];
}

/** Namespaces SUSE's rpm purls are written under: the purl spec's (`opensuse`, `suse`), os-release IDs (syft's `sles`, `opensuse-leap`) and Trivy's OS families. */
const SUSE_VENDORS = new Set(["suse", "opensuse", "sles", "sles_sap", "sled", "opensuse-leap", "opensuse-tumbleweed", "opensuse.leap", "opensuse.tumbleweed", "suse linux enterprise server", "suse linux enterprise desktop"]);

/**
 * The SUSE product a purl's `distro` qualifier names, as OSV's ecosystems write it: SUSE Linux
 * Enterprise (`sles-15.5`, `sles-15-sp5`, `sles_sap-15.5`, older Trivy's `suse linux enterprise
 * server-15.5`) as `SUSE:Linux Enterprise Server 15
 * SP5` (`15` for a release without service pack), openSUSE Leap (`opensuse-leap-15.5`, Trivy's
 * `opensuse.leap-15.5`) as `openSUSE:Leap 15.5`, Tumbleweed (rolling, any snapshot date) as
 * `openSUSE:Tumbleweed`. Undefined for anything else (SLE Micro, Leap Micro: other numbering).
 */
function suseRelease(distro: string | undefined): { ecosystem: "SUSE" | "openSUSE"; release: string } | undefined {
  if (distro === undefined) return undefined;
  const d = distro.toLowerCase();
  const sle = /^(?:sles|sles_sap|sled|suse|suse linux enterprise (?:server|desktop))[-_](\d{1,2})(?:\.(\d{1,2})|[-_]?sp(\d{1,2}))?$/.exec(d);
  if (sle) {
    const sp = Number(sle[2] ?? sle[3] ?? "0");
    return { ecosystem: "SUSE", release: `Linux Enterprise Server ${sle[1] as string}${sp > 0 ? ` SP${sp}` : ""}` };
  }
  const leap = /^opensuse[-.]leap-(\d{1,2}\.\d{1,2})$/.exec(d);
  if (leap) return { ecosystem: "openSUSE", release: `Leap ${leap[1] as string}` };
  if (/^opensuse[-.]tumbleweed(?:-\d{8})?$/.test(d)) return { ecosystem: "openSUSE", release: "Tumbleweed" };
  return undefined;
}

/** The package name of a source RPM's file name (`openssl-3.0.7-27.el9.src.rpm` → `openssl`); anything else as it is. */
function sourceRpmName(upstream: string): string {
  if (!upstream.endsWith(".src.rpm")) return upstream;
  const release = upstream.lastIndexOf("-", upstream.length - ".src.rpm".length);
  const version = release > 0 ? upstream.lastIndexOf("-", release - 1) : -1;
  return version > 0 ? upstream.slice(0, version) : upstream;
}

/**
 * The source package an OS package's purl names: its `upstream` qualifier (`openssl`,
 * `glibc@2.31-13+deb11u8`, or for rpm the source RPM's file name, which gives a name only), else
 * the source the document names beside the purl; undefined when neither says.
 */
function sourceOf(p: ParsedPurl, source: SourcePackage | undefined, rpm: boolean): SourcePackage | undefined {
  const upstream = p.qualifiers["upstream"];
  if (upstream === undefined) return source;
  if (rpm) return { name: sourceRpmName(upstream) };
  const at = upstream.indexOf("@");
  return at > 0 ? { name: upstream.slice(0, at), version: upstream.slice(at + 1) } : { name: upstream };
}

/** An OS package as its release's advisories name it: under its source package, with the source's version when given. */
function osPackage(p: ParsedPurl, ecosystem: "Debian" | "Ubuntu" | "Alpine" | "Wolfi" | "Chainguard", release: string | undefined, source: SourcePackage | undefined): LockedName {
  const src = sourceOf(p, source, false);
  const named = { ecosystem, name: src?.name ?? p.name, version: src?.version ?? p.version };
  return release === undefined ? named : { ...named, release };
}

/**
 * An rpm package as its release's advisories name it: under its source RPM (Rocky Linux,
 * AlmaLinux) or its own binary RPM name (Red Hat, whose records are per binary package), the
 * version with its epoch (`1:3.0.7-27.el9`), which the purl spec keeps in a qualifier and rpm's
 * order compares first.
 */
function rpmPackage(p: ParsedPurl, ecosystem: "Rocky Linux" | "AlmaLinux" | "Red Hat" | "SUSE" | "openSUSE", release: string | undefined, source: SourcePackage | undefined): LockedName | undefined {
  if (release === undefined) return undefined;
  const epoch = p.qualifiers["epoch"];
  const own = epoch !== undefined && /^\d{1,9}$/.test(epoch) && !/^\d+:/.test(p.version) ? `${epoch}:${p.version}` : p.version;
  // Red Hat's and SUSE's records name binary packages (SUSE's CSAF lists each product's binary RPMs).
  if (ecosystem === "Red Hat" || ecosystem === "SUSE" || ecosystem === "openSUSE") return { ecosystem, name: p.name, version: own, release };
  const src = sourceOf(p, source, true);
  return { ecosystem, name: src?.name ?? p.name, version: src?.version ?? own, release };
}

/** What a purl names, as advisories name it. */
export interface LockedName {
  ecosystem: OsvEcosystem;
  name: string;
  version: string;
  /** OS packages: the distribution release (`12`, `v3.19`). */
  release?: string;
}

/**
 * The ecosystem and advisory name of a purl, or undefined for a type assay does not match. An OS
 * package's `source` (named by the document beside the purl) stands in for a missing `upstream`.
 */
export function lockedNameOf(p: ParsedPurl, source?: SourcePackage): LockedName | undefined {
  const path = [...p.namespace, p.name].join("/");
  const vendor = p.namespace[0]?.toLowerCase();
  const distro = p.qualifiers["distro"];
  switch (p.type) {
    case "deb": {
      const release = vendor === "debian" ? debianRelease(distro) : vendor === "ubuntu" ? ubuntuRelease(distro) : undefined;
      if (release === undefined) return undefined;
      return osPackage(p, vendor === "debian" ? "Debian" : "Ubuntu", release, source);
    }
    case "apk": {
      if (vendor === "wolfi") return osPackage(p, "Wolfi", undefined, source);
      if (vendor === "chainguard") return osPackage(p, "Chainguard", undefined, source);
      const release = vendor === "alpine" ? alpineRelease(distro) : undefined;
      return release === undefined ? undefined : osPackage(p, "Alpine", release, source);
    }
    case "rpm": {
      if (vendor === "rocky") return rpmPackage(p, "Rocky Linux", enterpriseRelease(distro, "rocky"), source);
      // Red Hat's records are per product stream (`Red Hat:enterprise_linux:9::appstream`): the
      // package's release is the product and major version, and the matcher takes every stream of it.
      if (vendor === "redhat") {
        const major = enterpriseRelease(distro, "rhel", "redhat");
        return rpmPackage(p, "Red Hat", major === undefined ? undefined : `enterprise_linux:${major}`, source);
      }
      if (vendor !== undefined && SUSE_VENDORS.has(vendor)) {
        const suse = suseRelease(distro);
        return suse === undefined ? undefined : rpmPackage(p, suse.ecosystem, suse.release, source);
      }
      return vendor === "almalinux" ? rpmPackage(p, "AlmaLinux", enterpriseRelease(distro, "almalinux"), source) : undefined;
    }
    case "npm": {
      const scope = p.namespace[0];
      return { ecosystem: "npm", name: scope === undefined ? p.name : `${scope.startsWith("@") ? scope : `@${scope}`}/${p.name}`, version: p.version };
    }
    case "pypi":
      return { ecosystem: "PyPI", name: normalizePypiName(p.name), version: p.version };
    case "cargo":
      return { ecosystem: "crates.io", name: p.name, version: p.version };
    case "golang":
      // Advisories write Go versions without the `v`, and the toolchain's as `1.22.3` (not `go1.22.3`).
      return { ecosystem: "Go", name: path, version: p.version.replace(/^(?:v|go)(?=\d)/, "") };
    case "gem":
      return { ecosystem: "RubyGems", name: p.name, version: p.version };
    case "composer":
      return { ecosystem: "Packagist", name: path, version: p.version };
    case "maven":
      return p.namespace.length > 0 ? { ecosystem: "Maven", name: `${p.namespace.join(".")}:${p.name}`, version: p.version } : undefined;
    case "nuget":
      return { ecosystem: "NuGet", name: p.name, version: normalizeNugetVersion(p.version) };
    case "pub":
      return { ecosystem: "Pub", name: p.name, version: p.version };
    case "hex":
      return { ecosystem: "Hex", name: p.name.toLowerCase(), version: p.version };
    case "cran":
      return { ecosystem: "CRAN", name: p.name, version: p.version };
    case "hackage":
      return { ecosystem: "Hackage", name: p.name, version: p.version };
    case "conan":
      return { ecosystem: "ConanCenter", name: p.name, version: p.version };
    case "swift":
      return { ecosystem: "SwiftURL", name: path, version: p.version };
    default:
      return undefined;
  }
}

/**
 * A `vcs_url` qualifier marks a package built from a repository (cargo-cyclonedx's git crates,
 * syft's pip direct-URL installs): its version is the checkout's, not a published one, so it is
 * not matched against the registry's advisories, as its lockfile's entry would not be. The URL is
 * kept without credentials; another VCS's (`hg+…`, `svn+…`) counts as a URL source.
 */
function vcsSource(p: ParsedPurl): Pick<PackageEntry, "source" | "vcsUrl"> {
  const url = p.qualifiers["vcs_url"];
  if (url === undefined) return {};
  if (!/^git(?:\+|:\/\/)/i.test(url)) return { source: "url" };
  const vcsUrl = gitVcsUrl(url);
  return vcsUrl === undefined ? { source: "git" } : { source: "git", vcsUrl };
}

/**
 * A package of another registry than its ecosystem's public one, as assay's lockfile readers write
 * its purl: a Hex organisation's (`pkg:hex/acme/name`), a crate or Dart package with a
 * `repository_url` qualifier naming another registry. As from the lockfile, public advisories are
 * not about it.
 */
function privateSource(p: ParsedPurl): Pick<PackageEntry, "source"> {
  if (p.type === "hex" && p.namespace.length > 0) return { source: "private" };
  const url = p.qualifiers["repository_url"];
  if (url === undefined || (p.type !== "cargo" && p.type !== "pub")) return {};
  return PUBLIC_REGISTRIES[p.type].has(registryUrlKey(url)) ? {} : { source: "private" };
}

/** Collects an SBOM's packages, whatever their ecosystems, into one lockfile. */
export class SbomPackages {
  private readonly sets = new Map<OsvEcosystem, PackageSet>();
  private readonly unchecked = new Map<string, number>();

  constructor(readonly path: string) {}

  /**
   * Adds the package a component's purl names (components without a version are left out: they
   * pin nothing); `source` is the source package the document names beside it, if any.
   */
  add(purl: string | undefined, entry: Omit<PackageEntry, "name" | "version">, source?: SourcePackage): void {
    const parsed = purl === undefined ? undefined : parsePurl(purl.trim());
    if (!parsed || parsed.version === "") return;
    const named = lockedNameOf(parsed, source);
    if (!named) {
      if (UNCHECKED_TYPES.has(parsed.type)) this.unchecked.set(parsed.type, (this.unchecked.get(parsed.type) ?? 0) + 1);
      return;
    }
    if (named.name === "" || named.version === "") return;
    let set = this.sets.get(named.ecosystem);
    if (!set) this.sets.set(named.ecosystem, (set = new PackageSet(named.ecosystem, this.path)));
    set.add({ source: "registry", ...entry, ...privateSource(parsed), ...vcsSource(parsed), name: named.name, version: named.version, ...(named.release !== undefined ? { release: named.release } : {}) });
  }

  /** The finished lockfile: its ecosystem is the packages' one, or "mixed" when they have several (or none). */
  lockfileOf(format: string): Lockfile {
    const ecosystems = [...this.sets.keys()];
    const out: Lockfile = {
      path: this.path,
      format,
      ecosystem: ecosystems.length === 1 ? (ecosystems[0] as OsvEcosystem) : "mixed",
      packages: [...this.sets.values()].flatMap((s) => s.packages()),
      unpinned: [],
    };
    if (this.unchecked.size > 0) {
      out.unchecked = { count: [...this.unchecked.values()].reduce((a, b) => a + b, 0), types: [...this.unchecked.keys()].sort() };
    }
    return out;
  }
}
