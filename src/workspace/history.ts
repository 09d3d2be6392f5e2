import { createInterface } from "node:readline";
import type { HistoryCommit, HistoryFile, HistoryOptions } from "../core/files.js";
import { unquoteGitPath as unquote } from "./git-path.js";
import { filterOverrides, runGit, spawnGit } from "./git.js";

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
 * `git log -p` as raw bytes, cut at commit boundaries into batches of at least `batchBytes` (a
 * worker thread parses and scans each batch). Only the current batch is held in memory; the
 * stream pauses while the consumer works on it.
 */
export async function* gitPatchBatches(cwd: string, opts: HistoryOptions & { batchBytes?: number } = {}): AsyncGenerator<Buffer> {
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
  const want = opts.batchBytes ?? 4 * 1024 * 1024;
  const mark = Buffer.from(`\n${MARK}`);
  let pending: Buffer[] = [];
  let size = 0;
  // Offset in the pending data of the last commit mark seen (-1: none). Each chunk is searched once,
  // with the end of the one before it for a mark split between them: searching all the pending data
  // again for every chunk made one huge commit (a million added lines) quadratic.
  let cut = -1;
  let tail = Buffer.alloc(0);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const probe = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      const found = probe.lastIndexOf(mark);
      if (found >= 0) cut = size - tail.length + found;
      tail = Buffer.from(probe.subarray(Math.max(0, probe.length - (mark.length - 1))));
      pending.push(chunk);
      size += chunk.length;
      // Cut before the last commit that started in this data: it may not be complete yet.
      if (size < want || cut <= 0) continue;
      const all = Buffer.concat(pending);
      yield all.subarray(0, cut + 1);
      pending = [all.subarray(cut + 1)];
      size = all.length - cut - 1;
      cut = -1;
    }
    if (size > 0) yield Buffer.concat(pending);
    const code = await exited;
    if (code !== 0 && code !== null) throw new Error((err.split("\n")[0] || `git log exited with ${code}`).trim());
  } finally {
    if (child.exitCode === null) child.kill();
  }
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
