import { joinRelative } from "../../core/checkout-path.js";
import { derivedParser, type FileSource, type Parser, type ReadOptions } from "../../core/files.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { pomFileParser, type PomDependency, type PomFile } from "./pom-file.js";

// pom.xml as a manifest of pinned Maven dependencies, offline: the declared dependencies (and
// those inherited from parents found in the checkout), versions filled in from dependencyManagement,
// `${…}` properties interpolated from the pom and its parents. A dependencyManagement entry no
// dependency uses is no dependency (Maven adds nothing for it, and osv-scalibr lists only declared
// dependencies). Nothing is fetched: a parent or BOM outside the checkout is not read.

const MAX_PARENTS = 16;

/** The lower bound of a version requirement (`[1.0,2.0)` → `1.0`; `1.2.3` as is), as OSV-Scanner reads it. */
export function requirementVersion(v: string): string {
  let s = v.trim();
  if (s.startsWith("[") || s.startsWith("(")) s = s.slice(1);
  const end = s.search(/[,)\]]/);
  return (end >= 0 ? s.slice(0, end) : s).trim();
}

/** The properties a pom sees: its ancestors' (farthest first), its own, and the project.* built-ins. */
function propertiesOf(chain: PomFile[]): Map<string, string> {
  const props = new Map<string, string>();
  for (const pom of [...chain].reverse()) for (const [k, v] of pom.properties) props.set(k, v);
  const self = chain[0] as PomFile;
  const parent = self.parent ?? {};
  const builtins: Record<string, string | undefined> = {
    groupId: self.groupId ?? parent.groupId,
    artifactId: self.artifactId,
    version: self.version ?? parent.version,
    "parent.groupId": parent.groupId,
    "parent.artifactId": parent.artifactId,
    "parent.version": parent.version,
  };
  for (const [k, v] of Object.entries(builtins)) {
    if (v === undefined) continue;
    for (const prefix of ["project.", "pom.", ""]) if (!(prefix === "" && k.startsWith("parent.")) && !props.has(prefix + k)) props.set(prefix + k, v);
  }
  return props;
}

/** Replaces `${name}` with its property, recursively (bounded); unknown names stay as written. */
function interpolate(s: string | undefined, props: Map<string, string>): string | undefined {
  if (s === undefined || !s.includes("${")) return s;
  let out = s;
  for (let depth = 0; depth < 16 && out.includes("${"); depth++) {
    const next = out.replace(/\$\{([^${}]{1,200})\}/g, (m, name: string) => props.get(name) ?? m);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Builds the lockfile of a pom and the ancestors found for it (nearest first). */
export function readPom(chain: PomFile[]): Lockfile {
  const self = chain[0] as PomFile;
  const props = propertiesOf(chain);
  const resolve = (d: PomDependency): PomDependency => ({
    ...d,
    groupId: interpolate(d.groupId, props) ?? d.groupId,
    artifactId: interpolate(d.artifactId, props) ?? d.artifactId,
    ...(d.version !== undefined ? { version: interpolate(d.version, props) } : {}),
    ...(d.scope !== undefined ? { scope: interpolate(d.scope, props) } : {}),
  });
  // Inheritance: a child's declaration overrides its parent's for the same group:artifact.
  const managed = new Map<string, PomDependency>();
  const declared = new Map<string, PomDependency>();
  for (const pom of [...chain].reverse()) {
    for (const d of pom.managed.map(resolve)) managed.set(`${d.groupId}:${d.artifactId}`, d);
    for (const d of pom.dependencies.map(resolve)) {
      const key = `${d.groupId}:${d.artifactId}`;
      declared.delete(key);
      declared.set(key, d);
    }
  }
  const set = new PackageSet("Maven", self.path);
  const add = (d: PomDependency): void => {
    const m = managed.get(`${d.groupId}:${d.artifactId}`);
    const written = requirementVersion(d.version ?? m?.version ?? "");
    // A property no pom in reach defines (a parent or BOM outside the checkout, `-Drevision=…`), or
    // Maven 2's `LATEST`/`RELEASE` (whatever the repository holds on the day), is no version:
    // compared as one, `${log4j.version}` sorts below every release and would match every advisory
    // that starts at 0. Unknown, like a version a parent outside the checkout manages.
    const version = written.includes("${") || written === "LATEST" || written === "RELEASE" ? "" : written;
    const scope = d.scope ?? m?.scope ?? "compile";
    set.add({
      name: `${d.groupId}:${d.artifactId}`,
      version,
      line: d.line,
      direct: true,
      dev: scope === "test",
      source: "registry",
      ...(d.path === self.path ? {} : { lockfile: d.path }),
    });
  };
  for (const d of declared.values()) add(d);
  return set.lockfileOf("pom.xml");
}

/** The lockfile of a pom read alone (no parents). */
export const pomParser: Parser<Lockfile> = derivedParser("pom.xml", pomFileParser, (pom) => readPom([pom]));

/** Where a parent reference points: `<relativePath>` (a pom or its folder), by default `../pom.xml`; undefined outside the checkout. */
function parentPath(pom: PomFile): string | undefined {
  const rel = pom.parent?.relativePath ?? "../pom.xml";
  if (rel === "") return undefined;
  const joined = joinRelative(pom.path.split("/").slice(0, -1).join("/"), rel);
  if (joined === undefined) return undefined;
  return joined.endsWith(".xml") ? joined : joined === "" ? "pom.xml" : `${joined}/pom.xml`;
}

/** Reads the parents a pom names that are in the checkout (and are the artifact it names) and rebuilds its lockfile. */
export async function resolvePom(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const self = await src.parse(lockfile.path, pomFileParser, options);
  if (!self?.parent) return lockfile;
  const chain: PomFile[] = [self];
  const seen = new Set([self.path]);
  for (let pom = self; pom.parent && chain.length <= MAX_PARENTS; ) {
    const path = parentPath(pom);
    if (path === undefined || seen.has(path) || !src.has(path)) break;
    seen.add(path);
    const parent = await src.parse(path, pomFileParser, { optional: true, ...options });
    // Maven checks the file it found is the parent named; a different artifact there is not it.
    if (!parent || (pom.parent.artifactId !== undefined && parent.artifactId !== pom.parent.artifactId)) break;
    chain.push(parent);
    pom = parent;
  }
  return chain.length === 1 ? lockfile : readPom(chain);
}
