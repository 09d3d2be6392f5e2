import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A fresh temporary directory populated with `files` (path → content). */
export function tmpDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "assay-test-"));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

/** Runs git in `dir` with a fixed identity and no user config. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });
}

/** A temporary git repository with `files` committed. */
export function tmpRepo(files: Record<string, string | Uint8Array> = {}): string {
  const dir = tmpDir(files);
  git(dir, "init", "-q");
  if (Object.keys(files).length > 0) {
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "initial");
  }
  return dir;
}
