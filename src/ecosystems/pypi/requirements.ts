import { joinRelative } from "../../core/checkout-path.js";
import { derivedParser, type FileSource, type Parser, type ReadOptions } from "../../core/files.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile, UnpinnedRequirement } from "../packages.js";
import { requirementsFileParser, type Requirement, type RequirementsFile } from "./requirements-file.js";

// requirements*.txt as a lockfile: `==` pins are packages, everything else is reported as unpinned
// (never guessed); `-r` includes are followed inside the checkout, once each (cycles end there),
// and `-c` constraint files pin what the requirements leave open, as pip applies them.

const MAX_FILES = 256;

/** True for the files pip users name requirements (`requirements.txt`, `requirements-dev.txt`, `requirements/base.txt`). */
export function isRequirementsPath(path: string): boolean {
  if (!path.endsWith(".txt")) return false;
  const parts = path.split("/");
  const base = parts[parts.length - 1] ?? "";
  return base.includes("requirements") || parts[parts.length - 2] === "requirements";
}

function toLockfile(files: RequirementsFile[], constraints: Map<string, { version: string; path: string; line: number; hashes: string[] }>, root: string): Lockfile {
  const set = new PackageSet("PyPI", root);
  const unpinned: UnpinnedRequirement[] = [];
  const add = (r: Requirement, path: string): void => {
    const where = path === root ? {} : { lockfile: path };
    if (r.pinned !== undefined) {
      set.add({ name: r.name, version: r.pinned, line: r.line, source: "registry", hashes: r.hashes, ...where });
      return;
    }
    const c = r.spec.startsWith("@") ? undefined : constraints.get(r.name);
    if (c) set.add({ name: r.name, version: c.version, line: c.line, source: "registry", hashes: c.hashes, ...(c.path === root ? {} : { lockfile: c.path }) });
    else unpinned.push({ name: r.name, spec: r.spec, line: r.line, ...(path === root ? {} : { path }) });
  };
  for (const f of files) for (const r of f.requirements) add(r, f.path);
  return set.lockfileOf("requirements.txt", unpinned);
}

/** The lockfile of one requirements file on its own (includes not followed). */
export const requirementsParser: Parser<Lockfile> = derivedParser("requirements.txt", requirementsFileParser, (f) => toLockfile([f], new Map(), f.path));

/** Joins a relative include to the including file's folder, inside the checkout; undefined when it leaves it or is a URL. */
export function resolveInclude(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith("/")) return undefined;
  return joinRelative(from.split("/").slice(0, -1).join("/"), target);
}

/** Follows `-r` and `-c` from a requirements file through the cached source and builds its lockfile. */
export async function resolveRequirements(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const root = lockfile.path;
  const files: RequirementsFile[] = [];
  const constraints = new Map<string, { version: string; path: string; line: number; hashes: string[] }>();
  const seen = new Set<string>([root]);
  const unresolved: NonNullable<Lockfile["unresolved"]> = [];
  const queue: { path: string; constraint: boolean }[] = [{ path: root, constraint: false }];
  for (let i = 0; i < queue.length && i < MAX_FILES; i++) {
    const { path, constraint } = queue[i] as { path: string; constraint: boolean };
    // An include that is missing or unreadable is reported by the workspace (unless optional) and skipped.
    const f = src.has(path) ? await src.parse(path, requirementsFileParser, options) : undefined;
    if (!f) continue;
    if (constraint) {
      for (const r of f.requirements) if (r.pinned !== undefined && !constraints.has(r.name)) constraints.set(r.name, { version: r.pinned, path, line: r.line, hashes: r.hashes });
    } else files.push(f);
    for (const inc of f.includes) {
      const target = resolveInclude(path, inc.target);
      // pip would read it (or fail on it): what it pins is missing here, and saying so keeps a
      // check that never saw those pins from passing.
      if (target === undefined) unresolved.push({ path, line: inc.line, target: inc.target, reason: "is outside the checkout or a URL, which are not read" });
      else if (!seen.has(target) && !src.has(target)) unresolved.push({ path, line: inc.line, target: inc.target, reason: "is not in the checkout" });
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      // A file included from a constraints file is itself read as constraints.
      queue.push({ path: target, constraint: constraint || inc.kind === "constraint" });
    }
  }
  const out = files.length <= 1 && constraints.size === 0 ? lockfile : toLockfile(files, constraints, root);
  return unresolved.length > 0 ? { ...out, unresolved } : out;
}
