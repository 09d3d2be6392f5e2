import { createInterface } from "node:readline";
import type { HistoryCommit, HistoryFile, HistoryOptions } from "../core/files.js";
import { unquoteGitPath as unquote } from "./git-path.js";
import { filterOverrides, runGit, spawnGit } from "./git.js";
import { PatchBatcher } from "./patch-batcher.js";

/** Bytes of `git log -p` output per batch, by default (cut at the commit boundary past it). */
export const PATCH_BATCH_BYTES = 4 * 1024 * 1024;
/** Bytes of added text kept per commit; a larger commit is cut there so memory stays bounded. */
const MAX_COMMIT_BYTES = 64 * 1024 * 1024;
/** Longer lines are cut: minified blobs would otherwise dominate memory. */
const MAX_LINE = 20_000;
const MARK = "\u0001assay-commit ";

/** Streams `git log -p` one commit at a time with the lines each commit added. */
export async function* gitHistory(cwd: string, opts: HistoryOptions = {}): AsyncGenerator<HistoryCommit> {
  const patches = opts.patches ?? true;
  const args = [
    "log", ...(patches ? ["-p", "-U0", "--no-ext-diff", "--no-textconv", "--no-renames"] : []), "--no-color",
    ...(opts.allRefs || opts.headOnly ? ["--full-history"] : ["--first-parent"]),
    `--format=${MARK}%H %aI %cI`,
    ...(opts.after ? [`--since=${opts.after.toISOString()}`] : []),
    // Literal: an identity such as dependabot[bot] holds brackets, which a pattern reads as a class.
    ...(opts.committer !== undefined ? ["--fixed-strings", `--committer=${opts.committer}`] : []),
    ...revisions(opts),
    "--", ...(opts.paths && opts.paths.length > 0 ? opts.paths : ["."]),
  ];
  const child = spawnGit(cwd, args);
  child.stderr.resume(); // an unread stderr pipe could fill and stall git
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  let commit: HistoryCommit | undefined;
  let file: HistoryFile | undefined;
  let nextLine = 0;
  let bytes = 0;
  try {
    for await (const line of lines) {
      if (line.startsWith(MARK)) {
        if (commit) yield commit;
        const [hash = "", authorDate = "", commitDate = ""] = line.slice(MARK.length).split(" ");
        commit = { commit: hash, authorDate, commitDate, files: [] };
        file = undefined;
        bytes = 0;
      } else if (!commit) {
        continue;
      } else if (line.startsWith("diff --git ")) {
        file = undefined;
      } else if (line.startsWith("+++ ")) {
        // git ends the name with a tab when it contains a space.
        const target = line.slice(4).replace(/\t$/, "");
        if (target === "/dev/null") file = undefined;
        else {
          file = { path: unquote(target).replace(/^b\//, ""), added: [] };
          commit.files.push(file);
        }
      } else if (line.startsWith("@@ ")) {
        const m = /\+(\d+)/.exec(line);
        nextLine = m ? Number(m[1]) : 0;
      } else if (file && line.startsWith("+") && bytes < MAX_COMMIT_BYTES) {
        const text = line.length > MAX_LINE + 1 ? line.slice(1, MAX_LINE + 1) : line.slice(1);
        bytes += text.length;
        file.added.push({ line: nextLine++, text });
      }
    }
    if (commit) yield commit;
  } finally {
    lines.close();
    if (child.exitCode === null) child.kill();
  }
}

/** The revisions to walk: HEAD or every ref, after `since` when given. */
function revisions(opts: HistoryOptions): string[] {
  // A revision that starts with "-" would be read as an option: refuse it.
  const since = opts.since?.replace(/^-+/, "");
  if (opts.allRefs) return since ? ["--all", "--not", since] : ["--all"];
  if (opts.headOnly) return since ? ["HEAD", "--not", since] : ["HEAD"];
  return since ? [`${since}..HEAD`] : ["HEAD"];
}

/** The marker line that starts each commit of the raw patch stream (after a newline). */
export const PATCH_COMMIT_MARK = MARK;

/**
 * Bytes of one file's patch in one commit held for the scanner. The scanner keeps 64 MiB of a
 * file's added lines (patch-scan's MAX_BLOCK); the rest of a larger patch is dropped as it streams
 * (as gitleaks' --max-target-megabytes skips large blobs), so one huge commit cannot hold the
 * whole patch in memory. A larger default in tests would make them slow; they pass their own.
 */
export const MAX_FILE_PATCH = 65 * 1024 * 1024;

/** A file version whose patch was cut (its commit and path). */
export interface PatchCut {
  commit: string;
  path: string;
}

/**
 * `git log -p` as raw bytes, cut at commit boundaries into batches of at least `batchBytes` (a
 * worker thread parses and scans each batch). Only the current batch is held in memory; the
 * stream pauses while the consumer works on it. A file's patch past `maxFilePatch` bytes is
 * dropped, and `onCut` told which. `alloc` gives each batch its memory (a BatchPool's, used again).
 */
export async function* gitPatchBatches(cwd: string, opts: HistoryOptions & { batchBytes?: number; maxFilePatch?: number; onCut?: (cut: PatchCut) => void; alloc?: (n: number) => Buffer } = {}): AsyncGenerator<Buffer> {
  const args = [
    "log", "-p", "-U0", "--no-ext-diff", "--no-textconv", "--no-renames", "--no-color",
    ...(opts.allRefs || opts.headOnly ? ["--full-history"] : ["--first-parent"]),
    `--format=${MARK}%H %aI %cI`,
    ...revisions(opts),
    "--", ".",
  ];
  const child = spawnGit(cwd, args);
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    if (err.length < 4096) err += c.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const batcher = new PatchBatcher({
    commitMark: Buffer.from(`\n${MARK}`),
    fileMark: Buffer.from("\ndiff --git "),
    batchBytes: opts.batchBytes ?? PATCH_BATCH_BYTES,
    maxFilePatch: opts.maxFilePatch ?? MAX_FILE_PATCH,
    onCut: (data, fileStart) => opts.onCut?.(describeCut(data, fileStart)),
    ...(opts.alloc ? { alloc: opts.alloc } : {}),
  });
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield* batcher.push(chunk);
    const rest = batcher.end();
    if (rest) yield rest;
    const code = await exited;
    if (code !== 0 && code !== null) throw new Error((err.split("\n")[0] || `git log exited with ${code}`).trim());
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** The commit and path of the file patch starting at `fileStart` in `data` (its headers are in its first lines). */
function describeCut(data: Buffer, fileStart: number): PatchCut {
  const at = data.lastIndexOf(MARK, Math.max(0, fileStart + 1));
  const commit = at >= 0 ? data.toString("latin1", at + MARK.length, at + MARK.length + 64).split(" ")[0] ?? "" : "";
  const headers = data.toString("utf8", Math.max(0, fileStart), Math.min(data.length, fileStart + 16 * 1024));
  // The new name (`+++ b/x`), or the old one (`--- a/x`) when the file was deleted.
  const named = [/\n\+\+\+ ([^\n]{1,8000})/, /\n--- ([^\n]{1,8000})/].map((re) => re.exec(headers)?.[1]?.replace(/\t$/, "")).find((n) => n !== undefined && n !== "/dev/null");
  return { commit, path: named !== undefined ? unquote(named).replace(/^[ab]\//, "") : "(a file whose name git did not print)" };
}

/** The raw output of a git diff command (`["diff", "--cached"]`), in the -U0 form the patch scanner reads. */
export function gitPatch(cwd: string, command: readonly string[]): Promise<Buffer> {
  return runGit(cwd, [...command, "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--relative", "-M", "--", "."]);
}

/** A file's staged content (what the next commit will hold), or undefined when it has none. */
export async function gitShowStaged(cwd: string, path: string): Promise<string | undefined> {
  try {
    return (await runGit(cwd, ["show", `:./${path}`], 64 * 1024 * 1024)).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Lines added per file since `base` (the working tree against the merge base); `all` for untracked files. */
export type ChangedLines = Map<string, "all" | [number, number][]>;

/**
 * What changed since `base`: the added line ranges of every file, comparing the working tree with
 * the merge base of `base` and HEAD (what a pull request adds), renames followed so a moved file
 * adds nothing. Untracked files count as wholly added. Throws with git's reason when `base` is unknown.
 */
export async function changedLinesSince(cwd: string, base: string): Promise<ChangedLines> {
  const rev = base.replace(/^-+/, "");
  // The diff reads the working tree, where git would run the repository's own filter commands.
  const noFilters = await filterOverrides(cwd);
  const diff = (args: string[]) => runGit(cwd, ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--relative", ...args, "--", "."], undefined, noFilters);
  let against = ["--merge-base", rev];
  let out: Buffer;
  try {
    out = await diff(["-U0", ...against]);
  } catch (e) {
    // No common history (or an old git): compare with the revision itself.
    against = [rev];
    try {
      out = await diff(["-U0", ...against]);
    } catch {
      throw e;
    }
  }
  const changed: ChangedLines = new Map();
  // Every file that exists and differs, including those with no added line (a pure rename, a
  // binary file, a mode change): their file-level findings belong to the change too.
  const names = await diff(["--name-only", "-z", "--diff-filter=d", ...against]);
  for (const p of names.toString("utf8").split("\0")) if (p !== "") changed.set(p, []);
  let current: [number, number][] | undefined;
  for (const line of out.toString("utf8").split("\n")) {
    if (line.startsWith("+++ ")) {
      const target = line.slice(4).replace(/\t$/, "");
      current = target === "/dev/null" ? undefined : [];
      if (current) changed.set(unquote(target).replace(/^b\//, ""), current);
    } else if (line.startsWith("@@ ") && current) {
      const m = /\+(\d+)(?:,(\d+))?/.exec(line);
      const start = Number(m?.[1] ?? 0);
      const count = m?.[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  const untracked = await runGit(cwd, ["ls-files", "-z", "--others", "--exclude-standard", "--", "."]);
  for (const p of untracked.toString("utf8").split("\0")) if (p !== "") changed.set(p, "all");
  return changed;
}
