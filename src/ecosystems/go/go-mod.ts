import { derivedParser, type FileSource, type Parser, type ReadOptions } from "../../core/files.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { goModFileParser, type GoModFile } from "./go-mod-file.js";
import { goSumParser } from "./go-sum.js";

// go.mod as a lockfile, as OSV-Scanner reads it: every `require` (`// indirect` ones are
// transitive), `replace` applied (a local one keeps the module path, unversioned), and the Go
// version (the toolchain's when set) as the `stdlib` pseudo-package. Before go 1.17 go.mod lists
// only direct requirements, so go.sum fills in.

/** Versions without the `v` (Go advisories write `1.2.3`). */
export function stripV(version: string): string {
  return version.startsWith("v") ? version.slice(1) : version;
}

/** The toolchain line's Go version (`go1.22.3-custom` → `1.22.3`), when it names one. */
function toolchainVersion(mod: GoModFile): string | undefined {
  const v = mod.toolchain?.split("-")[0] ?? "";
  // `toolchain default` (valid go.mod, https://go.dev/doc/toolchain) names no release: the go line
  // decides. Taken as a version it would sort below every release and match every stdlib advisory.
  return /^go1(?:\.|$)/.test(v) ? v.slice(2) : undefined;
}

/** The Go version the module builds with: the toolchain's (`go1.22.3` → `1.22.3`), else the `go` line's. */
export function goVersionOf(mod: GoModFile): string | undefined {
  return toolchainVersion(mod) ?? mod.go;
}

/** True when `version` (`1.16`, `1.21.0`) is below 1.17. */
function before117(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map((n) => Number.parseInt(n, 10) || 0);
  return major < 1 || (major === 1 && minor < 17);
}

/** Builds the lockfile from a parsed go.mod. */
export function readGoMod(mod: GoModFile): Lockfile {
  interface Entry {
    name: string;
    version: string;
    line: number;
    direct: boolean;
    local: boolean;
    /** The module path code imports it by, when a replacement builds another module (a fork) in its place. */
    importedAs?: string;
  }
  const entries = new Map<string, Entry>();
  for (const r of mod.require) {
    entries.set(`${r.path}@${stripV(r.version)}`, { name: r.path, version: stripV(r.version), line: r.line, direct: !r.indirect, local: false });
  }
  for (const rep of mod.replace) {
    // Without an old version every version of the module is replaced; with one, only that version.
    const hits = rep.old.version === "" ? [...entries].filter(([, e]) => e.name === rep.old.path) : entries.has(`${rep.old.path}@${stripV(rep.old.version)}`) ? [[`${rep.old.path}@${stripV(rep.old.version)}`, entries.get(`${rep.old.path}@${stripV(rep.old.version)}`) as Entry] as const] : [];
    for (const [key, e] of hits) {
      // A local replacement (`=> ../fork`) is a folder of the checkout, not a module: it keeps the
      // module path it stands in for (a folder path is no package name, and `../x` no purl) with no
      // version, since no published version of the module is built.
      const local = rep.new.version === "";
      // The version built is the one the replace line names: a finding points there, where it is changed.
      entries.set(key, local ? { ...e, version: "", local } : { ...e, name: rep.new.path, version: stripV(rep.new.version), line: rep.line, local, ...(rep.new.path !== e.name ? { importedAs: e.name } : {}) });
    }
  }
  const set = new PackageSet("Go", mod.path);
  for (const e of entries.values()) set.add({ name: e.name, version: e.version, line: e.line, direct: e.direct, source: e.local ? "path" : "registry", ...(e.importedAs ? { aliases: [e.importedAs] } : {}) });
  const go = goVersionOf(mod);
  // The line that sets the version, so a stdlib finding points where the fix is made.
  const line = toolchainVersion(mod) !== undefined ? mod.toolchainLine : mod.goLine;
  if (go) set.add({ name: "stdlib", version: go, source: "registry", ...(line !== undefined ? { line } : {}) });
  return set.lockfileOf("go.mod");
}

/** The parser for go.mod. */
export const goModParser: Parser<Lockfile> = derivedParser("go.mod", goModFileParser, (mod) => readGoMod(mod));

/** Before go 1.17 the indirect requirements are only in go.sum: add its modules, as OSV-Scanner does. */
export async function resolveGoMod(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const mod = await src.parse(lockfile.path, goModFileParser, options);
  const go = mod ? goVersionOf(mod) : undefined;
  // No go line means a current toolchain: go.sum is not needed (and is not read), as OSV-Scanner does.
  if (!mod || go === undefined || !before117(go)) return lockfile;
  const sumPath = `${lockfile.path.slice(0, -".mod".length)}.sum`;
  if (!src.has(sumPath)) return lockfile;
  const sum = await src.parse(sumPath, goSumParser, { optional: true, ...options });
  if (!sum) return lockfile;
  const set = new PackageSet("Go", lockfile.path);
  for (const p of lockfile.packages) set.add({ ...p });
  for (const p of sum.packages) if (!set.get(p.name, p.version)) set.add({ ...p, direct: false, lockfile: sumPath });
  return { ...lockfile, packages: set.packages() };
}
