import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// conan.lock (https://docs.conan.io/2/tutorial/versioning/lockfiles.html): Conan 2 lists references
// (`name/version[@user/channel][#rrev][%timestamp]`) in `requires`, `build_requires` and
// `python_requires`; Conan 1 (lockfile 0.4) keeps a `graph_lock` of nodes.

/** Name and version of a Conan reference. */
export function conanReference(ref: string): { name: string; version: string } {
  let s = ref.split("%")[0] ?? ref;
  s = s.split(":")[0] ?? s;
  s = s.split("#")[0] ?? s;
  s = s.split("@")[0] ?? s;
  const slash = s.indexOf("/");
  // A consumer conanfile has no name: `/version` or just a version.
  return slash < 0 ? { name: "", version: s } : { name: s.slice(0, slash), version: s.slice(slash + 1) };
}

/**
 * The node ids a node requires: lockfile 0.4 lists them (`["1", "2"]`); 0.2 and 0.3 map each
 * reference to its node (`{"zlib/1.2.11#rev": "1"}`).
 */
function nodeIds(requires: unknown): string[] {
  if (Array.isArray(requires)) return requires.map(String);
  const map = asObject(requires);
  return map ? Object.values(map).map(String) : [];
}

/**
 * Which package nodes of a Conan 1 graph the product needs (`host`: reached from the roots, the
 * consumer conanfile or else node 0, through `requires` alone) and which only building needs
 * (`build`: reached only through some node's `build_requires`, a tool such as cmake and what it
 * requires in turn, or in the build context, `"context": "build"` with two profiles). Undefined
 * when no root is found, as nothing can then be said. Linear in nodes and edges.
 */
function requirementKinds(nodes: Record<string, unknown>): { host: Set<string>; build: Set<string> } | undefined {
  // Ids come from the file: only the graph's own keys are nodes (never `constructor` or `__proto__`).
  const isNode = (id: string): boolean => Object.hasOwn(nodes, id);
  let roots = Object.keys(nodes).filter((id) => asString(asObject(nodes[id])?.path) !== undefined);
  if (roots.length === 0 && isNode("0")) roots = ["0"];
  if (roots.length === 0) return undefined;
  const host = new Set<string>();
  const reached = new Set<string>();
  const walk = (starts: string[], into: Set<string>, follow: (n: Record<string, unknown>) => string[]): void => {
    const queue = starts.filter((id) => isNode(id) && !into.has(id));
    for (const id of queue) into.add(id);
    for (let i = 0; i < queue.length; i++) {
      const n = asObject(nodes[queue[i] as string]);
      if (!n) continue;
      for (const d of follow(n)) {
        if (!isNode(d) || into.has(d)) continue;
        into.add(d);
        queue.push(d);
      }
    }
  };
  const hostContext = (id: string): boolean => asString(asObject(nodes[id])?.context) !== "build";
  walk(roots.filter(hostContext), host, (n) => nodeIds(n.requires).filter(hostContext));
  walk(roots, reached, (n) => [...nodeIds(n.requires), ...nodeIds(n.build_requires)]);
  return { host, build: new Set([...reached].filter((id) => !host.has(id))) };
}

/** Builds the lockfile from a parsed conan.lock. */
export function readConanLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a conan.lock: the top level is not an object", 1, 1);
  const set = new PackageSet("ConanCenter", path);
  const nodes = asObject(asObject(root.graph_lock)?.nodes);
  if (nodes) {
    const lines = jsonLines(json.text, (p) => p.length === 3 && p[0] === "graph_lock" && p[1] === "nodes");
    const consumer = asObject(nodes["0"]);
    const direct = new Set([...nodeIds(consumer?.requires), ...nodeIds(consumer?.build_requires)]);
    // Conan 1 marks no package as a build requirement: the graph's edges say which are.
    const kinds = requirementKinds(nodes);
    for (const [id, raw] of Object.entries(nodes)) {
      const n = asObject(raw);
      // A node with a path is a local conanfile (the consumer), not a package.
      if (!n || asString(n.path) !== undefined) continue;
      const ref = asString(n.pref) ?? asString(n.ref);
      if (ref === undefined) continue;
      const { name, version } = conanReference(ref);
      if (name === "") continue;
      // A node the roots do not reach at all (a file edited by hand) is left unsaid.
      const dev = kinds?.build.has(id) ? true : kinds?.host.has(id) ? false : undefined;
      set.add({ name, version, line: lines.get(pathKey(["graph_lock", "nodes", id])), ...(nodes["0"] ? { direct: direct.has(id) } : {}), ...(dev !== undefined ? { dev } : {}), source: "registry" });
    }
    return set.lockfileOf(`conan.lock@${asString(root.version) ?? "0.4"}`);
  }
  const lines = jsonLines(json.text, (p) => p.length === 2 && (p[0] === "requires" || p[0] === "build_requires" || p[0] === "python_requires"));
  for (const field of ["requires", "build_requires", "python_requires"] as const) {
    const list = Array.isArray(root[field]) ? (root[field] as unknown[]) : [];
    list.forEach((ref, i) => {
      if (typeof ref !== "string") return;
      const { name, version } = conanReference(ref);
      if (name === "") return;
      // Build and python requirements are tools for building, not linked into what ships.
      set.add({ name, version, line: lines.get(pathKey([field, i])), dev: field !== "requires", source: "registry" });
    });
  }
  return set.lockfileOf(`conan.lock@${asString(root.version) ?? "0.5"}`);
}

/** The parser for conan.lock. */
export const conanLockParser: Parser<Lockfile> = lockfileParser("conan.lock", jsonParser, "resolve the conflict and run `conan lock create`", (json, file) => readConanLock(json, file.path));
