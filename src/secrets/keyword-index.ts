import { wasmAutomaton, type AutomatonRecords, type WasmAutomaton } from "./keyword-automaton-wasm.js";

/**
 * An Aho-Corasick automaton over bytes, case-insensitive for ASCII letters: one pass over the
 * input finds every occurrence of every keyword, in time linear in the input whatever the number
 * of keywords. It is the prefilter in front of every detector's regular expression.
 */
export class KeywordIndex {
  /** Keywords in the order given (lower case). */
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly delta: Int32Array;
  /** Per state (premultiplied index): where its keywords start in `outList`, or -1. */
  private readonly outStart: Int32Array;
  /** Keyword ids, each state's run terminated by -1. */
  private readonly outList: Int32Array;
  /** Per keyword: its length in bytes. */
  readonly lengths: Int32Array;
  /** The same automaton in WebAssembly, for texts long enough to pay for the copy (undefined without WebAssembly). */
  private readonly wasm: WasmAutomaton | undefined;

  /** `wasm: false` keeps to the JavaScript loop (tests compare the two). */
  constructor(keywords: readonly string[], options: { wasm?: boolean } = {}) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    for (const k of this.keywords) {
      if (k.length === 0 || /[^\x20-\x7e]/.test(k)) throw new Error(`keyword must be printable ASCII: ${JSON.stringify(k)}`);
    }
    const { classOf, classes } = byteClasses(this.keywords);
    this.classOf = classOf;
    this.lengths = Int32Array.from(this.keywords, (k) => k.length);
    const { delta, ends, states } = trie(this.keywords, classOf, classes);
    completeWithFailures(delta, ends, states, classes);
    const { outStart, outList } = outputs(ends, states);
    premultiply(delta, outStart, classes);
    this.delta = delta;
    this.outStart = new Int32Array(states * classes).fill(-1);
    for (let s = 0; s < states; s++) this.outStart[s * classes] = outStart[s] as number;
    this.outList = outList;
    this.wasm = options.wasm === false ? undefined : wasmAutomaton(classOf, delta, Math.max(...this.lengths));
  }

  /** Grown as needed and reused by `findShared`, so a scan allocates nothing per text. */
  private scratch = new Int32Array(1024);

  /**
   * Every occurrence of every keyword in `bytes`, in input order (occurrences ending at the same
   * byte: longest keyword first), as keyword id, start offset pairs.
   */
  find(bytes: Uint8Array): Int32Array {
    return this.findShared(bytes).slice();
  }

  /**
   * As `find`, in a buffer owned by the index: the result is valid only until the next call. The
   * scanner uses it; nothing is allocated per text unless the hits outgrow the buffer.
   */
  findShared(bytes: Uint8Array): Int32Array {
    const records = this.wasm && bytes.length >= WASM_MIN && bytes.length <= WASM_MAX ? this.wasm.run(bytes) : undefined;
    if (records) return this.fromRecords(records);
    const { delta, classOf, outStart, outList, lengths } = this;
    let hits = this.scratch;
    let n = 0;
    let s = 0;
    const to = bytes.length;
    for (let i = 0; i < to; i++) {
      s = delta[s + (classOf[bytes[i] as number] as number)] as number;
      if (s < 0) {
        s = -s;
        for (let j = outStart[s] as number; outList[j] !== -1; j++) {
          const kw = outList[j] as number;
          if (n + 2 > hits.length) hits = this.grow(hits);
          hits[n++] = kw;
          hits[n++] = i + 1 - (lengths[kw] as number);
        }
      }
    }
    return hits.subarray(0, n);
  }

  /**
   * The base64 and hex runs of `bytes` (decode.ts's findRuns) when `bytes` is the text this index
   * last searched in WebAssembly, which still holds it; undefined otherwise (the caller runs
   * findRuns). A scanned file is searched for keywords and then for blobs: one copy serves both.
   */
  blobRuns(bytes: Uint8Array): Int32Array | undefined {
    return this.wasm?.blobRuns(bytes);
  }

  /** A scratch buffer twice as large holding `hits`, kept for the next texts. */
  private grow(hits: Int32Array): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(Math.max(64, hits.length * 2));
    grown.set(hits);
    this.scratch = grown;
    return grown;
  }

  /** The WebAssembly run's records expanded to keyword id, start pairs, as `findShared` gives them. */
  private fromRecords({ records, length }: AutomatonRecords): Int32Array {
    const { outStart, outList, lengths } = this;
    let hits = this.scratch;
    let n = 0;
    for (let r = 0; r < length; r += 3) {
      const s = records[r] as number;
      const end = records[r + 1] as number;
      const cut = records[r + 2] as number;
      for (let j = outStart[s] as number; outList[j] !== -1; j++) {
        const kw = outList[j] as number;
        const start = end - (lengths[kw] as number);
        // Found by the next part of the text too.
        if (start >= cut) continue;
        if (n + 2 > hits.length) hits = this.grow(hits);
        hits[n++] = kw;
        hits[n++] = start;
      }
    }
    return hits.subarray(0, n);
  }
}

// The automaton is built once per thread, in a few long loops (hundreds of thousands of table
// entries). Each loop is a function of its own: V8 optimises a loop that runs long while it runs
// (on-stack replacement) by compiling the whole function around it, and with every loop in the
// constructor it compiled that function once per loop, ~70–80 ms each on a compiler thread, on
// every thread of every scan.

/** Bytes that occur in no keyword share class 0, so the table stays small; letters fold to lower case. */
function byteClasses(keywords: readonly string[]): { classOf: Uint8Array; classes: number } {
  const classOf = new Uint8Array(256);
  let classes = 1;
  for (const k of keywords) {
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (classOf[c] === 0) classOf[c] = classes++;
    }
  }
  for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32] as number;
  if (classes > 255) throw new Error("too many distinct keyword characters");
  return { classOf, classes };
}

/**
 * The trie in a flat table (a child per state and class, 0 for none: the root is nobody's child),
 * built without a Map per state, and the keywords that end at each state.
 */
function trie(keywords: readonly string[], classOf: Uint8Array, classes: number): { delta: Int32Array; ends: (number[] | undefined)[]; states: number } {
  let maxStates = 1;
  for (const k of keywords) maxStates += k.length;
  const child = new Int32Array(maxStates * classes);
  const ends: (number[] | undefined)[] = [];
  let states = 1;
  for (let id = 0; id < keywords.length; id++) {
    const k = keywords[id] as string;
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const at = s * classes + (classOf[k.charCodeAt(i)] as number);
      let n = child[at] as number;
      if (n === 0) {
        n = states++;
        child[at] = n;
      }
      s = n;
    }
    (ends[s] ??= []).push(id);
  }
  return { delta: child.subarray(0, states * classes), ends, states };
}

/**
 * Breadth first: a state's failure link is final before its children need it. Missing children
 * become the failure state's transition, so the table is a complete DFA; each state also ends the
 * keywords its failure state ends.
 */
function completeWithFailures(delta: Int32Array, ends: (number[] | undefined)[], states: number, classes: number): void {
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let c = 0; c < classes; c++) if ((delta[c] as number) !== 0) queue[tail++] = delta[c] as number;
  for (let qi = 0; qi < tail; qi++) {
    const s = queue[qi] as number;
    const f = fail[s] as number;
    const inherited = ends[f];
    if (inherited) (ends[s] ??= []).push(...inherited);
    const row = s * classes;
    const frow = f * classes;
    for (let c = 0; c < classes; c++) {
      const n = delta[row + c] as number;
      if (n !== 0) {
        fail[n] = delta[frow + c] as number;
        queue[tail++] = n;
      } else {
        delta[row + c] = delta[frow + c] as number;
      }
    }
  }
}

/** Per state, where its keywords start in the list (or -1); the list holds each state's keywords once, ended by -1. */
function outputs(ends: readonly (number[] | undefined)[], states: number): { outStart: Int32Array; outList: Int32Array } {
  const outStart = new Int32Array(states).fill(-1);
  const list: number[] = [];
  for (let s = 0; s < states; s++) {
    const e = ends[s];
    if (!e || e.length === 0) continue;
    outStart[s] = list.length;
    list.push(...new Set(e), -1);
  }
  return { outStart, outList: Int32Array.from(list) };
}

/**
 * The hot loop reads one table entry per byte: next states are stored premultiplied by the class
 * count (no multiplication per byte) and negated when keywords end there (one sign test).
 */
function premultiply(delta: Int32Array, outStart: Int32Array, classes: number): void {
  for (let i = 0; i < delta.length; i++) {
    const n = delta[i] as number;
    delta[i] = (outStart[n] as number) >= 0 ? -(n * classes) : n * classes;
  }
}

/** Shorter texts (most finding messages, in the masking stage) stay in JavaScript: the call and the copy cost more than they save. */
const WASM_MIN = 256;
/** Longer texts stay in JavaScript too: the module's memory holds the text and up to eight bytes of records per byte, under WebAssembly's 4 GiB. */
const WASM_MAX = 64 * 1024 * 1024;
