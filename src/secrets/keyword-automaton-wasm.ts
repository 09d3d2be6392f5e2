// The keyword automaton's hot loop compiled to WebAssembly. In JavaScript each step of the DFA
// waits on the previous step's table read, with bounds checks on every typed-array access (about
// 4 ns a byte here); in WebAssembly the checks are gone, and the text is cut in STREAMS parts that
// one loop advances together, so the parts' table reads overlap: about 1.1 ns a byte for the loop,
// 1.5 with the records turned into hits.
import { CLASS, MIN_RUN } from "./decode.js";
import { i32, memOp, Op, VOID, wasmModule, type WasmFunction } from "./wasm-writer.js";

/** Parts of a text that the loop advances together. */
const STREAMS = 4;
/** Shorter texts run as one stream: cutting them costs more than it saves. */
const MIN_PER_STREAM = 1024;

// Memory layout: classes, then each stream's state and output pointer, then the table, the text and
// the streams' records.
const CLASSES_AT = 0;
const SLOTS_AT = 256;
/** Per byte, non-zero when it may be part of a base64 or hex blob (decode.ts's CLASS). */
const BLOB_AT = 512;
const TABLE_AT = 1024;
const PAGE = 64 * 1024;

/**
 * A text's automaton run, as records in input order: per step that ends keywords, the DFA state
 * (its index in the JavaScript table, premultiplied by the class count), the offset just after
 * the byte that reached it, and a cut: keywords starting at or after the cut were found by the
 * next part of the text and are to be skipped.
 */
export interface AutomatonRecords {
  records: Int32Array;
  length: number;
}

/** The automaton of a KeywordIndex, run in WebAssembly; undefined where WebAssembly is unavailable (`--jitless`). */
export function wasmAutomaton(classOf: Uint8Array, delta: Int32Array, maxKeyword: number): WasmAutomaton | undefined {
  if (typeof WebAssembly !== "object") return undefined;
  // A class is stored as a byte offset into a row (class × 4) in one byte.
  if (classOf.some((c) => c >= 64)) return undefined;
  return new WasmAutomaton(classOf, delta, maxKeyword);
}

/** One instance per KeywordIndex (so per thread): its memory holds the table, and the text while it is scanned. */
export class WasmAutomaton {
  private readonly single: (p: number, end: number, state: number, out: number) => number;
  private readonly multi: (p: number, len: number, out: number, stride: number) => number;
  private readonly blobs: (p: number, end: number, out: number) => number;
  private readonly memory: WebAssembly.Memory;
  private readonly textAt: number;
  private bytes: Uint8Array;
  private words: Int32Array;
  private slots: Int32Array;
  private merged = new Int32Array(3 * 256);
  /** The text `run` last copied in: still in memory, where `blobRuns` reads it. */
  private last: Uint8Array | undefined;

  constructor(classOf: Uint8Array, delta: Int32Array, private readonly maxKeyword: number) {
    const tableBytes = delta.length * 4;
    this.textAt = align(TABLE_AT + tableBytes, 64);
    const module = new WebAssembly.Module(wasmModule([singleStream(), multiStream(STREAMS), blobRunsFunction(), timesFour()], Math.ceil((this.textAt + PAGE) / PAGE)));
    const exports = new WebAssembly.Instance(module).exports as Record<string, unknown>;
    this.single = exports.single as WasmAutomaton["single"];
    this.multi = exports.multi as WasmAutomaton["multi"];
    this.blobs = exports.blobs as WasmAutomaton["blobs"];
    this.memory = exports.memory as WebAssembly.Memory;
    this.bytes = new Uint8Array(this.memory.buffer);
    this.words = new Int32Array(this.memory.buffer);
    this.slots = new Int32Array(this.memory.buffer, SLOTS_AT, 2 * STREAMS);
    // Classes and states as byte offsets into the table (a class fits a byte: at most 63 classes).
    for (let b = 0; b < 256; b++) this.bytes[CLASSES_AT + b] = (classOf[b] as number) * 4;
    this.bytes.set(CLASS, BLOB_AT);
    // The table with states as byte offsets: copied natively and scaled in WebAssembly (a cold JavaScript loop over it took ~4 ms).
    new Int32Array(this.memory.buffer, TABLE_AT, delta.length).set(delta);
    (exports.timesFour as (from: number, to: number) => number)(TABLE_AT, TABLE_AT + tableBytes);
  }

  /**
   * Runs the automaton over `text` from its start state; the result is valid until the next call.
   * Undefined when the memory cannot grow to hold the text (the caller runs the JavaScript loop).
   */
  run(text: Uint8Array): AutomatonRecords | undefined {
    const n = text.length;
    const streams = n >= STREAMS * MIN_PER_STREAM ? STREAMS : 1;
    const part = Math.floor(n / streams);
    // Each part's records: at most one per byte it reads (its own, and the overlap into the next).
    const stride = align(8 * (part + n - streams * part + this.maxKeyword + 1), 8);
    const outAt = align(this.textAt + n, 8);
    this.last = undefined;
    if (!this.reserve(outAt + streams * stride)) return undefined;
    this.bytes.set(text, this.textAt);
    this.last = text;
    const t = this.textAt;
    if (streams === 1) {
      const end = this.single(t, t + n, 0, outAt);
      return this.collect([outAt], [end], [n], 1);
    }
    this.multi(t, part, outAt, stride);
    const starts: number[] = [];
    const ends: number[] = [];
    const cuts: number[] = [];
    for (let k = 0; k < streams; k++) {
      const state = this.slots[2 * k] as number;
      let out = this.slots[2 * k + 1] as number;
      const from = t + (k + 1) * part;
      // The last part reads the bytes the even cut left over; the others read on into the next part
      // for the keywords that cross into it.
      const to = k === streams - 1 ? t + n : Math.min(t + n, from + this.maxKeyword - 1);
      if (to > from) out = this.single(from, to, state, out);
      starts.push(outAt + k * stride);
      ends.push(out);
      cuts.push(k === streams - 1 ? n : (k + 1) * part);
    }
    return this.collect(starts, ends, cuts, streams);
  }

  /**
   * The runs of base64 and hex bytes in `text` (as decode.ts's findRuns gives them: start, end
   * pairs) when `text` is the one `run` last read, which is still in memory: scanning a file finds
   * its keywords, then its blobs, and the copy is made once. Undefined for any other text.
   */
  blobRuns(text: Uint8Array): Int32Array | undefined {
    if (text !== this.last) return undefined;
    const n = text.length;
    const outAt = align(this.textAt + n, 8);
    // A run and the byte that ends it: at most one pair per MIN_RUN + 1 bytes.
    if (!this.reserve(outAt + 8 * (Math.floor(n / (MIN_RUN + 1)) + 1))) return undefined;
    const end = this.blobs(this.textAt, this.textAt + n, outAt);
    const pairs = this.words.slice(outAt >> 2, end >> 2);
    for (let i = 0; i < pairs.length; i++) pairs[i] = (pairs[i] as number) - this.textAt;
    return pairs;
  }

  /** The parts' records merged in input order (ends ascending; at one end the earlier part's, which are longer, first). */
  private collect(starts: number[], ends: number[], cuts: number[], streams: number): AutomatonRecords {
    let total = 0;
    for (let k = 0; k < streams; k++) total += ((ends[k] as number) - (starts[k] as number)) / 8;
    if (this.merged.length < total * 3) this.merged = new Int32Array(Math.max(total * 3, this.merged.length * 2));
    const merged = this.merged;
    const rec = this.words;
    const at = starts.map((s) => s >> 2);
    const stop = ends.map((e) => e >> 2);
    const t = this.textAt;
    let m = 0;
    for (;;) {
      let best = -1;
      let bestEnd = 0;
      for (let k = 0; k < streams; k++) {
        const i = at[k] as number;
        if (i >= (stop[k] as number)) continue;
        const end = rec[i + 1] as number;
        if (best < 0 || end < bestEnd) {
          best = k;
          bestEnd = end;
        }
      }
      if (best < 0) break;
      const i = at[best] as number;
      merged[m++] = (rec[i] as number) >> 2;
      merged[m++] = bestEnd - t;
      merged[m++] = cuts[best] as number;
      at[best] = i + 2;
    }
    return { records: merged, length: m };
  }

  /** Grows the memory to hold `bytes` (views are remade: growing detaches them); false when it cannot. */
  private reserve(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return true;
    try {
      this.memory.grow(Math.ceil((bytes - have) / PAGE));
    } catch {
      // Out of address space or memory (a limit on virtual memory): the JavaScript loop needs none.
      return false;
    }
    this.bytes = new Uint8Array(this.memory.buffer);
    this.words = new Int32Array(this.memory.buffer);
    this.slots = new Int32Array(this.memory.buffer, SLOTS_AT, 2 * STREAMS);
    return true;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/**
 * One DFA step for the stream whose state is local `s` and output pointer local `out`, reading
 * the byte at the address `address` pushes: when the new state ends keywords (negative), the
 * state and the offset after the byte are recorded.
 */
function step(s: number, out: number, address: number[]): number[] {
  return [
    Op.localGet, s,
    ...address, ...memOp(Op.i32Load8U, 0, 0),
    ...memOp(Op.i32Load8U, CLASSES_AT, 0),
    Op.i32Add,
    ...memOp(Op.i32Load, TABLE_AT, 2),
    Op.localTee, s,
    ...i32(0), Op.i32LtS,
    Op.if, VOID,
      ...i32(0), Op.localGet, s, Op.i32Sub, Op.localSet, s,
      Op.localGet, out, Op.localGet, s, ...memOp(Op.i32Store, 0, 2),
      Op.localGet, out, ...address, ...i32(1), Op.i32Add, ...memOp(Op.i32Store, 4, 2),
      Op.localGet, out, ...i32(8), Op.i32Add, Op.localSet, out,
    Op.end,
  ];
}

/** single(p, end, state, out): one stream over [p, end) from `state`; returns the output's end and leaves the state in slot 0. */
function singleStream(): WasmFunction {
  const [p, end, s, out] = [0, 1, 2, 3];
  return {
    name: "single",
    params: 4,
    locals: 0,
    body: [
      Op.block, VOID,
        Op.loop, VOID,
          Op.localGet, p, Op.localGet, end, Op.i32GeU, Op.brIf, 1,
          ...step(s, out, [Op.localGet, p]),
          Op.localGet, p, ...i32(1), Op.i32Add, Op.localSet, p,
          Op.br, 0,
        Op.end,
      Op.end,
      ...i32(SLOTS_AT), Op.localGet, s, ...memOp(Op.i32Store, 0, 2),
      Op.localGet, out,
    ],
  };
}

/**
 * multi(p, len, out, stride): `streams` streams from the start state over [p + k·len, p + (k+1)·len),
 * advanced together, stream k recording from out + k·stride; each stream's state and output
 * pointer are left in its slots.
 */
function multiStream(streams: number): WasmFunction {
  const [p, len, out0, stride, i] = [0, 1, 2, 3, 4];
  const base = (k: number): number => 5 + k;
  const state = (k: number): number => 5 + streams + k;
  const out = (k: number): number => 5 + 2 * streams + k;
  const init: number[] = [];
  for (let k = 0; k < streams; k++) {
    init.push(Op.localGet, p, Op.localGet, len, ...i32(k), Op.i32Mul, Op.i32Add, Op.localSet, base(k));
    init.push(Op.localGet, out0, Op.localGet, stride, ...i32(k), Op.i32Mul, Op.i32Add, Op.localSet, out(k));
  }
  const steps: number[] = [];
  for (let k = 0; k < streams; k++) steps.push(...step(state(k), out(k), [Op.localGet, i, Op.localGet, base(k), Op.i32Add]));
  const save: number[] = [];
  for (let k = 0; k < streams; k++) {
    save.push(...i32(SLOTS_AT + 8 * k), Op.localGet, state(k), ...memOp(Op.i32Store, 0, 2));
    save.push(...i32(SLOTS_AT + 8 * k), Op.localGet, out(k), ...memOp(Op.i32Store, 4, 2));
  }
  return {
    name: "multi",
    params: 4,
    locals: 1 + 3 * streams,
    body: [
      ...init,
      Op.block, VOID,
        Op.loop, VOID,
          Op.localGet, i, Op.localGet, len, Op.i32GeU, Op.brIf, 1,
          ...steps,
          Op.localGet, i, ...i32(1), Op.i32Add, Op.localSet, i,
          Op.br, 0,
        Op.end,
      Op.end,
      ...save,
      ...i32(0),
    ],
  };
}

/**
 * blobs(p, end, out): findRuns (decode.ts) over [p, end): the byte MIN_RUN - 1 ahead is probed,
 * and only a blob byte there is widened to its run, which is recorded (start, end addresses from
 * `out`) when at least MIN_RUN long. Returns the output's end.
 */
/** Multiplies every i32 from `from` to `to` (byte addresses) by four, in place. */
function timesFour(): WasmFunction {
  const [p, end] = [0, 1];
  return {
    name: "timesFour",
    params: 2,
    locals: 0,
    body: [
      Op.block, VOID,
        Op.loop, VOID,
          Op.localGet, p, Op.localGet, end, Op.i32GeU, Op.brIf, 1,
          Op.localGet, p, Op.localGet, p, ...memOp(Op.i32Load, 0, 2), ...i32(4), Op.i32Mul, ...memOp(Op.i32Store, 0, 2),
          Op.localGet, p, ...i32(4), Op.i32Add, Op.localSet, p,
          Op.br, 0,
        Op.end,
      Op.end,
      ...i32(0),
    ],
  };
}

function blobRunsFunction(): WasmFunction {
  const [p, end, out, q, s, e] = [0, 1, 2, 3, 4, 5];
  // The byte at the address, then its entry in the blob table.
  const blob = (address: number[]): number[] => [...address, ...memOp(Op.i32Load8U, 0, 0), ...memOp(Op.i32Load8U, BLOB_AT, 0)];
  return {
    name: "blobs",
    params: 3,
    locals: 3,
    body: [
      Op.block, VOID,
        Op.loop, VOID,
          Op.localGet, p, ...i32(MIN_RUN - 1), Op.i32Add, Op.localTee, q, Op.localGet, end, Op.i32GeU, Op.brIf, 1,
          ...blob([Op.localGet, q]), Op.i32Eqz,
          Op.if, VOID,
            Op.localGet, q, ...i32(1), Op.i32Add, Op.localSet, p,
            Op.br, 1,
          Op.end,
          // Back to the run's start (not before p: the byte before p ended the previous run).
          Op.localGet, q, Op.localSet, s,
          Op.block, VOID,
            Op.loop, VOID,
              Op.localGet, s, Op.localGet, p, Op.i32LeU, Op.brIf, 1,
              ...blob([Op.localGet, s, ...i32(1), Op.i32Sub]), Op.i32Eqz, Op.brIf, 1,
              Op.localGet, s, ...i32(1), Op.i32Sub, Op.localSet, s,
              Op.br, 0,
            Op.end,
          Op.end,
          // On to its end.
          Op.localGet, q, ...i32(1), Op.i32Add, Op.localSet, e,
          Op.block, VOID,
            Op.loop, VOID,
              Op.localGet, e, Op.localGet, end, Op.i32GeU, Op.brIf, 1,
              ...blob([Op.localGet, e]), Op.i32Eqz, Op.brIf, 1,
              Op.localGet, e, ...i32(1), Op.i32Add, Op.localSet, e,
              Op.br, 0,
            Op.end,
          Op.end,
          Op.localGet, e, Op.localGet, s, Op.i32Sub, ...i32(MIN_RUN), Op.i32GeU,
          Op.if, VOID,
            Op.localGet, out, Op.localGet, s, ...memOp(Op.i32Store, 0, 2),
            Op.localGet, out, Op.localGet, e, ...memOp(Op.i32Store, 4, 2),
            Op.localGet, out, ...i32(8), Op.i32Add, Op.localSet, out,
          Op.end,
          Op.localGet, e, ...i32(1), Op.i32Add, Op.localSet, p,
          Op.br, 0,
        Op.end,
      Op.end,
      Op.localGet, out,
    ],
  };
}
