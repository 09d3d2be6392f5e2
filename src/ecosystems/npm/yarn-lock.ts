import { safeGlob } from "../../core/glob.js";
import { derivedParser, type FileSource, type Parser, type ReadOptions, type TextFile } from "../../core/files.js";
import { rejectConflictMarkers } from "../conflict-markers.js";
import { asObject, jsonParser } from "../formats/json.js";
import type { Lockfile } from "../packages.js";
import { berryWorkspaces, parseYarnBerry, readYarnBerry, resolveYarnBerry } from "./yarn-berry.js";
import { parseYarnV1, readYarnV1, resolveYarnV1, type YarnV1Entry } from "./yarn-v1.js";

// yarn.lock: classic (v1, yarn's own syntax: yarn-v1.ts) and berry (yarn 2+, YAML with
// `__metadata`: yarn-berry.ts). This file tells them apart and serves both as one parser.
// https://classic.yarnpkg.com/lang/en/docs/yarn-lock/

/** A yarn.lock as parsed: classic entries, or berry's YAML document. */
export type YarnSource = { kind: "classic"; entries: YarnV1Entry[] } | { kind: "berry"; doc: Record<string, unknown> };

/** Parses yarn.lock text, classic or berry (a berry file has `__metadata`). */
export function parseYarnSource(text: string): YarnSource {
  rejectConflictMarkers(text, "resolve the conflict, or run `yarn install`, which merges both sides");
  if (!/^__metadata:/m.test(text)) return { kind: "classic", entries: parseYarnV1(text) };
  return { kind: "berry", doc: parseYarnBerry(text) };
}

/** The workspace parser for yarn.lock as parsed (shared by the lockfile and its resolve step). */
export const yarnSourceParser: Parser<YarnSource> = { id: "yarn-source", parse: (file: TextFile) => parseYarnSource(file.text) };

function buildYarnLock(source: YarnSource, file: TextFile): Lockfile {
  return source.kind === "classic" ? readYarnV1(source.entries, file.path) : readYarnBerry(source.doc, file);
}

/** The parser for yarn.lock (classic v1 and berry). */
export const yarnLockParser: Parser<Lockfile> = derivedParser("yarn.lock", yarnSourceParser, (source, file) => buildYarnLock(source, file));

/** The package.json files of a yarn project: the one beside the lockfile and its workspaces'. */
async function manifests(lockPath: string, src: FileSource, options?: ReadOptions): Promise<Record<string, unknown>[]> {
  const dir = lockPath.slice(0, lockPath.lastIndexOf("/") + 1);
  const rootPath = `${dir}package.json`;
  if (!src.has(rootPath)) return [];
  const root = asObject((await src.parse(rootPath, jsonParser, { optional: true, ...options }))?.value);
  if (!root) return [];
  const ws = Array.isArray(root.workspaces) ? root.workspaces : asObject(root.workspaces)?.packages;
  const globs = Array.isArray(ws) ? ws.filter((g): g is string => typeof g === "string").slice(0, 256).map((g) => `${dir}${g.replace(/^\.\//, "").replace(/\/$/, "")}/package.json`) : [];
  const out = [root];
  if (globs.length === 0) return out;
  const match = safeGlob(globs, { dot: false });
  for (const f of src.index.named("package.json")) {
    if (f.path === rootPath || !match(f.path) || f.path.split("/").includes("node_modules")) continue;
    const m = asObject((await src.parse(f.path, jsonParser, { optional: true, ...options }))?.value);
    if (m) out.push(m);
  }
  return out;
}

/** At most this many workspaces' package.json files are read for one berry lockfile. */
const MAX_WORKSPACES = 1_000;

/**
 * Berry records each workspace's requirements but merges its devDependencies into them: the
 * workspaces' package.json files (at the folders the lockfile names, inside the checkout) tell
 * which are for development only.
 */
async function resolveBerry(lockfile: Lockfile, doc: Record<string, unknown>, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const dir = lockfile.path.slice(0, lockfile.path.lastIndexOf("/") + 1);
  const workspaces = berryWorkspaces(doc);
  if (workspaces.length > MAX_WORKSPACES) return lockfile;
  const manifests = new Map<string, Record<string, unknown>>();
  for (const w of workspaces) {
    const folder = w === "." ? "" : w.replace(/^\.\//, "").replace(/\/$/, "");
    // A folder that climbs out of the lockfile's (or is absolute) is not read: the dev marks stay unknown.
    if (folder.split("/").some((part) => part === "..") || folder.startsWith("/")) return lockfile;
    const path = `${dir}${folder === "" ? "" : `${folder}/`}package.json`;
    if (!src.has(path)) return lockfile;
    const m = asObject((await src.parse(path, jsonParser, { optional: true, ...options }))?.value);
    if (!m) return lockfile;
    manifests.set(w, m);
  }
  return resolveYarnBerry(lockfile, doc, manifests);
}

/**
 * Classic yarn.lock does not record the project's own requirements; its package.json (and its
 * workspaces') does. Without a package.json beside it the lockfile is returned as it is. A berry
 * lockfile records them, and its workspaces' package.json files tell the development ones apart.
 */
export async function resolveYarnLock(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const source = await src.parse(lockfile.path, yarnSourceParser, options);
  if (source?.kind === "berry") return resolveBerry(lockfile, source.doc, src, options);
  if (lockfile.format !== "yarn@1" || source?.kind !== "classic") return lockfile;
  const projects = await manifests(lockfile.path, src, options);
  if (projects.length === 0) return lockfile;
  return resolveYarnV1(lockfile, source.entries, projects);
}
