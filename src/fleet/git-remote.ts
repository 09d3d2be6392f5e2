import { spawn } from "node:child_process";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ALLOWED_PROTOCOLS } from "./targets.js";

// git against repositories the fleet does not control: no prompts, only the allowed transports
// (also for anything a repository could point at), no hooks, no LFS smudging, no submodules.
const CONFIG = [
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.fsmonitor=false",
  "-c", "protocol.allow=never",
  ...ALLOWED_PROTOCOLS.flatMap((p) => ["-c", `protocol.${p}.allow=always`]),
  "-c", "submodule.recurse=false",
  "-c", "filter.lfs.smudge=",
  "-c", "filter.lfs.process=",
  "-c", "filter.lfs.required=false",
  "-c", "advice.detachedHead=false",
];

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS.join(":"),
    GIT_LFS_SKIP_SMUDGE: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_OPTIONAL_LOCKS: "0",
    // ssh must fail rather than ask about an unknown host key or a passphrase.
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
    LC_ALL: "C",
  };
}

/** A failed git command: why, in one line from its stderr. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

interface RunOptions {
  cwd?: string;
  timeoutMs: number;
  maxOutput?: number;
  /** Polled while git runs; a string stops git with that reason. */
  watch?: () => Promise<string | undefined>;
}

function run(args: readonly string[], opts: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...CONFIG, ...args], { cwd: opts.cwd, env: env(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop(`git ${args[0]} took longer than ${Math.round(opts.timeoutMs / 1000)} s`), opts.timeoutMs);
    const poll = opts.watch
      ? setInterval(() => {
          void opts.watch?.().then((why) => why && stop(why), () => undefined);
        }, 500)
      : undefined;
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
      if (out.length > (opts.maxOutput ?? 1 << 20)) stop(`git ${args[0]} printed too much`);
    });
    child.stderr.on("data", (c: Buffer) => {
      if (err.length < 4096) err += c.toString("utf8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new GitError(`cannot run git: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (stopped) reject(new GitError(stopped));
      else if (code === 0) resolve(out);
      else reject(new GitError(firstLine(err) || `git ${args[0]} exited with ${code}`));
    });
  });
}

function firstLine(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("hint:"));
  return (lines.find((l) => l.startsWith("fatal:") || l.startsWith("error:")) ?? lines[0] ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 500);
}

/**
 * The commit a remote's HEAD points at, without cloning: `git ls-remote`, except for a local
 * repository (file://) in the ordinary files layout, whose HEAD and ref files are read directly
 * (bounded, no symbolic links); anything unusual there falls back to ls-remote.
 */
export async function remoteHead(url: string, timeoutMs = 60_000, opts: { lsRemoteOnly?: boolean } = {}): Promise<string> {
  if (!opts.lsRemoteOnly && url.startsWith("file://")) {
    const sha = await localHead(fileURLToPath(url)).catch(() => undefined);
    if (sha) return sha;
  }
  return lsRemoteHead(url, timeoutMs);
}

const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

async function smallFile(path: string, max: number): Promise<string | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (!st?.isFile() || st.size > max) return undefined;
  return readFile(path, "utf8");
}

/** HEAD of a local repository read from its files, or undefined when that is not straightforward. */
export async function localHead(path: string): Promise<string | undefined> {
  let gitDir: string | undefined;
  for (const candidate of [path, join(path, ".git")]) {
    const st = await lstat(join(candidate, "objects")).catch(() => undefined);
    if (st?.isDirectory() && (await lstat(join(candidate, "HEAD")).catch(() => undefined))?.isFile()) {
      gitDir = candidate;
      break;
    }
  }
  // Worktrees (commondir) and the reftable format keep refs elsewhere: leave those to git.
  if (!gitDir || (await lstat(join(gitDir, "commondir")).catch(() => undefined)) || (await lstat(join(gitDir, "reftable")).catch(() => undefined))) return undefined;
  const head = (await smallFile(join(gitDir, "HEAD"), 512))?.trim();
  if (head === undefined) return undefined;
  if (SHA.test(head)) return head;
  const ref = /^ref: (refs\/heads\/[A-Za-z0-9._\/-]{1,250})$/.exec(head)?.[1];
  if (!ref || ref.split("/").some((seg) => seg === "" || seg === "." || seg === ".." || seg.endsWith(".lock"))) return undefined;
  const loose = (await smallFile(join(gitDir, ref), 512))?.trim();
  if (loose !== undefined) return SHA.test(loose) ? loose : undefined;
  const packed = await smallFile(join(gitDir, "packed-refs"), 64 * 2 ** 20);
  if (packed === undefined) return undefined;
  for (const line of packed.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0 && line.slice(space + 1).trimEnd() === ref) {
      const sha = line.slice(0, space);
      return SHA.test(sha) ? sha : undefined;
    }
  }
  return undefined;
}

async function lsRemoteHead(url: string, timeoutMs: number): Promise<string> {
  const out = await run(["ls-remote", "--", url, "HEAD"], { timeoutMs });
  const sha = /^([0-9a-f]{40}|[0-9a-f]{64})\tHEAD$/m.exec(out)?.[1];
  if (!sha) throw new GitError("the repository has no HEAD (empty, or its default branch is missing)");
  return sha;
}

/** Limits of one clone. */
export interface CloneLimits {
  /** Bytes the clone may take on disk (objects and checkout); past it git is stopped. */
  maxBytes: number;
  timeoutMs: number;
}

/**
 * A shallow clone of the default branch into `dir` (which must not exist): depth 1, no tags, no
 * submodules, no hooks, no LFS objects. Its size is watched while git runs, and the clone is
 * stopped when it outgrows `maxBytes`. Returns the commit checked out.
 */
export async function shallowClone(url: string, dir: string, limits: CloneLimits): Promise<string> {
  const tooBig = async () => ((await sizeOver(dir, limits.maxBytes)) ? `the clone is larger than ${Math.round(limits.maxBytes / 2 ** 20)} MiB` : undefined);
  await run(["clone", "--quiet", "--depth", "1", "--no-tags", "--single-branch", "--no-recurse-submodules", "--", url, dir], { timeoutMs: limits.timeoutMs, watch: tooBig });
  const over = await tooBig();
  if (over) throw new GitError(over);
  return (await run(["rev-parse", "HEAD"], { cwd: dir, timeoutMs: 30_000 })).trim();
}

/** True when the tree under `dir` holds more than `max` bytes (stops counting as soon as it does; bounded in entries). */
export async function sizeOver(dir: string, max: number, maxEntries = 2_000_000): Promise<boolean> {
  let total = 0;
  let entries = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (++entries > maxEntries) return true;
      const p = join(d, n);
      const st = await lstat(p).catch(() => undefined);
      if (!st) continue;
      if (st.isDirectory()) stack.push(p);
      else total += st.size;
      if (total > max) return true;
    }
  }
  return false;
}
