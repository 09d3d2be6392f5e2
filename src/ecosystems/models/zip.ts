import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { decodeBzip2 } from "./bzip2.js";
import { decodeLzma, type LzmaOutput } from "./lzma.js";

// A ZIP reader for model archives (PyTorch checkpoints, .npz, .keras, plain .zip): the central
// directory (ZIP64 included) read with ranged reads, and entries streamed out (stored, or
// deflated through a bounded inflater) so a 2 GiB archive is traversed in bounded memory. Caps on
// entry count, expansion ratio and total output stop zip bombs, and say which cap stopped them.

/** Random access to bytes: a file through the workspace, a stored entry of an archive, a buffer. */
export interface RangeSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A buffer as a RangeSource. */
export function bytesSource(bytes: Uint8Array): RangeSource {
  return { size: bytes.length, read: async (o, l) => bytes.subarray(Math.max(0, o), Math.max(0, Math.min(bytes.length, o + l))) };
}

/** A window of another source (a stored entry of an archive). */
export function windowSource(src: RangeSource, offset: number, size: number): RangeSource {
  return { size, read: (o, l) => src.read(offset + Math.max(0, o), Math.max(0, Math.min(l, size - o))) };
}

/** One entry of the central directory. */
export interface ZipEntry {
  /** As Python's zipfile reads it: cut at the first NUL. */
  name: string;
  /** 0 stored, 8 deflated; others are not read. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  encrypted: boolean;
}

/** Why an archive could not be (fully) read: malformed, or a cap reached. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly kind: "malformed" | "limit",
    readonly offset?: number,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

/** Limits on reading archives. */
export interface ZipLimits {
  maxEntries: number;
  maxCentralDirectory: number;
  /** Largest output of one entry that is read. */
  maxEntryBytes: number;
  /** Output bytes per input byte above which an entry counts as a bomb (once past 1 MiB of output). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 100_000, maxCentralDirectory: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 * 1024, maxRatio: 500 };

const u16 = (b: Uint8Array, o: number): number => (b[o] as number) | ((b[o + 1] as number) << 8);
const u32 = (b: Uint8Array, o: number): number => ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** True for the bytes a ZIP file starts with (a local header, an empty archive's end record, or the spanning marker before a local header). */
export function looksLikeZip(head: Uint8Array): boolean {
  if (head[0] !== 0x50 || head[1] !== 0x4b) return false;
  if ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6)) return true;
  // Python's zipfile finds the central directory from the end, so `PK\x07\x08` before the first header opens all the same.
  return head[2] === 7 && head[3] === 8 && head[4] === 0x50 && head[5] === 0x4b && head[6] === 3 && head[7] === 4;
}

/**
 * True when the file ends with a ZIP end record whose central directory sits where it says, after
 * other bytes (a stub, or junk put before the archive to hide it): Python's zipfile opens such a
 * file, as picklescan's `zipfile.is_zipfile` check does. The end record must close the file exactly.
 */
export async function endsWithZip(src: RangeSource): Promise<boolean> {
  if (src.size < 22) return false;
  const tailLen = Math.min(src.size, 22 + 65535);
  const tail = await src.read(src.size - tailLen, tailLen);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] !== 0x50 || tail[i + 1] !== 0x4b || tail[i + 2] !== 5 || tail[i + 3] !== 6) continue;
    if (i + 22 + u16(tail, i + 20) !== tail.length) continue;
    const cdSize = u32(tail, i + 12);
    const at = src.size - tailLen + i - cdSize;
    if (cdSize === 0 || cdSize === 0xffffffff || at < 0) return false;
    const sig = await src.read(at, 4);
    return sig.length === 4 && u32(sig, 0) === 0x02014b50;
  }
  return false;
}

/** Reads the central directory. Throws ZipError for a malformed archive or one over the caps. */
export async function readZipDirectory(src: RangeSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const tailLen = Math.min(src.size, 22 + 65535);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no end of central directory record (not a zip, or truncated)", "malformed", src.size);
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  // Where the central directory really ends: right before the end record (and the ZIP64 records, if any).
  let cdEnd = src.size - tailLen + eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record.
    const locAt = src.size - tailLen + eocd - 20;
    const loc = locAt >= 0 ? await src.read(locAt, 20) : new Uint8Array();
    if (loc.length < 20 || u32(loc, 0) !== 0x07064b50) throw new ZipError("ZIP64 end record locator missing", "malformed", Math.max(0, locAt));
    // The ZIP64 end record sits right before its locator (where Python's zipfile reads it, so bytes before the archive do not move it).
    const before = locAt - 56;
    const z64At = before >= 0 && u32(await src.read(before, 4), 0) === 0x06064b50 ? before : u64(loc, 8);
    const z64 = await src.read(z64At, 56);
    if (z64.length < 56 || u32(z64, 0) !== 0x06064b50) throw new ZipError("ZIP64 end record missing", "malformed", z64At);
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
    cdEnd = z64At;
  }
  // Offsets count from the archive's start; bytes before it shift them all, as Python's zipfile allows.
  const shift = cdEnd - cdSize - cdOffset > 0 && cdEnd - cdSize >= 0 ? cdEnd - cdSize - cdOffset : 0;
  cdOffset += shift;
  if (count > limits.maxEntries) throw new ZipError(`${count} entries, over the cap of ${limits.maxEntries}`, "limit");
  if (cdSize > limits.maxCentralDirectory) throw new ZipError(`central directory of ${cdSize} bytes, over the cap of ${limits.maxCentralDirectory}`, "limit");
  if (cdOffset + cdSize > src.size) throw new ZipError("central directory runs past the end of the file (truncated)", "malformed", cdOffset);
  const cd = await src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  const dec = new TextDecoder("utf-8");
  // Python's zipfile reads entries until the directory's size is used up, whatever count the end record gives (np.load
  // opens an .npz through it); PyTorch's reader stops at the count. Both sets of entries are read.
  while (entries.length < count || p + 46 <= cd.length) {
    if (p + 46 > cd.length || u32(cd, p) !== 0x02014b50) {
      if (entries.length >= count) break;
      throw new ZipError("malformed central directory entry", "malformed", cdOffset + p);
    }
    if (entries.length >= limits.maxEntries) throw new ZipError(`more than ${limits.maxEntries} entries, over the cap`, "limit");
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen > cd.length) throw new ZipError("central directory entry runs past its end", "malformed", cdOffset + p);
    // Python's zipfile cuts a name at its first NUL (`config.json\0X` opens as config.json in Keras and np.load), so names
    // are compared as it sees them.
    const raw = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
    const nul = raw.indexOf("\u0000");
    const name = nul < 0 ? raw : raw.slice(0, nul);
    // ZIP64 extra field: the 64-bit values of the fields that are 0xffffffff, in order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(cd, e);
      const len = u16(cd, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(cd, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset: localOffset + shift, encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's data starts (after its local header). */
export async function entryDataOffset(src: RangeSource, entry: ZipEntry): Promise<number> {
  const h = await src.read(entry.localOffset, 30);
  if (h.length < 30 || u32(h, 0) !== 0x04034b50) throw new ZipError(`local header of ${entry.name} missing`, "malformed", entry.localOffset);
  const start = entry.localOffset + 30 + u16(h, 26) + u16(h, 28);
  if (start + entry.compressedSize > src.size) throw new ZipError(`${entry.name} runs past the end of the archive (truncated)`, "malformed", start);
  return start;
}

const CHUNK = 1024 * 1024;

/**
 * The entry's bytes, streamed in chunks; `maxBytes` stops early (for a header). Throws ZipError
 * when the entry is encrypted, uses another method, or inflates past the caps (a bomb).
 */
export async function* entryChunks(src: RangeSource, entry: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS, maxBytes = Infinity): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`, "limit");
  if (entry.method === 14 || entry.method === 12) {
    yield* lzmaEntry(src, entry, limits, maxBytes);
    return;
  }
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}, which assay does not read`, "limit");
  const start = await entryDataOffset(src, entry);
  const compressed = async function* (): AsyncGenerator<Uint8Array> {
    for (let o = 0; o < entry.compressedSize; o += CHUNK) yield await src.read(start + o, Math.min(CHUNK, entry.compressedSize - o));
  };
  if (entry.method === 0) {
    let out = 0;
    for await (const c of compressed()) {
      yield c;
      out += c.length;
      if (out >= maxBytes) return;
    }
    return;
  }
  const inflate = createInflateRaw();
  const input = Readable.from(compressed());
  input.pipe(inflate);
  let out = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      out += chunk.length;
      const consumed = Math.max(1, inflate.bytesWritten);
      if (out > limits.maxEntryBytes) throw new ZipError(`${entry.name} inflates past the ${Math.round(limits.maxEntryBytes / 1024 / 1024)} MiB cap per entry`, "limit");
      if (out > 1024 * 1024 && out / consumed > limits.maxRatio) throw new ZipError(`${entry.name} inflates more than ${limits.maxRatio}:1 (a zip bomb)`, "limit");
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (out >= maxBytes) return;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`${entry.name} could not be inflated (${(e as Error).message})`, "malformed");
  } finally {
    input.unpipe(inflate);
    input.destroy();
    inflate.destroy();
  }
}

/** Largest LZMA entry read (whole, to decode it). */
const LZMA_ENTRY_CAP = 64 * 1024 * 1024;

/**
 * An entry compressed with LZMA (method 14: a version, the size of the properties, the properties,
 * then the raw stream) or bzip2 (method 12: a bzip2 stream), which Python's zipfile and so np.load
 * read. Decoded whole, within the caps.
 */
async function* lzmaEntry(src: RangeSource, entry: ZipEntry, limits: ZipLimits, maxBytes: number): AsyncGenerator<Uint8Array> {
  if (entry.compressedSize > LZMA_ENTRY_CAP) throw new ZipError(`${entry.name} is an LZMA or bzip2 entry of ${entry.compressedSize} bytes, over the ${LZMA_ENTRY_CAP / 1024 / 1024} MiB cap for decoding it`, "limit");
  const start = await entryDataOffset(src, entry);
  const data = new Uint8Array(entry.compressedSize);
  for (let o = 0; o < data.length; o += CHUNK) data.set(await src.read(start + o, Math.min(CHUNK, data.length - o)), o);
  const cap = Math.min(limits.maxEntryBytes, maxBytes === Infinity ? LZMA_ENTRY_CAP * 4 : maxBytes, Math.max(1024 * 1024, entry.compressedSize * limits.maxRatio));
  let out: LzmaOutput;
  if (entry.method === 12) out = decodeBzip2(data, cap);
  else {
    const propsSize = u16(data, 2);
    if (data.length < 4 + propsSize || propsSize < 5) throw new ZipError(`${entry.name}'s LZMA header is cut short`, "malformed");
    out = decodeLzma(data, 4 + propsSize, data[4] as number, cap, entry.size);
  }
  if (out.bytes.length > 0) yield out.bytes;
  if (out.error !== undefined && out.bytes.length < entry.size) throw new ZipError(`${entry.name} could not be decompressed (${out.error})`, "malformed");
}

/** The whole entry in memory, when it is at most `cap` bytes; throws ZipError otherwise. */
export async function entryBytes(src: RangeSource, entry: ZipEntry, cap: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Uint8Array> {
  if (entry.size > cap) throw new ZipError(`${entry.name} is ${entry.size} bytes, over the ${cap}-byte cap for reading it whole`, "limit");
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of entryChunks(src, entry, limits)) {
    n += c.length;
    if (n > cap) throw new ZipError(`${entry.name} inflates past the ${cap}-byte cap for reading it whole`, "limit");
    parts.push(c);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
