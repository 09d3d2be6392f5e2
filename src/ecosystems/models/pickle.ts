// A pickle opcode reader (protocols 0–5) that never unpickles: it walks the opcodes, keeps a
// model of the stack and the memo just precise enough to know which module and name every
// GLOBAL, INST and STACK_GLOBAL imports (memoised and protocol-0 text names included), and which
// imports are then called (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD). It reads several streams
// one after another (PyTorch's legacy format writes five), is fed in chunks of any size so files
// of any size stream through in bounded memory, and reports a truncated or malformed stream with
// the offset where reading stopped.
import { dtypeItemSize } from "./dtype.js";
import { isDillLoadType } from "./pickle-globals.js";

/** One import a pickle makes. */
export interface PickleImport {
  module: string;
  name: string;
  /** Byte offset of the opcode that imports it. */
  offset: number;
  opcode: "GLOBAL" | "INST" | "STACK_GLOBAL" | "EXT";
  /** 0-based stream number within the file. */
  stream: number;
}

/** What scanning a pickle found. */
export interface PickleScan {
  imports: PickleImport[];
  /** STACK_GLOBAL whose operands were not string literals: the import is computed when loading. */
  computedImports: number[];
  /** Set when a cap on kept strings or on the stack made values opaque: a computed import may then be a literal the scan let go. */
  capped: boolean;
  /** Streams read to their STOP. */
  streams: number;
  /** Highest protocol seen (PROTO opcode), 0 when none. */
  protocol: number;
  opcodes: number;
  /** Set when a stream ends early or holds something that is not a pickle opcode. */
  error: { message: string; offset: number } | undefined;
  /** True when the stream ended before its STOP. */
  truncated: boolean;
  /** Bytes after the last stream that are not a pickle (raw tensor data in legacy PyTorch files). */
  trailing: number;
  /** Set when more distinct imports than the scan keeps were read: the rest were not judged. */
  importsCapped: boolean;
  /**
   * Where the scan first read bytes as joblib does (an array's raw bytes skipped, or an object array's
   * stream read with a memo of its own), which pickle.load and torch.load read as opcodes of the same
   * stream: from there on the file means two things, and the other must be read too.
   */
  joblibFrom: number | undefined;
  /** Offset of the last opcode that calls what the stack holds (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ), -1 when none. */
  lastCall: number;
  /**
   * The type names dill's `_load_type` is called with (dill pickles `type(None)`, `slice` or `functools.partial` so): the
   * function returns the type its table holds under the name, data types and code constructors alike, so what it gives
   * is judged by these. `loadTypeUnknown` when a call's argument was not a literal name the scan kept.
   */
  loadTypes: string[];
  loadTypeUnknown: boolean;
  /**
   * Imports read after the last complete stream, in bytes that then broke the pickle format: raw
   * data, or a payload whose stream breaks after it (PyTorch's legacy format unpickles five streams
   * in turn, and the code has run before the break). Only the dangerous among them count.
   */
  afterLast: PickleImport[];
}

// Values on the modelled stack are numbers, so the scan allocates nothing per opcode: OPAQUE (any
// value whose content does not matter), MARK, a string kept as bytes in the arena (its position
// there, >= 0), or a protocol-0 text string kept as a JS string (id <= -4).
const OPAQUE = -1;
const MARK = -2;
/** joblib's NumpyArrayWrapper class (as imported, or fetched back from the memo). */
const WRAPPER = -3;
/**
 * A value known not to be a str (a number, None, a bool, bytes, a container built by the stream): Python's
 * STACK_GLOBAL refuses it as a name ("STACK_GLOBAL requires str") and REDUCE cannot call it, so the stream breaks
 * there. Results of calls, imports and persistent ids may be anything, and stay OPAQUE.
 */
const NOT_STR = -0x40000000;
/** A memo slot below memoLen that no PUT wrote (a sparse PUT skipped it): reads back as OPAQUE, and is no key of Python's memo. */
const UNSET = -0x80000000;
/** dill's `_load_type` (as imported, or fetched back from the memo): the name it is called with is kept. */
const LOAD_TYPE = -0x40000001;
/** The argument tuple of a `_load_type` call whose name was kept: a tuple, so no str either. */
const TYPE_ARGS = -0x40000002;
/** Distinct type names kept for `_load_type`: past it, further calls count as unknown. */
const MAX_LOAD_TYPES = 1000;
/** True for a value known not to be a str (NOT_STR, or a `_load_type` argument tuple). */
const notStr = (v: Value): boolean => v === NOT_STR || v === TYPE_ARGS;
type Value = number;

/** Strings longer than this are not kept (module and attribute names are short; big payloads are data). */
const MAX_STRING = 1024;
/** Bytes of strings kept per stream (length prefixes not counted); past it strings become opaque, so an import built from them is "computed", never missed. */
const MAX_ARENA = 64 * 1024 * 1024;
/** Strings kept per stream: past it they are opaque too. */
const MAX_STRINGS = 16 * 1024 * 1024;
// The arena and the memo grow a page at a time and never copy what they hold: a dense stream
// keeps millions of strings and memo entries, and doubling arrays cost more than the scan itself.
// A string's value is its page and offset (pages hold at most MAX_ARENA plus prefixes and page
// ends, ~100 MiB, so values stay below 2^27).
const ARENA_BITS = 16;
const ARENA_PAGE = 1 << ARENA_BITS;
const ARENA_MASK = ARENA_PAGE - 1;
/** A kept string's prefix: one byte `0b0Ullllll` for a length below 64 (U: decoded as UTF-8), else two, `0b1U000hhh llllllll`. */
const PREFIX_UTF8 = 0x40;
const PREFIX_LONG = 0x80;
const MEMO_BITS = 13;
const MEMO_PAGE = 1 << MEMO_BITS;
const MEMO_MASK = MEMO_PAGE - 1;
/** A text-line argument longer than this is skipped rather than buffered. */
const MAX_LINE = 1024 * 1024;
const MAX_MEMO = 16 * 1024 * 1024;
/** Memo keys at or past MAX_MEMO kept apart; past this many, memo reads are no longer trusted. */
const MAX_FAR_KEYS = 64 * 1024;
const MAX_STACK = 64 * 1024 * 1024;
const MAX_IMPORTS = 10_000;

/** Argument layout of each opcode: fixed byte count, or a length prefix of n bytes, or a text line (-1) or two (-2). */
const ARG = new Int8Array(256).fill(-100);
const FIXED = new Int8Array(256);
const LENPREFIX = new Int8Array(256);
{
  const def = (op: number | string, kind: "none" | "fixed" | "len" | "line" | "line2", n = 0): void => {
    const c = typeof op === "string" ? op.charCodeAt(0) : op;
    ARG[c] = kind === "none" ? 0 : kind === "fixed" ? 1 : kind === "len" ? 2 : kind === "line" ? -1 : -2;
    if (kind === "fixed") FIXED[c] = n;
    if (kind === "len") LENPREFIX[c] = n;
  };
  for (const op of ["(", ".", "0", "1", "2", "N", "Q", "R", "a", "b", "d", "}", "e", "l", "]", "o", "s", "t", ")", "u"]) def(op, "none");
  for (const op of [0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98]) def(op, "none");
  for (const op of ["F", "I", "L", "P", "S", "V", "g", "p"]) def(op, "line");
  def("c", "line2");
  def("i", "line2");
  def("J", "fixed", 4);
  def("K", "fixed", 1);
  def("M", "fixed", 2);
  def("h", "fixed", 1);
  def("j", "fixed", 4);
  def("q", "fixed", 1);
  def("r", "fixed", 4);
  def("G", "fixed", 8);
  def(0x80, "fixed", 1);
  def(0x82, "fixed", 1);
  def(0x83, "fixed", 2);
  def(0x84, "fixed", 4);
  def(0x95, "fixed", 8);
  def("T", "len", 4);
  def("U", "len", 1);
  def("X", "len", 4);
  def("B", "len", 4);
  def("C", "len", 1);
  def(0x8a, "len", 1);
  def(0x8b, "len", 4);
  def(0x8c, "len", 1);
  def(0x8d, "len", 8);
  def(0x8e, "len", 8);
  def(0x96, "len", 8);
}
/** Opcodes whose argument is text we keep as a string value. */
const STRINGY = new Set([0x53, 0x56, 0x54, 0x55, 0x58, 0x8c, 0x8d]);

/** A dotted Python name (ASCII or not): what an import's module and name must be for the unpickler's import to succeed. */
export const IMPORTABLE = /^[\p{L}_][\p{L}\p{N}_]{0,200}(?:\.[\p{L}_][\p{L}\p{N}_]{0,200}){0,20}$/u;

/** What Python's int(line, 0) (with LONG's trailing L) and float(line) may accept, loosely. */
const INT_LINE = /^\s*[+-]?(?:0[xXoObB])?[0-9a-fA-F_]*\s*(?:L\s*)?$/;
const FLOAT_LINE = /^\s*[+-]?(?:[0-9_.]*(?:[eE][+-]?[0-9_]+)?|inf|infinity|nan)\s*$/i;

const LATIN1 = new TextDecoder("latin1");
const UTF8 = new TextDecoder("utf-8");
const UTF8_STRICT = new TextDecoder("utf-8", { fatal: true });

/** Bytes as strict UTF-8 (ASCII without a decoder call), or undefined when they are not UTF-8. */
function utf8Strict(bytes: Uint8Array): string | undefined {
  let ascii = true;
  for (const b of bytes) if (b >= 0x80) ascii = false;
  if (ascii) return LATIN1.decode(bytes);
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when `b` can start a pickle stream (a PROTO, or an opcode protocol 0 and 1 files begin with). */
export function looksLikePickle(bytes: Uint8Array): boolean {
  const b0 = bytes[0];
  if (b0 === undefined) return false;
  if (b0 === 0x80) return (bytes[1] ?? 99) <= 5;
  // Protocols 0 and 1 start with a MARK, an empty container, a global or a constant.
  return b0 === 0x28 || b0 === 0x7d || b0 === 0x5d || b0 === 0x29 || b0 === 0x63 || b0 === 0x4e || b0 === 0x49 || b0 === 0x53 || b0 === 0x56 || b0 === 0x4b || b0 === 0x4a || b0 === 0x58 || b0 === 0x55 || b0 === 0x69 || b0 === 0x8c;
}

/**
 * True when the first bytes of a file read as a pickle: streams that reach their STOP without a
 * break, or one cut only by the end of `head` when `head` is not the whole file. Text and binaries
 * that merely start with a byte a pickle may start with break early.
 */
export function readsAsPickle(head: Uint8Array, whole: boolean): boolean {
  if (!looksLikePickle(head)) return false;
  const scanner = new PickleScanner();
  scanner.feed(head);
  const r = scanner.end();
  // A protocol 0 or 1 stream of a few bytes followed by other data (`).` at the start of float weights) is no pickle
  // file: Python's pickler writes a file whose first stream opens with a PROTO, or one that holds nothing else.
  if (r.error === undefined) return r.streams > 0 && (r.protocol >= 2 || r.streams > 1 || r.trailing === 0);
  return !whole && r.truncated && r.error.offset === head.length;
}

/**
 * True when a file that does not start the way Python's pickler starts one (`looksLikePickle`)
 * may still be a pickle: its first byte is an opcode (the unpickler takes any), and its first
 * bytes either read as streams to their STOP, are cut only by the end of `head`, or import
 * something (by name, or computed) before they break (`G…0cos\nsystem\n…`: a float popped, then the payload).
 */
export function mayBePickle(head: Uint8Array, whole: boolean): boolean {
  const b0 = head[0];
  if (b0 === undefined || ARG[b0] === -100) return false;
  const scanner = new PickleScanner();
  scanner.feed(head);
  const r = scanner.end();
  if (r.error === undefined) return r.streams > 0;
  const at = r.error.offset;
  return (!whole && r.truncated && at === head.length) || r.imports.some((i) => i.offset < at) || r.computedImports.some((o) => o < at);
}

/** An incremental pickle scanner: `feed` chunks in order, then `end`. */
export class PickleScanner {
  /** False runs every opcode through the general path: what tests check the fast one against. */
  private readonly fastPath: boolean;

  /** True: the first break ends the scan, as it ends Python's unpickler (for bytes that may not be a pickle at all). */
  private readonly stopAtError: boolean;

  /** False reads joblib's arrays as the opcodes plain pickle.load takes them for. */
  private readonly joblibArrays: boolean;

  constructor(options: { fastPath?: boolean; stopAtError?: boolean; joblib?: boolean } = {}) {
    this.fastPath = options.fastPath ?? true;
    this.stopAtError = options.stopAtError ?? false;
    this.joblibArrays = options.joblib ?? true;
  }

  /** True once nothing more fed can change the result (raw data after the last stream, or a break with stopAtError). */
  get finished(): boolean {
    return this.done;
  }

  /** module\0name of every import kept. */
  private readonly seenImports = new Set<string>();
  private readonly result: PickleScan = { imports: [], computedImports: [], capped: false, streams: 0, protocol: 0, opcodes: 0, error: undefined, truncated: false, trailing: 0, afterLast: [], importsCapped: false, joblibFrom: undefined, lastCall: -1, loadTypes: [], loadTypeUnknown: false };
  private pending: Uint8Array | undefined;
  private pendingBase = 0;
  /** Bytes fed so far. */
  private total = 0;
  /** Absolute offset of the buffer being read. */
  private base = 0;
  private skip = 0;
  /** Skipping a text line longer than MAX_LINE: lines still to end (1 or 2). */
  private skipLines = 0;
  private stack = new Int32Array(1024);
  private sp = 0;
  /** Set when the stack outgrew MAX_STACK: later imports cannot be resolved and count as computed. */
  private overflow = false;
  /** The memo in pages of MEMO_PAGE entries; every page below `memoLen` exists. */
  private memoPages: Int32Array[] = [new Int32Array(MEMO_PAGE)];
  private memoLen = 0;
  /**
   * Keys in the memo, which is a dict to Python: MEMOIZE writes at len(memo), the count, not past
   * the highest index. After a sparse PUT the two differ, and reading MEMOIZE as an append would
   * put a name where Python does not (a safe import read in place of os.system).
   */
  private memoCount = 0;
  /**
   * Keys at or past MAX_MEMO, which the pages do not hold: Python's memo takes them (a dict, or the C
   * unpickler's table grown to fit), and each adds to the count MEMOIZE writes at, so dropping one
   * would shift every later MEMOIZE by one against Python's (`builtins` `dict` read where it reads `eval`).
   */
  private farMemo = new Map<number, Value>();
  /** Set once more far keys came than are kept: the count, and so any memo read, is then unknown. */
  private memoLost = false;
  /** The index the last memo write went to (joblib's dtype is fetched back by it). */
  private lastPut = -1;
  /** Kept strings, each a length prefix then its bytes, back to back in pages of ARENA_PAGE bytes (a string never straddles two). */
  private readonly arenaPages: Uint8Array[] = [new Uint8Array(ARENA_PAGE)];
  /** The page being filled, and where. */
  private arenaPage = 0;
  private arenaOff = 0;
  /** Bytes of strings kept in this stream (what MAX_ARENA bounds). */
  private kept = 0;
  private strCount = 0;
  private texts: string[] = [];
  /** Characters of protocol-0 strings kept in this stream: bounded as the arena is, or a stream inflated from a few megabytes would keep a gigabyte. */
  private textKept = 0;
  /**
   * joblib writes NumPy arrays' raw bytes straight into the stream after a NumpyArrayWrapper's
   * BUILD: its state (shape, dtype, alignment) is followed to skip exactly those bytes.
   */
  private jl:
    | { phase: 0 | 1 | 2 | 3; shape: number[]; shapeDone: boolean; dtype: string | undefined; dtypeInts: number[]; dtypePut: boolean; dtypeIndex: number | undefined; align: boolean; closed: boolean }
    | undefined;
  /** Dtypes joblib's arrays share: the pickler memoises a dtype object once and fetches it back for the next array of that type. */
  private dtypeMemo = new Map<number, { dtype: string; ints: number[] }>();
  /**
   * joblib writes an object array as a whole pickle stream of its own after the wrapper's BUILD
   * (`pickle.load` on the same file, with its own memo), then the outer stream goes on: the outer
   * memo and stack wait here while it is read.
   */
  private nested: { memoPages: Int32Array[]; memoLen: number; memoCount: number; farMemo: Map<number, Value>; memoLost: boolean; sp: number }[] = [];
  private array: { nbytes: number; align: boolean } | undefined;
  /** Set by addImport so the import opcode pushes WRAPPER instead of an opaque value. */
  private wrapperImported = false;
  /** Set by addImport so the import opcode pushes LOAD_TYPE. */
  private loadTypeImported = false;
  private inStream = false;
  private done = false;
  /** The first stream is trusted to be a pickle; later ones are read only while they look like one. */
  private speculative = false;
  private streamImports = 0;

  /** Feeds the next chunk of the file. */
  feed(chunk: Uint8Array): void {
    const chunkStart = this.total;
    this.total += chunk.length;
    if (this.done) {
      this.result.trailing += chunk.length;
      return;
    }
    let start = 0;
    // An opcode split across chunks: read it from the pending bytes joined to just the bytes of
    // this chunk it needs (not the whole chunk, which would copy megabytes per chunk).
    let whole = false;
    while (this.pending) {
      const pending = this.pending;
      const take = whole ? chunk.length : Math.max(0, Math.min(chunk.length, opcodeEnd(pending, chunk)));
      const joined = new Uint8Array(pending.length + take);
      joined.set(pending, 0);
      joined.set(chunk.subarray(0, take), pending.length);
      this.base = this.pendingBase;
      this.pending = undefined;
      const used = this.run(joined, 0);
      if (this.done) {
        this.result.trailing += joined.length - used + chunk.length - take;
        return;
      }
      if (used >= pending.length) start = used - pending.length;
      else if (take === chunk.length) {
        this.pending = joined.slice(used);
        this.pendingBase = this.base + used;
        return;
      } else {
        // Not completed with the bytes opcodeEnd named (an impossible length is skipped and reading goes on
        // inside the pending bytes): read on from where it stopped, with the whole chunk if it did not move.
        if (used === 0) whole = true;
        this.pending = pending.slice(used);
        this.pendingBase = this.base + used;
      }
    }
    if (this.skip > 0) {
      const s = Math.min(this.skip, chunk.length - start);
      this.skip -= s;
      start += s;
    }
    if (start >= chunk.length) return;
    const buf = start === 0 ? chunk : chunk.subarray(start);
    this.base = chunkStart + start;
    const used = this.run(buf, 0);
    if (this.done) this.result.trailing += buf.length - used;
    else if (used < buf.length) {
      this.pending = buf.slice(used);
      this.pendingBase = this.base + used;
    }
  }

  /** Ends the input and returns what was found. */
  end(): PickleScan {
    const r = this.result;
    if (!this.done && (this.inStream || (this.pending && this.pending.length > 0) || this.skip > 0 || this.skipLines > 0)) {
      if (!this.speculative || this.streamImports > 0) {
        r.truncated = true;
        r.error ??= { message: "the stream ends before its STOP opcode (truncated)", offset: this.total };
      } else {
        this.dropSpeculative();
      }
    }
    if (r.streams === 0 && !r.error) r.error = { message: "no pickle stream", offset: 0 };
    return r;
  }

  /** Speculative stream that failed: data after the last pickle, or a payload that breaks after it; its imports are set apart. */
  private dropSpeculative(): void {
    const first = this.result.imports.findIndex((i) => i.stream === this.result.streams);
    if (first >= 0) this.result.afterLast = this.result.imports.splice(first);
    this.done = true;
  }

  private fail(message: string, offset: number): void {
    if (this.speculative) {
      this.dropSpeculative();
      return;
    }
    this.result.error ??= { message, offset };
    if (this.stopAtError) this.done = true;
  }

  private resetStream(): void {
    this.sp = 0;
    this.nested = [];
    this.dtypeMemo.clear();
    this.overflow = false;
    this.memoLen = 0;
    this.memoCount = 0;
    this.farMemo = new Map();
    this.memoLost = false;
    this.arenaPage = 0;
    this.arenaOff = 0;
    this.kept = 0;
    this.strCount = 0;
    this.texts = [];
    this.textKept = 0;
  }

  private push(v: Value): void {
    if (this.sp === this.stack.length) {
      if (this.sp >= MAX_STACK) {
        this.overflow = true;
        this.result.capped = true;
        // A `_load_type` pushed now is lost, and a call of it would go unseen.
        this.result.loadTypeUnknown = true;
        return;
      }
      const next = new Int32Array(this.stack.length * 2);
      next.set(this.stack);
      this.stack = next;
    }
    this.stack[this.sp++] = v;
  }

  private pop(at: number): Value {
    if (this.sp === 0) {
      if (!this.overflow) this.fail("stack underflow: the stream pops a value that was never pushed", at);
      return OPAQUE;
    }
    return this.stack[--this.sp] as number;
  }

  private popMark(at: number): void {
    while (this.sp > 0) if (this.stack[--this.sp] === MARK) return;
    if (!this.overflow) this.fail("no MARK on the stack for an opcode that needs one", at);
  }

  /** Keeps a string's bytes and returns its value (OPAQUE when too long or the arena is full). */
  private bytesString(buf: Uint8Array, a: number, e: number, utf8: boolean): Value {
    const n = e - a;
    if (n > MAX_STRING) return OPAQUE;
    if (this.kept + n > MAX_ARENA || this.strCount >= MAX_STRINGS) {
      this.result.capped = true;
      return OPAQUE;
    }
    if (this.arenaOff + n + 2 > ARENA_PAGE) {
      this.arenaPage++;
      this.arenaOff = 0;
    }
    const page = (this.arenaPages[this.arenaPage] ??= new Uint8Array(ARENA_PAGE));
    const v = (this.arenaPage << ARENA_BITS) | this.arenaOff;
    let o = this.arenaOff;
    const flag = utf8 ? PREFIX_UTF8 : 0;
    if (n < 64) page[o++] = flag | n;
    else {
      page[o++] = PREFIX_LONG | flag | (n >> 8);
      page[o++] = n & 0xff;
    }
    // A loop, not `set(subarray)`: a view object per string is most of the garbage on dense streams.
    for (let i = a; i < e; i++) page[o++] = buf[i] as number;
    this.arenaOff = o;
    this.kept += n;
    this.strCount++;
    return v;
  }

  private textString(t: string): Value {
    if (t.length > MAX_STRING) return OPAQUE;
    if (this.texts.length > 1_000_000 || this.textKept + t.length > MAX_ARENA) {
      this.result.capped = true;
      return OPAQUE;
    }
    this.texts.push(t);
    this.textKept += t.length;
    return -4 - (this.texts.length - 1);
  }

  /** The string a value holds, if it is one. */
  private stringOf(v: Value): string | undefined {
    if (v >= 0) {
      const page = this.arenaPages[v >>> ARENA_BITS];
      if (!page) return undefined;
      const o = v & ARENA_MASK;
      const p = page[o] as number;
      const start = p & PREFIX_LONG ? o + 2 : o + 1;
      const n = p & PREFIX_LONG ? ((p & 7) << 8) | (page[o + 1] as number) : p & 63;
      return text(page, start, start + n, p & PREFIX_UTF8 ? UTF8 : LATIN1);
    }
    if (v <= -4 && v > NOT_STR) return this.texts[-4 - v];
    return undefined;
  }

  private addImport(module: string, name: string, offset: number, opcode: PickleImport["opcode"]): void {
    // In bytes after the last stream (a legacy checkpoint's raw storages, whose size may start with `c`), a name no
    // module could have (`\0\0\0<M…`) is where Python's unpickler stops: the import fails, so the stream breaks there.
    if (this.speculative && opcode !== "EXT" && !(IMPORTABLE.test(module) && IMPORTABLE.test(name))) {
      this.fail(`${opcode} names ${JSON.stringify(module.slice(0, 40))} ${JSON.stringify(name.slice(0, 40))}, which Python cannot import`, offset);
      return;
    }
    this.streamImports++;
    // Each distinct import is kept once (a repeated one adds nothing to judge), so a file cannot push a gadget past
    // the cap with repeats of a safe class; past the cap of distinct ones the scan says it let imports go.
    const key = `${module}\u0000${name}`;
    if (!this.seenImports.has(key)) {
      if (this.result.imports.length < MAX_IMPORTS) {
        this.seenImports.add(key);
        this.result.imports.push({ module: module.slice(0, 1000), name: name.slice(0, 1000), offset, opcode, stream: this.result.streams });
      } else this.result.importsCapped = true;
    }
    // An object array's own stream is read by plain pickle.load (joblib's read_array), which gives a wrapper in it no
    // array bytes: only the outer stream's wrappers are joblib's (and so nesting, with the memo each level keeps, stays one deep).
    if (this.joblibArrays && this.nested.length === 0 && name === "NumpyArrayWrapper" && /(?:^|\.)joblib\.numpy_pickle$/.test(module)) this.wrapperImported = true;
    if (isDillLoadType(module, name)) this.loadTypeImported = true;
  }

  /** Reads opcodes from `buf[i]` on; returns where it stopped (an incomplete opcode stays for the next chunk). */
  private run(buf: Uint8Array, i: number): number {
    const n = buf.length;
    const base = this.base;
    while (i < n) {
      if (this.skipLines > 0) {
        const nl = buf.indexOf(0x0a, i);
        if (nl < 0) return n;
        i = nl + 1;
        this.skipLines--;
        continue;
      }
      if (this.done) return i;
      if (this.array) {
        // The raw bytes of a joblib array: an alignment byte count and padding, then the data.
        const pad = this.array.align ? (buf[i] as number) + 1 : 0;
        const total = pad + this.array.nbytes;
        this.array = undefined;
        if (i + total <= n) i += total;
        else {
          this.skip = i + total - n;
          return n;
        }
        continue;
      }
      if (this.fastPath && this.inStream && this.jl === undefined && this.array === undefined) {
        i = this.fast(buf, i);
        if (i >= n) return i;
      }
      const op = buf[i] as number;
      const at = base + i;
      const kind = ARG[op] as number;
      if (kind === -100) {
        if (!this.inStream && this.result.streams > 0) {
          // Not a pickle after the last stream: raw data (legacy PyTorch storages) or padding.
          this.done = true;
          return i;
        }
        this.fail(`byte 0x${op.toString(16).padStart(2, "0")} is not a pickle opcode`, at);
        if (this.done) return i;
        i++;
        continue;
      }
      if (!this.inStream) {
        this.inStream = true;
        this.speculative = this.result.streams > 0;
        this.streamImports = 0;
        this.resetStream();
      }
      let argStart = i + 1;
      let argEnd = argStart;
      let len = 0;
      if (kind === 1) {
        argEnd = argStart + (FIXED[op] as number);
        if (argEnd > n) return i;
      } else if (kind === 2) {
        const p = LENPREFIX[op] as number;
        if (argStart + p > n) return i;
        len = readLen(buf, argStart, p);
        argStart += p;
        if (len < 0 || len > Number.MAX_SAFE_INTEGER) {
          this.fail("negative or impossible length", at);
          if (this.done) return i;
          i = argStart;
          continue;
        }
        argEnd = argStart + len;
        if (argEnd > n) {
          if (len > MAX_STRING || !STRINGY.has(op)) {
            // Big payloads (tensor bytes) are skipped, not buffered.
            this.result.opcodes++;
            this.push(OPAQUE);
            this.skip = argEnd - n;
            return n;
          }
          return i;
        }
      } else if (kind < 0) {
        const nl1 = buf.indexOf(0x0a, argStart);
        if (nl1 < 0) {
          if (n - argStart > MAX_LINE) {
            this.push(OPAQUE);
            this.skipLines = -kind;
            return n;
          }
          return i;
        }
        argEnd = nl1;
        if (kind === -2) {
          const nl2 = buf.indexOf(0x0a, nl1 + 1);
          if (nl2 < 0) return n - argStart > MAX_LINE ? ((this.skipLines = 1), n) : i;
          argEnd = nl2;
        }
      }
      this.result.opcodes++;
      const next = kind < 0 ? argEnd + 1 : argEnd;
      this.exec(op, buf, argStart, argEnd, at);
      if (this.jl) this.joblib(op, buf, argStart, argEnd);
      i = next;
    }
    return i;
  }

  /**
   * The opcodes dense streams are made of (containers, small ints, short strings, memo puts and
   * gets, SETITEM/APPEND/REDUCE), on local copies of the stack and memo: no call and no
   * allocation per opcode. Anything else, and any case that would grow the stack or memo, fail,
   * or involve joblib's wrapper, stops it: `run`'s general path then takes that opcode, with the
   * same bounds and errors. Returns where it stopped.
   */
  private fast(buf: Uint8Array, i: number): number {
    const n = buf.length;
    const stack = this.stack;
    const cap = stack.length;
    const memoPages = this.memoPages;
    const memo0 = memoPages[0] as Int32Array;
    let memoLen = this.memoLen;
    let memoCount = this.memoCount;
    /** Far keys (or a lost count) are the general path's: the count then no longer matches the pages. */
    const farKeys = this.farMemo.size > 0 || this.memoLost;
    /** The page MEMOIZE writes to next (undefined when it is still to be made: the general path's). */
    let memoTail = memoPages[memoLen >>> MEMO_BITS];
    const arena = this.arenaPages[this.arenaPage] as Uint8Array;
    const arenaBase = this.arenaPage << ARENA_BITS;
    let arenaOff = this.arenaOff;
    let kept = this.kept;
    let strCount = this.strCount;
    let sp = this.sp;
    let ops = 0;
    let call = -1;
    loop: while (i < n) {
      const op = buf[i] as number;
      switch (op) {
        case 0x28: // MARK
          if (sp === cap) break loop;
          stack[sp++] = MARK;
          i += 1;
          break;
        case 0x7d: // EMPTY_DICT
        case 0x5d: // EMPTY_LIST
        case 0x29: // EMPTY_TUPLE
        case 0x8f: // EMPTY_SET
        case 0x4e: // NONE
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
          if (sp === cap) break loop;
          stack[sp++] = NOT_STR;
          i += 1;
          break;
        case 0x4b: // BININT1
        case 0x4d: // BININT2
        case 0x4a: // BININT
        case 0x47: {
          // BINFLOAT
          const next = i + 1 + (FIXED[op] as number);
          if (sp === cap || next > n) break loop;
          stack[sp++] = NOT_STR;
          i = next;
          break;
        }
        case 0x94: // MEMOIZE
        case 0x71: // BINPUT
        case 0x72: {
          // LONG_BINPUT
          const next = op === 0x94 ? i + 1 : op === 0x71 ? i + 2 : i + 5;
          // A memo with gaps (after a sparse PUT) is the general path's.
          if (sp === 0 || next > n || memoCount !== memoLen || farKeys) break loop;
          const k = op === 0x94 ? memoLen : op === 0x71 ? (buf[i + 1] as number) : readLen(buf, i + 1, 4);
          if (k < memoLen) (k < MEMO_PAGE ? memo0 : (memoPages[k >>> MEMO_BITS] as Int32Array))[k & MEMO_MASK] = stack[sp - 1] as number;
          else {
            // Appending (MAX_MEMO is whole pages, so its page never exists); a sparse PUT is the general path's.
            if (k > memoLen || memoTail === undefined) break loop;
            memoTail[k & MEMO_MASK] = stack[sp - 1] as number;
            memoLen++;
            memoCount++;
            if ((memoLen & MEMO_MASK) === 0) memoTail = memoLen < MAX_MEMO ? memoPages[memoLen >>> MEMO_BITS] : undefined;
          }
          i = next;
          break;
        }
        case 0x68: // BINGET
        case 0x6a: {
          // LONG_BINGET
          const next = op === 0x68 ? i + 2 : i + 5;
          if (sp === cap || next > n || memoCount !== memoLen || farKeys) break loop;
          const k = op === 0x68 ? (buf[i + 1] as number) : readLen(buf, i + 1, 4);
          stack[sp++] = k < memoLen ? ((k < MEMO_PAGE ? memo0 : (memoPages[k >>> MEMO_BITS] as Int32Array))[k & MEMO_MASK] as number) : OPAQUE;
          i = next;
          break;
        }
        case 0x61: // APPEND
        case 0x62: // BUILD
        case 0x30: // POP
          if (sp === 0) break loop;
          sp--;
          i += 1;
          break;
        case 0x73: // SETITEM
          if (sp < 2) break loop;
          sp -= 2;
          i += 1;
          break;
        case 0x85: // TUPLE1
        case 0x86: // TUPLE2
        case 0x87: {
          // TUPLE3
          const k = op - 0x84;
          if (sp < k || stack[sp - k - 1] === LOAD_TYPE) break loop;
          sp -= k - 1;
          stack[sp - 1] = NOT_STR;
          i += 1;
          break;
        }
        case 0x52: // REDUCE
        case 0x81: // NEWOBJ
          if (sp < 2 || stack[sp - 2] === WRAPPER || stack[sp - 2] === NOT_STR || stack[sp - 2] === LOAD_TYPE || stack[sp - 2] === TYPE_ARGS) break loop;
          sp--;
          stack[sp - 1] = OPAQUE;
          call = i;
          i += 1;
          break;
        case 0x65: // APPENDS
        case 0x75: // SETITEMS
        case 0x90: // ADDITEMS
        case 0x74: // TUPLE
        case 0x6c: // LIST
        case 0x64: // DICT
        case 0x91: {
          // FROZENSET
          let j = sp - 1;
          while (j >= 0 && stack[j] !== MARK) j--;
          if (j < 0 || (op === 0x74 && j > 0 && stack[j - 1] === LOAD_TYPE)) break loop;
          sp = j;
          if (op === 0x74 || op === 0x6c || op === 0x64 || op === 0x91) stack[sp++] = NOT_STR;
          i += 1;
          break;
        }
        case 0x8c: // SHORT_BINUNICODE
        case 0x58: {
          // BINUNICODE
          const p = op === 0x8c ? 1 : 4;
          if (sp === cap || i + 1 + p > n) break loop;
          const a = i + 1 + p;
          const e = a + (p === 1 ? (buf[i + 1] as number) : readLen(buf, i + 1, 4));
          const len = e - a;
          // Kept in the arena's page here when it fits; starting a page (or a bound) is the general path's.
          if (e > n || len > MAX_STRING || kept + len > MAX_ARENA || strCount >= MAX_STRINGS || arenaOff + len + 2 > ARENA_PAGE) break loop;
          stack[sp++] = arenaBase | arenaOff;
          if (len < 64) arena[arenaOff++] = PREFIX_UTF8 | len;
          else {
            arena[arenaOff++] = PREFIX_LONG | PREFIX_UTF8 | (len >> 8);
            arena[arenaOff++] = len & 0xff;
          }
          for (let k = a; k < e; k++) arena[arenaOff++] = buf[k] as number;
          kept += len;
          strCount++;
          i = e;
          break;
        }
        case 0x43: {
          // SHORT_BINBYTES
          if (sp === cap || i + 2 > n) break loop;
          const e = i + 2 + (buf[i + 1] as number);
          if (e > n) break loop;
          stack[sp++] = NOT_STR;
          i = e;
          break;
        }
        case 0x95: // FRAME (a length of 2^63 or more is the general path's error)
          if (i + 9 > n || (buf[i + 8] as number) >= 0x80) break loop;
          i += 9;
          break;
        default:
          break loop;
      }
      ops++;
    }
    this.sp = sp;
    this.memoLen = memoLen;
    this.memoCount = memoCount;
    this.arenaOff = arenaOff;
    this.kept = kept;
    this.strCount = strCount;
    this.result.opcodes += ops;
    if (call >= 0) this.result.lastCall = this.base + call;
    return i;
  }

  private exec(op: number, buf: Uint8Array, a: number, e: number, at: number): void {
    switch (op) {
      case 0x2e: {
        // STOP
        const outer = this.nested.pop();
        if (outer) {
          // The end of a joblib object array's own stream: its value replaces the wrapper, and the outer stream goes on.
          this.memoPages = outer.memoPages;
          this.memoLen = outer.memoLen;
          this.memoCount = outer.memoCount;
          this.farMemo = outer.farMemo;
          this.memoLost = outer.memoLost;
          this.sp = Math.min(this.sp, outer.sp);
          return;
        }
        this.sp = 0;
        this.inStream = false;
        this.speculative = false;
        this.result.streams++;
        return;
      }
      case 0x80: // PROTO
        this.result.protocol = Math.max(this.result.protocol, buf[a] as number);
        if ((buf[a] as number) > 5) this.fail(`protocol ${buf[a]} is newer than any Python writes`, at);
        return;
      case 0x95: // FRAME
        // Both of Python's unpicklers refuse a frame longer than sys.maxsize (2^63 - 1) before reading anything in it. A
        // shorter frame that overruns the file is refused by the C unpickler but read on by the pure-Python one, so it is not
        // an error here: what follows it is read either way.
        if ((buf[a + 7] as number) >= 0x80) this.fail(`FRAME length ${new DataView(buf.buffer, buf.byteOffset + a, 8).getBigUint64(0, true)} exceeds what Python's unpicklers accept (at most 2^63 - 1 bytes): loading stops here`, at);
        return;
      case 0x98: // READONLY_BUFFER
        return;
      case 0x28: // MARK
        this.push(MARK);
        return;
      case 0x30: // POP
        this.pop(at);
        return;
      case 0x31: // POP_MARK
        this.popMark(at);
        return;
      case 0x32: {
        // DUP
        if (this.sp === 0 && !this.overflow) this.fail("stack underflow", at);
        this.push(this.sp > 0 ? (this.stack[this.sp - 1] as number) : OPAQUE);
        return;
      }
      case 0x63: // GLOBAL
      case 0x69: {
        // INST
        // Python decodes both names as strict UTF-8 (pickle.py's load_global, _pickle.c's load_global and load_inst): bytes
        // that are not UTF-8 import nothing, and the stream breaks there.
        const text = utf8Strict(buf.subarray(a, e));
        if (text === undefined) {
          this.fail(`${op === 0x63 ? "GLOBAL" : "INST"} names a module or attribute that is not UTF-8, which Python's unpickler refuses`, at);
          if (op === 0x69) this.popMark(at);
          this.push(OPAQUE);
          return;
        }
        const nl = text.indexOf("\n");
        const module = text.slice(0, nl).replace(/\r$/, "");
        const name = text.slice(nl + 1).replace(/\r$/, "");
        this.addImport(module, name, at, op === 0x63 ? "GLOBAL" : "INST");
        if (op === 0x69) {
          // INST calls what it imports with the values above the MARK: `_load_type` then gets them as its arguments.
          if (this.loadTypeImported) {
            let j = this.sp - 1;
            while (j >= 0 && this.stack[j] !== MARK) j--;
            const arg = j >= 0 && this.sp - j === 2 ? this.stringOf(this.stack[j + 1] as number) : undefined;
            if (arg === undefined) this.result.loadTypeUnknown = true;
            else this.loadType(arg);
          }
          this.popMark(at);
          const pushed = this.takeWrapper();
          // What `_load_type` returns is a type, not the function.
          this.push(pushed === LOAD_TYPE ? OPAQUE : pushed);
          return;
        }
        this.push(this.takeWrapper());
        return;
      }
      case 0x93: {
        // STACK_GLOBAL. With fewer than two values above the last MARK, Python's unpickler stops on a stack underflow
        // before it imports anything: no import, computed or not (a legacy checkpoint's storage of 0x93 elements).
        if (!this.overflow && (this.sp < 2 || this.stack[this.sp - 1] === MARK || this.stack[this.sp - 2] === MARK)) {
          this.fail("stack underflow: STACK_GLOBAL needs a module and a name above the last MARK", at);
          this.push(OPAQUE);
          return;
        }
        // Python imports only two str: a number, None or a container there breaks the stream, and imports nothing.
        if (!this.overflow && (notStr(this.stack[this.sp - 1] as number) || notStr(this.stack[this.sp - 2] as number))) {
          this.fail("STACK_GLOBAL requires str: its module or name is a number, None, bytes or a container", at);
          this.pop(at);
          this.pop(at);
          this.push(OPAQUE);
          return;
        }
        const name = this.overflow ? undefined : this.stringOf(this.pop(at));
        const module = this.overflow ? undefined : this.stringOf(this.pop(at));
        if (module !== undefined && name !== undefined) this.addImport(module, name, at, "STACK_GLOBAL");
        else {
          this.streamImports++;
          if (this.result.computedImports.length < MAX_IMPORTS) this.result.computedImports.push(at);
        }
        this.push(this.takeWrapper());
        return;
      }
      case 0x82:
      case 0x83:
      case 0x84: {
        // EXT1/2/4: an import through the copyreg extension registry; which one depends on the loader.
        const code = op === 0x82 ? (buf[a] as number) : op === 0x83 ? (buf[a] as number) | ((buf[a + 1] as number) << 8) : readLen(buf, a, 4);
        if (this.stopAtError || this.speculative) {
          // In bytes that may not be a pickle (float weights named `.data` start `\x83…` often enough), or after the last
          // stream: the registry is empty unless the loading program fills it, so Python's unpickler stops here.
          this.fail(`EXT looks up extension code ${code} in copyreg's registry, which is empty unless the loading program fills it`, at);
          return;
        }
        this.addImport("copyreg", `extension code ${code}`, at, "EXT");
        this.push(OPAQUE);
        return;
      }
      case 0x49: // INT
      case 0x4c: // LONG
      case 0x46: {
        // FLOAT: Python converts the line and stops on one that is no number, as text read as a pickle soon does
        // (`Lorem ipsum` is a LONG). The patterns accept more than Python, never less, so no real stream breaks here.
        if (!(op === 0x46 ? FLOAT_LINE : INT_LINE).test(LATIN1.decode(buf.subarray(a, e)))) this.fail(`${op === 0x46 ? "FLOAT" : op === 0x49 ? "INT" : "LONG"} argument is not a number`, at);
        this.push(NOT_STR);
        return;
      }
      case 0x53: // STRING 'text'
        this.push(this.textString(unquote(LATIN1.decode(buf.subarray(a, e)))));
        return;
      case 0x56: // UNICODE (raw-unicode-escape)
        this.push(this.textString(rawUnicode(LATIN1.decode(buf.subarray(a, e)))));
        return;
      case 0x54:
      case 0x55: // BINSTRING, SHORT_BINSTRING
        this.push(this.bytesString(buf, a, e, false));
        return;
      case 0x58:
      case 0x8c:
      case 0x8d: // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8
        this.push(this.bytesString(buf, a, e, true));
        return;
      case 0x70: // PUT n
        this.memoize(pythonInt(LATIN1.decode(buf.subarray(a, e))));
        return;
      case 0x71: // BINPUT
        this.memoize(buf[a] as number);
        return;
      case 0x72: // LONG_BINPUT
        this.memoize(readLen(buf, a, 4));
        return;
      case 0x94: // MEMOIZE
        this.memoize(this.memoCount);
        return;
      case 0x67: // GET n
        this.push(this.recall(pythonInt(LATIN1.decode(buf.subarray(a, e)))));
        return;
      case 0x68: // BINGET
        this.push(this.recall(buf[a] as number));
        return;
      case 0x6a: // LONG_BINGET
        this.push(this.recall(readLen(buf, a, 4)));
        return;
      case 0x61: // APPEND
      case 0x62: // BUILD
      case 0x51: // BINPERSID: pop 1, push 1
        this.pop(at);
        if (op === 0x51) this.push(OPAQUE);
        return;
      case 0x73: // SETITEM
        this.pop(at);
        this.pop(at);
        return;
      case 0x52: // REDUCE
      case 0x81: {
        // NEWOBJ
        this.result.lastCall = at;
        if (this.sp >= 2 && notStr(this.stack[this.sp - 2] as number)) this.fail(`${op === 0x52 ? "REDUCE" : "NEWOBJ"} calls a number, None, bytes or a container, which is not callable`, at);
        const args = this.pop(at);
        const callee = this.pop(at);
        if (callee === WRAPPER) this.jl = { phase: 0, shape: [], shapeDone: false, dtype: undefined, dtypeInts: [], dtypePut: false, dtypeIndex: undefined, align: false, closed: false };
        // `_load_type` called with arguments whose name was not kept (a tuple from elsewhere, a computed value).
        if (callee === LOAD_TYPE && args !== TYPE_ARGS) this.result.loadTypeUnknown = true;
        this.push(OPAQUE);
        return;
      }
      case 0x92: // NEWOBJ_EX
        this.result.lastCall = at;
        this.pop(at);
        this.pop(at);
        if (this.pop(at) === LOAD_TYPE) this.result.loadTypeUnknown = true;
        this.push(OPAQUE);
        return;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3: a one-name tuple right above `_load_type` is its argument, whose name is kept.
        const k = op - 0x84;
        const name = k === 1 && this.sp >= 2 && this.stack[this.sp - 2] === LOAD_TYPE ? this.stringOf(this.stack[this.sp - 1] as number) : undefined;
        if (k > 1 && this.sp > k && this.stack[this.sp - k - 1] === LOAD_TYPE) this.result.loadTypeUnknown = true;
        for (let x = 0; x < k; x++) this.pop(at);
        this.push(name !== undefined ? this.loadType(name) : NOT_STR);
        return;
      }
      case 0x65: // APPENDS
      case 0x75: // SETITEMS
      case 0x90: // ADDITEMS
        this.popMark(at);
        return;
      case 0x74: // TUPLE
      case 0x6c: // LIST
      case 0x64: // DICT
      case 0x91: // FROZENSET
      case 0x6f: {
        // OBJ. The arguments of a `_load_type` call, as protocols 0 and 1 build them (`(S'NoneType'` TUPLE) or OBJ calls it.
        if (op === 0x6f) this.result.lastCall = at;
        const typeArgs = op === 0x74 || op === 0x6f ? this.loadTypeArgs(op) : undefined;
        this.popMark(at);
        this.push(typeArgs ?? (op === 0x6f ? OPAQUE : NOT_STR));
        return;
      }
      default:
        // Constants and empty containers: one value, no str (PERSID's object is whatever the loader's persistent_load returns).
        this.push(op === 0x50 ? OPAQUE : NOT_STR);
    }
  }

  /** Keeps a name `_load_type` is called with; TYPE_ARGS, the value of its argument tuple. */
  private loadType(name: string): Value {
    const r = this.result;
    if (!r.loadTypes.includes(name)) {
      if (r.loadTypes.length < MAX_LOAD_TYPES) r.loadTypes.push(name.slice(0, 200));
      else r.loadTypeUnknown = true;
    }
    return TYPE_ARGS;
  }

  /**
   * For TUPLE and OBJ, what the values above the last MARK mean to a `_load_type` call: TYPE_ARGS when TUPLE packs a
   * single kept name right above `_load_type`, undefined when no `_load_type` is involved; any other shape (OBJ calling
   * it, a name not kept) makes the argument unknown.
   */
  private loadTypeArgs(op: number): Value | undefined {
    let j = this.sp - 1;
    while (j >= 0 && this.stack[j] !== MARK) j--;
    if (j < 0) return undefined;
    if (op === 0x6f) {
      if (this.stack[j + 1] !== LOAD_TYPE) return undefined;
      const name = this.sp - j === 3 ? this.stringOf(this.stack[j + 2] as number) : undefined;
      if (name === undefined) this.result.loadTypeUnknown = true;
      else this.loadType(name);
      return undefined;
    }
    if (j === 0 || this.stack[j - 1] !== LOAD_TYPE) return undefined;
    const name = this.sp - j === 2 ? this.stringOf(this.stack[j + 1] as number) : undefined;
    if (name === undefined) {
      this.result.loadTypeUnknown = true;
      return undefined;
    }
    return this.loadType(name);
  }

  private takeWrapper(): Value {
    const w = this.wrapperImported;
    const t = this.loadTypeImported;
    this.wrapperImported = false;
    this.loadTypeImported = false;
    return w ? WRAPPER : t ? LOAD_TYPE : OPAQUE;
  }

  /** Follows a joblib NumpyArrayWrapper's state to know how many raw bytes follow its BUILD. */
  private joblib(op: number, buf: Uint8Array, a: number, e: number): void {
    const jl = this.jl;
    if (!jl) return;
    // Keys and the dtype string come as literals or, after the first array, back from the memo.
    const stringy = op === 0x8c || op === 0x58 || op === 0x55 || op === 0x54 || op === 0x8d || op === 0x53 || op === 0x56 || op === 0x68 || op === 0x6a || op === 0x67;
    const s = stringy && this.sp > 0 ? this.stringOf(this.stack[this.sp - 1] as number) : undefined;
    const int = op === 0x4b || op === 0x4d || op === 0x4a || op === 0x8a;
    if (s !== undefined) {
      if (s === "shape") {
        jl.phase = 1;
        jl.shape = [];
        jl.shapeDone = false;
      } else if (s === "dtype") jl.phase = 2;
      else if (s === "numpy_array_alignment_bytes") {
        jl.align = true;
        jl.phase = 0;
      } else if (jl.phase === 2) {
        jl.dtype = s;
        jl.dtypeInts = [];
        jl.phase = 3;
      } else if (jl.phase !== 3 || s.length !== 1) jl.phase = 0;
    } else if (jl.phase === 1) {
      // The shape is the tuple right after its key, nothing else: ints anywhere else are not its dimensions.
      if (int) jl.shape.push(intValue(op, buf, a, e));
      else if (op === 0x28) jl.shape = [];
      else if (op >= 0x85 && op <= 0x87) {
        jl.shapeDone = jl.shape.length === op - 0x84;
        jl.phase = 0;
      } else if (op === 0x74 || op === 0x29) {
        jl.shapeDone = op === 0x74 || jl.shape.length === 0;
        jl.phase = 0;
      } else if (op !== 0x71 && op !== 0x72 && op !== 0x94 && op !== 0x70 && op !== 0x95) jl.phase = 0;
    } else if (jl.phase === 2 && (op === 0x68 || op === 0x6a || op === 0x67)) {
      // A dtype fetched back from the memo: the one an earlier array of this stream declared there. Anything
      // else fetched here is the dtype class, on its way to a dtype written out.
      const known = this.dtypeMemo.get(op === 0x68 ? (buf[a] as number) : op === 0x6a ? readLen(buf, a, 4) : pythonInt(LATIN1.decode(buf.subarray(a, e))));
      if (known) {
        jl.dtype = known.dtype;
        jl.dtypeInts = known.ints;
        jl.phase = 0;
      }
    } else if (jl.phase === 3 && int) jl.dtypeInts.push(intValue(op, buf, a, e));
    else if (jl.phase === 3 && op === 0x52) jl.dtypePut = true;
    else if (jl.phase === 3 && jl.dtypePut && (op === 0x71 || op === 0x72 || op === 0x70 || op === 0x94)) {
      jl.dtypeIndex = this.lastPut;
      jl.dtypePut = false;
    } else if ((op === 0x75 || op === 0x73) && jl.dtype !== undefined) jl.closed = true;
    else if (op === 0x62 && jl.closed) {
      const dtype = jl.dtype as string;
      this.jl = undefined;
      if (jl.dtypeIndex !== undefined && this.dtypeMemo.size < 10_000) this.dtypeMemo.set(jl.dtypeIndex, { dtype, ints: jl.dtypeInts });
      if (OBJECT_DTYPE.test(dtype)) {
        // An object array: its own pickle stream follows, read with a memo of its own (joblib calls pickle.load).
        this.result.joblibFrom ??= this.base + e;
        this.nested.push({ memoPages: this.memoPages, memoLen: this.memoLen, memoCount: this.memoCount, farMemo: this.farMemo, memoLost: this.memoLost, sp: this.sp });
        this.memoPages = [new Int32Array(MEMO_PAGE)];
        this.memoLen = 0;
        this.memoCount = 0;
        this.farMemo = new Map();
        this.memoLost = false;
        return;
      }
      const size = dtypeItemSize(dtype);
      // Strings and voids take their item size from the dtype's state (its sixth field), which the file may set to anything:
      // their bytes are skipped only when it agrees, so a lie never hides what follows.
      const flexible = /^[<>|=]?[SUVa]/.test(dtype);
      if (!jl.shapeDone || size === undefined || (flexible && jl.dtypeInts[1] !== size)) return;
      const count = jl.shape.reduce((x, y) => x * y, 1);
      if (Number.isSafeInteger(count * size)) {
        this.array = { nbytes: count * size, align: jl.align };
        this.result.joblibFrom ??= this.base + e;
      }
    }
  }

  private memoize(index: number): void {
    this.lastPut = -1;
    if (this.sp === 0 || !(index >= 0)) return;
    const top = this.stack[this.sp - 1] as number;
    if (index >= MAX_MEMO) {
      if (this.memoLost || !Number.isSafeInteger(index)) return;
      if (!this.farMemo.has(index)) {
        if (this.farMemo.size >= MAX_FAR_KEYS) {
          this.memoLost = true;
          this.result.capped = true;
          // Memo reads are opaque from here: a `_load_type` fetched back and called would go unseen.
          this.result.loadTypeUnknown = true;
          return;
        }
        this.memoCount++;
      }
      this.farMemo.set(index, top);
      this.lastPut = index;
      return;
    }
    // Indexes past the end (a sparse PUT) are no keys yet: they read back as opaque.
    for (let k = this.memoLen; k < index; ) {
      const end = Math.min(index, ((k >>> MEMO_BITS) + 1) << MEMO_BITS);
      this.memoPage(k).fill(UNSET, k & MEMO_MASK, ((end - 1) & MEMO_MASK) + 1);
      k = end;
    }
    const page = this.memoPage(index);
    if (index >= this.memoLen || page[index & MEMO_MASK] === UNSET) this.memoCount++;
    page[index & MEMO_MASK] = top;
    if (index >= this.memoLen) this.memoLen = index + 1;
    this.lastPut = index;
  }

  /** The memo page holding `index`, made when first needed (entries at or past memoLen are never read, so a page reused from an earlier stream needs no clearing). */
  private memoPage(index: number): Int32Array {
    return (this.memoPages[index >>> MEMO_BITS] ??= new Int32Array(MEMO_PAGE));
  }

  private recall(index: number): Value {
    if (this.memoLost) return OPAQUE;
    if (index >= MAX_MEMO) return this.farMemo.get(index) ?? OPAQUE;
    const v = index >= 0 && index < this.memoLen ? (this.memoPages[index >>> MEMO_BITS]?.[index & MEMO_MASK] ?? OPAQUE) : OPAQUE;
    return v === UNSET ? OPAQUE : v;
  }
}

/**
 * A PUT or GET argument as Python's int() reads it: surrounding whitespace, a sign, and
 * underscores between digits (`1_0` is 10, where parseInt stops at 1). NaN for anything else,
 * which no memo index equals.
 */
function pythonInt(s: string): number {
  const t = s.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(t) ? Number(t.replace(/_/g, "")) : Number.NaN;
}

/** Bytes as text: short ASCII strings (names, keys) without a TextDecoder call, which costs more than the rest of an opcode. */
function text(buf: Uint8Array, a: number, e: number, dec: TextDecoder): string {
  if (e - a <= 32) {
    let s = "";
    for (let i = a; i < e; i++) {
      const c = buf[i] as number;
      if (c >= 0x80) return dec.decode(buf.subarray(a, e));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return dec.decode(buf.subarray(a, e));
}

/**
 * How many bytes of `next` complete the opcode that starts `head` (an opcode with an argument cut
 * short): through its argument, its length prefix alone when the payload is skipped anyway, or
 * the line end(s) it reads; `next.length` when they are not in `next`.
 */
function opcodeEnd(head: Uint8Array, next: Uint8Array): number {
  const op = head[0] as number;
  const kind = ARG[op] as number;
  const h = head.length;
  if (kind === 1) return 1 + (FIXED[op] as number) - h;
  if (kind === 2) {
    const p = LENPREFIX[op] as number;
    if (1 + p > h + next.length) return next.length;
    let len = 0;
    for (let k = p; k >= 1; k--) len = len * 256 + ((k < h ? head[k] : next[k - h]) as number);
    return len > MAX_STRING ? 1 + p - h : 1 + p + len - h;
  }
  if (kind < 0) {
    let lines = -kind;
    for (let k = 1; k < h; k++) if (head[k] === 0x0a && --lines === 0) return 0;
    for (let from = 0; ; ) {
      const nl = next.indexOf(0x0a, from);
      if (nl < 0) return next.length;
      if (--lines === 0) return nl + 1;
      from = nl + 1;
    }
  }
  return next.length;
}

/** NumPy's object dtype as a dtype string (`O8` as NumPy pickles it). */
const OBJECT_DTYPE = /^[|<>=]?O\d{0,2}$/;

/** The value of BININT1, BININT2, BININT or LONG1. */
function intValue(op: number, buf: Uint8Array, a: number, e: number): number {
  return op === 0x4b ? (buf[a] as number) : op === 0x4d ? readLen(buf, a, 2) : op === 0x4a ? readLen(buf, a, 4) : e - a <= 6 ? littleInt(buf, a, e) : Infinity;
}

/** A small little-endian integer (LONG1's argument). */
function littleInt(buf: Uint8Array, a: number, e: number): number {
  let v = 0;
  for (let k = e - 1; k >= a; k--) v = v * 256 + (buf[k] as number);
  return v;
}

function readLen(buf: Uint8Array, at: number, n: number): number {
  if (n === 1) return buf[at] as number;
  if (n === 2) return (buf[at] as number) | ((buf[at + 1] as number) << 8);
  if (n === 4) return ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16)) + (buf[at + 3] as number) * 0x1000000;
  let v = 0;
  for (let k = 7; k >= 0; k--) v = v * 256 + (buf[at + k] as number);
  return v;
}

/** Protocol 0's `S'text'` / `S"text"` argument, decoded as Python's codecs.escape_decode does (`\157s` is `os`). */
function unquote(s: string): string {
  const t = s.replace(/\r$/, "");
  const q = t[0];
  const body = (q === "'" || q === '"') && t.endsWith(q) ? t.slice(1, -1) : t;
  if (!body.includes("\\")) return body;
  return body.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{2})|([\s\S]))/g, (_m, oct: string | undefined, hex: string | undefined, c: string | undefined) =>
    oct !== undefined ? String.fromCharCode(Number.parseInt(oct, 8) & 0xff) : hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (ESCAPES[c as string] ?? `\\${c as string}`),
  );
}

/** escape_decode's one-character escapes; a backslash before a line end drops both. */
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", "'": "'", '"': '"', a: "\u0007", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\u000b", "\n": "" };

/** Protocol 0's `V` argument: raw-unicode-escape (`\uXXXX`, `\UXXXXXXXX`). */
function rawUnicode(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u: string | undefined, U: string | undefined) => String.fromCodePoint(Number.parseInt(u ?? U ?? "0", 16)));
}

/** Scans one complete buffer. */
export function scanPickle(bytes: Uint8Array): PickleScan {
  const s = new PickleScanner();
  s.feed(bytes);
  return s.end();
}
