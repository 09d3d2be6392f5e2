import { ParseFailure, type TextFile } from "../../core/files.js";
import { eachLine } from "../../core/line-index.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { loadYamlData } from "../formats/yaml-bounds.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { npmSource, npmVcsUrl } from "./npm-source.js";
import { splitDescriptor } from "./yarn-descriptor.js";

// Berry's yarn.lock (yarn 2+): YAML with a `__metadata` entry, keys the comma-joined descriptors an
// entry satisfies. https://yarnpkg.com/configuration/yarnrc

/** Parses berry yarn.lock text as data (every scalar a string), within the bounds of every YAML load. */
export function parseYarnBerry(text: string): Record<string, unknown> {
  const value = loadYamlData(text, { schema: "failsafe" });
  if (value === undefined || value === null) return {};
  const doc = asObject(value);
  if (!doc) throw new ParseFailure("expected a mapping of entries", 1, 1);
  return doc;
}

/** A range written without a protocol (`^1.2.0`, `latest`): no `name:` before it. */
const NO_PROTOCOL = /^[^:]*$/;

/** Where a berry resolution (`name@npm:1.0.0`, `name@patch:…`, `name@https://…`) comes from. */
function berrySource(reference: string): LockedPackage["source"] {
  if (reference.startsWith("npm:")) return "registry";
  if (reference.startsWith("patch:")) {
    // `patch:<inner locator, %-encoded>#<patch file>`: the source is the inner one's.
    const inner = decodeURIComponent(reference.slice(6).split("#")[0] ?? "");
    return berrySource(splitDescriptor(inner).range);
  }
  if (/^(?:portal|file|exec):/.test(reference)) return "path";
  return npmSource(reference) ?? "registry";
}

/** 1-based lines of the top-level keys (`"name@npm:^1.0.0":`), quotes removed. */
function headerLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  eachLine(text, (line, s) => {
    if (!s.endsWith(":") || s.length <= 1 || s.charCodeAt(0) === 32 || s.charCodeAt(0) === 35) return;
    let key = s.slice(0, -1);
    if (key.startsWith('"')) {
      try {
        key = JSON.parse(key) as string;
      } catch {
        // Leave it as written: the entry simply goes without a line.
      }
    }
    out.set(key, line);
  });
  return out;
}

/** One entry of a berry lockfile: its key, fields, and the resolution's name and reference. */
interface BerryEntry {
  key: string;
  e: Record<string, unknown>;
  name: string;
  reference: string;
}

function berryEntries(doc: Record<string, unknown>): BerryEntry[] {
  const out: BerryEntry[] = [];
  for (const [key, raw] of Object.entries(doc)) {
    const e = asObject(raw);
    if (key === "__metadata" || !e) continue;
    const resolution = asString(e.resolution) ?? key.split(",")[0]?.trim() ?? key;
    const { name, range: reference } = splitDescriptor(resolution);
    out.push({ key, e, name, reference });
  }
  return out;
}

/** The project's own workspaces and the local folders it links to, which are not dependencies (berry gives them the placeholder version 0.0.0-use.local). */
const isLocal = (reference: string): boolean => reference.startsWith("workspace:") || reference.startsWith("link:") || reference.startsWith("portal:");

/**
 * Links the packages (`nodes`, by entry key) into the graph the entries record, with each
 * workspace's (and portal's) requirements as roots, and sets direct, path and, when `devOf` tells
 * a workspace's development requirements apart, dev.
 */
function applyGraph(entries: readonly BerryEntry[], nodes: ReadonlyMap<string, LockedPackage>, devOf?: (workspace: string, dep: string) => boolean): void {
  const graph = new DependencyGraph();
  for (const [key, pkg] of nodes) graph.node(key, pkg);
  const byDescriptor = new Map<string, string>();
  for (const { key } of entries) for (const d of key.split(",")) byDescriptor.set(d.trim(), key);
  // Lockfiles of yarn 2 and 3 (versions 4 to 6) write a dependency's range without the default
  // protocol (`debug: ^4.3.2`) while its entry's key has it (`debug@npm:^4.3.2`), as yarn adds it.
  const target = (name: string, range: string): string | undefined =>
    byDescriptor.get(`${name}@${range}`) ?? (NO_PROTOCOL.test(range) ? byDescriptor.get(`${name}@npm:${range}`) : undefined);
  for (const { key, e, reference } of entries) {
    if (isLocal(reference)) continue;
    for (const [dep, range] of Object.entries(asObject(e.dependencies) ?? {})) {
      const t = typeof range === "string" ? target(dep, range) : undefined;
      if (t) graph.edge(key, t);
    }
  }
  for (const { e, reference } of entries) {
    if (!isLocal(reference) || reference.startsWith("link:")) continue;
    const workspace = reference.startsWith("workspace:") ? reference.slice(10) : undefined;
    for (const [dep, range] of Object.entries(asObject(e.dependencies) ?? {})) {
      const t = typeof range === "string" ? target(dep, range) : undefined;
      if (t) graph.root(t, workspace !== undefined && devOf !== undefined && devOf(workspace, dep));
    }
  }
  graph.apply({ dev: devOf !== undefined });
}

/** The lockfile of a berry yarn.lock: packages with lines, the graph from the entries, workspaces as roots. */
export function readYarnBerry(doc: Record<string, unknown>, file: TextFile): Lockfile {
  const lines = headerLines(file.text);
  const set = new PackageSet("npm", file.path);
  const entries = berryEntries(doc);
  const nodes = new Map<string, LockedPackage>();
  for (const { key, e, reference, name } of entries) {
    if (isLocal(reference)) continue;
    const checksum = asString(e.checksum);
    const source = berrySource(reference);
    // An alias's key names it as installed (`old-ms@npm:ms@0.7.0`), its resolution as published.
    const installedAs = splitDescriptor(key.split(",")[0]?.trim() ?? key).name;
    const pkg = set.add({ name, version: asString(e.version) ?? "", line: lines.get(key), ...(installedAs !== name ? { aliases: [installedAs] } : {}), source, vcsUrl: source === "git" ? npmVcsUrl(reference) : undefined, ...(checksum ? { hashes: [checksum] } : {}) });
    nodes.set(key, pkg);
  }
  // Berry merges a workspace's devDependencies into `dependencies`: direct is known here, dev only
  // with the workspaces' package.json files (resolveYarnBerry).
  applyGraph(entries, nodes);
  const version = asString(asObject(doc.__metadata)?.version);
  return set.lockfileOf(`yarn-berry${version ? `@${version}` : ""}`);
}

/** The folders of the workspaces a berry lockfile records (`.`, `packages/lib`), relative to it. */
export function berryWorkspaces(doc: Record<string, unknown>): string[] {
  return workspacesOf(berryEntries(doc));
}

function workspacesOf(entries: readonly BerryEntry[]): string[] {
  return entries.flatMap((b) => (b.reference.startsWith("workspace:") ? [b.reference.slice(10)] : []));
}

/**
 * Completes a berry lockfile with its workspaces' package.json files (by folder, as
 * berryWorkspaces names them): a requirement a workspace lists only under devDependencies is a
 * development root, so what only such roots bring in is marked dev. Unchanged unless every
 * workspace's manifest is given: a missing one could hold the production requirement.
 */
export function resolveYarnBerry(lockfile: Lockfile, doc: Record<string, unknown>, manifests: ReadonlyMap<string, Record<string, unknown>>): Lockfile {
  const entries = berryEntries(doc);
  const workspaces = workspacesOf(entries);
  if (workspaces.length === 0 || workspaces.some((w) => !manifests.has(w))) return lockfile;
  // The parse is shared with other readers: the packages are copied before the graph marks them.
  const set = new PackageSet("npm", lockfile.path);
  for (const p of lockfile.packages) set.add({ ...p });
  const nodes = new Map<string, LockedPackage>();
  for (const { key, e, reference, name } of entries) {
    const pkg = isLocal(reference) ? undefined : set.get(name, asString(e.version) ?? "");
    if (pkg) nodes.set(key, pkg);
  }
  const has = (m: Record<string, unknown> | undefined, field: string, dep: string): boolean => {
    const deps = asObject(m?.[field]);
    return deps !== undefined && Object.hasOwn(deps, dep);
  };
  applyGraph(entries, nodes, (workspace, dep) => {
    const m = manifests.get(workspace);
    return has(m, "devDependencies", dep) && !has(m, "dependencies", dep) && !has(m, "optionalDependencies", dep);
  });
  return { ...lockfile, packages: set.packages() };
}
