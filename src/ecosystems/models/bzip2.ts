// A bzip2 decoder (Julian Seward's format: Huffman-coded move-to-front runs over a Burrows-Wheeler
// transform, then a run-length pass), for joblib's `bz2` compressor, pandas' `.pkl.bz2` and zip
// entries compressed with bzip2 (method 12, which np.load reads through zipfile). Output is capped;
// a stream that breaks ends the output where it broke, so what was decoded is still judged.

import { Corrupt, Full, type LzmaOutput } from "./lzma.js";

class Bits {
  private pos = 0;
  private bit = 0;
  constructor(private readonly src: Uint8Array) {}
  get offset(): number {
    return this.pos;
  }
  /** Skips to the next whole byte. */
  align(): void {
    if (this.bit !== 0) {
      this.bit = 0;
      this.pos++;
    }
  }
  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const b = this.src[this.pos];
      if (b === undefined) throw new Corrupt("the compressed data ends early");
      v = v * 2 + ((b >>> (7 - this.bit)) & 1);
      if (++this.bit === 8) {
        this.bit = 0;
        this.pos++;
      }
    }
    return v;
  }
}

const MAX_GROUPS = 6;
const MAX_CODE = 20;

/** Decodes a bzip2 file (one stream or several one after another) up to `cap` bytes. */
export function decodeBzip2(src: Uint8Array, cap: number): LzmaOutput {
  const out: Uint8Array[] = [];
  let total = 0;
  const done = (error: string | undefined, capped = false): LzmaOutput => ({ bytes: Buffer.concat(out, total), capped, error });
  const bits = new Bits(src);
  try {
    for (let streams = 0; streams < 1000; streams++) {
      if (bits.read(24) !== 0x425a68) throw new Corrupt("no bzip2 stream header");
      const level = bits.read(8) - 0x30;
      if (level < 1 || level > 9) throw new Corrupt("bzip2 block size out of range");
      for (;;) {
        const magic = bits.read(24) * 0x1000000 + bits.read(24);
        bits.read(32);
        if (magic === 0x177245385090) break;
        if (magic !== 0x314159265359) throw new Corrupt("bad bzip2 block magic");
        const block = decodeBlock(bits, level * 100000);
        const room = cap - total;
        if (block.length > room) {
          out.push(block.subarray(0, room));
          total += room;
          throw new Full();
        }
        out.push(block);
        total += block.length;
      }
      // A stream ends on a byte boundary; another may follow (pbzip2, and Python's bz2 files, read them all).
      bits.align();
      const at = bits.offset;
      if (!(src[at] === 0x42 && src[at + 1] === 0x5a && src[at + 2] === 0x68)) return done(undefined);
    }
    return done(undefined);
  } catch (e) {
    if (e instanceof Full) return done(undefined, true);
    if (e instanceof Corrupt) return done(e.message);
    throw e;
  }
}

function decodeBlock(bits: Bits, maxSize: number): Uint8Array {
  if (bits.read(1)) throw new Corrupt("randomised bzip2 blocks are not supported");
  const origPtr = bits.read(24);
  // The symbols in use: 16 ranges of 16.
  const ranges = bits.read(16);
  const used: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (!(ranges & (0x8000 >>> i))) continue;
    const m = bits.read(16);
    for (let j = 0; j < 16; j++) if (m & (0x8000 >>> j)) used.push(i * 16 + j);
  }
  if (used.length === 0) throw new Corrupt("a bzip2 block uses no symbols");
  const alpha = used.length + 2;
  const groups = bits.read(3);
  if (groups < 2 || groups > MAX_GROUPS) throw new Corrupt("bzip2 Huffman group count out of range");
  const nSelectors = bits.read(15);
  if (nSelectors === 0) throw new Corrupt("a bzip2 block has no selectors");
  const mtfGroups = Array.from({ length: groups }, (_, i) => i);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (bits.read(1)) if (++j >= groups) throw new Corrupt("bzip2 selector out of range");
    const v = mtfGroups[j] as number;
    mtfGroups.splice(j, 1);
    mtfGroups.unshift(v);
    selectors[i] = v;
  }
  // Each group's code lengths, delta coded, then canonical Huffman tables (limit/base/perm).
  const tables = [];
  for (let g = 0; g < groups; g++) {
    const lengths = new Uint8Array(alpha);
    let len = bits.read(5);
    for (let s = 0; s < alpha; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE) throw new Corrupt("bzip2 code length out of range");
        if (!bits.read(1)) break;
        len += bits.read(1) ? -1 : 1;
      }
      lengths[s] = len;
    }
    let minLen = MAX_CODE;
    let maxLen = 0;
    for (const l of lengths) {
      minLen = Math.min(minLen, l);
      maxLen = Math.max(maxLen, l);
    }
    const perm: number[] = [];
    for (let l = minLen; l <= maxLen; l++) for (let s = 0; s < alpha; s++) if (lengths[s] === l) perm.push(s);
    const limit = new Int32Array(MAX_CODE + 2).fill(-1);
    const base = new Int32Array(MAX_CODE + 2);
    let code = 0;
    let idx = 0;
    for (let l = minLen; l <= maxLen; l++) {
      let count = 0;
      for (const x of lengths) if (x === l) count++;
      base[l] = idx - code;
      code += count;
      idx += count;
      limit[l] = code - 1;
      code <<= 1;
    }
    tables.push({ minLen, maxLen, limit, base, perm });
  }
  // The symbols: zero runs (RUNA, RUNB in bijective base 2) and move-to-front indexes, to the end-of-block symbol.
  const mtf = used.slice();
  const counts = new Int32Array(256);
  const tt = new Uint32Array(maxSize);
  let n = 0;
  let run = 0;
  let runWeight = 1;
  let sel = 0;
  let left = 0;
  let table = tables[0] as (typeof tables)[number];
  const eob = alpha - 1;
  for (;;) {
    if (left === 0) {
      if (sel >= nSelectors) throw new Corrupt("bzip2 selectors run out");
      table = tables[selectors[sel++] as number] as (typeof tables)[number];
      left = 50;
    }
    left--;
    let l = table.minLen;
    let code = bits.read(l);
    while (code > (table.limit[l] as number)) {
      if (++l > table.maxLen) throw new Corrupt("bad bzip2 Huffman code");
      code = code * 2 + bits.read(1);
    }
    const sym = table.perm[code + (table.base[l] as number)];
    if (sym === undefined) throw new Corrupt("bad bzip2 Huffman code");
    if (sym <= 1) {
      run += (sym + 1) * runWeight;
      runWeight *= 2;
      if (run > maxSize) throw new Corrupt("a bzip2 run overflows the block");
      continue;
    }
    if (run > 0) {
      if (n + run > maxSize) throw new Corrupt("a bzip2 block overflows its size");
      const b = mtf[0] as number;
      counts[b] = (counts[b] as number) + run;
      tt.fill(b, n, n + run);
      n += run;
      run = 0;
      runWeight = 1;
    }
    if (sym === eob) break;
    if (n >= maxSize) throw new Corrupt("a bzip2 block overflows its size");
    const i = sym - 1;
    const b = mtf[i] as number;
    mtf.splice(i, 1);
    mtf.unshift(b);
    counts[b] = (counts[b] as number) + 1;
    tt[n++] = b;
  }
  if (origPtr >= n) throw new Corrupt("bzip2 origin pointer past the block");
  // Inverse Burrows-Wheeler: link each position to the next, then walk from the origin.
  const start = new Int32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) {
    start[i] = sum;
    sum += counts[i] as number;
  }
  for (let i = 0; i < n; i++) {
    const b = (tt[i] as number) & 0xff;
    const at = start[b] as number;
    start[b] = at + 1;
    tt[at] = (tt[at] as number) | (i << 8);
  }
  // Undo the initial run-length pass: four equal bytes are followed by a count of more.
  let buf = new Uint8Array(Math.max(16, n));
  let o = 0;
  let pos = (tt[origPtr] as number) >>> 8;
  let last = -1;
  let same = 0;
  const put = (b: number): void => {
    if (o === buf.length) {
      const next = new Uint8Array(buf.length * 2);
      next.set(buf);
      buf = next;
    }
    buf[o++] = b;
  };
  for (let k = 0; k < n; k++) {
    const v = tt[pos] as number;
    const b = v & 0xff;
    pos = v >>> 8;
    if (same === 4) {
      for (let r = 0; r < b; r++) put(last);
      same = 0;
      last = -1;
      continue;
    }
    if (b === last) same++;
    else {
      last = b;
      same = 1;
    }
    put(b);
  }
  return buf.subarray(0, o);
}
