import { parseSyml } from "@yarnpkg/parsers";
import picomatch from "picomatch";
import { derivedParser, ParseFailure, type FileSource, type Parser, type ReadOptions, type TextFile } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString, jsonParser } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { npmSource } from "./npm-source.js";
import { parseYarnV1, type YarnV1Entry } from "./yarn-v1.js";

// yarn.lock: classic (v1, yarn's own syntax) and berry (yarn 2+, YAML with `__metadata`).
// https://classic.yarnpkg.com/lang/en/docs/yarn-lock/ and https://yarnpkg.com/configuration/yarnrc

/** Splits `name@range` (the name may be scoped: `@scope/name@range`). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf("@", 1);
  return at < 0 ? { name: descriptor, range: "" } : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** The real package behind an alias (`sw4@npm:string-width@4.2.0` → `string-width`). */
function realName(descriptor: string): string {
  const { name, range } = splitDescriptor(descriptor);
  if (range.startsWith("npm:") && range.indexOf("@", 5) > 0) return splitDescriptor(range.slice(4)).name;
  return name;
}

/** A yarn.lock as parsed: classic entries, or berry's YAML document. */
export type YarnSource = { kind: "classic"; entries: YarnV1Entry[] } | { kind: "berry"; doc: Record<string, unknown> };

/** Parses yarn.lock text, classic or berry (a berry file has `__metadata`). */
export function parseYarnSource(text: string): YarnSource {
  if (!/^__metadata:/m.test(text)) return { kind: "classic", entries: parseYarnV1(text) };
  try {
    return { kind: "berry", doc: parseSyml(text) as Record<string, unknown> };
  } catch (e) {
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? "invalid YAML";
    throw new ParseFailure(reason, mark?.line !== undefined ? mark.line + 1 : 1, mark?.column !== undefined ? mark.column + 1 : 1);
  }
}

/** The workspace parser for yarn.lock as parsed (shared by the lockfile and its resolve step). */
export const yarnSourceParser: Parser<YarnSource> = { id: "yarn-source", parse: (file: TextFile) => parseYarnSource(file.text) };

/** Builds the lockfile from yarn.lock text, classic or berry. */
export function readYarnLock(file: TextFile): Lockfile {
  return buildYarnLock(parseYarnSource(file.text), file);
}

function buildYarnLock(source: YarnSource, file: TextFile): Lockfile {
  return source.kind === "classic" ? readClassic(source.entries, file.path) : readBerry(source.doc, file);
}

function readClassic(entries: YarnV1Entry[], path: string): Lockfile {
  const set = new PackageSet("npm", path);
  for (const e of entries) {
    const first = e.descriptors[0] ?? "";
    const { range } = splitDescriptor(first);
    if (range.startsWith("link:")) continue;
    const resolved = e.fields.get("resolved");
    const integrity = e.fields.get("integrity");
    let source = npmSource(resolved) ?? npmSource(range.startsWith("npm:") ? undefined : range);
    if (range.startsWith("file:")) source = "path";
    set.add({ name: realName(first), version: e.fields.get("version") ?? "", line: e.line, source: source ?? "registry", ...(integrity ? { hashes: [integrity] } : {}) });
  }
  return set.lockfileOf("yarn@1");
}

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

function headerLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    let s = text.slice(start, end);
    start = end + 1;
    if (s.endsWith("\r")) s = s.slice(0, -1);
    if (s.endsWith(":") && s.length > 1 && s.charCodeAt(0) !== 32 && s.charCodeAt(0) !== 35) {
      let key = s.slice(0, -1);
      if (key.startsWith('"')) {
        try {
          key = JSON.parse(key) as string;
        } catch {
          // Leave it as written: the entry simply goes without a line.
        }
      }
      out.set(key, line);
    }
    if (nl < 0) break;
  }
  return out;
}

function readBerry(doc: Record<string, unknown>, file: TextFile): Lockfile {
  const lines = headerLines(file.text);
  const set = new PackageSet("npm", file.path);
  const graph = new DependencyGraph();
  const byDescriptor = new Map<string, string>();
  const workspaces: Record<string, unknown>[] = [];
  const entries: [string, Record<string, unknown>][] = [];
  for (const [key, raw] of Object.entries(doc)) {
    const e = asObject(raw);
    if (key === "__metadata" || !e) continue;
    for (const d of key.split(",")) byDescriptor.set(d.trim(), key);
    const resolution = asString(e.resolution) ?? key.split(",")[0]?.trim() ?? key;
    const { name, range: reference } = splitDescriptor(resolution);
    if (reference.startsWith("workspace:") || reference.startsWith("link:")) {
      // The project's own workspaces (and links to folders) are not dependencies: their requirements are the roots.
      if (reference.startsWith("workspace:")) workspaces.push(e);
      continue;
    }
    const checksum = asString(e.checksum);
    const pkg = set.add({ name, version: asString(e.version) ?? "", line: lines.get(key), source: berrySource(reference), ...(checksum ? { hashes: [checksum] } : {}) });
    graph.node(key, pkg);
    entries.push([key, e]);
  }
  const target = (name: string, range: string): string | undefined => byDescriptor.get(`${name}@${range}`);
  for (const [key, e] of entries) {
    for (const [dep, range] of Object.entries(asObject(e.dependencies) ?? {})) {
      const t = typeof range === "string" ? target(dep, range) : undefined;
      if (t) graph.edge(key, t);
    }
  }
  for (const w of workspaces) {
    for (const [dep, range] of Object.entries(asObject(w.dependencies) ?? {})) {
      const t = typeof range === "string" ? target(dep, range) : undefined;
      if (t) graph.root(t, false);
    }
  }
  // Berry merges a workspace's devDependencies into `dependencies`: direct is known, dev is not.
  graph.apply({ dev: false });
  const version = asString(asObject(doc.__metadata)?.version);
  return set.lockfileOf(`yarn-berry${version ? `@${version}` : ""}`);
}

/** The parser for yarn.lock (classic v1 and berry). */
export const yarnLockParser: Parser<Lockfile> = derivedParser("yarn.lock", yarnSourceParser, (source, file) => buildYarnLock(source, file));

/** The package.json files of a yarn project: the one beside the lockfile and its workspaces'. */
async function manifests(lockPath: string, src: FileSource, options?: ReadOptions): Promise<Record<string, unknown>[]> {
  const dir = lockPath.slice(0, lockPath.lastIndexOf("/") + 1);
  const rootPath = `${dir}package.json`;
  if (!src.has(rootPath)) return [];
  const root = asObject((await src.parse(rootPath, jsonParser, { optional: true, ...options }))?.value);
  if (!root) return [];
  const ws = Array.isArray(root.workspaces) ? root.workspaces : asObject(root.workspaces)?.packages;
  const globs = Array.isArray(ws) ? ws.filter((g): g is string => typeof g === "string").slice(0, 256).map((g) => `${dir}${g.replace(/^\.\//, "").replace(/\/$/, "")}/package.json`) : [];
  const out = [root];
  if (globs.length === 0) return out;
  const match = picomatch(globs, { dot: false });
  for (const f of src.index.named("package.json")) {
    if (f.path === rootPath || !match(f.path) || f.path.split("/").includes("node_modules")) continue;
    const m = asObject((await src.parse(f.path, jsonParser, { optional: true, ...options }))?.value);
    if (m) out.push(m);
  }
  return out;
}

/**
 * Classic yarn.lock does not record the project's own requirements; its package.json (and its
 * workspaces') does. With them: which packages are direct, which are only for development, and
 * the path to each. Without a package.json beside it the lockfile is returned as it is.
 */
export async function resolveYarnLock(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  if (lockfile.format !== "yarn@1") return lockfile;
  const source = await src.parse(lockfile.path, yarnSourceParser, options);
  if (source?.kind !== "classic") return lockfile;
  const projects = await manifests(lockfile.path, src, options);
  if (projects.length === 0) return lockfile;
  // The parse is shared with other readers: the packages are copied before the graph marks them.
  const set = new PackageSet("npm", lockfile.path);
  for (const p of lockfile.packages) set.add({ ...p });
  const graph = new DependencyGraph();
  const byDescriptor = new Map<string, string>();
  source.entries.forEach((e, i) => {
    const first = e.descriptors[0] ?? "";
    const pkg = set.get(realName(first), e.fields.get("version") ?? "");
    if (!pkg) return;
    graph.node(String(i), pkg);
    for (const d of e.descriptors) byDescriptor.set(d, String(i));
  });
  source.entries.forEach((e, i) => {
    for (const block of ["dependencies", "optionalDependencies"]) {
      for (const [dep, range] of e.blocks.get(block) ?? []) {
        const t = byDescriptor.get(`${dep}@${range}`);
        if (t !== undefined) graph.edge(String(i), t);
      }
    }
  });
  for (const m of projects) {
    for (const field of ["dependencies", "optionalDependencies", "devDependencies"]) {
      for (const [dep, range] of Object.entries(asObject(m[field]) ?? {})) {
        const t = typeof range === "string" ? byDescriptor.get(`${dep}@${range}`) : undefined;
        if (t !== undefined) graph.root(t, field === "devDependencies");
      }
    }
  }
  graph.apply();
  return { ...lockfile, packages: set.packages() };
}
