// Writing a generated tree: files under a root, a stamp so an unchanged tree is reused between
// runs, and an optional git commit made with a fixed identity and date.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes files under one root and counts what it wrote. */
export class TreeWriter {
  files = 0;
  bytes = 0;
  constructor(readonly root: string) {}

  /** Writes `data` at the relative path `path`, creating folders. */
  write(path: string, data: string | Uint8Array): void {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    this.files++;
    this.bytes += typeof data === "string" ? Buffer.byteLength(data) : data.length;
  }
}

/** What a generated tree holds. */
export interface TreeInfo {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Builds the tree at `dir` with `fill` unless a stamp says the same generator version and options
 * built it already; commits it when `git` is set.
 */
export function cachedTree(dir: string, key: unknown, git: boolean, fill: (w: TreeWriter) => void): TreeInfo {
  // Beside the tree, not in it: the scan must not see it.
  const stamp = `${dir}.stamp`;
  const want = JSON.stringify({ key, git });
  if (existsSync(stamp)) {
    const had = JSON.parse(readFileSync(stamp, "utf8")) as { want: string; files: number; bytes: number };
    if (had.want === want) return { dir, files: had.files, bytes: had.bytes };
  }
  rmSync(stamp, { force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const w = new TreeWriter(dir);
  fill(w);
  if (git) commitAll(dir);
  writeFileSync(stamp, JSON.stringify({ want, files: w.files, bytes: w.bytes }));
  return { dir, files: w.files, bytes: w.bytes };
}

/** `git init` and one commit of everything, with a fixed author and date so the tree is reproducible. */
function commitAll(dir: string): void {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_DATE: "2026-01-15T12:00:00Z",
    GIT_COMMITTER_DATE: "2026-01-15T12:00:00Z",
  };
  const g = (...a: string[]) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "init.defaultBranch=main", ...a], { cwd: dir, env, stdio: "ignore" });
  g("init", "-q");
  g("add", "-A");
  g("commit", "-qm", "bench tree");
}
