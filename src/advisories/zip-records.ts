import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { AssayError } from "../core/errors.js";
import { OFFLINE_HINT } from "./update-command.js";

// Reads the entries of a downloaded zip (an OSV `all.zip`) one at a time, with bounds a hostile
// or broken archive cannot get past: the number of entries, each entry's size, the ratio of its
// size to its compressed size (zip bombs), and the total. yauzl checks that the sizes an entry
// declares are the sizes it really inflates to.

/** Bounds on an archive. */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest accepted uncompressed/compressed ratio of one entry. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000_000, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 * 1024, maxRatio: 200 };

const CHUNK = 1024 * 1024;

/**
 * Reads the archive with synchronous positioned reads, one chunk at a time: yauzl's default
 * reader issues thousands of small reads through the thread pool, which dominates the time of an
 * archive of many small records (and is slowest exactly when the machine is busy).
 */
class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number, private readonly maxRange: number) {
    super();
  }

  // A plain Readable, not Readable.from(generator): with one such stream per read (three per entry)
  // the generator-backed streams were kept alive, ~20 KB of heap per entry, and read 7× slower: a
  // 300 MB archive of 175,000 records grew past 3 GB.
  _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    if (end - start > this.maxRange) {
      const message = `a range of ${end - start} bytes is larger than any entry may be`;
      return new Readable({
        read() {
          this.destroy(new Error(message));
        },
      });
    }
    let at = start;
    return new Readable({
      read() {
        if (at >= end) {
          this.push(null);
          return;
        }
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - at));
        const n = readSync(fd, buf, 0, buf.length, at);
        if (n <= 0) {
          this.destroy(new Error("the archive ends early"));
          return;
        }
        at += n;
        this.push(n === buf.length ? buf : buf.subarray(0, n));
      },
    });
  }
}

/** Calls `onEntry` with each `.json` entry's bytes, in archive order, one at a time; errors name the archive as `shown` (its URL). */
export function readZipEntries(path: string, limits: ZipLimits, onEntry: (name: string, bytes: Buffer) => void, shown = path): Promise<{ entries: number; bytes: number }> {
  const invalid = (message: string): AssayError => new AssayError("ADVISORY_ARCHIVE_INVALID", `${shown}: ${message}`, { hint: `the download is damaged or is not an OSV archive; the old store is untouched (${OFFLINE_HINT})` });
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, "r");
    size = fstatSync(fd).size;
  } catch (e) {
    return Promise.reject(invalid(e instanceof Error ? e.message : String(e)));
  }
  const reader = new FileReader(fd, Math.max(limits.maxEntryBytes, 64 * 1024 * 1024));
  return new Promise<{ entries: number; bytes: number }>((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(invalid(err?.message ?? "cannot be opened as a zip"));
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        return reject(invalid(`has ${zip.entryCount} entries (at most ${limits.maxEntries})`));
      }
      let entries = 0;
      let total = 0;
      let failed = false;
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e instanceof AssayError ? e : invalid(e instanceof Error ? e.message : String(e)));
      };
      zip.on("error", fail);
      zip.on("end", () => {
        if (!failed) resolve({ entries, bytes: total });
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        if (failed) return;
        if (entry.fileName.endsWith("/") || !entry.fileName.endsWith(".json")) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxEntryBytes) return fail(invalid(`entry ${entry.fileName} inflates to ${entry.uncompressedSize} bytes (at most ${limits.maxEntryBytes})`));
        if (entry.uncompressedSize > 4096 && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) return fail(invalid(`entry ${entry.fileName} is compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} to 1 (a zip bomb?)`));
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(invalid(`inflates to more than ${limits.maxTotalBytes} bytes`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error("cannot read an entry"));
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (c: Buffer) => {
            size += c.length;
            if (size > limits.maxEntryBytes) {
              stream.destroy();
              fail(invalid(`entry ${entry.fileName} is larger than it says`));
            } else chunks.push(c);
          });
          stream.on("error", fail);
          stream.on("end", () => {
            if (failed) return;
            entries++;
            try {
              onEntry(entry.fileName, Buffer.concat(chunks, size));
            } catch (x) {
              return fail(x);
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  }).finally(() => closeSync(fd));
}
