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

/**
 * Elements per block and bytes per block of the ggml tensor types whose layout is fixed (ggml.c's
 * type_traits): plain types, and the legacy and k-quants. Other types are checked for alignment and
 * a start inside the data, not for their size.
 */
const GGML_TYPES: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 10: [256, 84], 11: [256, 110], 12: [256, 144],
  13: [256, 176], 14: [256, 210], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 30: [1, 2],
};
/** ggml's GGML_MAX_DIMS: loaders refuse a tensor with more. */
const MAX_DIMS = 4;
const INT64_MAX = 2 ** 63;

/**
 * Reads the header; throws Error naming the byte where it went wrong. With `tensors`, the tensor
 * infos after it are read too and held against the file (llama.cpp's gguf_init checks): at most
 * four dimensions whose element count fits an int64, offsets aligned, and each tensor's bytes
 * inside the data section, so a file cut short or one whose infos lie is caught.
 */
export async function readGgufHeader(src: RangeSource, keys: ReadonlySet<string>, options: { tensors?: boolean } = {}): Promise<GgufHeader> {
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
  let alignment = 32;
  for (let i = 0; i < kvCount; i++) {
    const key = (await readString(true)) ?? "";
    const type = await r.u32();
    if (type === 8 && (keys.has(key) || [...keys].some((k) => key.startsWith(`${k}.`)))) strings[key] = (await readString(true)) ?? "";
    else if (key === "general.alignment" && type === 4) alignment = await r.u32();
    else await skipValue(type, 0);
  }
  if (options.tensors) await checkTensorInfos(r, src.size, tensorCount, alignment, version, readString);
  return { version, tensorCount, kvCount, strings };
}

/** Reads the tensor infos that follow the key-value pairs and holds them against the data section; throws Error with the reason. */
async function checkTensorInfos(r: Reader, fileSize: number, count: number, alignment: number, version: number, readString: (keep: boolean) => Promise<string | undefined>): Promise<void> {
  if (alignment === 0 || (alignment & (alignment - 1)) !== 0) throw new Error(`general.alignment ${alignment} is not a power of two`);
  // Only the tensor that reaches furthest is kept: a file may declare millions of tensors.
  let furthest: { name: string; end: number } | undefined;
  // Each info takes at least 24 bytes, so a count the file cannot hold ends at its end, in the reads below.
  for (let i = 0; i < count; i++) {
    const name = ((await readString(true)) ?? "").slice(0, 80);
    const dims = await r.u32();
    if (dims > MAX_DIMS) throw new Error(`tensor ${name} has ${dims} dimensions, over ggml's ${MAX_DIMS}`);
    let elements = 1;
    let first = 1;
    for (let d = 0; d < dims; d++) {
      const n = version === 1 ? await r.u32() : await r.u64();
      if (d === 0) first = n;
      elements *= n;
      if (n >= INT64_MAX || elements >= INT64_MAX) throw new Error(`tensor ${name} has more elements than an int64 counts`);
    }
    const type = await r.u32();
    const offset = await r.u64();
    if (offset % alignment !== 0) throw new Error(`tensor ${name} starts at data offset ${offset}, not a multiple of the alignment (${alignment})`);
    const layout = GGML_TYPES[type];
    if (layout && first % layout[0] !== 0) throw new Error(`tensor ${name} has rows of ${first} elements, not whole blocks of its type (${layout[0]})`);
    const end = layout ? offset + (elements / layout[0]) * layout[1] : offset;
    if (!furthest || end > furthest.end) furthest = { name, end };
  }
  if (!furthest) return;
  const dataStart = Math.ceil(r.offset / alignment) * alignment;
  if (furthest.end > fileSize - dataStart) throw new Error(`tensor ${furthest.name} ends at byte ${dataStart + furthest.end}, past the end of the file (${fileSize} bytes): truncated or crafted`);
}
