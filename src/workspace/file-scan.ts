// Reads and scans a batch of inventory files synchronously, on a worker thread (or the main thread
// for a small checkout): one open, read to the end and close per file, no promise per file. The same
// guards as the workspace's reader: paths stay under the root, no folder on the way may be a
// symbolic link, the file itself is opened with O_NOFOLLOW, and only regular files are read.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { Unread } from "../core/files.js";
import type { TextOrigin, TextScanFunction, TextScanSkipped } from "../core/text-scan.js";
import { minifiedForScan, type ScanFilterSettings } from "./scan-filter.js";
import { inGitFolder, lstatFolder, NOT_UTF8, undecodableName, type FolderState } from "./guarded-read.js";
import { looksBinary, utf16AsUtf8 } from "../core/text-file.js";
import { ioErrorText } from "../core/io-error.js";

/** Files are read and scanned in chunks of this size (a larger file is several chunks)… */
export const CHUNK = 8 * 1024 * 1024;
/** …overlapping by this much, so a match across a boundary is not cut (the longest detector span). */
export const OVERLAP = 64 * 1024;
/** Larger files are not scanned; the scan says so and the rules' verdicts are incomplete. */
export const MAX_FILE = 1024 * 1024 * 1024;

/** What scanning a batch of files found. */
export interface FileBatchResult<M> {
  files: { path: string; matches: M[] }[];
  scanned: number;
  bytes: number;
  skipped: Pick<TextScanSkipped, "binary" | "minified">;
  unread: Unread[];
  /** With a needle: the files whose bytes hold it, and those not read to the end (not known either way). */
  needle?: { found: string[]; missed: string[] };
  /** For a thread that claimed its files from shared claims: how many chunks it scanned. */
  claimed?: number;
}

/**
 * Scans each path (already filtered by name) under `root` with `scan`; with `ranges`, only the
 * paths of those [from, to) index ranges (the chunks a thread claimed). `dirs` caches which folders
 * were checked to be real directories; pass the same map to every batch of one scan, so each
 * folder costs one lstat per thread, not one per batch. With a `needle`, every file read is also
 * searched for it while its bytes are at hand (the suppression comments' marker: the report then
 * re-reads only the files that hold one, not every file with a finding).
 */
export function scanFileBatch<M>(root: string, paths: readonly string[], settings: ScanFilterSettings, scan: TextScanFunction<M>, dirs = new Map<string, FolderState>(), needle?: string, ranges: Iterable<readonly [number, number]> = [[0, paths.length]]): FileBatchResult<M> {
  const out: FileBatchResult<M> = { files: [], scanned: 0, bytes: 0, skipped: { binary: 0, minified: 0 }, unread: [] };
  const seen = needle === undefined ? undefined : new NeedleSeen(needle);
  const buf = chunkBuffer();
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++) {
      const path = paths[i] as string;
      seen?.start(path);
      scanOne(root, path, buf, settings, scan, dirs, out, seen);
      seen?.end();
    }
  }
  if (seen) out.needle = { found: seen.found, missed: seen.missed };
  return out;
}

/** One file of a batch: read, filtered and scanned, its outcome added to `out`. */
function scanOne<M>(root: string, path: string, buf: Buffer, settings: ScanFilterSettings, scan: TextScanFunction<M>, dirs: Map<string, FolderState>, out: FileBatchResult<M>, seen: NeedleSeen | undefined): void {
  const dir = isAbsolute(path) || path.split("/").includes("..") || inGitFolder(path) ? "link" : folderState(root, path, dirs);
  if (dir !== "real") {
    if (undecodableName(path)) out.unread.push({ path, reason: "unreadable", message: `could not be read (${NOT_UTF8})` });
    // A folder deleted since git listed it holds nothing to scan, as a deleted file does (ENOENT below).
    else if (dir === "link") out.unread.push({ path, reason: "symlink-outside", message: "is under a symbolic link or outside the checkout" });
    return;
  }
  let fd: number;
  try {
    fd = openSync(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Gone since the inventory was listed, or a symbolic link (scanned where it points, if inside).
    if ((code === "ENOENT" || code === "ENOTDIR") && undecodableName(path)) out.unread.push({ path, reason: "unreadable", message: `could not be read (${NOT_UTF8})` });
    else if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "ELOOP") out.unread.push({ path, reason: "unreadable", message: `could not be read (${ioErrorText(e)})` });
    return;
  }
  try {
    // Most files fit the buffer: read to the end and know the size without an fstat (whose Stats
    // object, four Dates included, cost more than the read). A directory fails with EISDIR, a FIFO
    // (O_NONBLOCK) with ESPIPE (no positioned read), a device fills the buffer: those go to the fstat below.
    const got = readUpTo(fd, buf);
    if (got > 0 && got < buf.length) {
      const read = buf.subarray(0, got);
      // A UTF-16 text with its byte order mark is scanned as the text it is (its lines stay its lines).
      const bytes = read[0] === 0xff || read[0] === 0xfe ? (utf16AsUtf8(read) ?? read) : read;
      const matches = scanBytes(bytes, path, settings, scan, out);
      // After the scan: a scanner that watched for the marker on its way has the answer.
      seen?.look(bytes, true, matches === undefined ? undefined : scan);
      if (matches && matches.length > 0) out.files.push({ path, matches });
      return;
    }
    const st = fstatSync(fd);
    if (!st.isFile()) return;
    if (st.size > MAX_FILE) {
      out.unread.push({ path, reason: "too-large", message: `is ${(st.size / 1024 / 1024).toFixed(0)} MiB, over the ${MAX_FILE / 1024 / 1024} MiB scan limit` });
      return;
    }
    const matches = scanOpenFile(fd, st.size, buf, path, settings, scan, out, seen);
    if (matches && matches.length > 0) out.files.push({ path, matches });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Not a regular file any more (replaced since the inventory was listed): skipped, as the fstat would.
    if (code === "EISDIR" || code === "EAGAIN" || code === "ESPIPE") return;
    out.unread.push({ path, reason: "unreadable", message: `could not be read (${ioErrorText(e)})` });
  } finally {
    closeSync(fd);
  }
}

/** Which files hold a needle, told from the bytes each read hands over: a file is known only once its last byte was seen or the needle found. */
class NeedleSeen {
  readonly found: string[] = [];
  readonly missed: string[] = [];
  private path = "";
  private known = false;
  constructor(private readonly needle: string) {}

  start(path: string): void {
    this.path = path;
    this.known = false;
  }

  /**
   * Bytes of the current file; `last` when they reach its end. `scanned`: the function that has
   * just scanned these bytes, which may know whether they hold the needle (else they are searched).
   */
  look(bytes: Buffer, last: boolean, scanned?: TextScanFunction<unknown>): void {
    if (this.known) return;
    const told = scanned?.sawMarker?.(this.needle);
    if (told === true || (told === undefined && bytes.indexOf(this.needle, 0, "latin1") >= 0)) {
      this.found.push(this.path);
      this.known = true;
    } else if (last) this.known = true;
  }

  end(): void {
    if (!this.known) this.missed.push(this.path);
  }
}

/**
 * Reads from the start until the end of the file or until `buf` is full; the bytes read. A read
 * of a regular file that returns less than asked has reached its end (POSIX), so the read that
 * would return 0 is not made: in a sandboxed kernel that system call cost a tenth of a small
 * file's whole scan. What is not a regular file fails, fills the buffer or reads 0, and goes to
 * the caller's fstat.
 */
function readUpTo(fd: number, buf: Buffer): number {
  let got = 0;
  while (got < buf.length) {
    const want = buf.length - got;
    const n = readSync(fd, buf, got, want, got);
    got += n;
    if (n === 0 || n < want) break;
  }
  return got;
}

/** A whole file already read: undefined when it was skipped (binary); a minified one is searched for the unmistakable only. */
function scanBytes<M>(bytes: Buffer, path: string, settings: ScanFilterSettings, scan: TextScanFunction<M>, out: FileBatchResult<M>): M[] | undefined {
  if (looksBinary(bytes)) return void out.skipped.binary++;
  if (minifiedForScan(path, bytes, settings)) {
    out.skipped.minified++;
    return scan(bytes, path, { line: 1, unmistakableOnly: true });
  }
  out.scanned++;
  out.bytes += bytes.length;
  return scan(bytes, path, { line: 1 });
}

/** One file, chunk by chunk; undefined when it was skipped (binary); a minified one is searched for the unmistakable only. */
function scanOpenFile<M>(fd: number, size: number, buf: Buffer, path: string, settings: ScanFilterSettings, scan: TextScanFunction<M>, out: FileBatchResult<M>, seen?: NeedleSeen): M[] | undefined {
  const matches: M[] = [];
  let offset = 0;
  let line = 1;
  let unmistakableOnly = false;
  for (let first = true; ; first = false) {
    const want = Math.min(buf.length, size - offset);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, got, want - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    const bytes = buf.subarray(0, got);
    if (first) {
      if (looksBinary(bytes)) {
        seen?.look(bytes, offset + got >= size);
        return void out.skipped.binary++;
      }
      if (minifiedForScan(path, bytes, settings)) {
        out.skipped.minified++;
        unmistakableOnly = true;
      } else {
        out.scanned++;
        out.bytes += size;
      }
    }
    const last = offset + got >= size;
    // Own up to the last line break before CHUNK: the next chunk starts on a fresh line.
    let own = got;
    if (!last) {
      const nl = bytes.lastIndexOf(10, CHUNK - 1);
      own = nl >= 0 ? nl + 1 : CHUNK;
    }
    // The scanner keeps nothing of the buffer (matches are plain data), so it is reused for the next chunk.
    const origin: TextOrigin = last && first ? { line } : { line, own };
    // One by one: spreading a chunk's matches as arguments overflows the stack past ~120,000 of them.
    for (const m of scan(bytes, path, unmistakableOnly ? { ...origin, unmistakableOnly } : origin)) matches.push(m);
    // Chunks overlap by OVERLAP bytes, so a needle across a boundary is whole in one of them.
    seen?.look(bytes, last, scan);
    if (last || got === 0) return matches;
    for (let i = bytes.indexOf(10); i !== -1 && i < own; i = bytes.indexOf(10, i + 1)) line++;
    offset += own;
  }
}

let shared: Buffer | undefined;

/**
 * The thread's read buffer, allocated once: a fresh 8 MiB buffer per batch cost more in page
 * faults and garbage collection than the reads themselves. Batches run synchronously, one at a
 * time per thread, and the scanner keeps nothing of the bytes, so one buffer serves them all.
 */
function chunkBuffer(): Buffer {
  shared ??= Buffer.allocUnsafeSlow(CHUNK + OVERLAP);
  return shared;
}

/** Whether every folder from the root down to the file's is a real directory (one lstat each, cached): see GuardedReader.folderState. */
function folderState(root: string, path: string, cache: Map<string, FolderState>): FolderState {
  const slash = path.lastIndexOf("/");
  if (slash < 0) return "real";
  const dir = path.slice(0, slash);
  const known = cache.get(dir);
  if (known !== undefined) return known;
  let state = folderState(root, dir, cache);
  if (state === "real") state = lstatFolder(join(root, dir));
  cache.set(dir, state);
  return state;
}
