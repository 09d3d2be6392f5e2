import { ParseFailure, type Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { integrityHashes, isGitSpec, nameFromInstallPath, npmSource, npmVcsUrl, registryTarballVersion } from "./npm-source.js";
import { lockfileParser } from "../conflict-markers.js";

// npm's package-lock.json and npm-shrinkwrap.json (https://docs.npmjs.com/cli/configuring-npm/package-lock-json):
// v2 and v3 list every installed copy under `packages` by install path; v1 nests `dependencies`.

const PROD_DEPS = ["dependencies", "optionalDependencies", "peerDependencies"] as const;
const PROJECT_DEPS = [...PROD_DEPS, "devDependencies"] as const;

/** Builds the lockfile from a parsed package-lock.json or npm-shrinkwrap.json. */
export function readPackageLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a package-lock: the top level is not an object", 1, 1);
  const version = typeof root.lockfileVersion === "number" ? root.lockfileVersion : 1;
  const kind = path.endsWith("npm-shrinkwrap.json") ? "npm-shrinkwrap" : "package-lock";
  // npm writes both as objects; any other value would read as a lockfile without packages, and a
  // deps check would pass on a file it never read.
  for (const key of ["packages", "dependencies"] as const) {
    if (root[key] === undefined || asObject(root[key])) continue;
    const at = json.locate([key]);
    throw new ParseFailure(`not a package-lock: \`${key}\` is not an object`, at?.line ?? 1, at?.column ?? 1);
  }
  const set = new PackageSet("npm", path);
  const packages = asObject(root.packages);
  if (packages) readPackages(json.text, packages, set);
  else readDependencies(json.text, asObject(root.dependencies) ?? {}, set);
  return set.lockfileOf(`${kind}@${version}`);
}

/** v2/v3: one entry per install path; the root ("") and workspace links are not packages. */
function readPackages(text: string, packages: Record<string, unknown>, set: PackageSet): void {
  const lines = jsonLines(text, (p) => p.length === 2 && p[0] === "packages");
  const graph = new DependencyGraph();
  const links = new Map<string, string>();
  const entries: [string, Record<string, unknown>][] = [];
  for (const key in packages) {
    if (!Object.hasOwn(packages, key)) continue;
    const e = asObject(packages[key]);
    if (!e) continue;
    entries.push([key, e]);
    if (key === "") continue;
    if (e.link === true) {
      // A workspace symlink: node_modules/a → packages/a. Its target carries the package.
      const target = asString(e.resolved);
      if (target !== undefined) links.set(key, target);
      continue;
    }
    const installed = key === "node_modules" || key.startsWith("node_modules/") || key.includes("/node_modules/");
    const installedAs = nameFromInstallPath(key);
    const name = asString(e.name) ?? installedAs;
    const resolved = asString(e.resolved);
    const pkg = set.add({
      name,
      version: asString(e.version) ?? "",
      // An alias (`"old-lodash": "npm:lodash@4.17.4"`) is installed, and imported, under its own name.
      ...(installed && installedAs !== name ? { aliases: [installedAs] } : {}),
      line: lines.get(pathKey(["packages", key])),
      dev: e.dev === true,
      // npm leaves `resolved` out for the default registry when configured to (omit-lockfile-registry-resolved).
      source: installed ? (npmSource(resolved) ?? "registry") : "path",
      vcsUrl: installed ? npmVcsUrl(resolved) : undefined,
      hashes: integrityHashes(e.integrity),
      license: asString(e.license),
    });
    graph.node(key, pkg);
  }
  const resolve = (from: string, name: string): string | undefined => {
    // Node's lookup: <dir>/node_modules/<name>, then each enclosing folder up to the root.
    let dir = from;
    for (let guard = 0; guard < 4096; guard++) {
      const key = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (Object.hasOwn(packages, key)) return links.get(key) ?? key;
      if (dir === "") return undefined;
      const slash = dir.lastIndexOf("/");
      dir = slash < 0 ? "" : dir.slice(0, slash);
    }
    return undefined;
  };
  for (const [key, e] of entries) {
    const project = key === "" || !(key.startsWith("node_modules/") || key.includes("/node_modules/"));
    for (const field of project ? PROJECT_DEPS : PROD_DEPS) {
      const map = asObject(e[field]);
      if (!map) continue;
      for (const dep in map) {
        if (!Object.hasOwn(map, dep)) continue;
        const to = resolve(key, dep);
        if (to === undefined) continue;
        // The project's own requirements (root and workspaces) are the roots of the graph.
        if (project) graph.root(to, field === "devDependencies");
        else graph.edge(key, to);
      }
    }
  }
  graph.apply({ dev: false });
}

/** v1: `dependencies` nested by where npm installed each copy; `version` may be an alias, a path, a git or a tarball URL. */
function readDependencies(text: string, deps: Record<string, unknown>, set: PackageSet): void {
  const lines = jsonLines(text, (p) => p.length % 2 === 0 && p[0] === "dependencies" && p[p.length - 2] === "dependencies");
  const walk = (level: Record<string, unknown>, at: string[], depth: number): void => {
    if (depth > 256) return;
    for (const [key, raw] of Object.entries(level)) {
      const e = asObject(raw);
      if (!e) continue;
      const here = [...at, "dependencies", key];
      const nested = asObject(e.dependencies);
      if (nested) walk(nested, here, depth + 1);
      let name = key;
      let version = asString(e.version) ?? "";
      const spec = version;
      if (version.startsWith("npm:")) {
        // An alias: the real package and its version follow `npm:`.
        const at2 = version.lastIndexOf("@");
        if (at2 > 4) {
          name = version.slice(4, at2);
          version = version.slice(at2 + 1);
        }
      }
      let source = npmSource(asString(e.resolved));
      if (spec.startsWith("file:")) {
        version = "";
        source = "path";
      } else if (isGitSpec(spec)) {
        // A git dependency: the lockfile records the commit, not a version.
        version = "";
        source = "git";
      } else if (/^https?:\/\//.test(spec)) {
        // A tarball dependency: v1 records its URL as the version, often with no `resolved`. Taken as
        // a version, a URL reads as 0.0.0 and falls inside every range that starts at 0. A registry
        // tarball (`<name>/-/<name>-<version>.tgz`) names its version; any other URL is no release.
        version = registryTarballVersion(name, spec) ?? "";
        source = version === "" ? "url" : "registry";
      }
      set.add({ name, version, line: lines.get(pathKey(here)), ...(name !== key ? { aliases: [key] } : {}), dev: e.dev === true, source, vcsUrl: source === "git" ? (npmVcsUrl(asString(e.resolved)) ?? npmVcsUrl(spec)) : undefined, hashes: integrityHashes(e.integrity) });
    }
  };
  walk(deps, [], 0);
}

/** The parser for package-lock.json and npm-shrinkwrap.json (v1, v2, v3). */
export const packageLockParser: Parser<Lockfile> = lockfileParser("package-lock", jsonParser, "resolve the conflict, or run `npm install`, which merges both sides", (json, file) => readPackageLock(json, file.path));
