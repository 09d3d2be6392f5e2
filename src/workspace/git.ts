import { spawn } from "node:child_process";
import { lstat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gitfileTarget } from "./gitfile.js";

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

/** Spawns git with the safe config (and `extraEnv`, such as filterOverrides); the caller streams stdout. */
export function spawnGit(cwd: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawn("git", [...SAFE_CONFIG, ...args], { cwd, env: { ...gitEnv(), ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs git to completion and returns stdout as a Buffer; rejects with stderr's first line on failure. */
export async function runGit(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024, extraEnv: NodeJS.ProcessEnv = {}): Promise<Buffer> {
  const r = await runGitStatus(cwd, args, maxBytes, extraEnv);
  if (r.code === 0) return r.stdout;
  throw new Error((r.stderr.split("\n")[0] || `git ${args[0]} exited with ${r.code}`).trim());
}

/**
 * Environment that switches off every filter driver (`filter.<name>.clean`, `.smudge`, `.process`)
 * the repository's own config defines. Git runs them whenever it reads the working tree (a diff
 * against it), and `.gitattributes` picks them, so a hostile checkout would run its own command;
 * no `-c` switches them all off, so each one found is set empty (git then reads the file as is).
 * The user's own drivers (global config, such as git-lfs) are theirs to trust and stay. The keys go
 * through GIT_CONFIG_KEY_n rather than `-c`, which cannot carry a driver name holding `=`.
 */
export async function filterOverrides(cwd: string): Promise<NodeJS.ProcessEnv> {
  const r = await runGitStatus(cwd, ["config", "--null", "--show-scope", "--name-only", "--get-regexp", "^filter\\."], 1024 * 1024);
  // Exit 1 is "no such key". Any other failure (a git older than 2.26 has no --show-scope) leaves
  // drivers unknown: refuse rather than let the diff run them.
  if (r.code === 1) return {};
  if (r.code !== 0) throw new Error(`git cannot list the repository's filter drivers (${r.stderr.split("\n")[0]?.trim() || `exit ${r.code}`}), which a diff against the working tree would run`);
  const fields = r.stdout.toString("utf8").split("\0");
  const keys = new Set<string>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const scope = fields[i] ?? "";
    const key = fields[i + 1] ?? "";
    if (scope === "global" || scope === "system") continue;
    const last = key.lastIndexOf(".");
    if (last < "filter.".length) continue;
    const driver = key.slice("filter.".length, last);
    for (const v of ["clean", "smudge", "process"]) keys.add(`filter.${driver}.${v}`);
  }
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(keys.size) };
  [...keys].forEach((k, i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = "";
  });
  return env;
}

/** Runs git to completion: its exit code, stdout and the start of stderr (rejects only when git cannot run or prints too much). */
export function runGitStatus(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawnGit(cwd, args, extraEnv);
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
 * A git checkout (`repo`), a plain directory (`none`), or a repository git cannot read (`broken`:
 * HEAD missing or corrupt, its commit gone). A broken one is said to be so: treating it as "not a
 * repository" would silently drop its history and its ignore rules from the scan.
 */
export type GitProbe = { kind: "repo"; info: GitInfo } | { kind: "none"; gitMissing?: boolean } | { kind: "broken"; reason: string };

/**
 * True when `dir` is a git directory rather than a checkout: a bare repository or a `.git` folder
 * (HEAD, objects/ and refs/, as git itself tests). Walking it would judge git's internals.
 */
export async function isGitDir(dir: string): Promise<boolean> {
  const [head, objects, refs] = await Promise.all(["HEAD", "objects", "refs"].map((n) => lstat(join(dir, n)).catch(() => undefined)));
  return head?.isFile() === true && objects?.isDirectory() === true && refs?.isDirectory() === true;
}

/** The nearest `.git` (folder or file) at `root` or above it, or undefined. */
export async function nearestDotGit(root: string): Promise<string | undefined> {
  for (let dir = root, i = 0; i < 256; i++) {
    try {
      await lstat(join(dir, ".git"));
      return join(dir, ".git");
    } catch {
      // none here; look higher
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";

/**
 * The checkout's top level, the scanned folder's prefix, HEAD and shallowness (one `git rev-parse`)
 * and the `origin` remote (one `git config`, at the same time); or why git cannot say. Every git
 * process costs a fork of this one: more are started only when something is wrong.
 */
export async function probeGit(root: string): Promise<GitProbe> {
  let facts: Awaited<ReturnType<typeof runGitStatus>>;
  let remote: string | null;
  try {
    [facts, remote] = await Promise.all([
      // `HEAD^{commit}` also proves the commit is present; exits 1 after printing the other answers when it is not (or there is none yet).
      runGitStatus(root, ["rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--verify", "-q", "HEAD^{commit}"]),
      runGit(root, ["config", "--get", "remote.origin.url"]).then((b) => b.toString("utf8").trim() || null, () => null),
    ]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none", gitMissing: true };
    return { kind: "none" };
  }
  if (facts.code !== 0 && facts.code !== 1) {
    // git refuses a repository whose HEAD is missing or garbage with "not a git repository": tell that apart.
    const dotGit = await nearestDotGit(root);
    if (!dotGit) return { kind: "none" };
    const said = firstLine(facts.stderr).replace(/^fatal:\s*/, "");
    const target = await gitfileTarget(dotGit);
    if (target !== undefined) return { kind: "broken", reason: `${dotGit} is a file that points git at ${target}, which git cannot read as a repository (${said})` };
    return { kind: "broken", reason: /not a git repository/i.test(said) ? `git does not recognise ${dotGit}: its HEAD is missing or corrupt` : `git cannot read ${dotGit} (${said})` };
  }
  const [inside, topLevel = "", prefix = "", shallow = "", head = ""] = facts.stdout.toString("utf8").split("\n");
  if (inside !== "true" || topLevel === "") return { kind: "none" };
  const info: GitInfo = { topLevel, prefix, head: facts.code === 0 && /^[0-9a-f]{40,64}$/.test(head) ? head : null, shallow: shallow === "true", remote };
  if (info.head === null) {
    // No commit yet is fine (HEAD names a branch that does not exist yet); a HEAD that cannot be resolved is not.
    const ref = await runGit(root, ["symbolic-ref", "-q", "HEAD"]).then((b) => b.toString("utf8").trim(), () => undefined);
    const exists = ref !== undefined && (await runGit(root, ["rev-parse", "--verify", "-q", ref]).then(() => true, () => false));
    if (ref === undefined) return { kind: "broken", reason: "HEAD points at a ref or commit git cannot resolve" };
    if (exists) return { kind: "broken", reason: `HEAD's commit (${ref}) is missing from the repository's objects` };
  }
  return { kind: "repo", info };
}

/** The checkout's facts, or undefined when `root` is not a readable git work tree (or git is missing). */
export async function gitInfo(root: string): Promise<GitInfo | undefined> {
  const p = await probeGit(root);
  return p.kind === "repo" ? p.info : undefined;
}
