import type { FileSource, Parser, ReadOptions } from "../core/files.js";

// The shared model of locked dependencies: what lockfile parsers (src/ecosystems/<name>/) produce
// and what the advisory matcher (src/advisories/), the deps/ rules and the SBOM writers consume.

/** OSV ecosystem names (https://ossf.github.io/osv-schema/#defined-ecosystems) assay reads. */
export type OsvEcosystem =
  | "npm" | "PyPI" | "crates.io" | "Go" | "RubyGems" | "Packagist" | "Maven" | "NuGet"
  | "Pub" | "Hex" | "CRAN" | "Hackage" | "ConanCenter" | "SwiftURL" | "GitHub Actions" | "Debian" | "Ubuntu" | "Alpine" | "Red Hat"
  | "Rocky Linux" | "AlmaLinux" | "SUSE" | "openSUSE" | "Wolfi" | "Chainguard";

/** One package a lockfile pins. */
export interface LockedPackage {
  ecosystem: OsvEcosystem;
  /**
   * The name advisories use: npm names with their scope (`@babel/core`), PyPI names normalised
   * (PEP 503: lower case, runs of `-_.` as `-`), Maven `group:artifact`, Go module paths,
   * Packagist `vendor/package`, SwiftURL the repository URL without scheme or `.git`
   * (`github.com/apple/swift-nio`), crates and gems as written.
   */
  name: string;
  /** The locked version as the ecosystem writes it (Go without the `v`: advisories omit it). */
  version: string;
  /** Package URL (https://github.com/package-url/purl-spec) with the version. */
  purl: string;
  /** The lockfile (or manifest) that pins it. */
  lockfile: string;
  /** 1-based line of the package's entry in the lockfile, where the format allows it. */
  line?: number;
  /** Declared by the project itself; undefined when the format does not record it. */
  direct?: boolean;
  /** Only needed for development; undefined when the format does not record it. */
  dev?: boolean;
  /**
   * The shortest dependency path from a direct dependency down to this package (`name@version`
   * each, the direct one first, this package last), when the format records the graph.
   */
  path?: string[];
  /**
   * Where it comes from: the registry (default), a git repository, a local path, a URL, or a
   * private registry whose names are its own (a Hex organisation's `hexpm:acme`), which public
   * advisories do not name.
   */
  source?: "registry" | "git" | "path" | "url" | "private";
  /**
   * A git dependency's repository and commit as the purl spec's `vcs_url` writes them
   * (`git+https://github.com/o/r@<commit>`); the purl carries it as that qualifier.
   */
  vcsUrl?: string;
  /**
   * Other names it is installed under, which code imports it by: npm aliases
   * (`"old-lodash": "npm:lodash@4.17.4"` installs lodash as `old-lodash`), and the module path a Go
   * `replace` builds a fork under (`github.com/dgrijalva/jwt-go => github.com/golang-jwt/jwt`).
   */
  aliases?: string[];
  /** Integrity hashes as the lockfile records them (`sha512-…`, `sha256:…`). */
  hashes?: string[];
  /** Licence as the lockfile records it (SPDX expression), if it does. */
  license?: string;
  /**
   * The distribution release whose advisories apply (`12` for Debian 12, `22.04:LTS` for Ubuntu
   * 22.04, `v3.19` for Alpine 3.19, `9` for Rocky Linux 9, `Leap 15.5` for openSUSE Leap 15.5,
   * `Linux Enterprise Server 15 SP5` for SLES 15 SP5): OS packages only, whose OSV records are per
   * release (`Debian:12`). Wolfi and Chainguard are rolling distributions: their packages have none.
   */
  release?: string;
}

/** The OSV ecosystem a package's advisories are filed under: an OS package's with its release (`Debian:12`). */
export function osvEcosystemOf(pkg: Pick<LockedPackage, "ecosystem" | "release">): string {
  return pkg.release === undefined ? pkg.ecosystem : `${pkg.ecosystem}:${pkg.release}`;
}

/** A requirement that pins nothing (`requests>=2`, `foo` in requirements.txt): reported, never guessed. */
export interface UnpinnedRequirement {
  name: string;
  /** The specifier as written (`>=2.0`, "" for none). */
  spec: string;
  line: number;
  /** The file it is written in, when not the lockfile itself (a `-r` include). */
  path?: string;
}

/** What a lockfile parser returns. */
export interface Lockfile {
  path: string;
  /** The format (`package-lock@3`, `yarn-berry`, `pnpm@9`, `Cargo.lock`, `requirements.txt`…). */
  format: string;
  /** The packages' ecosystem; "mixed" for an SBOM whose packages are of several (each package names its own). */
  ecosystem: OsvEcosystem | "mixed";
  packages: LockedPackage[];
  /** Requirements that pin no version (requirements.txt and other manifests read as a fallback). */
  unpinned: UnpinnedRequirement[];
  /**
   * Packages listed but not matched against advisories (an SBOM's OS packages of a distribution
   * assay does not match, or whose release it does not name): how many, and their package URL types.
   */
  unchecked?: { count: number; types: string[] };
  /**
   * Files the lockfile takes packages from that could not be read (a requirements file's `-r` or
   * `-c` naming a file missing from the checkout, outside it, or a URL): what they pin is not in
   * `packages`, so a check that relies on them is incomplete.
   */
  unresolved?: { path: string; line: number; target: string; reason: string }[];
}

/** A lockfile format: which paths it reads and the parser that reads them (through ctx.parse). */
export interface LockfileFormat {
  id: string;
  ecosystem: OsvEcosystem | "mixed";
  /** True for paths this format reads (by base name, e.g. `package-lock.json`). */
  matches(path: string): boolean;
  /** Undefined when a file of an ambiguous name is not of this format after all (a `bom.json` that is no CycloneDX BOM). */
  parser: Parser<Lockfile | undefined>;
  /**
   * Base names of files that, next to this one, are read instead of it (`npm-shrinkwrap.json`
   * over `package-lock.json`, `go.mod` over `go.sum`).
   */
  supersededBy?: readonly string[];
  /**
   * Completes a parse with other files of the checkout (a requirements file's `-r` includes, a
   * pom's parent, go.sum for an old go.mod), read through the same cached source.
   */
  resolve?(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile>;
}

/** One comparator per ecosystem: a total order on its versions. */
export interface VersionOrder {
  /** Negative, zero or positive as `a` sorts before, equal to or after `b`. */
  compare(a: string, b: string): number;
  /** True when the string is a version this ecosystem could publish. */
  valid(v: string): boolean;
}

/** What lockfile discovery needs: the inventory and cached parses. */
export type LockfileSource = FileSource;
