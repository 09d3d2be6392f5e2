// A pickle opcode reader (protocols 0–5) that never unpickles: it walks the opcodes, keeps a
// model of the stack and the memo just precise enough to know which module and name every
// GLOBAL, INST and STACK_GLOBAL imports (memoised and protocol-0 text names included), and which
// imports are then called (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD). It reads several streams
// one after another (PyTorch's legacy format writes five), is fed in chunks of any size so files
// of any size stream through in bounded memory, and reports a truncated or malformed stream with
// the offset where reading stopped.

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
}

const MARK = Symbol("mark");
const OPAQUE = Symbol("opaque");
type Value = string | typeof MARK | typeof OPAQUE;

/** Strings longer than this are not kept (names are short; big payloads are data). */
const MAX_STRING = 64 * 1024;
/** A text-line argument longer than this is skipped rather than buffered. */
const MAX_LINE = 1024 * 1024;
const MAX_MEMO = 1_000_000;
const MAX_STACK = 1_000_000;
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

const LATIN1 = new TextDecoder("latin1");
const UTF8 = new TextDecoder("utf-8");

/** True when `b` can start a pickle stream (a PROTO, or an opcode protocol 0 and 1 files begin with). */
export function looksLikePickle(bytes: Uint8Array): boolean {
  const b0 = bytes[0];
  if (b0 === undefined) return false;
  if (b0 === 0x80) return (bytes[1] ?? 99) <= 5;
  // Protocols 0 and 1 start with a MARK, an empty container, a global or a constant.
  return b0 === 0x28 || b0 === 0x7d || b0 === 0x5d || b0 === 0x29 || b0 === 0x63 || b0 === 0x4e || b0 === 0x49 || b0 === 0x53 || b0 === 0x56 || b0 === 0x4b || b0 === 0x4a || b0 === 0x58 || b0 === 0x55 || b0 === 0x69 || b0 === 0x8c;
}

/** An incremental pickle scanner: `feed` chunks in order, then `end`. */
export class PickleScanner {
  private readonly result: PickleScan = { imports: [], computedImports: [], streams: 0, protocol: 0, opcodes: 0, error: undefined, truncated: false, trailing: 0 };
  private pending: Uint8Array | undefined;
  private pendingBase = 0;
  /** Bytes fed so far. */
  private total = 0;
  /** Absolute offset of the buffer being read. */
  private base = 0;
  private skip = 0;
  /** Skipping a text line longer than MAX_LINE: lines still to end (1 or 2). */
  private skipLines = 0;
  private stack: Value[] = [];
  private memo = new Map<number, Value>();
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
    if (this.skip > 0) {
      start = Math.min(this.skip, chunk.length);
      this.skip -= start;
    }
    if (start >= chunk.length) return;
    let buf: Uint8Array;
    if (this.pending) {
      buf = new Uint8Array(this.pending.length + chunk.length - start);
      buf.set(this.pending, 0);
      buf.set(chunk.subarray(start), this.pending.length);
      this.base = this.pendingBase;
      this.pending = undefined;
    } else {
      buf = start === 0 ? chunk : chunk.subarray(start);
      this.base = chunkStart + start;
    }
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

  /** Speculative stream that failed: it was data after the last pickle, not a pickle; forget what it claimed. */
  private dropSpeculative(): void {
    const first = this.result.imports.findIndex((i) => i.stream === this.result.streams);
    if (first >= 0) this.result.imports.length = first;
    this.done = true;
  }

  private fail(message: string, offset: number): void {
    if (this.speculative) {
      this.dropSpeculative();
      return;
    }
    this.result.error ??= { message, offset };
  }

  private push(v: Value): void {
    if (this.stack.length < MAX_STACK) this.stack.push(v);
  }

  private pop(at: number): Value {
    const v = this.stack.pop();
    if (v === undefined) {
      this.fail("stack underflow: the stream pops a value that was never pushed", at);
      return OPAQUE;
    }
    return v;
  }

  private popMark(at: number): void {
    for (;;) {
      const v = this.stack.pop();
      if (v === MARK) return;
      if (v === undefined) {
        this.fail("no MARK on the stack for an opcode that needs one", at);
        return;
      }
    }
  }

  private addImport(module: string, name: string, offset: number, opcode: PickleImport["opcode"]): void {
    this.streamImports++;
    if (this.result.imports.length < MAX_IMPORTS) this.result.imports.push({ module: module.slice(0, 1000), name: name.slice(0, 1000), offset, opcode, stream: this.result.streams });
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
        this.stack = [];
        this.memo = new Map();
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
      i = next;
    }
    return i;
  }

  private exec(op: number, buf: Uint8Array, a: number, e: number, at: number): void {
    switch (op) {
      case 0x2e: // STOP
        this.stack = [];
        this.inStream = false;
        this.speculative = false;
        this.result.streams++;
        return;
      case 0x80: // PROTO
        this.result.protocol = Math.max(this.result.protocol, buf[a] as number);
        if ((buf[a] as number) > 5) this.fail(`protocol ${buf[a]} is newer than any Python writes`, at);
        return;
      case 0x95: // FRAME
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
        const v = this.stack[this.stack.length - 1];
        if (v === undefined) this.fail("stack underflow", at);
        this.push(v ?? OPAQUE);
        return;
      }
      case 0x63: // GLOBAL
      case 0x69: {
        // INST
        const text = LATIN1.decode(buf.subarray(a, e));
        const nl = text.indexOf("\n");
        const module = text.slice(0, nl).replace(/\r$/, "");
        const name = text.slice(nl + 1).replace(/\r$/, "");
        this.addImport(module, name, at, op === 0x63 ? "GLOBAL" : "INST");
        if (op === 0x69) this.popMark(at);
        this.push(OPAQUE);
        return;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = this.pop(at);
        const module = this.pop(at);
        if (typeof module === "string" && typeof name === "string") this.addImport(module, name, at, "STACK_GLOBAL");
        else {
          this.streamImports++;
          if (this.result.computedImports.length < MAX_IMPORTS) this.result.computedImports.push(at);
        }
        this.push(OPAQUE);
        return;
      }
      case 0x82:
      case 0x83:
      case 0x84: {
        // EXT1/2/4: an import through the copyreg extension registry; which one depends on the loader.
        const code = op === 0x82 ? (buf[a] as number) : op === 0x83 ? (buf[a] as number) | ((buf[a + 1] as number) << 8) : readLen(buf, a, 4);
        this.addImport("copyreg", `extension code ${code}`, at, "EXT");
        this.push(OPAQUE);
        return;
      }
      case 0x53: // STRING 'text'
        this.push(unquote(LATIN1.decode(buf.subarray(a, e))));
        return;
      case 0x56: // UNICODE (raw-unicode-escape)
        this.push(rawUnicode(LATIN1.decode(buf.subarray(a, e))));
        return;
      case 0x54:
      case 0x55: // BINSTRING, SHORT_BINSTRING
        this.push(e - a <= MAX_STRING ? LATIN1.decode(buf.subarray(a, e)) : OPAQUE);
        return;
      case 0x58:
      case 0x8c:
      case 0x8d: // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8
        this.push(e - a <= MAX_STRING ? UTF8.decode(buf.subarray(a, e)) : OPAQUE);
        return;
      case 0x70: // PUT n
        this.memoize(Number.parseInt(LATIN1.decode(buf.subarray(a, e)), 10));
        return;
      case 0x71: // BINPUT
        this.memoize(buf[a] as number);
        return;
      case 0x72: // LONG_BINPUT
        this.memoize(readLen(buf, a, 4));
        return;
      case 0x94: // MEMOIZE
        this.memoize(this.memo.size);
        return;
      case 0x67: // GET n
        this.push(this.memo.get(Number.parseInt(LATIN1.decode(buf.subarray(a, e)), 10)) ?? OPAQUE);
        return;
      case 0x68: // BINGET
        this.push(this.memo.get(buf[a] as number) ?? OPAQUE);
        return;
      case 0x6a: // LONG_BINGET
        this.push(this.memo.get(readLen(buf, a, 4)) ?? OPAQUE);
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
      case 0x81: // NEWOBJ
        this.pop(at);
        this.pop(at);
        this.push(OPAQUE);
        return;
      case 0x92: // NEWOBJ_EX
        this.pop(at);
        this.pop(at);
        this.pop(at);
        this.push(OPAQUE);
        return;
      case 0x85: // TUPLE1
        this.pop(at);
        this.push(OPAQUE);
        return;
      case 0x86: // TUPLE2
        this.pop(at);
        this.pop(at);
        this.push(OPAQUE);
        return;
      case 0x87: // TUPLE3
        this.pop(at);
        this.pop(at);
        this.pop(at);
        this.push(OPAQUE);
        return;
      case 0x65: // APPENDS
      case 0x75: // SETITEMS
      case 0x90: // ADDITEMS
        this.popMark(at);
        return;
      case 0x74: // TUPLE
      case 0x6c: // LIST
      case 0x64: // DICT
      case 0x91: // FROZENSET
      case 0x6f: // OBJ
        this.popMark(at);
        this.push(OPAQUE);
        return;
      default:
        // Constants and empty containers: one value.
        this.push(OPAQUE);
    }
  }

  private memoize(index: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || Number.isNaN(index)) return;
    if (this.memo.size < MAX_MEMO || this.memo.has(index)) this.memo.set(index, typeof top === "string" ? top : OPAQUE);
  }
}

function readLen(buf: Uint8Array, at: number, n: number): number {
  if (n === 1) return buf[at] as number;
  if (n === 2) return (buf[at] as number) | ((buf[at + 1] as number) << 8);
  if (n === 4) return ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16)) + (buf[at + 3] as number) * 0x1000000;
  let v = 0;
  for (let k = 7; k >= 0; k--) v = v * 256 + (buf[at + k] as number);
  return v;
}

/** Protocol 0's `S'text'` / `S"text"` argument, with the simple escapes Python writes. */
function unquote(s: string): string {
  const t = s.replace(/\r$/, "");
  const q = t[0];
  const body = (q === "'" || q === '"') && t.endsWith(q) ? t.slice(1, -1) : t;
  return body.replace(/\\(x[0-9a-fA-F]{2}|[\\'"nrt])/g, (_m, c: string) => (c[0] === "x" ? String.fromCharCode(Number.parseInt(c.slice(1), 16)) : c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c));
}

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
