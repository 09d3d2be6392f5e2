import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { Diagnostic } from "../core/assessment.js";
import type { FileEntry } from "../core/files.js";
import { runGit } from "./git.js";
import { countRead } from "./read-stats.js";
import { ioErrorText } from "../core/io-error.js";

/**
 * Upper bound on inventory size; past it the scan goes on with what was listed and says so, and
 * every rule is incomplete (the unlisted files may hold any rule's evidence).
 */
export const MAX_FILES = 2_000_000;

/**
 * The git index and the untracked files that are not ignored, in one `git ls-files`: tracked entries
 * with their status tag and mode ("<tag> <mode> <object> <stage>\t<path>"), untracked ones as
 * "? <path>", all relative to the top level. The untracked listing walks the whole tree (the slow
 * part), in the same process.
 */
export function listGitFiles(root: string): Promise<Buffer> {
  return runGit(root, ["ls-files", "-z", "-t", "--stage", "--full-name", "--others", "--exclude-standard", "--", "."]);
}

/**
 * Tracked files deleted from the working tree since the last commit (or `git add`), NUL-separated,
 * relative to the top level. Asked of a second git process beside `listGitFiles`: it lstats every
 * tracked file, which the untracked listing does not, and the two run on two cores at once.
 */
export function listDeletedFiles(root: string): Promise<Buffer> {
  return runGit(root, ["ls-files", "-z", "--deleted", "--full-name", "--", "."]);
}

/**
 * The inventory from `listGitFiles`' output (`prefix` is the scanned folder's path from the top
 * level, as `git rev-parse --show-prefix` gives it).
 */
export function gitInventory(root: string, prefix: string, out: Buffer, diagnostics: Diagnostic[], maxFiles = MAX_FILES, deleted?: Buffer): FileEntry[] {
  let entries: FileEntry[] = [];
  const others: string[] = [];
  let sparse = 0;
  let unmerged = false;
  // A sparse checkout leaves whole folders out: each folder is looked at once, a file only when its folder is there.
  const folders = new Map<string, boolean>();
  const exists = (p: string): boolean => {
    try {
      lstatSync(join(root, p));
      return true;
    } catch {
      return false;
    }
  };
  const present = (path: string): boolean => {
    const slash = path.lastIndexOf("/");
    const dir = slash < 0 ? "" : path.slice(0, slash);
    let here = folders.get(dir);
    if (here === undefined) folders.set(dir, (here = dir === "" || exists(dir)));
    return here && exists(path);
  };
  // Paths come relative to the top level (--full-name): made relative to the scanned folder.
  const local = (path: string): string => (prefix !== "" && path.startsWith(prefix) ? path.slice(prefix.length) : path);
  for (let at = 0; at < out.length; ) {
    let end = out.indexOf(0, at);
    if (end < 0) end = out.length;
    const from = at;
    at = end + 1;
    if (out[from] === 63 /* ? */ && out[from + 1] === 32) {
      if (end > from + 2) others.push(local(out.toString("utf8", from + 2, end)));
      continue;
    }
    const pathAt = stagedPathAt(out, from, end);
    if (pathAt < 0) continue;
    const path = local(out.toString("utf8", pathAt, end));
    const mode = modeAt(out, from + 2);
    const kind = mode === 0o120000 ? "symlink" : mode === 0o160000 ? "submodule" : "file";
    // Outside a sparse checkout's cone the file is not in the working tree: not evidence to judge,
    // and said once, so that "no lockfile here" is read as "none checked out". The same bit set by
    // hand (`git update-index --skip-worktree` on a config file changed locally) leaves the file
    // there, and it is scanned.
    if (out[from] === 83 /* S */ && kind !== "submodule" && !present(path)) {
      sparse++;
      continue;
    }
    if (out[pathAt - 2] !== 48 /* stage 0 */) unmerged = true;
    entries.push({ path, kind, executable: mode === 0o100755 });
  }
  // An unmerged path is listed once per stage: its last entry stands for it.
  if (unmerged) entries = lastOfEach(entries.sort(byPath));
  if (sparse > 0) diagnostics.push({ level: "note", code: "sparse-checkout", message: `${sparse} tracked file${sparse === 1 ? " is" : "s are"} outside this sparse checkout and ${sparse === 1 ? "was" : "were"} not scanned: checks that look for a file (a lockfile, a policy, a workflow) judge only what is checked out`, hint: "to judge the whole repository, scan a full checkout (`git sparse-checkout disable`)" });
  // The scan reads the working tree: a file deleted there is not evidence to judge, nor one that
  // could not be read (which would leave every check that looks for it incomplete).
  const gone = new Set<string>();
  for (const rec of deleted && deleted.length > 0 ? deleted.toString("utf8").split("\0") : []) if (rec !== "") gone.add(local(rec));
  if (gone.size > 0) {
    const before = entries.length;
    entries = entries.filter((e) => e.kind === "submodule" || !gone.has(e.path));
    const n = before - entries.length;
    if (n > 0) diagnostics.push({ level: "note", code: "deleted-files", message: `${n} tracked file${n === 1 ? " is" : "s are"} deleted in the working tree and ${n === 1 ? "was" : "were"} not scanned: the scan reads the working tree, not the last commit` });
  }
  if (others.length > 0) {
    const tracked = new Set(entries.map((e) => e.path));
    for (const path of others) {
      if (tracked.has(path)) continue;
      tracked.add(path);
      try {
        const st = lstatSync(join(root, path));
        if (st.isSymbolicLink()) entries.push({ path, kind: "symlink", executable: false });
        else if (st.isFile()) entries.push({ path, kind: "file", executable: (st.mode & 0o111) !== 0 });
      } catch {
        // Vanished between listing and stat: nothing to scan.
      }
    }
  }
  return finish(entries, diagnostics, maxFiles, false);
}

/**
 * Where the path starts in a tracked record of `git ls-files -t --stage` ("<tag> <mode> <object>
 * <stage>\t<path>": a status letter, six octal digits, 40 or 64 hex digits, a stage 0–3), or -1
 * when the record is not one. Tag `S` is an entry a sparse checkout (skip-worktree) leaves out of
 * the working tree; any other letter (cached, unmerged, changed…) is a file of the working tree.
 * Read by position in the bytes, and only each path decoded: a checkout lists tens of thousands of
 * records, and decoding the whole output then matching a regular expression on each record took
 * ~55 ms for 34,000 of them.
 */
function stagedPathAt(bytes: Uint8Array, from: number, end: number): number {
  const tag = (bytes[from] as number) | 0x20;
  if (tag < 97 || tag > 122 || bytes[from + 1] !== 32 || modeAt(bytes, from + 2) < 0 || bytes[from + 8] !== 32) return -1;
  // The object name's digits are not checked one by one (git wrote them; a path cannot reach
  // them, as every field is found from the record's start): its length is, by the space after it.
  const hexAt = from + 9;
  const hex = bytes[hexAt + 40] === 32 ? 40 : bytes[hexAt + 64] === 32 ? 64 : -1;
  if (hex < 0 || hexAt + hex >= end) return -1;
  const stage = bytes[hexAt + hex + 1] as number;
  if (stage < 48 || stage > 51 || bytes[hexAt + hex + 2] !== 9) return -1;
  const pathAt = hexAt + hex + 3;
  return pathAt < end ? pathAt : -1;
}

/** The six octal digits at `at` as a number, or -1. */
function modeAt(bytes: Uint8Array, at: number): number {
  let mode = 0;
  for (let i = at; i < at + 6; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 7) return -1;
    mode = mode * 8 + c;
  }
  return mode;
}

/** Of each run of entries with the same path (a sorted list), the last. */
function lastOfEach(sorted: FileEntry[]): FileEntry[] {
  const out: FileEntry[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as FileEntry;
    if (i + 1 < sorted.length && (sorted[i + 1] as FileEntry).path === e.path) continue;
    out.push(e);
  }
  return out;
}

function byPath(a: FileEntry, b: FileEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Folders that tools regenerate on every run (Python's bytecode cache, test and type-checker
 * caches, tox/nox environments). A git checkout lists what is committed; a plain folder cannot
 * say, and these are never source: walked, every `.pyc` in them read as a committed binary.
 */
const GENERATED_DIRS = new Set(["__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox"]);

/** A .gitignore is a few hundred lines; one of megabytes is not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/**
 * Walks a directory that is not a git checkout, honouring nested .gitignore files and leaving out
 * regenerated caches; never follows symlinks. The walk is synchronous: on a local file system
 * whose pages are cached (a checkout just cloned or built), a promise and a thread-pool round trip
 * per directory cost about three times the CPU of the system calls themselves (34,378 files in
 * 6,248 folders: 1.07 s of CPU listed asynchronously, 32 folders at a time, against 0.35 s).
 */
export async function walkInventory(root: string, diagnostics: Diagnostic[], maxFiles = MAX_FILES): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  type Rules = { base: string; ig: Ignore }[];
  const queue: { dir: string; rules: Rules }[] = [{ dir: "", rules: [] }];
  /** Entries a .gitignore left out, looked into only to say whether they hold what the checks judge. */
  const hidden: { path: string; dir: boolean }[] = [];
  while (queue.length > 0 && out.length < maxFiles) {
    const item = queue.pop() as { dir: string; rules: Rules };
    visit(item.dir, item.rules);
  }
  const evidence = hiddenEvidence(root, hidden);
  if (evidence.length > 0) {
    diagnostics.push({
      level: "warning",
      code: "gitignore-hides-evidence",
      message: `this folder is not a git checkout, and its .gitignore files leave out files the checks judge, which were not scanned: ${evidence.slice(0, 3).join(", ")}${evidence.length > 3 ? ` and ${evidence.length - 3} more` : ""}`,
      hint: "scan a git clone of the project (git lists every tracked file, whatever .gitignore says), or remove those .gitignore rules if the folder is yours",
    });
  }
  // Stopped at exactly the cap with folders left: those were never listed either.
  return finish(out, diagnostics, maxFiles, queue.length > 0);

  function visit(dir: string, rules: Rules): void {
    let dirents;
    try {
      dirents = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (e) {
      diagnostics.push({ level: "warning", code: "unreadable-directory", message: `directory could not be read (${ioErrorText(e)}); its files were not scanned`, path: dir || "." });
      return;
    }
    let here = rules;
    if (dirents.some((d) => d.name === ".gitignore" && d.isFile())) {
      try {
        // Repository text like any other: one past the cap ignores nothing (more is scanned, not less).
        if (lstatSync(join(root, dir, ".gitignore")).size > MAX_GITIGNORE_BYTES) throw new Error("too large");
        const text = readFileSync(join(root, dir, ".gitignore"), "utf8");
        countRead(Buffer.byteLength(text));
        here = [...rules, { base: dir, ig: ignore().add(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    const ignored = (rel: string, isDir: boolean): boolean =>
      here.some(({ base, ig }) => {
        const sub = base === "" ? rel : rel.slice(base.length + 1);
        return ig.ignores(isDir ? `${sub}/` : sub);
      });
    for (const d of dirents) {
      const rel = dir === "" ? d.name : `${dir}/${d.name}`;
      if (d.isDirectory()) {
        if (d.name === ".git" || GENERATED_DIRS.has(d.name)) continue;
        if (ignored(rel, true)) hidden.push({ path: rel, dir: true });
        else queue.push({ dir: rel, rules: here });
      } else if (d.isSymbolicLink() || d.isFile()) {
        if (ignored(rel, false)) hidden.push({ path: rel, dir: false });
        else out.push({ path: rel, kind: d.isFile() ? "file" : "symlink", executable: false });
      }
    }
  }
}

/**
 * Files the checks judge wherever they are (CI definitions, manifests and lockfiles, container
 * files, the policy): a plain folder's .gitignore is the repository's own text, and `*` in it would
 * otherwise have a hostile project pass with nothing scanned and every check "not applicable".
 */
const EVIDENCE_NAME = /^(?:Dockerfile|Containerfile|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|requirements[\w.-]*\.txt|Pipfile(?:\.lock)?|poetry\.lock|uv\.lock|pyproject\.toml|go\.mod|go\.sum|Cargo\.toml|Cargo\.lock|Gemfile(?:\.lock)?|composer\.(?:json|lock)|pom\.xml|build\.gradle(?:\.kts)?|packages\.lock\.json|action\.ya?ml|\.gitlab-ci\.yml|\.?assay\.ya?ml|(?:docker-)?compose\.ya?ml|Chart\.yaml)$/;
/** Dependency and build trees a .gitignore leaves out as a matter of course: what they hold is not the project's. */
const NOT_EVIDENCE_DIR = /(?:^|\/)(?:node_modules|bower_components|vendor|third_party|\.venv|venv|env|site-packages|dist|build|out|target|coverage|\.next|\.nuxt|\.cache|\.gradle|\.terraform|\.idea|\.vscode)(?:\/|$)/;
/** Entries looked at inside folders a .gitignore left out, at most: enough to find a `.github`, never a walk of a dependency tree. */
const HIDDEN_LOOK_LIMIT = 20_000;

/** The files of `hidden` (and of its folders, a bounded look) that the checks judge, by path. */
function hiddenEvidence(root: string, hidden: readonly { path: string; dir: boolean }[]): string[] {
  const found: string[] = [];
  const judged = (path: string): boolean => !NOT_EVIDENCE_DIR.test(path) && (path.startsWith(".github/") || EVIDENCE_NAME.test(path.slice(path.lastIndexOf("/") + 1)));
  const dirs: string[] = [];
  for (const h of hidden) {
    if (!h.dir) {
      if (judged(h.path)) found.push(h.path);
    } else if (!NOT_EVIDENCE_DIR.test(`${h.path}/`)) dirs.push(h.path);
  }
  let looked = 0;
  while (dirs.length > 0 && looked < HIDDEN_LOOK_LIMIT && found.length < 100) {
    const dir = dirs.pop() as string;
    let dirents;
    try {
      dirents = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of dirents) {
      if (++looked > HIDDEN_LOOK_LIMIT) break;
      const rel = `${dir}/${d.name}`;
      if (d.isDirectory()) {
        if (d.name !== ".git" && !GENERATED_DIRS.has(d.name) && !NOT_EVIDENCE_DIR.test(`${rel}/`)) dirs.push(rel);
      } else if ((d.isFile() || d.isSymbolicLink()) && judged(rel)) found.push(rel);
    }
  }
  return found.sort();
}

function finish(entries: FileEntry[], diagnostics: Diagnostic[], maxFiles: number, unlisted: boolean): FileEntry[] {
  if (entries.length > maxFiles || unlisted) {
    diagnostics.push({ level: "warning", code: "inventory-truncated", message: `more than ${maxFiles} files; only the first ${maxFiles} were listed, so every check is incomplete`, hint: "exclude generated or vendored trees in the policy (`exclude`), or scan a smaller folder" });
    entries.length = Math.min(entries.length, maxFiles);
  }
  return entries.sort(byPath);
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
