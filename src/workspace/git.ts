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
export async function runGit(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024): Promise<Buffer> {
  const r = await runGitStatus(cwd, args, maxBytes);
  if (r.code === 0) return r.stdout;
  throw new Error((r.stderr.split("\n")[0] || `git ${args[0]} exited with ${r.code}`).trim());
}

/** Runs git to completion: its exit code, stdout and the start of stderr (rejects only when git cannot run or prints too much). */
export function runGitStatus(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
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
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr: err }));
  });
}

/** What git says about the checkout. */
export interface GitInfo {
  topLevel: string;
  /** The scanned folder relative to the top level (`sub/dir/`, or "" at the top). */
  prefix: string;
  head: string | null;
  shallow: boolean;
  remote: string | null;
}

/**
 * The checkout's top level, the scanned folder's prefix, HEAD and shallowness (one `git rev-parse`)
 * and the `origin` remote (one `git config`, at the same time), or undefined when `root` is not in
 * a git work tree (or git is missing). Every git process costs a fork of this one: few of them.
 */
export async function gitInfo(root: string): Promise<GitInfo | undefined> {
  try {
    const [facts, remote] = await Promise.all([
      // Exits 1 after printing the other answers when HEAD does not exist yet (no commits).
      runGitStatus(root, ["rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--verify", "-q", "HEAD"]),
      runGit(root, ["config", "--get", "remote.origin.url"]).then((b) => b.toString("utf8").trim() || null, () => null),
    ]);
    if (facts.code !== 0 && facts.code !== 1) return undefined;
    const [inside, topLevel = "", prefix = "", shallow = "", head = ""] = facts.stdout.toString("utf8").split("\n");
    if (inside !== "true" || topLevel === "") return undefined;
    return { topLevel, prefix, head: facts.code === 0 && /^[0-9a-f]{40,64}$/.test(head) ? head : null, shallow: shallow === "true", remote };
  } catch {
    return undefined;
  }
}
