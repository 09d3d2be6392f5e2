import { ParseFailure, type Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// NuGet's packages.lock.json (https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files#locking-dependencies):
// per target framework, every package with its type (Direct, Transitive, CentralTransitive,
// Project), resolved version, content hash and dependencies.

/** Builds the lockfile from a parsed packages.lock.json. */
export function readPackagesLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a packages.lock.json: the top level is not an object", 1, 1);
  const lines = jsonLines(json.text, (p) => p.length === 3 && p[0] === "dependencies");
  const set = new PackageSet("NuGet", path);
  const graph = new DependencyGraph();
  for (const [framework, raw] of Object.entries(asObject(root.dependencies) ?? {})) {
    const entries = asObject(raw) ?? {};
    const key = (name: string): string => `${framework}\u0000${name.toLowerCase()}`;
    for (const [name, e] of Object.entries(entries)) {
      const info = asObject(e);
      const type = asString(info?.type);
      if (!info) continue;
      const hash = asString(info.contentHash);
      // Project references (the solution's own projects) have no resolved version; OSV-Scanner lists them so.
      const pkg = set.add({ name, version: asString(info.resolved) ?? "", line: lines.get(pathKey(["dependencies", framework, name])), source: type === "Project" ? "path" : "registry", ...(hash ? { hashes: [`sha512-${hash}`] } : {}) });
      graph.node(key(name), pkg);
      if (type === "Direct") graph.root(key(name), false);
    }
    for (const [name, e] of Object.entries(entries)) for (const dep of Object.keys(asObject(asObject(e)?.dependencies) ?? {})) graph.edge(key(name), key(dep));
  }
  graph.apply({ dev: false });
  return set.lockfileOf(`packages.lock.json@${typeof root.version === "number" ? root.version : 1}`);
}

/** The parser for packages.lock.json. */
export const packagesLockParser: Parser<Lockfile> = lockfileParser("packages.lock.json", jsonParser, "resolve the conflict and run `dotnet restore --force-evaluate`", (json, file) => readPackagesLock(json, file.path));
