import type { Lockfile, LockedPackage, OsvEcosystem, UnpinnedRequirement } from "./packages.js";
import { purlFor } from "./purl.js";

/** What a parser knows about one entry; the collector fills in the purl and the lockfile path. */
export interface PackageEntry {
  name: string;
  version: string;
  line?: number;
  direct?: boolean;
  dev?: boolean;
  source?: LockedPackage["source"];
  /** A git dependency's `git+<url>@<commit>` (see `gitVcsUrl`). */
  vcsUrl?: string;
  /** Other names it is installed under (an npm alias); its own name is left out. */
  aliases?: string[];
  hashes?: string[];
  license?: string;
  /** This entry's file when it is not the lockfile itself (a `-r` include, a parent pom). */
  lockfile?: string;
  release?: string;
}

/** Records the names a package is also installed under (each once, never its own). */
export function addAliases(pkg: LockedPackage, aliases: readonly string[] | undefined): void {
  for (const a of aliases ?? []) {
    if (a === "" || a === pkg.name || pkg.aliases?.includes(a)) continue;
    (pkg.aliases ??= []).push(a);
  }
}

/**
 * Collects a lockfile's packages, one per (name, version) as the reference extractors count them:
 * an entry seen twice keeps its first line, is direct if either is, and is dev only if both are
 * (a package needed in production anywhere is a production package); likewise it is a registry
 * package if either copy comes from the registry, so a git fork of the same version cannot hide
 * the registry copy from advisory matching, and then it carries the registry copy's hashes and no
 * repository link.
 */
export class PackageSet {
  private readonly byKey = new Map<string, LockedPackage>();

  constructor(
    readonly ecosystem: OsvEcosystem,
    readonly lockfile: string,
  ) {}

  /** Adds an entry (merged with an earlier one of the same name and version); returns the stored package. */
  add(entry: PackageEntry): LockedPackage {
    const key = `${entry.name}\u0000${entry.version}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (entry.direct) existing.direct = true;
      if (existing.dev !== undefined && entry.dev !== undefined) existing.dev = existing.dev && entry.dev;
      else if (entry.dev === false) existing.dev = false;
      if (entry.source === "registry" && existing.source !== undefined && existing.source !== "registry") {
        // The registry copy stands for the package: the fork's repository link and hashes were of another artifact.
        existing.source = "registry";
        delete existing.vcsUrl;
        if (entry.hashes && entry.hashes.length > 0) existing.hashes = entry.hashes;
        else delete existing.hashes;
      }
      if (existing.line === undefined && entry.line !== undefined) existing.line = entry.line;
      addAliases(existing, entry.aliases);
      if (!existing.hashes && entry.hashes) existing.hashes = entry.hashes;
      if (!existing.license && entry.license) existing.license = entry.license;
      return existing;
    }
    const pkg: LockedPackage = {
      ecosystem: this.ecosystem,
      name: entry.name,
      version: entry.version,
      // A git dependency's purl stays the registry form, as OSV-Scanner's extractors write it; its
      // repository and commit travel beside it (vcsUrl) into the SBOM's vcs reference.
      purl: purlFor(this.ecosystem, entry.name, entry.version),
      lockfile: entry.lockfile ?? this.lockfile,
    };
    if (entry.line !== undefined) pkg.line = entry.line;
    if (entry.direct !== undefined) pkg.direct = entry.direct;
    if (entry.dev !== undefined) pkg.dev = entry.dev;
    if (entry.source !== undefined) pkg.source = entry.source;
    if (entry.vcsUrl !== undefined) pkg.vcsUrl = entry.vcsUrl;
    addAliases(pkg, entry.aliases);
    if (entry.hashes && entry.hashes.length > 0) pkg.hashes = entry.hashes;
    if (entry.license) pkg.license = entry.license;
    if (entry.release !== undefined) pkg.release = entry.release;
    this.byKey.set(key, pkg);
    return pkg;
  }

  /** The stored package of this name and version, if any. */
  get(name: string, version: string): LockedPackage | undefined {
    return this.byKey.get(`${name}\u0000${version}`);
  }

  /** Every package, in the order first seen. */
  packages(): LockedPackage[] {
    return [...this.byKey.values()];
  }

  /** The finished lockfile. */
  lockfileOf(format: string, unpinned: UnpinnedRequirement[] = []): Lockfile {
    return { path: this.lockfile, format, ecosystem: this.ecosystem, packages: this.packages(), unpinned };
  }
}
