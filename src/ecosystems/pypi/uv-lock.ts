import type { Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { fileHashes, normalizePypiName } from "./names.js";
import { lockfileParser } from "../conflict-markers.js";

// uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): one `[[package]]` per
// resolved package; the project itself is a `virtual` or `editable` source whose dependencies
// (and its `dev-dependencies` or `dependency-groups` groups, for development) are the roots.

function uvSource(source: Record<string, unknown>): LockedPackage["source"] {
  if ("git" in source) return "git";
  if ("path" in source || "directory" in source || "editable" in source || "virtual" in source) return "path";
  if ("url" in source) return "url";
  return "registry";
}

/** A dependency as uv writes it: a name, and a version only when the lock holds several of that name. */
interface DepRef {
  name: string;
  version?: string;
}

function depRefs(list: unknown): DepRef[] {
  const out: DepRef[] = [];
  if (!Array.isArray(list)) return out;
  for (const d of list) {
    const o = asObject(d);
    const name = asString(o?.name);
    if (name === undefined) continue;
    const version = asString(o?.version);
    out.push({ name: normalizePypiName(name), ...(version !== undefined ? { version } : {}) });
  }
  return out;
}

/** Builds the lockfile from a parsed uv.lock. */
export function readUvLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  const set = new PackageSet("PyPI", path);
  const graph = new DependencyGraph();
  const edges: [string, DepRef[]][] = [];
  const roots: [DepRef[], boolean][] = [];
  // Nodes are `name@version`: a lock split by markers holds one name at several versions
  // (django 5.2 below Python 3.12, 6.1 above), each reached through its own edges.
  const keysByName = new Map<string, string[]>();
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const normalized = normalizePypiName(name);
    const source = asObject(p.source) ?? {};
    const optional = Object.values(asObject(p["optional-dependencies"]) ?? {}).flatMap(depRefs);
    // Development groups: `dev-dependencies` (older uv) and PEP 735 `dependency-groups` (uv 0.4.27+), none installed in production.
    const dev = [...Object.values(asObject(p["dev-dependencies"]) ?? {}), ...Object.values(asObject(p["dependency-groups"]) ?? {})].flatMap(depRefs);
    if ("virtual" in source || "editable" in source) {
      // A workspace member: its requirements are the project's.
      roots.push([[...depRefs(p.dependencies), ...optional], false], [dev, true]);
    }
    // The root of a virtual workspace has no real name or version: not a package.
    if (asString(source.virtual) === ".") return;
    const pkg = set.add({
      name: normalized,
      version: asString(p.version) ?? "",
      line: lines?.[i],
      source: uvSource(source),
      vcsUrl: typeof source.git === "string" ? gitVcsUrl(source.git) : undefined,
      hashes: fileHashes([...(p.sdist ? [p.sdist] : []), ...(Array.isArray(p.wheels) ? p.wheels : [])]),
    });
    const key = `${normalized}@${pkg.version}`;
    graph.node(key, pkg);
    keysByName.set(normalized, [...(keysByName.get(normalized) ?? []), key]);
    edges.push([key, [...depRefs(p.dependencies), ...optional]]);
  });
  // A reference without a version names the one package of that name (uv adds the version when there are several).
  const targets = (d: DepRef): string[] => (d.version !== undefined ? [`${d.name}@${d.version}`] : (keysByName.get(d.name) ?? []));
  for (const [from, deps] of edges) for (const d of deps) for (const to of targets(d)) if (to !== from) graph.edge(from, to);
  for (const [deps, dev] of roots) for (const d of deps) for (const to of targets(d)) graph.root(to, dev);
  graph.apply();
  return set.lockfileOf(`uv.lock@${typeof toml.value.version === "number" ? toml.value.version : 1}`);
}

/** The parser for uv.lock. */
export const uvLockParser: Parser<Lockfile> = lockfileParser("uv.lock", tomlParser, "resolve the conflict and run `uv lock`", (toml, file) => readUvLock(toml, file.path));
