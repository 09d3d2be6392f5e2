// NumPy's .npy header (format versions 1–3): magic, version, a Python dict literal with the dtype
// (`descr`), order and shape. An object dtype (`|O`) means the data is a pickle stream.

/** A parsed .npy header. */
export interface NpyHeader {
  version: number;
  descr: string;
  /** True when the dtype holds Python objects (pickled after the header). */
  object: boolean;
  /** Where the array data (or the pickle stream) starts. */
  dataOffset: number;
}

/** True for the bytes an .npy file starts with. */
export function looksLikeNpy(head: Uint8Array): boolean {
  return head[0] === 0x93 && head[1] === 0x4e && head[2] === 0x55 && head[3] === 0x4d && head[4] === 0x50 && head[5] === 0x59;
}

/** Parses the header from the first bytes of the file (64 KiB is plenty); throws Error with a reason when malformed. */
export function parseNpyHeader(head: Uint8Array): NpyHeader {
  if (!looksLikeNpy(head)) throw new Error("no NUMPY magic");
  const major = head[6] ?? 0;
  if (major < 1 || major > 3) throw new Error(`format version ${major} is unknown`);
  const lenBytes = major === 1 ? 2 : 4;
  if (head.length < 8 + lenBytes) throw new Error("header truncated");
  const len = major === 1 ? (head[8] as number) | ((head[9] as number) << 8) : ((head[8] as number) | ((head[9] as number) << 8) | ((head[10] as number) << 16)) + (head[11] as number) * 0x1000000;
  const start = 8 + lenBytes;
  if (len > 1024 * 1024) throw new Error(`header of ${len} bytes is implausibly large`);
  if (start + len > head.length) throw new Error("header runs past the bytes read (truncated)");
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(head.subarray(start, start + len));
  const m = /['"]descr['"]\s{0,20}:\s{0,20}(?:'([^']{0,200})'|"([^"]{0,200})"|(\[[^\]]{0,10000}\]))/.exec(text);
  if (!m) throw new Error("header has no descr");
  const descr = m[1] ?? m[2] ?? m[3] ?? "";
  const object = /(?:^|['"|])O(?:['"]|$)/.test(descr) || descr === "O" || descr === "|O";
  return { version: major, descr, object, dataOffset: start + len };
}
