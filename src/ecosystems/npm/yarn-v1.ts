import { ParseFailure } from "../../core/files.js";
import { eachLine } from "../../core/line-index.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { npmSource, npmVcsUrl } from "./npm-source.js";
import { realName, splitDescriptor } from "./yarn-descriptor.js";

// Yarn classic's lockfile syntax (`# yarn lockfile v1`): entries keyed by the descriptors they
// satisfy, two-space indented fields, one nested level for dependency maps. Read line by line in
// linear time: yarn's own grammar-based parser needs 2.4 s for a 7 MB lockfile, this a tenth of that.

/** One entry: the descriptors it satisfies, its fields, and its dependency maps. */
export interface YarnV1Entry {
  descriptors: string[];
  line: number;
  fields: Map<string, string>;
  blocks: Map<string, Map<string, string>>;
}

/** Reads one token (a JSON-quoted string or a bare word) at `i`; returns it and the index after it. */
function token(s: string, i: number, line: number, stopAtColon: boolean): [string, number] {
  if (s.charCodeAt(i) === 34) {
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) !== 34) j += s.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= s.length) throw new ParseFailure("unterminated string", line, i + 1);
    try {
      return [JSON.parse(s.slice(i, j + 1)) as string, j + 1];
    } catch {
      throw new ParseFailure("invalid string escape", line, i + 1);
    }
  }
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 44 || (stopAtColon && c === 58 && j === s.length - 1)) break;
    j++;
  }
  return [s.slice(i, j), j];
}

/** Parses yarn v1 lockfile text into its entries; malformed structure is a ParseFailure at its line. */
export function parseYarnV1(text: string): YarnV1Entry[] {
  const entries: YarnV1Entry[] = [];
  let current: YarnV1Entry | undefined;
  let block: Map<string, string> | undefined;
  eachLine(text, (line, s) => {
    const body = s.trimStart();
    const indent = s.length - body.length;
    if (body === "" || (body.startsWith("#") && indent === 0)) return;
    if (indent === 0) {
      // yarn merges both sides itself on the next install; read here, the marker is no entry header.
      if (isConflictMarker(s)) throw conflictMarkerFailure(line, "resolve the conflict, or run `yarn install`, which merges both sides");
      if (!s.endsWith(":")) throw new ParseFailure("expected an entry header ending in ':'", line, s.length + 1);
      const head = s.slice(0, -1);
      const descriptors: string[] = [];
      let i = 0;
      while (i < head.length) {
        const [t, j] = token(head, i, line, false);
        if (t === "") throw new ParseFailure("expected a descriptor", line, i + 1);
        descriptors.push(t);
        i = j;
        while (i < head.length && (head.charCodeAt(i) === 44 || head.charCodeAt(i) === 32)) i++;
      }
      current = { descriptors, line, fields: new Map(), blocks: new Map() };
      block = undefined;
      entries.push(current);
    } else if (indent === 2) {
      if (!current) throw new ParseFailure("a field outside any entry", line, 3);
      const [key, j] = token(s, 2, line, true);
      if (j >= s.length - 1 && s.endsWith(":")) {
        block = new Map();
        current.blocks.set(key, block);
        return;
      }
      block = undefined;
      const [value] = token(s, j + 1, line, false);
      current.fields.set(key, value);
    } else if (indent === 4 && block) {
      const [key, j] = token(s, 4, line, false);
      const [value] = token(s, j + 1, line, false);
      block.set(key, value);
    }
    // Deeper or unexpected indentation holds nothing a package set needs.
  });
  return entries;
}

/** The lockfile of classic entries: one package per entry, with its line, source and integrity. */
export function readYarnV1(entries: readonly YarnV1Entry[], path: string): Lockfile {
  const set = new PackageSet("npm", path);
  for (const e of entries) {
    const first = e.descriptors[0] ?? "";
    const { name: installedAs, range } = splitDescriptor(first);
    if (range.startsWith("link:")) continue;
    const resolved = e.fields.get("resolved");
    const integrity = e.fields.get("integrity");
    let source = npmSource(resolved) ?? npmSource(range.startsWith("npm:") ? undefined : range);
    if (range.startsWith("file:")) source = "path";
    const name = realName(first);
    set.add({ name, version: e.fields.get("version") ?? "", line: e.line, ...(installedAs !== name ? { aliases: [installedAs] } : {}), source: source ?? "registry", vcsUrl: source === "git" ? (npmVcsUrl(resolved) ?? npmVcsUrl(range)) : undefined, ...(integrity ? { hashes: [integrity] } : {}) });
  }
  return set.lockfileOf("yarn@1");
}

/**
 * Classic yarn.lock does not record the project's own requirements; its package.json files (the
 * project's and its workspaces') do. With them: which packages are direct, which only for
 * development, and the path to each.
 */
export function resolveYarnV1(lockfile: Lockfile, entries: readonly YarnV1Entry[], projects: readonly Record<string, unknown>[]): Lockfile {
  // The parse is shared with other readers: the packages are copied before the graph marks them.
  const set = new PackageSet("npm", lockfile.path);
  for (const p of lockfile.packages) set.add({ ...p });
  const graph = new DependencyGraph();
  const byDescriptor = new Map<string, string>();
  entries.forEach((e, i) => {
    const first = e.descriptors[0] ?? "";
    const pkg = set.get(realName(first), e.fields.get("version") ?? "");
    if (!pkg) return;
    graph.node(String(i), pkg);
    for (const d of e.descriptors) byDescriptor.set(d, String(i));
  });
  entries.forEach((e, i) => {
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
