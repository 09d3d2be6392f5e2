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

/**
 * Where the header of an .npy starting with `head` ends, as its length field says (0 when `head` is
 * too short to say). np.load(allow_pickle=True) lifts its 10,000-byte cap on headers, so a header
 * may pad the pickle out past the first bytes a scanner reads; parseNpyHeader takes up to 1 MiB.
 */
export function npyHeaderEnd(head: Uint8Array): number {
  const major = head[6] ?? 0;
  if (major === 1) return head.length >= 10 ? 10 + ((head[8] as number) | ((head[9] as number) << 8)) : 0;
  return head.length >= 12 ? 12 + ((head[8] as number) | ((head[9] as number) << 8) | ((head[10] as number) << 16)) + (head[11] as number) * 0x1000000 : 0;
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
  const key = /['"]descr['"]\s{0,20}:\s{0,20}/.exec(text);
  if (!key) throw new Error("header has no descr");
  const descr = descrValue(text, key.index + key[0].length);
  if (descr === undefined) throw new Error("header's descr is not a string or a list");
  // An object type is `O`, with NumPy 1's item size on old files (`|O8`, `|O4`): a scalar descr, or a field's type
  // in a structured one (after a comma; a field's name comes after its opening parenthesis).
  // NumPy reads the descr with `numpy.dtype`, so Python's spelling (`object`, `object_`) is an object type too; a
  // subarray descr (`('|O', (2,))`) has its type first.
  const object = descr.startsWith("[") ? FIELD_OBJECT.test(descr) : descr.startsWith("(") ? SUBARRAY_OBJECT.test(descr) || FIELD_OBJECT.test(descr) : SCALAR_OBJECT.test(descr);
  return { version: major, descr, object, dataOffset: start + len };
}

const OBJECT_TYPE = String.raw`(?:[|<>=]?O\d{0,2}|object_?|object0)`;
const SCALAR_OBJECT = new RegExp(`^${OBJECT_TYPE}$`);
const FIELD_OBJECT = new RegExp(`,\\s{0,20}['"]${OBJECT_TYPE}['"]`);
const SUBARRAY_OBJECT = new RegExp(`^\\(\\s{0,20}['"]${OBJECT_TYPE}['"]`);

/** The descr at `at`: a quoted dtype string, or a structured dtype's list up to its matching bracket (nested fields included). */
function descrValue(text: string, at: number): string | undefined {
  const q = text[at];
  if (q === "'" || q === '"') {
    const end = text.indexOf(q, at + 1);
    return end < 0 || end - at > 200 ? undefined : text.slice(at + 1, end);
  }
  if (q !== "[" && q !== "(") return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[" || c === "(") depth++;
    else if ((c === "]" || c === ")") && --depth === 0) return text.slice(at, i + 1);
  }
  return undefined;
}
