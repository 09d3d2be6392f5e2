import { ParseFailure, type Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// The .NET runtime's dependency manifest, `<app>.deps.json`, shipped next to a built application
// (https://github.com/dotnet/runtime/blob/main/docs/design/features/host-probing.md, deps.json):
// `libraries` names every library as `Name/Version` with its type — `package` (from NuGet, what
// is read), `project` (the application and its own projects) or `reference`; `targets` holds each
// library's dependencies per runtime target, which gives the graph from the projects down.

function split(key: string): { name: string; version: string } | undefined {
  const slash = key.indexOf("/");
  if (slash <= 0 || slash !== key.lastIndexOf("/") || slash === key.length - 1) return undefined;
  return { name: key.slice(0, slash), version: key.slice(slash + 1) };
}

/** Builds the lockfile from a parsed deps.json. */
export function readDepsJson(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a .deps.json: the top level is not an object", 1, 1);
  const libraries = asObject(root.libraries) ?? {};
  const lines = jsonLines(json.text, (p) => p.length === 2 && p[0] === "libraries");
  const set = new PackageSet("NuGet", path);
  const graph = new DependencyGraph();
  const byName = new Map<string, string>();
  const projects = new Set<string>();
  for (const [key, raw] of Object.entries(libraries)) {
    const lib = asObject(raw);
    const id = split(key);
    if (!lib || !id) continue;
    const type = asString(lib.type);
    byName.set(id.name.toLowerCase(), key);
    if (type === "project") projects.add(key);
    if (type !== "package") continue;
    const hash = asString(lib.sha512);
    const pkg = set.add({ name: id.name, version: id.version, line: lines.get(pathKey(["libraries", key])), source: "registry", ...(hash?.startsWith("sha512-") ? { hashes: [hash] } : {}) });
    graph.node(key, pkg);
  }
  // Targets (one per runtime) list the same libraries' dependencies by name: one graph, each edge once.
  // The projects' dependencies (the application's own) are the roots.
  const seen = new Set<string>();
  for (const target of Object.values(asObject(root.targets) ?? {})) {
    for (const [key, raw] of Object.entries(asObject(target) ?? {})) {
      for (const dep of Object.keys(asObject(asObject(raw)?.dependencies) ?? {})) {
        const to = byName.get(dep.toLowerCase());
        if (!to || seen.has(`${key}\u0000${to}`)) continue;
        seen.add(`${key}\u0000${to}`);
        if (!projects.has(key)) graph.edge(key, to);
        else if (graph.has(to)) graph.root(to, false);
      }
    }
  }
  // dev stays unknown: the manifest lists what the application runs with, and says nothing of how it was built.
  graph.apply({ dev: false });
  return set.lockfileOf("deps.json");
}

/** The parser for `*.deps.json`. */
export const depsJsonParser: Parser<Lockfile> = lockfileParser("deps.json", jsonParser, "resolve the conflict, or build the application again", (json, file) => readDepsJson(json, file.path));
