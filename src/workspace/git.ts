import { spawn } from "node:child_process";

/**
 * Config that keeps git from running anything the scanned repository configures: fsmonitor
 * hooks, external diff drivers, textconv filters, pagers. The repository is hostile input.
 */
const SAFE_CONFIG = [
  "-c", "core.fsmonitor=false",
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.quotePath=false",
  "-c", "core.pager=cat",
  "-c", "safe.directory=*",
  "-c", "diff.external=",
  "-c", "log.showSignature=false",
];

/** Environment for git: no prompts, no optional index writes, no system or user config surprises. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", GIT_PAGER: "cat", LC_ALL: "C", GIT_CONFIG_NOSYSTEM: "1" };
}

/** Spawns git with the safe config; the caller streams stdout. */
export function spawnGit(cwd: string, args: readonly string[]) {
  return spawn("git", [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs git to completion and returns stdout as a Buffer; rejects with stderr's first line on failure. */
export function runGit(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawnGit(cwd, args);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        child.kill();
        reject(new Error(`git ${args[0]} printed more than ${maxBytes} bytes`));
        return;
      }
      chunks.push(c);
    });
    child.stderr.on("data", (c: Buffer) => {
      if (err.length < 4096) err += c.toString("utf8");
    });
    child.on("error", (e) => reject(e));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error((err.split("\n")[0] || `git ${args[0]} exited with ${code}`).trim()));
    });
  });
}

/** The checkout's top-level, HEAD commit and shallowness, or undefined when `root` is not in a git work tree (or git is missing). */
export async function gitInfo(root: string): Promise<{ topLevel: string; head: string | null; shallow: boolean; remote: string | null } | undefined> {
  try {
    const [inside, topLevel, head, shallow, remote] = await Promise.all([
      runGit(root, ["rev-parse", "--is-inside-work-tree"]).then((b) => b.toString("utf8").trim()),
      runGit(root, ["rev-parse", "--show-toplevel"]).then((b) => b.toString("utf8").trim()),
      // Fails in a repository with no commits yet: no HEAD to report.
      runGit(root, ["rev-parse", "--verify", "-q", "HEAD"]).then((b) => b.toString("utf8").trim() || null, () => null),
      runGit(root, ["rev-parse", "--is-shallow-repository"]).then((b) => b.toString("utf8").trim() === "true", () => false),
      runGit(root, ["config", "--get", "remote.origin.url"]).then((b) => b.toString("utf8").trim() || null, () => null),
    ]);
    return inside === "true" ? { topLevel, head, shallow, remote } : undefined;
  } catch {
    return undefined;
  }
}
