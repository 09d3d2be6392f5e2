import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../core/assessment.js";
import { AssayError } from "../core/errors.js";
import { safeGlob } from "../core/glob.js";
import { ParseFailure, type FileEntry, type HistoryCommit, type HistoryOptions, type Parser, type RepositoryInfo, type TextFile, type Unread } from "../core/files.js";
import { isGitDir, nearestDotGit, probeGit, type GitProbe } from "./git.js";
import { foreignGitdir } from "./gitfile.js";
import { GuardedReader, type ReadRefusal } from "./guarded-read.js";
import { InventoryIndex } from "../core/inventory-index.js";
import { gitHistory } from "./history.js";
import { gitInventory, listDeletedFiles, listGitFiles, MAX_FILES, walkInventory } from "./inventory.js";
import { looksBinary, makeTextFile, utf16AsUtf8 } from "../core/text-file.js";

/** A file's text, or why there is none (`undefined`: the file does not exist). */
export type TextResult = { file: TextFile } | { unread: Unread | undefined };
/** A file's parse, or why there is none. */
export type ParseResult<T> = { value: T } | { unread: Unread | undefined };

/** Size limits for reads. */
export interface ReadLimits {
  /** Largest file read as text or whole bytes. */
  maxFileBytes: number;
  /** Bytes of decoded text kept in the shared cache before the oldest entries are dropped. */
  cacheBytes: number;
  /** Most files listed; past it the inventory is truncated and every rule is incomplete. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: 8 * 1024 * 1024, cacheBytes: 256 * 1024 * 1024, maxFiles: MAX_FILES };

/** Options for opening a workspace. */
export interface WorkspaceOptions {
  /** Glob patterns of paths to leave out (policy `exclude`). */
  exclude?: readonly string[];
  limits?: Partial<ReadLimits>;
}

/**
 * The absolute path of the checkout `path` names; the same clear error for every command when it
 * is missing or is not a directory (a file given where a checkout was meant).
 */
export function checkoutRoot(path: string): string {
  const root = resolve(path);
  let st;
  try {
    st = statSync(root);
  } catch {
    // Node.js decodes argv and the working directory as UTF-8, turning other bytes into U+FFFD: such a
    // folder exists but cannot be named from here, and "no such directory" alone would send people
    // looking for a typo (even after `cd` into it and `assay scan .`).
    if (root.includes("\uFFFD")) {
      throw new AssayError("TARGET_NOT_FOUND", `no such directory: ${root}`, {
        hint: "its path holds bytes that are not UTF-8 (shown as \uFFFD), which Node.js cannot pass to the file system: scan it through a link with a UTF-8 name (from inside it: `ln -s \"$PWD\" /tmp/checkout && assay scan /tmp/checkout`)",
      });
    }
    throw new AssayError("TARGET_NOT_FOUND", `no such directory: ${path}`, { hint: "pass the path of a checkout, e.g. `assay scan .`" });
  }
  if (!st.isDirectory()) throw new AssayError("TARGET_NOT_DIRECTORY", `not a directory: ${path}`, { hint: "assay scans a checkout directory, not a single file" });
  return root;
}

/** What git is asked about a checkout before it is read: its listing, deleted files and facts, at once. */
interface GitAsked {
  dotGit: string | undefined;
  listing: Promise<Buffer>;
  deleted: Promise<Buffer | undefined>;
  probing: Promise<GitProbe>;
}

/**
 * Without a .git here or above (and no GIT_DIR) this is no repository: git is not asked, as each
 * git process costs a fork of this one. Otherwise the file list, the deleted files and the facts
 * are asked for at the same time: three round trips to git become one.
 */
async function askGit(root: string): Promise<GitAsked> {
  const dotGit = process.env.GIT_DIR === undefined ? await nearestDotGit(root) : undefined;
  const inRepo = process.env.GIT_DIR !== undefined || dotGit !== undefined;
  const listing = inRepo ? listGitFiles(root) : Promise.reject(new Error("not a repository"));
  listing.catch(() => undefined); // not a repository: the probe says so, and the walk takes over
  const deleted = inRepo ? listDeletedFiles(root) : Promise.resolve(undefined);
  deleted.catch(() => undefined); // the inventory then keeps them, and reading one finds it missing
  const probing: Promise<GitProbe> = inRepo ? probeGit(root) : Promise.resolve({ kind: "none" });
  probing.catch(() => undefined); // seen by the Workspace.open that takes it
  return { dotGit, listing, deleted, probing };
}

/** Git's answers asked for ahead of Workspace.open, by checkout root; each is taken once. */
const prefetched = new Map<string, Promise<GitAsked>>();

/** True while git's answers about the checkout at `path` wait for its Workspace.open. */
export function isPrefetched(path: string): boolean {
  return prefetched.has(resolve(path));
}

/**
 * Asks git about the checkout at `path` now, for the Workspace.open of it that follows: a command
 * calls this before it loads the rest of its code, and the git processes run on the core that
 * loading leaves idle. Nothing is asked outside a repository, or when `path` is no folder.
 */
export function prefetchCheckout(path: string): void {
  const root = resolve(path);
  try {
    if (!statSync(root).isDirectory() || prefetched.has(root)) return;
  } catch {
    return;
  }
  const asked = askGit(root);
  asked.catch(() => undefined);
  prefetched.set(root, asked);
}

/**
 * The checkout as read-only data: the inventory, reads that are capped and shared by every rule,
 * parses cached once per file, and the git history stream. Nothing else reads the scanned project.
 */
export class Workspace {
  readonly diagnostics: Diagnostic[] = [];
  private readonly texts = new Map<string, Promise<TextResult>>();
  /** Per needle, the files whose bytes were searched for it whole, and those that hold it (see noteNeedle). */
  private readonly needles = new Map<string, { read: Set<string>; found: Set<string> }>();
  private cachedBytes = 0;
  private readonly parsed = new Map<string, Promise<unknown>>();
  private readonly noted = new Set<string>();
  private readonly byPath: Set<string>;
  private readonly reader: GuardedReader;
  /** The inventory by name, extension and folder, built once for every rule. */
  readonly index: InventoryIndex;

  private constructor(
    readonly root: string,
    readonly files: readonly FileEntry[],
    /** The inventory before policy excludes, for existence checks only. */
    readonly allFiles: readonly FileEntry[],
    readonly vcs: "git" | "none",
    readonly head: string | null,
    readonly shallow: boolean,
    readonly remote: string | null,
    private readonly limits: ReadLimits,
    diagnostics: Diagnostic[],
    /** Whether the policy's `exclude` leaves a path out: also for paths of past commits, which the inventory does not list. */
    readonly isExcluded: (path: string) => boolean = () => false,
    /** The scanned folder's path inside its git repository (`services/api`), "" at the top or outside git. */
    readonly subfolder = "",
  ) {
    this.diagnostics.push(...diagnostics);
    this.byPath = new Set(files.map((f) => f.path));
    this.index = new InventoryIndex(files);
    this.reader = new GuardedReader(root);
  }

  /** Opens a checkout: a clear AssayError when the path is missing or not a directory. */
  static async open(path: string, opts: WorkspaceOptions = {}): Promise<Workspace> {
    const root = checkoutRoot(path);
    if (await isGitDir(root)) throw new AssayError("TARGET_GIT_DIR", `${path} is a git directory (a bare repository or a .git folder), not a checkout`, { hint: `scan a checkout of it: git clone ${path} DIR && assay scan DIR` });
    const diagnostics: Diagnostic[] = [];
    const started = prefetched.get(root);
    prefetched.delete(root);
    const { dotGit, listing, deleted, probing } = await (started ?? askGit(root));
    const probe = await probing;
    if (probe.kind === "broken") {
      // Walking it as a plain folder would drop its history (Maintained) and ignore rules without a word.
      throw new AssayError("TARGET_BROKEN", `${path} is a broken git repository: ${probe.reason}`, { hint: "repair it (`git fsck`, `git checkout <branch>`), or scan a fresh clone" });
    }
    if (probe.kind === "none" && probe.gitMissing) diagnostics.push({ level: "warning", code: "git-missing", message: "git is not installed: the folder was walked without its history or git's view of tracked files", hint: "install git (Debian and Ubuntu: apt-get install git) and scan again: checks of the history are incomplete until then" });
    const git = probe.kind === "repo" ? probe.info : undefined;
    const elsewhere = git && dotGit ? await foreignGitdir(dotGit) : undefined;
    if (elsewhere !== undefined) {
      // Followed, as git follows it; but a checkout unpacked from elsewhere can point at any repository on this machine.
      diagnostics.push({ level: "warning", code: "gitdir-elsewhere", message: `${dotGit} is a file that points git at ${elsewhere}, outside this checkout and not one of its worktrees or submodules: git's file list and history were read from that repository`, hint: "if that is not this checkout's repository, delete the .git file and scan again (the folder is then walked without history)" });
    }
    const maxFiles = opts.limits?.maxFiles ?? MAX_FILES;
    let files: FileEntry[];
    let vcs: "git" | "none" = "none";
    if (git) {
      try {
        files = gitInventory(root, git.prefix, await listing, diagnostics, maxFiles, await deleted.catch(() => undefined));
        vcs = "git";
        if (files.length === 0 && git.topLevel !== root) {
          // A folder the enclosing repository ignores (a vendored tree, an unpacked archive): walk it.
          files = await walkInventory(root, diagnostics, maxFiles);
          vcs = files.length === 0 ? "git" : "none";
        }
      } catch (e) {
        diagnostics.push({ level: "warning", code: "git-failed", message: `git could not list files (${(e as Error).message}); walked the directory instead` });
        files = await walkInventory(root, diagnostics, maxFiles);
      }
    } else {
      files = await walkInventory(root, diagnostics, maxFiles);
    }
    const all = files;
    const excluded = opts.exclude && opts.exclude.length > 0 ? safeGlob(opts.exclude, { dot: true }) : undefined;
    if (excluded) files = files.filter((f) => !excluded(f.path));
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    return new Workspace(root, files, all, vcs, vcs === "git" ? (git?.head ?? null) : null, vcs === "git" && (git?.shallow ?? false), vcs === "git" ? (git?.remote ?? null) : null, limits, diagnostics, excluded, vcs === "git" ? (git?.prefix ?? "").replace(/\/+$/, "") : "");
  }

  /** Version control facts for rules. */
  get repository(): RepositoryInfo {
    const info: RepositoryInfo = { vcs: this.vcs, head: this.head, shallow: this.shallow, remote: this.remote };
    // git-missing is said only for a folder in a repository (a .git here or above): its history is there, unread.
    if (this.diagnostics.some((d) => d.code === "git-missing")) info.historyUnreadable = "git is not installed (not on PATH), so the repository's history cannot be read";
    return info;
  }

  /**
   * Why the inventory may miss files of the checkout (more than the cap, or a folder the walk could
   * not open), else undefined: any rule's evidence may be among them.
   */
  get unlisted(): string | undefined {
    if (this.diagnostics.some((d) => d.code === "inventory-truncated")) return "the checkout has more files than assay lists (inventory-truncated), so evidence may be among those not listed";
    // A folder the policy leaves out holds nothing a rule would read (a database's data folder, owned by its container's user).
    const dirs = this.diagnostics.filter((d) => d.code === "unreadable-directory" && !this.isExcluded(`${d.path ?? "."}/`) && !this.isExcluded(d.path ?? ".")).map((d) => d.path ?? ".");
    if (dirs.length > 0) return `${dirs.slice(0, 3).join(", ")}${dirs.length > 3 ? ", …" : ""} could not be listed, so evidence may be among the files there`;
    return undefined;
  }

  /** True when the inventory lists `path`. */
  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /**
   * Decoded text, read once and shared; undefined for binary, oversized, unreadable or missing
   * files, and for paths outside the inventory (excluded, ignored, or reached through a symlink).
   */
  async readText(path: string): Promise<TextFile | undefined> {
    const r = await this.textResult(path);
    return "file" in r ? r.file : undefined;
  }

  /**
   * A file's text when it contains `needle` (ASCII), else undefined. A file already read as text
   * is searched in the cache; any other is searched as bytes and decoded only when it holds the
   * needle, so asking this of thousands of files (suppression comments) decodes almost none; a
   * file the text scan already searched whole for the needle (`noteNeedle`) is not read again
   * when it lacks it.
   */
  async textIfContains(path: string, needle: string): Promise<TextFile | undefined> {
    const cached = this.texts.get(path);
    if (cached) {
      const r = await cached;
      return "file" in r && r.file.text.includes(needle) ? r.file : undefined;
    }
    const known = this.needles.get(needle);
    if (known?.read.has(path) && !known.found.has(path)) return undefined;
    const r = await this.bytesResult(path);
    if (!("bytes" in r)) return undefined;
    // A UTF-16 file (its byte order mark first) is searched as the text it is read as, decoded once.
    const bytes = utf16AsUtf8(r.bytes) ?? Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
    if (bytes.indexOf(needle, 0, "latin1") < 0) return undefined;
    // Decoded from the bytes just read, and cached as readText would: the file is not read twice.
    const text = this.textOf(path, bytes);
    this.texts.set(path, Promise.resolve(text));
    return "file" in text ? text.file : undefined;
  }

  /**
   * Records that the files `read` were searched whole for `needle` (by the text scan, while it had
   * their bytes) and that those in `found` hold it: `textIfContains` then reads only those.
   */
  noteNeedle(needle: string, read: Iterable<string>, found: Iterable<string>): void {
    let known = this.needles.get(needle);
    if (!known) this.needles.set(needle, (known = { read: new Set(), found: new Set() }));
    for (const p of read) known.read.add(p);
    for (const p of found) known.found.add(p);
  }

  /** The text of a file, or why there is none (`unread` is undefined when the file does not exist). */
  textResult(path: string): Promise<TextResult> {
    let p = this.texts.get(path);
    if (!p) {
      const { result, keep } = this.loadText(path);
      p = Promise.resolve(result);
      if (keep) this.texts.set(path, p);
    }
    return p;
  }

  /** A file read and decoded in one turn (its bytes are transient: the next text read reuses them); a file not read is not kept. */
  private loadText(path: string): { result: TextResult; keep: boolean } {
    if (!this.byPath.has(path)) return { result: { unread: undefined }, keep: true };
    const r = this.reader.readTransient(path, { limit: this.limits.maxFileBytes, maxSize: this.limits.maxFileBytes, whole: true });
    if (!r.ok) return { result: { unread: this.refusal(path, r.reason, r.detail, r.size) }, keep: false };
    return { result: this.textOf(path, r.bytes), keep: true };
  }

  /** A whole file's bytes as text (binary files refused), counted against the text cache's budget. */
  private textOf(path: string, raw: Uint8Array): TextResult {
    // UTF-16 with a byte order mark is text (Windows PowerShell's `pip freeze > requirements.txt`
    // writes it, and pip reads it): read as binary, every rule asking for it was left incomplete.
    const bytes = utf16AsUtf8(raw) ?? raw;
    if (looksBinary(bytes)) return { unread: { path, reason: "binary", message: "is a binary file (a NUL byte in its first 8,000 bytes), not text" } };
    const file = makeTextFile(path, bytes);
    if (file.lossy) this.note(path, { level: "note", code: "invalid-utf8", message: "not valid UTF-8; read with replacement characters", path });
    this.cachedBytes += file.text.length * 2;
    this.evict();
    return { file };
  }

  /** Drops the oldest cached texts once the cache is over budget; a later read simply reads again. */
  private evict(): void {
    for (const [key, value] of this.texts) {
      if (this.cachedBytes <= this.limits.cacheBytes) break;
      this.texts.delete(key);
      void value.then((t) => {
        if ("file" in t) this.cachedBytes -= t.file.text.length * 2;
      });
    }
  }

  /** The first `limit` bytes of a file (the whole file, up to the size cap, when omitted). */
  async readBytes(path: string, limit?: number): Promise<Uint8Array | undefined> {
    const r = await this.bytesResult(path, limit);
    return "bytes" in r ? r.bytes : undefined;
  }

  /** Bytes of a file, or why there are none. */
  async bytesResult(path: string, limit?: number): Promise<{ bytes: Uint8Array } | { unread: Unread | undefined }> {
    if (!this.byPath.has(path)) return { unread: undefined };
    const whole = limit === undefined;
    const r = await this.reader.read(path, { limit: limit ?? this.limits.maxFileBytes, maxSize: this.limits.maxFileBytes, whole });
    if (!r.ok) return { unread: this.refusal(path, r.reason, r.detail, r.size) };
    return { bytes: r.bytes };
  }

  /** Where a symbolic link of the inventory leads inside the checkout (a regular file's path), else undefined. */
  linkTarget(path: string): string | undefined {
    return this.byPath.has(path) ? this.reader.linkTarget(path) : undefined;
  }

  /** Largest range one `readRange` call returns: big files are read in pieces, never whole. */
  static readonly MAX_RANGE = 16 * 1024 * 1024;

  /**
   * `length` bytes from `offset` of a file of any size, and the file's size: bounded reads for
   * formats too large to read whole (model archives). Not cached; each call is one read.
   */
  async rangeResult(path: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number } | { unread: Unread | undefined }> {
    if (!this.byPath.has(path)) return { unread: undefined };
    const limit = Math.max(0, Math.min(length, Workspace.MAX_RANGE));
    const r = await this.reader.read(path, { limit, maxSize: Number.MAX_SAFE_INTEGER, whole: false, offset: Math.max(0, offset) });
    if (!r.ok) return { unread: this.refusal(path, r.reason, r.detail, r.size) };
    return { bytes: r.bytes, size: r.size };
  }

  /** Parses a file once per parser; malformed input becomes one diagnostic with its position. */
  async parse<T>(path: string, parser: Parser<T>): Promise<T | undefined> {
    const r = await this.parseResult(path, parser);
    return "value" in r ? r.value : undefined;
  }

  /** A file's parse, or why there is none (unreadable, or malformed with the position). */
  parseResult<T>(path: string, parser: Parser<T>): Promise<ParseResult<T>> {
    const key = `${parser.id}\u0000${path}`;
    let p = this.parsed.get(key) as Promise<ParseResult<T>> | undefined;
    if (!p) {
      p = this.loadParse(path, parser, key);
      this.parsed.set(key, p);
    }
    return p;
  }

  private async loadParse<T>(path: string, parser: Parser<T>, key: string): Promise<ParseResult<T>> {
    let base: unknown;
    if (parser.base) {
      const b = await this.parseResult(path, parser.base);
      if (!("value" in b)) return b;
      base = b.value;
    }
    const r = await this.textResult(path);
    if (!("file" in r)) {
      // Refused reads are noted where they are refused; a binary file is only found here, by a
      // parser that expected text: said once, like a syntax error, so the file is named outside the
      // reasons of the checks it left incomplete.
      if (r.unread?.reason === "binary") this.note(key, { level: "error", code: "parse-error", message: `could not parse as ${parser.id}: ${r.unread.message}`, path, hint: `if it is not a ${parser.id} file, rename it, or exclude it in assay.yml` });
      return r;
    }
    let value: T;
    try {
      value = parser.parse(r.file, base);
    } catch (e) {
      const f = e instanceof ParseFailure ? e : new ParseFailure(e instanceof Error ? e.message : String(e));
      const at = { ...(f.line !== undefined ? { line: f.line } : {}), ...(f.column !== undefined ? { column: f.column } : {}) };
      this.note(key, { level: "error", code: "parse-error", message: `could not parse as ${parser.id}: ${f.message}`, path, ...at, hint: parseHint(f.message, "file") });
      return { unread: { path, reason: "parse-error", message: `could not be parsed as ${parser.id}: ${f.message}`, ...at } };
    }
    for (const [i, pr] of (parser.problems?.(value) ?? []).entries()) {
      const at = { ...(pr.line !== undefined ? { line: pr.line } : {}), ...(pr.column !== undefined ? { column: pr.column } : {}) };
      this.note(`${key}\u0000${i}`, { level: "error", code: "parse-error", message: pr.message, path, ...at, hint: parseHint(pr.message, "part") });
    }
    return { value };
  }

  /** Streams history; empty outside git or before the first commit. */
  async *history(opts: HistoryOptions = {}): AsyncGenerator<HistoryCommit> {
    if (this.vcs !== "git" || this.head === null) return;
    yield* gitHistory(this.root, opts);
  }

  /** Records a diagnostic once per key, so ten rules reading one bad file report it once. */
  note(key: string, d: Diagnostic): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.diagnostics.push(d);
  }

  /**
   * Leaves saying why `path` could not be read to the caller, which says it in its own words (a
   * VEX document "… its statements are not applied"): the workspace's own "not read" note about it
   * is dropped, and not made again when something else reads it.
   */
  saidElsewhere(path: string): void {
    this.noted.add(path);
    for (let i = this.diagnostics.length - 1; i >= 0; i--) {
      const d = this.diagnostics[i];
      if (d?.path === path && REFUSAL_CODES.has(d.code)) this.diagnostics.splice(i, 1);
    }
  }

  /** Records why a file could not be read (once per file) and says it in a sentence. */
  private refusal(path: string, reason: ReadRefusal, detail: string | undefined, size: number | undefined): Unread | undefined {
    if (reason === "missing") return undefined;
    let unread: Unread;
    if (reason === "too-large") {
      const mb = ((size ?? 0) / 1024 / 1024).toFixed(1);
      unread = { path, reason, message: `is ${mb} MiB, over the ${(this.limits.maxFileBytes / 1024 / 1024).toFixed(0)} MiB read limit` };
    } else if (reason === "symlink-outside" || reason === "outside-root") {
      unread = { path, reason: "symlink-outside", message: "is a symbolic link out of the checkout" };
    } else if (reason === "symlink-broken") {
      unread = { path, reason, message: "is a symbolic link to nothing" };
    } else if (reason === "symlink-loop") {
      unread = { path, reason, message: "is a symbolic link that loops" };
    } else if (reason === "not-a-file") {
      unread = { path, reason, message: "is not a regular file" };
    } else {
      unread = { path, reason: "unreadable", message: `could not be read (${detail ?? "error"})` };
    }
    const level = reason === "too-large" ? "note" : "warning";
    // A FIFO, socket or device committed in a file's place is not a link: said as a file that cannot be read.
    const code: RefusalCode = reason === "too-large" ? "file-too-large" : reason === "unreadable" || reason === "not-a-file" ? "unreadable-file" : unread.reason === "symlink-outside" ? "outside-root" : "unreadable-link";
    this.note(path, { level, code, message: `not read: ${unread.message}`, path });
    return unread;
  }
}

/** The codes of the notes `refusal` makes: its `code` is typed by this list, so the two cannot drift apart. */
const REFUSAL_CODE_LIST = ["file-too-large", "unreadable-file", "outside-root", "unreadable-link"] as const;
type RefusalCode = (typeof REFUSAL_CODE_LIST)[number];
const REFUSAL_CODES: ReadonlySet<string> = new Set(REFUSAL_CODE_LIST);

/** What to do about a parse error: a parser's own limit (size, nesting, alias expansion) is not a syntax error. */
function parseHint(message: string, what: "file" | "part"): string {
  // Not a syntax error either: well-formed XML that assay refuses to expand (entities can read local files or blow up).
  if (/declares XML entities/.test(message)) return `assay does not expand XML entities, so the ${what} was not judged and checks that depend on it are incomplete: remove the DOCTYPE's <!ENTITY> declarations, or exclude the file in assay.yml if it is test data`;
  // A lockfile left mid-merge: its fix is to finish the merge, not to edit syntax.
  if (/has merge-conflict markers at line/.test(message)) return `resolve the merge conflict (the message says how to regenerate the file); the rest of the scan went on without this ${what}`;
  if (/larger than|over [0-9.]{1,8} [KMG]iB|nested more than|indented more than|aliases expand|more than [0-9,]{1,12} attributes/.test(message)) return `the ${what} is past a parser limit, so it was not judged; checks that depend on it are incomplete`;
  return what === "file" ? "fix the syntax; the rest of the scan went on without this file" : "fix the syntax; the rest of the file and of the scan were judged without it";
}
