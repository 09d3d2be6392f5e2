import { posix } from "node:path";
import { runGit, runGitStatus } from "./git.js";

/** A file as a revision holds it: its text, absent, or present in a form that cannot be used (a link, a folder, too big). */
export type FileAtRevision = { kind: "file"; text: string } | { kind: "missing" } | { kind: "unusable"; why: string };

/** True when git knows `rev` as a commit in the checkout at `cwd`. */
export async function isCommit(cwd: string, rev: string): Promise<boolean> {
  if (rev === "" || rev.startsWith("-")) return false;
  const r = await runGitStatus(cwd, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).catch(() => undefined);
  return r?.code === 0;
}

/** One tree entry: mode, object type and id, and size (undefined for a folder). */
interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number | undefined;
}

/** `rel` normalised to a path inside `cwd`, or undefined when it leaves it. */
function inside(rel: string): string | undefined {
  const path = posix.normalize(rel.replaceAll("\\", "/")).replace(/\/$/, "");
  return path.startsWith("../") || path === ".." || path.startsWith("/") ? undefined : path;
}

/** The tree entries `paths` name at `rev` (one `git ls-tree -l` for all), by path relative to `cwd`. */
async function entriesAt(cwd: string, rev: string, paths: readonly string[], recursive: boolean): Promise<Map<string, TreeEntry>> {
  const out = new Map<string, TreeEntry>();
  if (paths.length === 0) return out;
  // ls-tree takes paths relative to the current folder and tells each entry's mode and size before anything is read.
  const listing = (await runGit(cwd, ["ls-tree", "-z", "-l", ...(recursive ? ["-r"] : []), rev, "--", ...paths], 16 * 1024 * 1024)).toString("utf8");
  for (const entry of listing.split("\0")) {
    const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(\d+|-)\t(.+)$/s.exec(entry);
    if (m) out.set(m[5] as string, { mode: m[1] as string, type: m[2] as string, object: m[3] as string, size: m[4] === "-" ? undefined : Number(m[4]) });
  }
  return out;
}

/**
 * The files at `rels` (relative to `cwd`, inside it) as commit `rev` holds them, by the path asked
 * for. Read from git's objects, never the working tree; a symbolic link is reported as unusable
 * rather than followed, and a file over `maxBytes` is refused before it is read.
 */
export async function filesAt(cwd: string, rev: string, rels: readonly string[], maxBytes: number): Promise<Map<string, FileAtRevision>> {
  const normal = new Map(rels.map((rel) => [rel, inside(rel)] as const));
  const entries = await entriesAt(cwd, rev, [...new Set([...normal.values()].filter((p): p is string => p !== undefined))], false);
  const out = new Map<string, FileAtRevision>();
  for (const [rel, path] of normal) {
    const e = path === undefined ? undefined : entries.get(path);
    if (path === undefined) out.set(rel, { kind: "unusable", why: "is outside the checkout" });
    else if (!e) out.set(rel, { kind: "missing" });
    else if (e.mode === "120000") out.set(rel, { kind: "unusable", why: "is a symbolic link" });
    else if (e.type !== "blob") out.set(rel, { kind: "unusable", why: `is a ${e.type === "tree" ? "folder" : e.type}` });
    else if (!((e.size ?? Infinity) <= maxBytes)) out.set(rel, { kind: "unusable", why: `is ${((e.size ?? 0) / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit` });
    else out.set(rel, { kind: "file", text: (await runGit(cwd, ["cat-file", "blob", e.object], maxBytes)).toString("utf8") });
  }
  return out;
}

/** The file at `rel` as commit `rev` holds it (see filesAt). */
export async function fileAtRevision(cwd: string, rev: string, rel: string, maxBytes: number): Promise<FileAtRevision> {
  return (await filesAt(cwd, rev, [rel], maxBytes)).get(rel) as FileAtRevision;
}

/** The regular files under folder `rel` (relative to `cwd`) as commit `rev` holds them, with paths relative to `cwd`; at most `max`. */
export async function filesAtRevision(cwd: string, rev: string, rel: string, max = 10_000): Promise<string[]> {
  const folder = inside(rel);
  if (folder === undefined) return [];
  const out: string[] = [];
  for (const [path, e] of await entriesAt(cwd, rev, [`${folder}/`], true)) if (e.type === "blob" && e.mode !== "120000" && out.length < max) out.push(path);
  return out;
}
