import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import { countRead } from "./read-stats.js";
import { ioErrorText } from "../core/io-error.js";

/** Why a read returned nothing. */
export type ReadRefusal = "missing" | "outside-root" | "symlink-outside" | "symlink-broken" | "symlink-loop" | "not-a-file" | "too-large" | "unreadable";

/** Why a listed file whose name is not UTF-8 cannot be opened. */
export const NOT_UTF8 = "its name is not valid UTF-8";

/**
 * True when `path` came from a listing that decoded a name that is not UTF-8: the decoder put
 * U+FFFD where the bytes were, so the path names no file. Such a file is unread, never "gone".
 */
export function undecodableName(path: string): boolean {
  return path.includes("\uFFFD");
}

/** Symbolic links followed inside the checkout before a chain counts as a loop. */
const MAX_LINK_HOPS = 8;

/** What to read: up to `limit` bytes from `offset`; a file over `maxSize` is refused when `whole`. */
export interface ReadRequest {
  limit: number;
  maxSize: number;
  whole: boolean;
  offset?: number;
  /**
   * The caller is done with the bytes before its next read: they may be a view of a buffer the
   * next transient read reuses (see `readTransient`).
   */
  transient?: boolean;
}

/** Files up to this size are read transiently into one reused buffer; larger ones get their own. */
const TRANSIENT_BYTES = 1024 * 1024;

/** Bytes, or the reason there are none. */
export type ReadResult = { ok: true; bytes: Uint8Array; size: number } | { ok: false; reason: ReadRefusal; detail?: string; size?: number };

/**
 * Reads files under one root, never following a symlink out of it and never reading past a cap.
 * The system calls are synchronous: a scan reads small files from the page cache, where one
 * open/fstat/read/close costs a few microseconds, while the promise-based FileHandle API costs
 * several times that in CPU per file (thread-pool hops, promises, finalizers). The signature stays
 * asynchronous so callers need not care.
 */
export class GuardedReader {
  private readonly dirCache = new Map<string, FolderState>();
  /** The buffer transient reads reuse, allocated on the first one. */
  private scratch: Buffer | undefined;
  constructor(private readonly root: string) {}

  /**
   * Reads up to `limit` bytes (from `offset`, default 0); a file larger than `maxSize` is refused
   * when `whole` is true.
   */
  async read(path: string, opts: ReadRequest): Promise<ReadResult> {
    return this.readNow(path, opts, 0);
  }

  /**
   * `read`, synchronously, into a buffer the next transient read reuses: for a caller that decodes
   * the bytes at once (a file read as text). A fresh buffer per file cost its allocation, and its
   * first touch, for every file a scan's rules read (10,000 manifests: ~3 % of the scan's CPU).
   */
  readTransient(path: string, opts: Omit<ReadRequest, "transient">): ReadResult {
    return this.readNow(path, { ...opts, transient: true }, 0);
  }

  private readNow(path: string, opts: ReadRequest, hops: number): ReadResult {
    if (isAbsolute(path) || path.split("/").includes("..") || inGitFolder(path)) return { ok: false, reason: "outside-root" };
    const full = join(this.root, path);
    const slash = path.lastIndexOf("/");
    const dir = this.folderState(slash < 0 ? "" : path.slice(0, slash));
    // A folder that is not there (deleted since git's index listed it) holds no file: missing, not a way out.
    if (dir !== "real") return undecodableName(path) ? { ok: false, reason: "unreadable", detail: NOT_UTF8 } : { ok: false, reason: dir === "missing" ? "missing" : "outside-root" };
    let fd: number;
    try {
      // O_NOFOLLOW: the last component must not be a symlink; the parent was checked above.
      fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return undecodableName(path) ? { ok: false, reason: "unreadable", detail: NOT_UTF8 } : { ok: false, reason: "missing" };
      if (code === "ELOOP") return this.followLink(path, opts, hops);
      return { ok: false, reason: "unreadable", detail: code ?? String(e) };
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) return { ok: false, reason: "not-a-file" };
      if (opts.whole && st.size > opts.maxSize) return { ok: false, reason: "too-large", size: st.size };
      const from = Math.min(opts.offset ?? 0, st.size);
      const want = Math.max(0, Math.min(st.size - from, opts.limit, opts.maxSize));
      const buf = opts.transient && want <= TRANSIENT_BYTES ? (this.scratch ??= Buffer.allocUnsafeSlow(TRANSIENT_BYTES)).subarray(0, want) : Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, buf, got, want - got, from + got);
        if (n === 0) break;
        got += n;
      }
      countRead(got);
      return { ok: true, bytes: buf.subarray(0, got), size: st.size };
    } catch (e) {
      return { ok: false, reason: "unreadable", detail: ioErrorText(e) };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Reads the target of a symbolic link when it stays inside the checkout (LICENSE -> docs/LICENSE.md);
   * a link out of it, to nothing, or round in circles is refused with that reason.
   */
  private followLink(path: string, opts: ReadRequest, hops: number): ReadResult {
    if (hops >= MAX_LINK_HOPS) return { ok: false, reason: "symlink-loop" };
    let target: string;
    try {
      target = readlinkSync(join(this.root, path));
    } catch (e) {
      return { ok: false, reason: "unreadable", detail: ioErrorText(e) };
    }
    if (isAbsolute(target)) return { ok: false, reason: "symlink-outside", detail: target };
    const slash = path.lastIndexOf("/");
    const resolved = posix.normalize(posix.join(slash < 0 ? "" : path.slice(0, slash), target));
    if (resolved === ".." || resolved.startsWith("../")) return { ok: false, reason: "symlink-outside", detail: target };
    const r = this.readNow(resolved, opts, hops + 1);
    if (!r.ok && r.reason === "missing") return { ok: false, reason: "symlink-broken", detail: target };
    if (!r.ok && r.reason === "outside-root") return { ok: false, reason: "symlink-outside", detail: target };
    return r;
  }

  /**
   * Where a symbolic link inside the checkout ends (the path of the regular file a chain of links
   * reaches), or undefined when `path` is not a link, or leads out, to nothing or round in circles.
   */
  linkTarget(path: string): string | undefined {
    let cur = path;
    for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
      if (isAbsolute(cur) || cur.split("/").includes("..") || inGitFolder(cur)) return undefined;
      const slash = cur.lastIndexOf("/");
      if (this.folderState(slash < 0 ? "" : cur.slice(0, slash)) !== "real") return undefined;
      let target: string;
      try {
        const st = lstatSync(join(this.root, cur));
        if (!st.isSymbolicLink()) return hops > 0 && st.isFile() ? cur : undefined;
        target = readlinkSync(join(this.root, cur));
      } catch {
        return undefined;
      }
      if (isAbsolute(target)) return undefined;
      const resolved = posix.normalize(posix.join(slash < 0 ? "" : cur.slice(0, slash), target));
      if (resolved === ".." || resolved.startsWith("../")) return undefined;
      cur = resolved;
    }
    return undefined;
  }

  /**
   * Whether every folder from the root down to `rel` is a real directory ("real"), one is a
   * symbolic link ("link": a crafted git index can list `link/file` where `link` points outside
   * the checkout), or one is not there or is a file ("missing": deleted since git listed it). One
   * lstat per folder, each cached, so the check costs little however many files are read.
   */
  private folderState(rel: string): FolderState {
    if (rel === "") return "real";
    let state = this.dirCache.get(rel);
    if (state === undefined) {
      const slash = rel.lastIndexOf("/");
      state = this.folderState(slash < 0 ? "" : rel.slice(0, slash));
      if (state === "real") state = lstatFolder(join(this.root, rel));
      this.dirCache.set(rel, state);
    }
    return state;
  }

}

/**
 * True for a path in the checkout's `.git` folder (any letter case: macOS and Windows file systems
 * fold it). It is git's, not the project's: its config holds the remote's URL and, after
 * actions/checkout, the job's token; its logs hold names and e-mail addresses. A hostile repository
 * commits `CODEOWNERS -> .git/config` to have a rule quote those lines in a published report.
 */
export function inGitFolder(path: string): boolean {
  // Asked for every file a text scan reads: no split, no copy of the path.
  return (path.length === 4 || path[4] === "/") && path.slice(0, 4).toLowerCase() === ".git";
}

/** What a folder on the way to a file is: see GuardedReader.folderState. */
export type FolderState = "real" | "link" | "missing";

/** The state of one folder by its lstat: a directory, a symbolic link (or a device, a socket…), or nothing there (a file there now holds no files). */
export function lstatFolder(full: string): FolderState {
  try {
    const st = lstatSync(full);
    return st.isDirectory() ? "real" : st.isFile() ? "missing" : "link";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "link";
  }
}
