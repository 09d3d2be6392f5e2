// An LZ4 frame decoder (the LZ4 Frame and Block format descriptions), for joblib's `lz4`
// compressor: `joblib.dump(model, "m.joblib", compress="lz4")` writes the pickle as LZ4 frames.
// Output is kept whole (matches reach back into earlier blocks of a linked frame) and capped:
// decoding stops at the cap, and a frame that breaks ends the output where it broke, so what was
// decoded is still judged. Checksums are not verified: a pickle is judged by what it would load,
// and a bad checksum only makes the loader refuse it.
import { Corrupt, Full, Window, type LzmaOutput } from "./lzma.js";

const FRAME_MAGIC = 0x184d2204;
/** Skippable frames carry user data: magic 0x184D2A50 to 0x184D2A5F, a size, then that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/** Appends `src[from, from + n)`. */
function copyIn(out: Window, src: Uint8Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) out.put(src[from + i] as number);
}

/** Appends `n` bytes copied from `offset` back; overlapping copies repeat the bytes, as LZ4 means. */
function copyBack(out: Window, offset: number, n: number): void {
  if (offset === 0 || offset > out.pos) throw new Corrupt(`a match refers ${offset} bytes back, before the start of the output`);
  for (let i = 0; i < n; i++) out.put(out.back(offset));
}

function u32(src: Uint8Array, at: number): number {
  if (at + 4 > src.length) throw new Corrupt("cut short");
  return ((src[at] as number) | ((src[at + 1] as number) << 8) | ((src[at + 2] as number) << 16) | ((src[at + 3] as number) << 24)) >>> 0;
}

/** Decodes one LZ4 block, `src[at, end)`, onto `out`. */
function decodeBlock(src: Uint8Array, at: number, end: number, out: Window): void {
  let p = at;
  // A length past its nibble's 15 goes on in bytes of 255 until a smaller one: bounded by the block.
  const more = (n: number): number => {
    for (;;) {
      if (p >= end) throw new Corrupt("a length runs past the end of its block");
      const b = src[p++] as number;
      n += b;
      if (b !== 255) return n;
    }
  };
  while (p < end) {
    const token = src[p++] as number;
    let literals = token >>> 4;
    if (literals === 15) literals = more(literals);
    if (p + literals > end) throw new Corrupt("literals run past the end of their block");
    copyIn(out, src, p, literals);
    p += literals;
    // The last sequence of a block has literals only.
    if (p === end) return;
    if (p + 2 > end) throw new Corrupt("a match offset is cut short");
    const offset = (src[p] as number) | ((src[p + 1] as number) << 8);
    p += 2;
    let length = token & 15;
    if (length === 15) length = more(length);
    copyBack(out, offset, length + 4);
  }
}

/** Decodes one frame starting at `at` (past its magic); returns where the frame ended. */
function decodeFrame(src: Uint8Array, at: number, out: Window): number {
  if (at + 3 > src.length) throw new Corrupt("frame header cut short");
  const flg = src[at] as number;
  if (flg >>> 6 !== 1) throw new Corrupt(`frame version ${flg >>> 6} is not 1`);
  const blockChecksum = (flg & 0x10) !== 0;
  const contentSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const dictId = (flg & 0x01) !== 0;
  // A frame made against a dictionary refers to bytes assay does not have.
  if (dictId) throw new Corrupt("the frame needs a dictionary");
  let p = at + 2 + (contentSize ? 8 : 0) + 1;
  for (;;) {
    const size = u32(src, p);
    p += 4;
    if (size === 0) break;
    const stored = (size & 0x80000000) !== 0;
    const n = size & 0x7fffffff;
    if (p + n > src.length) throw new Corrupt("a block is cut short");
    if (stored) copyIn(out, src, p, n);
    else decodeBlock(src, p, p + n, out);
    p += n + (blockChecksum ? 4 : 0);
  }
  return p + (contentChecksum ? 4 : 0);
}

/**
 * Decodes the LZ4 frames of `src` one after another (the lz4 tool and Python's reader go on
 * through concatenated frames), skipping skippable frames, up to `cap` bytes of output.
 */
export function decodeLz4(src: Uint8Array, cap: number): LzmaOutput {
  const out = new Window(cap, 64 * 1024);
  const done = (error: string | undefined, capped = false): LzmaOutput => ({ bytes: out.buf.subarray(0, out.pos), capped, error });
  let p = 0;
  try {
    for (let frames = 0; p < src.length; frames++) {
      const magic = u32(src, p);
      if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
        p += 8 + u32(src, p + 4);
        continue;
      }
      if (magic !== FRAME_MAGIC) {
        // Bytes after a complete frame that are not one are ignored, as the readers stop there.
        if (frames > 0) break;
        throw new Corrupt("not an LZ4 frame");
      }
      p = decodeFrame(src, p + 4, out);
    }
  } catch (e) {
    if (e instanceof Full) return done(undefined, true);
    if (e instanceof Corrupt) return done(e.message);
    throw e;
  }
  return done(undefined);
}
