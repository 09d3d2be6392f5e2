/** What `find` returns for a text with no keyword. */
const EMPTY = new Int32Array(0);

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

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    for (const k of this.keywords) {
      if (k.length === 0 || /[^\x20-\x7e]/.test(k)) throw new Error(`keyword must be printable ASCII: ${JSON.stringify(k)}`);
    }
    // Bytes that occur in no keyword share class 0, so the table stays small.
    const classOf = new Uint8Array(256);
    let classes = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (classOf[c] === 0) classOf[c] = classes++;
      }
    }
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32] as number;
    if (classes > 255) throw new Error("too many distinct keyword characters");
    this.classOf = classOf;

    const next: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    this.lengths = Int32Array.from(this.keywords, (k) => k.length);
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classOf[k.charCodeAt(i)] as number;
        let n = next[s]?.get(c);
        if (n === undefined) {
          n = next.length;
          next.push(new Map());
          ends.push([]);
          next[s]?.set(c, n);
        }
        s = n;
      }
      ends[s]?.push(id);
    });
    const states = next.length;
    const delta = new Int32Array(states * classes);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < classes; c++) {
      const n = next[0]?.get(c);
      if (n !== undefined) {
        delta[c] = n;
        queue.push(n);
      }
    }
    // Breadth first: a state's failure link is final before its children need it.
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] as number;
      const inherited = ends[fail[s] as number] ?? [];
      if (inherited.length > 0) ends[s]?.push(...inherited);
      for (let c = 0; c < classes; c++) {
        const n = next[s]?.get(c);
        if (n !== undefined) {
          fail[n] = delta[(fail[s] as number) * classes + c] as number;
          delta[s * classes + c] = n;
          queue.push(n);
        } else {
          delta[s * classes + c] = delta[(fail[s] as number) * classes + c] as number;
        }
      }
    }
    // The hot loop reads one table entry per byte: next states are stored premultiplied by the
    // class count (no multiplication per byte) and negated when keywords end there (one sign test).
    const outStart = new Int32Array(states).fill(-1);
    const list: number[] = [];
    for (let s = 0; s < states; s++) {
      const e = ends[s] ?? [];
      if (e.length === 0) continue;
      outStart[s] = list.length;
      list.push(...new Set(e), -1);
    }
    for (let i = 0; i < delta.length; i++) {
      const n = delta[i] as number;
      delta[i] = (outStart[n] as number) >= 0 ? -(n * classes) : n * classes;
    }
    this.delta = delta;
    this.outStart = new Int32Array(states * classes).fill(-1);
    for (let s = 0; s < states; s++) this.outStart[s * classes] = outStart[s] as number;
    this.outList = Int32Array.from(list);
  }

  /**
   * Every occurrence of every keyword in `bytes`, in input order (occurrences ending at the same
   * byte: longest keyword first), as keyword id, start offset pairs.
   */
  find(bytes: Uint8Array): Int32Array {
    const { delta, classOf, outStart, outList, lengths } = this;
    // Most texts hold no keyword: the result array is allocated at the first hit only.
    let hits = EMPTY;
    let n = 0;
    let s = 0;
    const to = bytes.length;
    for (let i = 0; i < to; i++) {
      s = delta[s + (classOf[bytes[i] as number] as number)] as number;
      if (s < 0) {
        s = -s;
        for (let j = outStart[s] as number; outList[j] !== -1; j++) {
          const kw = outList[j] as number;
          if (n + 2 > hits.length) {
            const grown = new Int32Array(Math.max(64, hits.length * 2));
            grown.set(hits);
            hits = grown;
          }
          hits[n++] = kw;
          hits[n++] = i + 1 - (lengths[kw] as number);
        }
      }
    }
    return hits.subarray(0, n);
  }
}
