import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { execFileSync } from "./child-timeout.js";

/** Removes a temporary folder, first giving back permissions a test took away (chmod 0 folders). */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const open = (p: string): void => {
      try {
        chmodSync(p, 0o700);
        for (const d of readdirSync(p, { withFileTypes: true })) if (d.isDirectory()) open(join(p, d.name));
      } catch {
        // best effort: rmSync below reports nothing either way
      }
    };
    open(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A new temporary folder, removed when the current test (or, at a file's top level, the file)
 * finishes: node:test's `after` attaches to whatever is running, so no test leaves folders behind.
 */
export function tmpFolder(prefix = "assay-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => removeDir(dir));
  return dir;
}

/** A fresh temporary directory populated with `files` (path → content), removed after the test. */
export function tmpDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = tmpFolder();
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

/** A temporary git repository with `files` committed, removed after the test. */
export function tmpRepo(files: Record<string, string | Uint8Array> = {}): string {
  const dir = tmpDir(files);
  git(dir, "init", "-q");
  if (Object.keys(files).length > 0) {
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "initial");
  }
  return dir;
}
