import { ParseFailure, type Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsoncParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { isGitSpec, npmVcsUrl, registryTarballVersion } from "./npm-source.js";
import { splitDescriptor } from "./yarn-descriptor.js";
import { lockfileParser } from "../conflict-markers.js";

// bun.lock, bun's text lockfile (JSON with trailing commas, https://bun.sh/docs/install/lockfile):
// `packages` maps install paths (`debug/ms` is ms nested under debug) to tuples
// [ "name@version", registry, { dependencies… }, integrity ]; `workspaces` holds the roots. Other
// resolutions replace the version: `workspace:<path>`, `link:<path>`, `file:<folder>`, a local
// tarball's path (`name@vendor/a-1.0.0.tgz`), a URL, a git or github reference, and `root:`, the
// project's own package (written when it has `bin` entries or a workspace depends on it).

/** The package names an install path is made of (`@a/b/c` → [`@a/b`, `c`]). */
function segments(key: string): string[] {
  const parts = key.split("/");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p.startsWith("@") && i + 1 < parts.length) out.push(`${p}/${parts[++i] as string}`);
    else out.push(p);
  }
  return out;
}

function bunSource(version: string): LockedPackage["source"] {
  if (/^(?:file|link|portal):/.test(version)) return "path";
  if (isGitSpec(version) || version.includes("#")) return "git";
  if (/^https?:\/\//.test(version)) return "url";
  if (isLocalTarball(version)) return "path";
  return "registry";
}

/**
 * A local tarball's resolution, its path as written (`vendor/a-1.0.0.tgz`, `./a.tgz`): a registry
 * version is SemVer, which never holds a `/` nor ends in an archive's extension.
 */
function isLocalTarball(range: string): boolean {
  return range.includes("/") || /\.(?:tgz|tar\.gz|tar)$/i.test(range);
}

/** Builds the lockfile from a parsed bun.lock. */
export function readBunLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a bun.lock: the top level is not an object", 1, 1);
  const packages = asObject(root.packages) ?? {};
  const lines = jsonLines(json.text, (p) => p.length === 2 && p[0] === "packages", true);
  const set = new PackageSet("npm", path);
  const graph = new DependencyGraph();
  const workspaceNames = new Map<string, string>();
  const tuples: [string, unknown[]][] = [];
  for (const [key, raw] of Object.entries(packages)) {
    if (!Array.isArray(raw)) continue;
    const ident = asString(raw[0]);
    if (ident === undefined) continue;
    const { name, range } = splitDescriptor(ident);
    // The project's own packages: its workspaces, linked folders and its root package (`root:`).
    if (range.startsWith("workspace:") || range.startsWith("link:") || range.startsWith("root:")) {
      if (range.startsWith("workspace:")) workspaceNames.set(range.slice("workspace:".length), name);
      continue;
    }
    const source = bunSource(range);
    // A git dependency records its commit after `#`, a local one its path, a tarball its URL: none
    // is a version, but a registry tarball (`<name>/-/<name>-<version>.tgz`) names its own.
    const tarball = source === "url" ? (registryTarballVersion(name, range) ?? "") : undefined;
    const version = tarball ?? (source === "registry" ? range : "");
    const integrity = asString(raw[raw.length - 1]);
    // An alias is installed under its key's last name (`"old-ms": ["ms@0.7.0", …]`).
    const installedAs = segments(key).pop() ?? name;
    const pkg = set.add({
      name,
      version,
      line: lines.get(pathKey(["packages", key])),
      ...(installedAs !== name ? { aliases: [installedAs] } : {}),
      source: tarball ? "registry" : source,
      vcsUrl: source === "git" ? npmVcsUrl(range) : undefined,
      ...(integrity?.startsWith("sha") ? { hashes: [integrity] } : {}),
    });
    graph.node(key, pkg);
    tuples.push([key, raw]);
  }
  const resolve = (from: string[], dep: string): string | undefined => {
    // Like node_modules: nested under the requester first, then under each ancestor, then hoisted.
    for (let n = from.length; n >= 0; n--) {
      const key = [...from.slice(0, n), dep].join("/");
      if (graph.has(key)) return key;
    }
    return undefined;
  };
  for (const [key, raw] of tuples) {
    const meta = asObject(raw.find((v, i) => i > 0 && asObject(v) !== undefined));
    const from = segments(key);
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      for (const dep of Object.keys(asObject(meta?.[field]) ?? {})) {
        const t = resolve(from, dep);
        if (t && t !== key) graph.edge(key, t);
      }
    }
  }
  for (const [wsPath, raw] of Object.entries(asObject(root.workspaces) ?? {})) {
    const ws = asObject(raw) ?? {};
    const name = asString(ws.name);
    const from = wsPath === "" || name === undefined ? [] : [workspaceNames.has(wsPath) ? (workspaceNames.get(wsPath) as string) : name];
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "devDependencies"]) {
      for (const dep of Object.keys(asObject(ws[field]) ?? {})) {
        const t = resolve(from, dep);
        if (t) graph.root(t, field === "devDependencies");
      }
    }
  }
  graph.apply();
  return set.lockfileOf(`bun.lock@${typeof root.lockfileVersion === "number" ? root.lockfileVersion : 0}`);
}

/** The parser for bun.lock. */
export const bunLockParser: Parser<Lockfile> = lockfileParser("bun.lock", jsoncParser, "resolve the conflict and run `bun install`", (json, file) => readBunLock(json, file.path));
