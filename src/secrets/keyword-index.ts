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
  /** Per state (by number: a table entry divided by the class count): where its keywords start in `outList`, or -1. */
  private readonly outStart: Int32Array;
  /** The class count: a table entry is a state's number times it. */
  private readonly classes: number;
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
    const built = trie(this.keywords, classOf, classes);
    const { delta, ends, states } = built;
    completeWithFailures(built, classes);
    const { outStart, outList } = outputs(ends, states);
    this.delta = delta;
    // By state number, not by table entry: a table-sized array cost a megabyte of fresh pages per index.
    this.outStart = outStart;
    this.classes = classes;
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
    const { delta, classOf, outStart, outList, lengths, classes } = this;
    let hits = this.scratch;
    let n = 0;
    let s = 0;
    const to = bytes.length;
    for (let i = 0; i < to; i++) {
      s = delta[s + (classOf[bytes[i] as number] as number)] as number;
      if (s < 0) {
        s = -s;
        for (let j = outStart[s / classes] as number; outList[j] !== -1; j++) {
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
    const { outStart, outList, lengths, classes } = this;
    let hits = this.scratch;
    let n = 0;
    for (let r = 0; r < length; r += 3) {
      const s = records[r] as number;
      const end = records[r + 1] as number;
      const cut = records[r + 2] as number;
      for (let j = outStart[s / classes] as number; outList[j] !== -1; j++) {
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

// The automaton is built once per thread, on every thread of every scan. Its table has hundreds of
// thousands of entries, but the JavaScript that builds it runs once per state and per keyword
// byte: rows are copied whole by copyWithin, natively. (A loop over every entry, cold, took
// ~18 ms per thread; V8 also compiled each long loop on the side, on-stack replacement.)

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

/** The trie: its children in a flat table (0 for none: the root is nobody's child) and as lists, and the keywords that end at each state. */
interface Trie {
  delta: Int32Array;
  ends: (number[] | undefined)[];
  states: number;
  /** Per state, its first child (0 for none); per child, its next sibling and the class that leads to it. */
  firstChild: Int32Array;
  nextSibling: Int32Array;
  classTo: Int32Array;
}

/**
 * The trie of the keywords, built without a lookup per byte: in sorted order a keyword shares with
 * all before it exactly its common prefix with the previous one, so its path starts at that
 * depth of the previous path and every state after is new. The states are counted first, so
 * the table is allocated at its final size.
 */
function trie(keywords: readonly string[], classOf: Uint8Array, classes: number): Trie {
  // The id rides along after a NUL, which sorts before every keyword byte: a native sort, no comparator.
  const sorted = keywords.map((k, id) => `${k}\u0000${id}`).sort();
  const common = new Int32Array(sorted.length);
  let states = 1;
  let prev = "";
  for (let i = 0; i < sorted.length; i++) {
    const tagged = sorted[i] as string;
    let l = 0;
    while (l < prev.length && tagged.charCodeAt(l) === prev.charCodeAt(l) && prev.charCodeAt(l) !== 0) l++;
    common[i] = l;
    states += tagged.indexOf("\u0000") - l;
    prev = tagged;
  }
  const delta = new Int32Array(states * classes);
  const firstChild = new Int32Array(states);
  const nextSibling = new Int32Array(states);
  const classTo = new Int32Array(states);
  const ends: (number[] | undefined)[] = [];
  // The states along the previous keyword, by depth.
  const path = new Int32Array(Math.max(1, ...keywords.map((k) => k.length + 1)));
  let next = 1;
  for (let i = 0; i < sorted.length; i++) {
    const tagged = sorted[i] as string;
    const len = tagged.indexOf("\u0000");
    let s = path[common[i] as number] as number;
    for (let d = common[i] as number; d < len; d++) {
      const c = classOf[tagged.charCodeAt(d)] as number;
      const n = next++;
      delta[s * classes + c] = n;
      classTo[n] = c;
      nextSibling[n] = firstChild[s] as number;
      firstChild[s] = n;
      path[d + 1] = n;
      s = n;
    }
    (ends[s] ??= []).push(Number(tagged.slice(len + 1)));
  }
  return { delta, ends, states, firstChild, nextSibling, classTo };
}

/**
 * Completes the trie's table into a DFA, breadth first so that a state's failure state is complete
 * before it: a state's row starts as a copy of its failure state's row, and its own children are
 * set over it. Entries are final as written: states premultiplied by the class count (no
 * multiplication per byte in the hot loop) and negated when keywords end there (one sign test).
 * Each state also ends the keywords its failure state ends.
 */
function completeWithFailures(t: Trie, classes: number): void {
  const { delta, ends, states, firstChild, nextSibling, classTo } = t;
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  const ending = new Uint8Array(states);
  // An entry for a transition to `n`, whose failure state is already known.
  const entry = (n: number): number => {
    if ((ends[n]?.length ?? 0) > 0 || ending[fail[n] as number] === 1) ending[n] = 1;
    return ending[n] === 1 ? -(n * classes) : n * classes;
  };
  let tail = 0;
  for (let n = firstChild[0] as number; n !== 0; n = nextSibling[n] as number) {
    delta[classTo[n] as number] = entry(n);
    queue[tail++] = n;
  }
  for (let qi = 0; qi < tail; qi++) {
    const s = queue[qi] as number;
    const f = fail[s] as number;
    const inherited = ends[f];
    if (inherited) (ends[s] ??= []).push(...inherited);
    const row = s * classes;
    const frow = f * classes;
    delta.copyWithin(row, frow, frow + classes);
    for (let n = firstChild[s] as number; n !== 0; n = nextSibling[n] as number) {
      const c = classTo[n] as number;
      fail[n] = Math.abs(delta[frow + c] as number) / classes;
      delta[row + c] = entry(n);
      queue[tail++] = n;
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

/** Shorter texts (most finding messages, in the masking stage) stay in JavaScript: the call and the copy cost more than they save. */
const WASM_MIN = 256;
/** Longer texts stay in JavaScript too: the module's memory holds the text and up to eight bytes of records per byte, under WebAssembly's 4 GiB. */
const WASM_MAX = 64 * 1024 * 1024;
