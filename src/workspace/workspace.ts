import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import picomatch from "picomatch";
import type { Diagnostic } from "../core/assessment.js";
import { AssayError } from "../core/errors.js";
import { ParseFailure, type FileEntry, type HistoryCommit, type HistoryOptions, type Parser, type RepositoryInfo, type TextFile } from "../core/files.js";
import { gitInfo } from "./git.js";
import { GuardedReader } from "./guarded-read.js";
import { gitHistory } from "./history.js";
import { gitInventory, walkInventory } from "./inventory.js";
import { looksBinary, makeTextFile } from "./text-file.js";

/** Size limits for reads. */
export interface ReadLimits {
  /** Largest file read as text or whole bytes. */
  maxFileBytes: number;
  /** Bytes of decoded text kept in the shared cache before the oldest entries are dropped. */
  cacheBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: 8 * 1024 * 1024, cacheBytes: 256 * 1024 * 1024 };

/** Options for opening a workspace. */
export interface WorkspaceOptions {
  /** Glob patterns of paths to leave out (policy `exclude`). */
  exclude?: readonly string[];
  limits?: Partial<ReadLimits>;
}

/**
 * The checkout as read-only data: the inventory, reads that are capped and shared by every rule,
 * parses cached once per file, and the git history stream. Nothing else reads the scanned project.
 */
export class Workspace {
  readonly diagnostics: Diagnostic[] = [];
  private readonly texts = new Map<string, Promise<TextFile | undefined>>();
  private cachedBytes = 0;
  private readonly parsed = new Map<string, Promise<unknown>>();
  private readonly noted = new Set<string>();
  private readonly byPath: Set<string>;
  private readonly reader: GuardedReader;

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
  ) {
    this.diagnostics.push(...diagnostics);
    this.byPath = new Set(files.map((f) => f.path));
    this.reader = new GuardedReader(root);
  }

  /** Opens a checkout: a clear AssayError when the path is missing or not a directory. */
  static async open(path: string, opts: WorkspaceOptions = {}): Promise<Workspace> {
    const root = resolve(path);
    let st;
    try {
      st = await stat(root);
    } catch {
      throw new AssayError("TARGET_NOT_FOUND", `no such directory: ${path}`, { hint: "pass the path of a checkout, e.g. `assay scan .`" });
    }
    if (!st.isDirectory()) throw new AssayError("TARGET_NOT_DIRECTORY", `not a directory: ${path}`, { hint: "assay scans a checkout directory, not a single file" });
    const diagnostics: Diagnostic[] = [];
    const git = await gitInfo(root);
    let files: FileEntry[];
    let vcs: "git" | "none" = "none";
    if (git) {
      try {
        files = await gitInventory(root, diagnostics);
        vcs = "git";
        if (files.length === 0 && git.topLevel !== root) {
          // A folder the enclosing repository ignores (a vendored tree, an unpacked archive): walk it.
          files = await walkInventory(root, diagnostics);
          vcs = files.length === 0 ? "git" : "none";
        }
      } catch (e) {
        diagnostics.push({ level: "warning", code: "git-failed", message: `git could not list files (${(e as Error).message}); walked the directory instead` });
        files = await walkInventory(root, diagnostics);
      }
    } else {
      files = await walkInventory(root, diagnostics);
    }
    const all = files;
    if (opts.exclude && opts.exclude.length > 0) {
      const excluded = picomatch([...opts.exclude], { dot: true });
      files = files.filter((f) => !excluded(f.path));
    }
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    return new Workspace(root, files, all, vcs, vcs === "git" ? (git?.head ?? null) : null, vcs === "git" && (git?.shallow ?? false), vcs === "git" ? (git?.remote ?? null) : null, limits, diagnostics);
  }

  /** Version control facts for rules. */
  get repository(): RepositoryInfo {
    return { vcs: this.vcs, head: this.head, shallow: this.shallow, remote: this.remote };
  }

  /** True when the inventory lists `path`. */
  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /**
   * Decoded text, read once and shared; undefined for binary, oversized, unreadable or missing
   * files, and for paths outside the inventory (excluded, ignored, or reached through a symlink).
   */
  readText(path: string): Promise<TextFile | undefined> {
    let p = this.texts.get(path);
    if (!p) {
      p = this.loadText(path);
      this.texts.set(path, p);
    }
    return p;
  }

  private async loadText(path: string): Promise<TextFile | undefined> {
    if (!this.byPath.has(path)) return undefined;
    const r = await this.reader.read(path, { limit: this.limits.maxFileBytes, maxSize: this.limits.maxFileBytes, whole: true });
    if (!r.ok) {
      this.noteRefusal(path, r.reason, r.detail, r.size);
      this.texts.delete(path);
      return undefined;
    }
    if (looksBinary(r.bytes)) return undefined;
    const file = makeTextFile(path, r.bytes);
    if (file.lossy) this.note(path, { level: "note", code: "invalid-utf8", message: "not valid UTF-8; read with replacement characters", path });
    this.cachedBytes += file.text.length * 2;
    this.evict();
    return file;
  }

  /** Drops the oldest cached texts once the cache is over budget; a later read simply reads again. */
  private evict(): void {
    for (const [key, value] of this.texts) {
      if (this.cachedBytes <= this.limits.cacheBytes) break;
      this.texts.delete(key);
      void value.then((t) => {
        if (t) this.cachedBytes -= t.text.length * 2;
      });
    }
  }

  /** The first `limit` bytes of a file (the whole file, up to the size cap, when omitted). */
  async readBytes(path: string, limit?: number): Promise<Uint8Array | undefined> {
    if (!this.byPath.has(path)) return undefined;
    const whole = limit === undefined;
    const r = await this.reader.read(path, { limit: limit ?? this.limits.maxFileBytes, maxSize: this.limits.maxFileBytes, whole });
    if (!r.ok) {
      this.noteRefusal(path, r.reason, r.detail, r.size);
      return undefined;
    }
    return r.bytes;
  }

  /** Parses a file once per parser; malformed input becomes one diagnostic with its position. */
  parse<T>(path: string, parser: Parser<T>): Promise<T | undefined> {
    const key = `${parser.id}\u0000${path}`;
    let p = this.parsed.get(key) as Promise<T | undefined> | undefined;
    if (!p) {
      p = this.readText(path).then((file) => {
        if (!file) return undefined;
        try {
          return parser.parse(file);
        } catch (e) {
          const f = e instanceof ParseFailure ? e : new ParseFailure(e instanceof Error ? e.message : String(e));
          this.note(key, {
            level: "error", code: "parse-error", message: `could not parse as ${parser.id}: ${f.message}`, path,
            ...(f.line !== undefined ? { line: f.line } : {}), ...(f.column !== undefined ? { column: f.column } : {}),
            hint: "fix the syntax; the rest of the scan went on without this file",
          });
          return undefined;
        }
      });
      this.parsed.set(key, p);
    }
    return p;
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

  private noteRefusal(path: string, reason: string, detail: string | undefined, size: number | undefined): void {
    if (reason === "missing" || reason === "not-a-file") return;
    if (reason === "too-large") {
      const mb = ((size ?? 0) / 1024 / 1024).toFixed(1);
      this.note(path, { level: "note", code: "file-too-large", message: `skipped: ${mb} MiB is over the ${(this.limits.maxFileBytes / 1024 / 1024).toFixed(0)} MiB read limit`, path });
    } else if (reason === "outside-root") {
      this.note(path, { level: "warning", code: "outside-root", message: "not read: the path leaves the checkout through a symbolic link", path });
    } else {
      this.note(path, { level: "warning", code: "unreadable-file", message: `could not be read (${detail ?? "error"})`, path });
    }
  }
}
