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

/**
 * The file at `rel` (relative to `cwd`, inside it) as commit `rev` holds it. Read from git's
 * objects, never the working tree; a symbolic link is reported as unusable rather than followed,
 * and reads stop at `maxBytes`.
 */
export async function fileAtRevision(cwd: string, rev: string, rel: string, maxBytes: number): Promise<FileAtRevision> {
  const path = posix.normalize(rel.replaceAll("\\", "/"));
  if (path.startsWith("../") || path === ".." || path.startsWith("/")) return { kind: "unusable", why: "is outside the checkout" };
  // ls-tree takes paths relative to the current folder and tells the entry's mode before anything is read.
  const listing = (await runGit(cwd, ["ls-tree", "-z", "--full-name", rev, "--", path], 1024 * 1024)).toString("utf8");
  const entry = listing.split("\0").find((e) => e !== "");
  if (entry === undefined) return { kind: "missing" };
  const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64})\t/.exec(entry);
  if (!m) return { kind: "unusable", why: "could not be read from git" };
  if (m[1] === "120000") return { kind: "unusable", why: "is a symbolic link" };
  if (m[2] !== "blob") return { kind: "unusable", why: `is a ${m[2] === "tree" ? "folder" : m[2]}` };
  const size = Number((await runGit(cwd, ["cat-file", "-s", m[3] as string])).toString("utf8").trim());
  if (!(size <= maxBytes)) return { kind: "unusable", why: `is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit` };
  return { kind: "file", text: (await runGit(cwd, ["cat-file", "blob", m[3] as string], maxBytes)).toString("utf8") };
}

/** The regular files under folder `rel` (relative to `cwd`) as commit `rev` holds them, with paths relative to `cwd`; at most `max`. */
export async function filesAtRevision(cwd: string, rev: string, rel: string, max = 10_000): Promise<string[]> {
  const folder = posix.normalize(rel.replaceAll("\\", "/")).replace(/\/$/, "");
  if (folder.startsWith("../") || folder === ".." || folder.startsWith("/")) return [];
  const listing = (await runGit(cwd, ["ls-tree", "-r", "-z", rev, "--", `${folder}/`], 16 * 1024 * 1024)).toString("utf8");
  const out: string[] = [];
  for (const entry of listing.split("\0")) {
    const m = /^(\d{6}) blob [0-9a-f]{40,64}\t(.+)$/s.exec(entry);
    if (m && m[1] !== "120000" && out.length < max) out.push(m[2] as string);
  }
  return out;
}
