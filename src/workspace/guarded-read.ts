import { constants } from "node:fs";
import { lstat, open, readlink } from "node:fs/promises";
import { isAbsolute, join, posix } from "node:path";

/** Why a read returned nothing. */
export type ReadRefusal = "missing" | "outside-root" | "symlink-outside" | "symlink-broken" | "symlink-loop" | "not-a-file" | "too-large" | "unreadable";

/** Symbolic links followed inside the checkout before a chain counts as a loop. */
const MAX_LINK_HOPS = 8;

/** Bytes, or the reason there are none. */
export type ReadResult = { ok: true; bytes: Uint8Array; size: number } | { ok: false; reason: ReadRefusal; detail?: string; size?: number };

/** Reads files under one root, never following a symlink out of it and never reading past a cap. */
export class GuardedReader {
  private readonly dirCache = new Map<string, Promise<boolean>>();
  constructor(private readonly root: string) {}

  /**
   * Reads up to `limit` bytes (from `offset`, default 0); a file larger than `maxSize` is refused
   * when `whole` is true.
   */
  async read(path: string, opts: { limit: number; maxSize: number; whole: boolean; offset?: number }, hops = 0): Promise<ReadResult> {
    if (isAbsolute(path) || path.split("/").includes("..")) return { ok: false, reason: "outside-root" };
    const full = join(this.root, path);
    const slash = path.lastIndexOf("/");
    if (!(await this.dirIsReal(slash < 0 ? "" : path.slice(0, slash)))) return { ok: false, reason: "outside-root" };
    let fh;
    try {
      // O_NOFOLLOW: the last component must not be a symlink; the parent was checked above.
      fh = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, reason: "missing" };
      if (code === "ELOOP") return this.followLink(path, opts, hops);
      return { ok: false, reason: "unreadable", detail: code ?? String(e) };
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) return { ok: false, reason: "not-a-file" };
      if (opts.whole && st.size > opts.maxSize) return { ok: false, reason: "too-large", size: st.size };
      const from = Math.min(opts.offset ?? 0, st.size);
      const want = Math.max(0, Math.min(st.size - from, opts.limit, opts.maxSize));
      const buf = Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await fh.read(buf, got, want - got, from + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return { ok: true, bytes: buf.subarray(0, got), size: st.size };
    } catch (e) {
      return { ok: false, reason: "unreadable", detail: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      await fh.close();
    }
  }

  /**
   * Reads the target of a symbolic link when it stays inside the checkout (LICENSE -> docs/LICENSE.md);
   * a link out of it, to nothing, or round in circles is refused with that reason.
   */
  private async followLink(path: string, opts: { limit: number; maxSize: number; whole: boolean; offset?: number }, hops: number): Promise<ReadResult> {
    if (hops >= MAX_LINK_HOPS) return { ok: false, reason: "symlink-loop" };
    let target: string;
    try {
      target = await readlink(join(this.root, path));
    } catch (e) {
      return { ok: false, reason: "unreadable", detail: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
    if (isAbsolute(target)) return { ok: false, reason: "symlink-outside", detail: target };
    const slash = path.lastIndexOf("/");
    const resolved = posix.normalize(posix.join(slash < 0 ? "" : path.slice(0, slash), target));
    if (resolved === ".." || resolved.startsWith("../")) return { ok: false, reason: "symlink-outside", detail: target };
    const r = await this.read(resolved, opts, hops + 1);
    if (!r.ok && r.reason === "missing") return { ok: false, reason: "symlink-broken", detail: target };
    if (!r.ok && r.reason === "outside-root") return { ok: false, reason: "symlink-outside", detail: target };
    return r;
  }

  /**
   * True when every folder from the root down to `rel` is a real directory, not a symbolic link:
   * one lstat per folder, each cached, so the check costs little however many files are read.
   * (A crafted git index can list `link/file` where `link` points outside the checkout.)
   */
  private dirIsReal(rel: string): Promise<boolean> {
    if (rel === "") return Promise.resolve(true);
    let p = this.dirCache.get(rel);
    if (!p) {
      const slash = rel.lastIndexOf("/");
      const parent = slash < 0 ? "" : rel.slice(0, slash);
      p = this.dirIsReal(parent).then(async (ok) => {
        if (!ok) return false;
        try {
          const st = await lstat(join(this.root, rel));
          return st.isDirectory();
        } catch {
          return false;
        }
      });
      this.dirCache.set(rel, p);
    }
    return p;
  }
}
