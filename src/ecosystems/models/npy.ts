import { dtypeItemSize } from "./dtype.js";
import { parsePyLiteral, PyLiteralError, pyRepr, type PyValue } from "./py-literal.js";

// NumPy's .npy header (format versions 1–3): magic, version, a Python dict literal with the dtype
// (`descr`), order and shape. An object dtype (`|O`) means the data is a pickle stream.

/** A parsed .npy header. */
export interface NpyHeader {
  version: number;
  /** The descr, rendered as Python would write it. */
  descr: string;
  /** True when the dtype holds Python objects (pickled after the header), or may: see `uncertain`. */
  object: boolean;
  /** Why the header could not be read exactly, when it could not: it is then taken for an object array. */
  uncertain?: string;
  /** Where the array data (or the pickle stream) starts. */
  dataOffset: number;
  /** Bytes of array data the header's shape and dtype make np.load read (undefined for objects, or a dtype this does not size). */
  dataBytes?: number;
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
  // NumPy reads the header with ast.literal_eval (dropping Python 2's `L` on version 1 and 2 headers), wants a dict of
  // exactly descr, fortran_order and shape, and builds the dtype from descr with descr_to_dtype. A header this reader
  // cannot read exactly may still be one NumPy reads: it is taken for an object array, never passed.
  let d: PyValue;
  try {
    d = parsePyLiteral(text, { python2Longs: major < 3 });
  } catch (e) {
    if (!(e instanceof PyLiteralError)) throw e;
    return { version: major, descr: "?", object: true, uncertain: `its header is not a Python literal assay reads exactly (${e.message})`, dataOffset: start + len };
  }
  if (d.t !== "dict") throw new Error("header is not a dict");
  const field = (k: string): PyValue | undefined => {
    const i = d.keys.findIndex((x) => x.t === "str" && x.v === k);
    return i < 0 ? undefined : d.values[i];
  };
  const descr = field("descr");
  if (!descr) throw new Error("header has no descr");
  if (d.keys.length !== 3 || !field("shape") || !field("fortran_order")) throw new Error("header's keys are not exactly descr, fortran_order and shape");
  const shape = field("shape");
  if (shape?.t !== "tuple" || !shape.items.every((x) => x.t === "int")) throw new Error("header's shape is not a tuple of integers");
  if (field("fortran_order")?.t !== "bool") throw new Error("header's fortran_order is not True or False");
  const verdict = descrVerdict(descr, 0);
  const size = verdict === "plain" && descr.t === "str" ? dtypeItemSize(descr.v) : undefined;
  const count = shape.items.reduce((n, x) => n * (x.t === "int" ? x.v : 0n), 1n);
  return {
    version: major,
    descr: pyRepr(descr),
    object: verdict !== "plain",
    ...(verdict === "unknown" ? { uncertain: `its dtype ${pyRepr(descr, 80)} is not one assay reads exactly` } : {}),
    dataOffset: start + len,
    // A negative dimension makes np.load read whatever is there (a count of -1): no size to hold the file to.
    ...(size !== undefined && count >= 0n ? { dataBytes: Number(count * BigInt(size)) } : {}),
  };
}

type Verdict = "plain" | "object" | "unknown";

const worst = (a: Verdict, b: Verdict): Verdict => (a === "object" || b === "object" ? "object" : a === "unknown" || b === "unknown" ? "unknown" : "plain");

/** A subarray's shape in `(dtype, shape)`: an int or a tuple of ints (anything else makes it NumPy's `(base, new)` view form). */
const isShape = (v: PyValue): boolean => v.t === "int" || (v.t === "tuple" && v.items.every((x) => x.t === "int"));

/**
 * What dtype a descr builds, as NumPy's descr_to_dtype reads it: a string is a dtype string, a tuple
 * `(descr, shape)`, anything else a sequence of fields, each `(name, descr)` or `(name, descr, shape)`
 * (any sequence of two or three items, a two-character string included). The names are not looked at.
 */
function descrVerdict(v: PyValue, depth: number): Verdict {
  if (depth > 20) return "unknown";
  if (v.t === "str") return dtypeStringVerdict(v.v);
  if (v.t === "tuple") {
    const [base, second] = v.items;
    if (!base || !second) return "unknown";
    return worst(descrVerdict(base, depth + 1), isShape(second) ? "plain" : descrVerdict(second, depth + 1));
  }
  if (v.t !== "list") return "unknown";
  let out: Verdict = "plain";
  for (const f of v.items) {
    const parts = f.t === "tuple" || f.t === "list" ? f.items : f.t === "str" ? [...f.v].map((c): PyValue => ({ t: "str", v: c })) : undefined;
    if (!parts || parts.length < 2 || parts.length > 3) return "unknown";
    out = worst(out, descrVerdict(parts[1] as PyValue, depth + 1));
    if (parts[2] && !isShape(parts[2])) out = worst(out, descrVerdict(parts[2], depth + 1));
    if (out === "object") return out;
  }
  return out;
}

/** Type names NumPy knows that hold no objects (np.sctypeDict's, in NumPy 1 and 2). */
const PLAIN_NAMES = new Set(
  (
    "bool bool_ bool8 int8 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64 float96 float128 complex64 complex128 complex192 complex256 " +
    "int uint float complex str str_ unicode unicode_ bytes bytes_ string_ void void0 byte ubyte short ushort intc uintc intp uintp int0 uint0 long ulong " +
    "longlong ulonglong half single double longdouble longfloat float_ csingle cdouble clongdouble cfloat complex_ clongfloat singlecomplex longcomplex " +
    "datetime64 timedelta64 a b1 i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 f12 f16 c8 c16 c24 c32"
  ).split(" "),
);
/** A type code with its size (`f8`, `S10`, `U5`, `V16`) or a date unit (`M8[ns]`). */
const PLAIN_CODE = /^(?:[?bBhHiIlLqQpPefdgFDGSUVacu]\d{0,10}|[Mm](?:8|)(?:\[\d{0,10}[A-Za-z]{1,3}\])?|(?:datetime64|timedelta64)\[\d{0,10}[A-Za-z]{1,3}\])$/;
const OBJECT_NAME = /^(?:O\d{0,2}|object_?|object0|Object0)$/;

/**
 * A dtype string as numpy.dtype reads it: fields separated by commas (`i4,O`), each with an optional
 * repeat or shape (`3i4`, `(2,)O`) and byte order (`<`, `|`), then a type code or name. Plain only
 * when every part is a known plain type; object when a part names one (`O`, `O8`, `object`).
 */
function dtypeStringVerdict(s: string): Verdict {
  if (s.length > 10_000) return "unknown";
  let out: Verdict = "plain";
  for (const part of s.split(/,(?![^(]*\))/)) {
    const t = part.replace(/^\s*(?:\(\s*[\d\s,]*\)|\d+)?\s*[<>|=!]?\s*/, "").trim();
    if (OBJECT_NAME.test(t)) return "object";
    if (!PLAIN_CODE.test(t) && !PLAIN_NAMES.has(t)) out = "unknown";
  }
  // A type this does not know that spells an object type somewhere is taken for one.
  return out === "unknown" && /O|object/.test(s) ? "object" : out;
}

