import { derivedParser, type Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { fileHashes, normalizePypiName } from "./names.js";

// uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): one `[[package]]` per
// resolved package; the project itself is a `virtual` or `editable` source whose dependencies
// (and `dev-dependencies` groups) are the roots.

function uvSource(source: Record<string, unknown>): LockedPackage["source"] {
  if ("git" in source) return "git";
  if ("path" in source || "directory" in source || "editable" in source || "virtual" in source) return "path";
  if ("url" in source) return "url";
  return "registry";
}

function depNames(list: unknown): string[] {
  return Array.isArray(list) ? list.map((d) => asString(asObject(d)?.name)).filter((n): n is string => n !== undefined).map(normalizePypiName) : [];
}

/** Builds the lockfile from a parsed uv.lock. */
export function readUvLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  const set = new PackageSet("PyPI", path);
  const graph = new DependencyGraph();
  const edges: [string, string[]][] = [];
  const roots: [string[], boolean][] = [];
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const normalized = normalizePypiName(name);
    const source = asObject(p.source) ?? {};
    const optional = Object.values(asObject(p["optional-dependencies"]) ?? {}).flatMap(depNames);
    const dev = Object.values(asObject(p["dev-dependencies"]) ?? {}).flatMap(depNames);
    if ("virtual" in source || "editable" in source) {
      // A workspace member: its requirements are the project's.
      roots.push([[...depNames(p.dependencies), ...optional], false], [dev, true]);
    }
    // The root of a virtual workspace has no real name or version: not a package.
    if (asString(source.virtual) === ".") return;
    const pkg = set.add({
      name: normalized,
      version: asString(p.version) ?? "",
      line: lines?.[i],
      source: uvSource(source),
      hashes: fileHashes([...(p.sdist ? [p.sdist] : []), ...(Array.isArray(p.wheels) ? p.wheels : [])]),
    });
    graph.node(normalized, pkg);
    edges.push([normalized, [...depNames(p.dependencies), ...optional]]);
  });
  for (const [from, names] of edges) for (const to of names) if (to !== from) graph.edge(from, to);
  for (const [names, dev] of roots) for (const n of names) graph.root(n, dev);
  graph.apply();
  return set.lockfileOf(`uv.lock@${typeof toml.value.version === "number" ? toml.value.version : 1}`);
}

/** The parser for uv.lock. */
export const uvLockParser: Parser<Lockfile> = derivedParser("uv.lock", tomlParser, (toml, file) => readUvLock(toml, file.path));
