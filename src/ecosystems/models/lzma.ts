// An LZMA and LZMA2 decoder (Igor Pavlov's algorithm, as the LZMA SDK's specification describes it),
// for the containers that wrap pickles in it: xz and .lzma files (joblib's `xz` and `lzma`
// compressors, pandas' `.pkl.xz`) and 7z archives (how the nullifAI models hid their PyTorch
// archives). Output is kept whole (it is the dictionary) and capped: decoding stops at the cap, and
// a stream that breaks ends the output where it broke, so what was decoded is still judged.

/** What decoding produced, and why it stopped before the end, if it did. */
export interface LzmaOutput {
  bytes: Uint8Array;
  /** Set when the output reached the cap. */
  capped: boolean;
  /** Set when the stream broke (corrupt, or cut short) before its end. */
  error: string | undefined;
}

/** Thrown where the compressed data cannot be what it claims; the decoders return what came before with the reason. */
export class Corrupt extends Error {}
/** Thrown where the output reaches its cap. */
export class Full extends Error {}

const PROB_INIT = 1024;

/** A growable output buffer, capped, that is also the dictionary matches copy from (LZMA's, LZ4's). */
export class Window {
  buf: Uint8Array;
  pos = 0;
  constructor(
    private readonly cap: number,
    initial: number,
  ) {
    // Never past the cap, so the output stops at exactly `cap` bytes however small it is.
    this.buf = new Uint8Array(Math.min(cap, Math.max(1024, initial)));
  }
  put(b: number): void {
    if (this.pos === this.buf.length) this.grow();
    this.buf[this.pos++] = b;
  }
  /** The byte `dist` bytes back (1: the last one). */
  back(dist: number): number {
    return this.buf[this.pos - dist] as number;
  }
  private grow(): void {
    if (this.buf.length >= this.cap) throw new Full();
    const next = new Uint8Array(Math.min(this.cap, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
  }
}

class RangeDecoder {
  private range = 0xffffffff;
  private code = 0;
  constructor(
    private readonly src: Uint8Array,
    public pos: number,
  ) {
    if (src[pos] !== 0) throw new Corrupt("a range coder does not start with 0");
    this.pos = pos + 1;
    for (let i = 0; i < 4; i++) this.code = ((this.code << 8) | this.byte()) >>> 0;
    if (this.code === this.range) throw new Corrupt("range coder starts at its end");
  }
  private byte(): number {
    const b = this.src[this.pos++];
    if (b === undefined) throw new Corrupt("the compressed data ends early");
    return b;
  }
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.byte()) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    const v = probs[i] as number;
    const bound = (this.range >>> 11) * v;
    let b: number;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = v + ((2048 - v) >>> 5);
      b = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = v - (v >>> 5);
      b = 1;
    }
    this.normalize();
    return b;
  }
  direct(n: number): number {
    let r = 0;
    for (let i = 0; i < n; i++) {
      this.range >>>= 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      r = ((r << 1) | b) >>> 0;
      this.normalize();
    }
    return r;
  }
  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(probs, base + m);
    return m - (1 << bits);
  }
  reverse(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }
}

/** Length decoder probabilities: choice, choice2, low[16][8], mid[16][8], high[256]. */
const LEN_PROBS = 2 + 16 * 8 + 16 * 8 + 256;

function decodeLen(rc: RangeDecoder, p: Uint16Array, posState: number): number {
  if (rc.bit(p, 0) === 0) return rc.tree(p, 2 + posState * 8, 3);
  if (rc.bit(p, 1) === 0) return 8 + rc.tree(p, 2 + 128 + posState * 8, 3);
  return 16 + rc.tree(p, 2 + 256, 8);
}

/** The LZMA decoder's state, kept across the chunks of an LZMA2 stream. */
class Lzma {
  lc = 3;
  lp = 0;
  pb = 2;
  private literal = new Uint16Array(0x300 << 3);
  private readonly isMatch = new Uint16Array(12 << 4);
  private readonly isRep = new Uint16Array(12);
  private readonly isRepG0 = new Uint16Array(12);
  private readonly isRepG1 = new Uint16Array(12);
  private readonly isRepG2 = new Uint16Array(12);
  private readonly isRep0Long = new Uint16Array(12 << 4);
  private readonly posSlot = new Uint16Array(4 << 6);
  private readonly posDecoders = new Uint16Array(115);
  private readonly align = new Uint16Array(16);
  private readonly len = new Uint16Array(LEN_PROBS);
  private readonly repLen = new Uint16Array(LEN_PROBS);
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;

  constructor(readonly out: Window) {}

  /** Sets lc, lp and pb from a properties byte. */
  props(d: number): void {
    if (d >= 9 * 5 * 5) throw new Corrupt("LZMA properties out of range");
    this.lc = d % 9;
    this.lp = Math.floor(d / 9) % 5;
    this.pb = Math.floor(d / 45);
    if (this.lc + this.lp > 12) throw new Corrupt("LZMA properties out of range");
  }

  reset(): void {
    this.literal = new Uint16Array(0x300 << (this.lc + this.lp)).fill(PROB_INIT);
    for (const p of [this.isMatch, this.isRep, this.isRepG0, this.isRepG1, this.isRepG2, this.isRep0Long, this.posSlot, this.posDecoders, this.align, this.len, this.repLen]) p.fill(PROB_INIT);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
  }

  /** Decodes until `end` output bytes (an LZMA2 chunk, a known size) or the end marker. */
  run(rc: RangeDecoder, end: number): void {
    const out = this.out;
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    while (out.pos < end) {
      const posState = out.pos & pbMask;
      const s = this.state;
      if (rc.bit(this.isMatch, (s << 4) + posState) === 0) {
        const prev = out.pos > 0 ? out.back(1) : 0;
        const base = 0x300 * (((out.pos & lpMask) << this.lc) + (prev >>> (8 - this.lc)));
        let sym = 1;
        if (s >= 7) {
          if (this.rep0 >= out.pos) throw new Corrupt("a match reaches before the start");
          let match = out.back(this.rep0 + 1);
          do {
            const mb = (match >>> 7) & 1;
            match <<= 1;
            const b = rc.bit(this.literal, base + ((1 + mb) << 8) + sym);
            sym = (sym << 1) | b;
            if (mb !== b) break;
          } while (sym < 0x100);
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this.literal, base + sym);
        out.put(sym - 0x100);
        this.state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, s) !== 0) {
        if (out.pos === 0) throw new Corrupt("a repeated match before any output");
        if (rc.bit(this.isRepG0, s) === 0) {
          if (rc.bit(this.isRep0Long, (s << 4) + posState) === 0) {
            this.state = s < 7 ? 9 : 11;
            out.put(out.back(this.rep0 + 1));
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, s) === 0) dist = this.rep1;
          else {
            if (rc.bit(this.isRepG2, s) === 0) dist = this.rep2;
            else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = decodeLen(rc, this.repLen, posState);
        this.state = s < 7 ? 8 : 11;
      } else {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = decodeLen(rc, this.len, posState);
        this.state = s < 7 ? 7 : 10;
        this.rep0 = this.distance(rc, len);
        if (this.rep0 === 0xffffffff) return;
      }
      len += 2;
      if (this.rep0 >= out.pos) throw new Corrupt("a match reaches before the start");
      for (let i = 0; i < len && out.pos < end; i++) out.put(out.back(this.rep0 + 1));
    }
  }

  private distance(rc: RangeDecoder, len: number): number {
    const slot = rc.tree(this.posSlot, Math.min(len, 3) << 6, 6);
    if (slot < 4) return slot;
    const direct = (slot >>> 1) - 1;
    let dist = ((2 | (slot & 1)) << direct) >>> 0;
    if (slot < 14) dist += rc.reverse(this.posDecoders, dist - slot, direct);
    else {
      dist += rc.direct(direct - 4) * 16;
      dist += rc.reverse(this.align, 0, 4);
    }
    return dist >>> 0;
  }
}

function finish(out: Window, e: unknown): LzmaOutput {
  const bytes = out.buf.subarray(0, out.pos);
  if (e === undefined) return { bytes, capped: false, error: undefined };
  if (e instanceof Full) return { bytes, capped: true, error: undefined };
  if (e instanceof Corrupt) return { bytes, capped: false, error: e.message };
  throw e;
}

/** Decodes a raw LZMA stream (properties given) until its end marker, `size` bytes, the end of the input, or `cap` bytes. */
export function decodeLzma(src: Uint8Array, at: number, props: number, cap: number, size = Infinity): LzmaOutput {
  const out = new Window(cap, src.length * 4);
  try {
    const lz = new Lzma(out);
    lz.props(props);
    lz.reset();
    lz.run(new RangeDecoder(src, at), size);
    return finish(out, undefined);
  } catch (e) {
    return finish(out, e);
  }
}

/** Decodes an LZMA2 stream from `at` until its end byte, the end of the input, or `cap` bytes; `end` is where it stopped reading. */
export function decodeLzma2(src: Uint8Array, at: number, cap: number): LzmaOutput & { end: number } {
  const out = new Window(cap, src.length * 4);
  const lz = new Lzma(out);
  let p = at;
  let needProps = true;
  try {
    for (;;) {
      const control = src[p];
      if (control === undefined) throw new Corrupt("the LZMA2 stream ends before its end byte");
      if (control === 0) return { ...finish(out, undefined), end: p + 1 };
      if (control === 1 || control === 2) {
        const size = (((src[p + 1] ?? 0) << 8) | (src[p + 2] ?? 0)) + 1;
        const have = Math.max(0, Math.min(size, src.length - p - 3));
        for (let i = 0; i < have; i++) out.put(src[p + 3 + i] as number);
        if (have < size) throw new Corrupt("an uncompressed LZMA2 chunk runs past the input");
        p += 3 + size;
        continue;
      }
      if (control < 0x80) throw new Corrupt(`LZMA2 control byte 0x${control.toString(16)} is invalid`);
      const unpacked = ((control & 0x1f) << 16) + (((src[p + 1] ?? 0) << 8) | (src[p + 2] ?? 0)) + 1;
      const packed = (((src[p + 3] ?? 0) << 8) | (src[p + 4] ?? 0)) + 1;
      const mode = (control >>> 5) & 3;
      p += 5;
      if (mode >= 2) {
        lz.props(src[p++] ?? 0xff);
        needProps = false;
      } else if (needProps) throw new Corrupt("an LZMA2 chunk before any properties");
      if (mode >= 1) lz.reset();
      // A chunk cut short is decoded as far as it goes (the rest is reported as a break).
      lz.run(new RangeDecoder(src.subarray(0, p + packed), p), out.pos + unpacked);
      p += packed;
    }
  } catch (e) {
    return { ...finish(out, e), end: p };
  }
}

/** Bytes of an xz block's check, by the stream's check type. */
const XZ_CHECK = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

function varint(src: Uint8Array, p: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const b = src[p + i];
    if (b === undefined) throw new Corrupt("an xz header ends early");
    v += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return [v, p + i + 1];
  }
  throw new Corrupt("an xz number is too long");
}

/** Decodes an xz file (its blocks of LZMA2, the only filter pickles are compressed with) up to `cap` bytes. */
export function decodeXz(src: Uint8Array, cap: number): LzmaOutput {
  const parts: Uint8Array[] = [];
  let total = 0;
  const done = (error: string | undefined, capped = false): LzmaOutput => ({ bytes: Buffer.concat(parts, total), capped, error });
  if (src.length < 12) return done("the xz header is cut short");
  const check = XZ_CHECK[(src[7] ?? 0) & 0x0f] as number;
  let p = 12;
  try {
    while (p < src.length && src[p] !== 0) {
      const headerSize = ((src[p] as number) + 1) * 4;
      const flags = src[p + 1] ?? 0;
      let q = p + 2;
      if (flags & 0x40) q = varint(src, q)[1];
      if (flags & 0x80) q = varint(src, q)[1];
      const filters = (flags & 3) + 1;
      let last = 0;
      for (let f = 0; f < filters; f++) {
        const [id, q1] = varint(src, q);
        const [propsSize, q2] = varint(src, q1);
        last = id;
        q = q2 + propsSize;
      }
      if (filters !== 1 || last !== 0x21) return done("an xz block uses a filter other than LZMA2 alone, which assay does not read");
      const r = decodeLzma2(src, p + headerSize, cap - total);
      parts.push(r.bytes);
      total += r.bytes.length;
      if (r.error !== undefined || r.capped) return done(r.error, r.capped);
      // Blocks are padded to four bytes (the stream header is 12), then carry their check.
      p = r.end;
      while (p % 4 !== 0) p++;
      p += check;
    }
    return done(undefined);
  } catch (e) {
    if (e instanceof Corrupt) return done(e.message);
    throw e;
  }
}
