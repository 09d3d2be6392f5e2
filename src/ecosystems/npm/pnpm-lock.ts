import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { rejectConflictMarkers } from "../conflict-markers.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { lineIndex } from "../../core/line-index.js";
import { loadYamlData, MAX_YAML_DOCUMENTS } from "../formats/yaml-bounds.js";
import { parseYamlData, sectionKeyLines, type YamlData } from "../formats/yaml-data.js";
import { splitDocuments } from "../formats/yaml-documents.js";
import { addAliases, PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { isGitSpec, npmVcsUrl } from "./npm-source.js";

// pnpm-lock.yaml (https://github.com/pnpm/spec/tree/master/lockfile): v5 keys packages by
// `/name/1.0.0_peer`, v6 by `/name@1.0.0(peer@2.0.0)`, v9 by `name@1.0.0` with the peer-suffixed
// variants and the graph moved to `snapshots`. Importers (workspace projects) hold the roots.
// pnpm 11+ may write two documents: an env document (the package manager pnpm resolved for the
// project and its config dependencies) before the project's (https://pnpm.io/lockfile).

/** Name and version from a package key of any lockfile version, peer suffixes stripped. */
export function pnpmKeyNameVersion(rawKey: string): { name: string; version: string } {
  let key = rawKey.startsWith("/") ? rawKey.slice(1) : withoutRegistryHost(rawKey);
  const paren = key.indexOf("(");
  if (paren > 0) key = key.slice(0, paren);
  const at = key.indexOf("@", 1);
  const slash = key.startsWith("@") ? key.indexOf("/", key.indexOf("/") + 1) : key.indexOf("/");
  // v6+ writes name@version; v5 writes name/version (the first `/` after a scope's).
  if (at > 0 && (slash < 0 || at < slash)) return { name: key.slice(0, at), version: key.slice(at + 1) };
  if (slash > 0) {
    const version = key.slice(slash + 1);
    const underscore = version.indexOf("_");
    return { name: key.slice(0, slash), version: underscore > 0 ? version.slice(0, underscore) : version };
  }
  return { name: key, version: "" };
}

// v5/v6 key a package from a registry other than the lockfile's default by an absolute path that
// starts with that registry's host (`registry.npmjs.org/foo/1.0.0`, `npm.pkg.github.com/@o/p@1.0.0`,
// `localhost+4873/…` for a port): the package is still `foo@1.0.0`. A v9 key never starts so (its
// first `/` comes after the name's `@`), nor does a relative v5/v6 key (it starts with `/`).
const REGISTRY_HOST = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,20}(?:\+\d{1,5})?\//;

/** Hosts whose paths are git repositories (`github.com/o/r/<commit>`), not a registry's packages. */
const GIT_HOSTS = new Set(["github.com/", "gitlab.com/", "bitbucket.org/", "codeload.github.com/"]);

function withoutRegistryHost(key: string): string {
  const host = REGISTRY_HOST.exec(key)?.[0];
  return host !== undefined && /[.+]/.test(host) && !GIT_HOSTS.has(host.toLowerCase()) ? key.slice(host.length) : key;
}

function pnpmSource(key: string, resolution: Record<string, unknown> | undefined): LockedPackage["source"] {
  if (resolution?.type === "git" || asString(resolution?.commit) !== undefined) return "git";
  if (resolution?.type === "directory" || asString(resolution?.directory) !== undefined) return "path";
  const tarball = asString(resolution?.tarball);
  if (tarball !== undefined) {
    if (tarball.startsWith("file:")) return "path";
    if (tarball.startsWith("https://codeload.github.com/") || isGitSpec(tarball)) return "git";
    return tarball.includes("/-/") ? "registry" : "url";
  }
  if (/(?:^|@)(?:file|link):/.test(key)) return "path";
  if (/@(?:https?:|git\+)/.test(key) || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(key)) return "git";
  return "registry";
}

/** Resolutions of the runtimes pnpm installs from their publishers' binaries (`node@runtime:24.6.0`). */
const RUNTIME_RESOLUTIONS = new Set(["variations", "binary", "nodeRuntime"]);

/**
 * True for a runtime pnpm 10.14+ downloads for the project (`devEngines.runtime` with
 * `onFail: download`, `pnpm add node@runtime:22`): Node.js, Deno or Bun as their publishers build
 * them (nodejs.org, GitHub releases), keyed `<runtime>@runtime:<version>`. It is no npm package
 * (npm's `node` is another project), so no npm advisory is about it.
 */
function isRuntime(keyVersion: string, resolution: Record<string, unknown> | undefined): boolean {
  const type = asString(resolution?.type);
  return keyVersion.startsWith("runtime:") || (type !== undefined && RUNTIME_RESOLUTIONS.has(type));
}

/** A git entry's `vcs_url`: its resolution's `repo` and `commit`, or a codeload tarball's. */
function pnpmVcsUrl(resolution: Record<string, unknown> | undefined): string | undefined {
  const repo = asString(resolution?.repo);
  if (repo !== undefined) return gitVcsUrl(repo, asString(resolution?.commit));
  return npmVcsUrl(asString(resolution?.tarball));
}

/** The version a dependency map gives: a string (`1.0.0(peer)`), or v6+ importers' `{ version }`. */
function depVersion(v: unknown): string | undefined {
  return typeof v === "string" ? v : asString(asObject(v)?.version);
}

/** Builds the lockfile from one parsed pnpm-lock.yaml document, which starts on line `firstLine` of the file. */
export function readPnpmLock(yaml: YamlData, path: string, firstLine = 1): Lockfile {
  const doc = asObject(yaml.value);
  if (yaml.value !== undefined && yaml.value !== null && !doc) throw new ParseFailure("not a pnpm lockfile: the top level is not a mapping", 1, 1);
  const root = doc ?? {};
  const lockVersion = asString(root.lockfileVersion) ?? "";
  const major = Number.parseFloat(lockVersion) || 0;
  const set = new PackageSet("npm", path);
  const graph = new DependencyGraph();
  const packages = asObject(root.packages) ?? {};
  const snapshots = asObject(root.snapshots);
  const lines = sectionKeyLines(yaml.text, "packages");
  const lineOf = (key: string): number | undefined => {
    const n = lines.get(key);
    return n === undefined ? undefined : n + firstLine - 1;
  };
  // v5/v6 mark `dev: true` (dev only) or `dev: false` (production only) and leave it out for both.
  const devRecorded = major < 9 && Object.values(packages).some((e) => asObject(e)?.dev !== undefined);
  const byKey = new Map<string, LockedPackage>();
  for (const [rawKey, raw] of Object.entries(packages)) {
    const e = asObject(raw) ?? {};
    const fromKey = pnpmKeyNameVersion(rawKey);
    if (isRuntime(fromKey.version, asObject(e.resolution))) continue;
    const name = asString(e.name) ?? fromKey.name;
    // A version from the key must look like one; otherwise (git, tarball, directory) the entry says it.
    const version = asString(e.version) ?? (/^\d/.test(fromKey.version) || major >= 9 ? fromKey.version : "");
    if (!name || !version) continue;
    const integrity = asString(asObject(e.resolution)?.integrity);
    const pkg = set.add({
      name,
      version,
      line: lineOf(rawKey),
      source: pnpmSource(rawKey, asObject(e.resolution)),
      vcsUrl: pnpmVcsUrl(asObject(e.resolution)),
      ...(devRecorded ? { dev: e.dev === "true" } : {}),
      ...(integrity ? { hashes: [integrity] } : {}),
    });
    const key = rawKey.startsWith("/") ? rawKey.slice(1) : rawKey;
    byKey.set(key, pkg);
    if (!snapshots) graph.node(key, pkg);
  }
  // v9: the graph lives in `snapshots`, keyed with peer suffixes; each stands for a `packages` entry.
  if (snapshots) {
    for (const key of Object.keys(snapshots)) {
      const paren = key.indexOf("(");
      const pkg = byKey.get(paren > 0 ? key.slice(0, paren) : key);
      if (pkg) graph.node(key, pkg);
    }
  }
  const graphEntries = snapshots ?? packages;
  const target = (name: string, version: string): string | undefined => {
    if (version.startsWith("link:")) return undefined;
    // An alias names the real package: `npm:string-width@4.2.0` (v5/v6) or `string-width@4.2.0` (v9).
    let v = version.startsWith("npm:") ? version.slice(4) : version;
    if (v.startsWith("/")) v = v.slice(1);
    // v9 keys a git, tarball or directory dependency `name@<resolution>` and the importer writes only the resolution.
    const candidates = /^\d/.test(v) ? [`${name}@${v}`, `${name}/${v}`] : [v, `${name}@${v}`];
    for (const c of candidates) if (graph.has(c)) return c;
    return undefined;
  };
  for (const [rawKey, raw] of Object.entries(graphEntries)) {
    const key = rawKey.startsWith("/") ? rawKey.slice(1) : rawKey;
    const e = asObject(raw) ?? {};
    for (const field of ["dependencies", "optionalDependencies"]) {
      for (const [dep, v] of Object.entries(asObject(e[field]) ?? {})) {
        const version = depVersion(v);
        const t = version === undefined ? undefined : target(dep, version);
        if (t) graph.edge(key, t);
      }
    }
  }
  // Importers: each workspace project (v5.3+ with workspaces, v6, v9); older single projects keep their maps at the top.
  const importers = asObject(root.importers) ?? { ".": root };
  for (const raw of Object.values(importers)) {
    const imp = asObject(raw) ?? {};
    // The env document's importer names the package manager and config dependencies: tools, not what ships.
    for (const field of ["dependencies", "optionalDependencies", "devDependencies", "packageManagerDependencies", "configDependencies"]) {
      for (const [dep, v] of Object.entries(asObject(imp[field]) ?? {})) {
        const version = depVersion(v);
        const t = version === undefined ? undefined : target(dep, version);
        if (!t) continue;
        graph.root(t, field !== "dependencies" && field !== "optionalDependencies");
        // An alias (`old-ms: npm:ms@0.7.0`) is installed, and imported, under the importer's name for it.
        const pkg = byKey.get(t) ?? byKey.get(t.slice(0, Math.max(0, t.indexOf("("))));
        if (pkg) addAliases(pkg, [dep]);
      }
    }
  }
  graph.apply({ dev: !devRecorded });
  return set.lockfileOf(`pnpm@${lockVersion || "unknown"}`);
}

/** One document of a stream as data; a failure is placed in the file, not the document. */
function loadDocument(text: string, firstLine: number): YamlData {
  try {
    return { value: loadYamlData(text, { schema: "failsafe" }), text };
  } catch (e) {
    if (e instanceof ParseFailure) throw new ParseFailure(e.message, (e.line ?? 1) + firstLine - 1, e.column);
    throw e;
  }
}

/**
 * Builds the lockfile from pnpm-lock.yaml text, every document read: the project's graph is the
 * last one, and what the env document installs (pnpm itself, config dependencies) is installed too.
 */
export function readPnpmLockFile(file: TextFile): Lockfile {
  rejectConflictMarkers(file.text, "resolve the conflict, or run `pnpm install`, which merges both sides");
  const docs = splitDocuments(file.text);
  if (docs.length <= 1) return readPnpmLock(parseYamlData(file.text), file.path);
  if (docs.length > MAX_YAML_DOCUMENTS) throw new ParseFailure(`more than ${MAX_YAML_DOCUMENTS} YAML documents; not parsed`, 1, 1);
  const ix = lineIndex(file.text);
  const parts = docs.map((d) => {
    const firstLine = ix.positionAt(d.start).line;
    return readPnpmLock(loadDocument(file.text.slice(d.start, d.end), firstLine), file.path, firstLine);
  });
  const set = new PackageSet("npm", file.path);
  for (const part of parts) {
    for (const p of part.packages) {
      const kept = set.add({ ...p });
      if (p.path && !kept.path) kept.path = p.path;
    }
  }
  return set.lockfileOf((parts[parts.length - 1] as Lockfile).format);
}

/** The parser for pnpm-lock.yaml (v5 to v9, one document or an env document and the project's). */
export const pnpmLockParser: Parser<Lockfile> = { id: "pnpm-lock", parse: (file: TextFile) => readPnpmLockFile(file) };
