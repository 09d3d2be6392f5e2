import type { RangeSource } from "./zip.js";

// The GGUF header (versions 1–3): magic, version, tensor and key-value counts, then the key-value
// pairs, read through a small buffered reader so tokenizer arrays of any size are skipped in
// bounded memory. Only string values are kept, for the keys a caller asks for.

/** What the header says. */
export interface GgufHeader {
  version: number;
  tensorCount: number;
  kvCount: number;
  /** String values of the requested keys. */
  strings: Record<string, string>;
}

const MAX_KV = 1_000_000;
const MAX_STRING = 64 * 1024 * 1024;
const MAX_ARRAY = 100_000_000;

class Reader {
  private buf: Uint8Array = new Uint8Array(0);
  private at = 0;
  private pos = 0;
  constructor(private readonly src: RangeSource) {}
  get offset(): number {
    return this.pos;
  }
  private async need(n: number): Promise<void> {
    if (this.at + n <= this.buf.length) return;
    if (this.pos + n > this.src.size) throw new Error(`truncated at byte ${this.pos}`);
    this.buf = await this.src.read(this.pos, Math.max(n, 1024 * 1024));
    this.at = 0;
    if (this.buf.length < n) throw new Error(`truncated at byte ${this.pos}`);
  }
  async bytes(n: number): Promise<Uint8Array> {
    await this.need(n);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    this.pos += n;
    return out;
  }
  async skip(n: number): Promise<void> {
    if (this.pos + n > this.src.size) throw new Error(`a value runs past the end of the file at byte ${this.pos}`);
    if (this.at + n <= this.buf.length) this.at += n;
    else {
      this.buf = new Uint8Array(0);
      this.at = 0;
    }
    this.pos += n;
  }
  async u32(): Promise<number> {
    const b = await this.bytes(4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16)) + (b[3] as number) * 0x1000000;
  }
  async u64(): Promise<number> {
    const lo = await this.u32();
    const hi = await this.u32();
    return hi * 0x100000000 + lo;
  }
}

const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** True for the bytes a GGUF file starts with. */
export function looksLikeGguf(head: Uint8Array): boolean {
  return head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}

/** Reads the header; throws Error naming the byte where it went wrong. */
export async function readGgufHeader(src: RangeSource, keys: ReadonlySet<string>): Promise<GgufHeader> {
  const r = new Reader(src);
  const magic = await r.bytes(4);
  if (!looksLikeGguf(magic)) throw new Error("no GGUF magic");
  const version = await r.u32();
  if (version < 1 || version > 3) throw new Error(`version ${version} is unknown`);
  const len = (): Promise<number> => (version === 1 ? r.u32() : r.u64());
  const tensorCount = await len();
  const kvCount = await len();
  if (kvCount > MAX_KV) throw new Error(`${kvCount} key-value pairs declared, over the cap of ${MAX_KV}`);
  const strings: Record<string, string> = {};
  const dec = new TextDecoder("utf-8");
  const readString = async (keep: boolean): Promise<string | undefined> => {
    const n = await len();
    if (n > MAX_STRING) throw new Error(`a string of ${n} bytes at byte ${r.offset}`);
    if (!keep) {
      await r.skip(n);
      return undefined;
    }
    return dec.decode(await r.bytes(n));
  };
  const skipValue = async (type: number, depth: number): Promise<void> => {
    if (type === 8) {
      await readString(false);
      return;
    }
    if (type === 9) {
      if (depth > 4) throw new Error(`arrays nested too deep at byte ${r.offset}`);
      const inner = await r.u32();
      const count = await len();
      if (count > MAX_ARRAY) throw new Error(`an array of ${count} items at byte ${r.offset}`);
      const size = SIZES[inner];
      if (size !== undefined) await r.skip(size * count);
      else for (let i = 0; i < count; i++) await skipValue(inner, depth + 1);
      return;
    }
    const size = SIZES[type];
    if (size === undefined) throw new Error(`unknown value type ${type} at byte ${r.offset}`);
    await r.skip(size);
  };
  for (let i = 0; i < kvCount; i++) {
    const key = (await readString(true)) ?? "";
    const type = await r.u32();
    if (type === 8 && (keys.has(key) || [...keys].some((k) => key.startsWith(`${k}.`)))) strings[key] = (await readString(true)) ?? "";
    else await skipValue(type, 0);
  }
  return { version, tensorCount, kvCount, strings };
}
