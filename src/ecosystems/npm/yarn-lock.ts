import { parseSyml } from "@yarnpkg/parsers";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { npmSource } from "./npm-source.js";
import { parseYarnV1 } from "./yarn-v1.js";

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

/** Builds the lockfile from yarn.lock text, classic or berry. */
export function readYarnLock(file: TextFile): Lockfile {
  return /^__metadata:/m.test(file.text) ? readBerry(file) : readClassic(file);
}

function readClassic(file: TextFile): Lockfile {
  const set = new PackageSet("npm", file.path);
  for (const e of parseYarnV1(file.text)) {
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

function readBerry(file: TextFile): Lockfile {
  let doc: Record<string, unknown>;
  try {
    doc = parseSyml(file.text) as Record<string, unknown>;
  } catch (e) {
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? "invalid YAML";
    throw new ParseFailure(reason, mark?.line !== undefined ? mark.line + 1 : 1, mark?.column !== undefined ? mark.column + 1 : 1);
  }
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
export const yarnLockParser: Parser<Lockfile> = { id: "yarn.lock", parse: (file: TextFile) => readYarnLock(file) };
