import { DEFAULT_SCHEMA, type Type } from "js-yaml";
import { grown } from "../../core/grown.js";
import { SP, HASH, COLON, DASH, SQ, DQ } from "./yaml-chars.js";

// A fast path for loading plain block YAML as data, the way most Kubernetes manifests, Compose
// files and Helm values are written: block mappings and sequences, one-line plain and quoted
// scalars, one-line flow sequences of scalars, empty `{}`, literal and folded block scalars. It
// builds exactly what js-yaml's `load` (default schema, `json: true`) builds for the same text, in
// one pass over the lines and with far less garbage. Anything outside that subset (anchors,
// aliases, tags, flow maps, multi-line plain or quoted scalars, explicit keys, merge keys, tabs,
// carriage returns, keys that resolve to non-strings, a key written twice), and anything js-yaml would reject, makes it
// give up (`undefined`) so the caller loads with js-yaml: the library stays the reference, and
// test/ecosystems/formats/yaml-fast-data.test.ts checks that the two agree wherever this accepts.
// No aliases means no expansion to bound; nesting past MAX_NESTING is left to the full path.

/** Thrown to give up; caught in `loadBlockYamlData` only. */
const GIVE_UP: unique symbol = Symbol("outside the fast subset");

/** Nesting this path handles; deeper documents take the full path and its bounds. */
const MAX_NESTING = 64;
/** Implicit keys longer than this are left to the library. */
const MAX_KEY = 1024;

/** js-yaml's implicit scalar types (null, bool, int, float, timestamp, merge), in its order. */
const IMPLICIT = (DEFAULT_SCHEMA as unknown as { compiledImplicit: Type[] }).compiledImplicit;

/** Characters js-yaml refuses anywhere in a stream (its PATTERN_NON_PRINTABLE), and ones this path leaves to it. */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
const UNUSUAL = /[\t\r\x85\u2028\u2029\ufeff]/;
const NOT_ASCII = /[^\n\x20-\x7e]/;

/** The result of the fast path: the value, and whether the text is certainly within the nesting bound of `checkYamlText`. */
export interface FastYamlData {
  value: unknown;
  /** False when the caller must still run the text-level nesting check (deep indentation or many brackets). */
  withinBounds: boolean;
}

/**
 * The lines of a text, measured once and shared by every document of a multi-document stream:
 * where each starts and ends, its indentation, its kind, and the offsets of `[` and `{`.
 */
export interface LineTable {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  indents: Int32Array;
  /** 0 blank (spaces only), 1 comment, 2 content. */
  kinds: Uint8Array;
  /** Per line: the deepest column `checkYamlText` could push (indentation, then `- `, `? `, `: ` indicators). */
  pushed: Int32Array;
  /** Offsets of `[` and `{`, ascending: `checkYamlText` counts each as a level wherever it is. */
  brackets: Int32Array;
  /** True when the whole text is printable ASCII without tabs: no document needs its own check. */
  ascii: boolean;
}

/** Measures the lines of a text (linear). */
export function lineTable(text: string): LineTable {
  const n = text.length;
  // Sized by a guess and grown when short, so the newlines are searched for once, not counted first.
  let cap = 64 + (n >> 4);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let indents = new Int32Array(cap);
  let kinds = new Uint8Array(cap);
  let pushed = new Int32Array(cap);
  let count = 0;
  // Text ending in a newline has no line after it (js-yaml adds that newline when it is missing).
  for (let start = 0; start < n; count++) {
    if (count === cap) {
      cap *= 2;
      starts = grown(starts, cap);
      ends = grown(ends, cap);
      indents = grown(indents, cap);
      kinds = grown(kinds, cap);
      pushed = grown(pushed, cap);
    }
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = n;
    let p = start;
    while (p < nl && text.charCodeAt(p) === SP) p++;
    starts[count] = start;
    ends[count] = nl;
    indents[count] = p - start;
    const kind = p === nl ? 0 : text.charCodeAt(p) === HASH ? 1 : 2;
    kinds[count] = kind;
    if (kind === 2) {
      while (p + 1 < nl && isIndicator(text.charCodeAt(p)) && text.charCodeAt(p + 1) === SP) {
        p += 2;
        while (p < nl && text.charCodeAt(p) === SP) p++;
      }
      pushed[count] = p - start;
    }
    start = nl + 1;
  }
  starts = starts.subarray(0, count);
  ends = ends.subarray(0, count);
  indents = indents.subarray(0, count);
  kinds = kinds.subarray(0, count);
  pushed = pushed.subarray(0, count);
  const open: number[] = [];
  for (let i = text.indexOf("["); i >= 0; i = text.indexOf("[", i + 1)) open.push(i);
  const squares = open.length;
  for (let i = text.indexOf("{"); i >= 0; i = text.indexOf("{", i + 1)) open.push(i);
  const brackets = Int32Array.from(open);
  if (squares > 0 && squares < open.length) brackets.sort();
  return { text, count, starts, ends, indents, kinds, pushed, brackets, ascii: !NOT_ASCII.test(text) };
}

/**
 * Loads one YAML document of plain block YAML as js-yaml would (default schema, duplicate keys
 * allowed, the last one winning), or `undefined` when the text is outside the subset this handles.
 * `depthBound` is the nesting bound of `checkYamlText`, which `withinBounds` answers for.
 */
export function loadBlockYamlData(text: string, depthBound: number): FastYamlData | undefined {
  const table = lineTable(text);
  return loadBlockYamlLines(table, 0, table.count, depthBound);
}

/**
 * The same for the document made of lines [from, to) of a measured text (one document of a
 * stream, without its `---` line): as js-yaml would load the text of those lines alone.
 */
export function loadBlockYamlLines(table: LineTable, from: number, to: number, depthBound: number): FastYamlData | undefined {
  if (!table.ascii) {
    const start = from < table.count ? (table.starts[from] as number) : table.text.length;
    const end = to < table.count ? (table.starts[to] as number) : table.text.length;
    const chunk = table.text.slice(start, end);
    if (NOT_ASCII.test(chunk) && (UNUSUAL.test(chunk) || NON_PRINTABLE.test(chunk))) return undefined;
  }
  try {
    return new BlockDataParser(table, from, to, depthBound).parse();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** The first line whose start is at or after `offset` (binary search). */
export function lineAtOrAfter(table: LineTable, offset: number): number {
  let lo = 0;
  let hi = table.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table.starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 1-based line and column of a UTF-16 offset of the measured text, as `lineIndex(text).positionAt`
 * gives it (after a final newline, the line past the last), without measuring the lines again.
 */
export function positionIn(table: LineTable, offset: number): { line: number; column: number } {
  const n = table.text.length;
  if (offset >= n && n > 0 && table.text.charCodeAt(n - 1) === 10) return { line: table.count + 1, column: offset - n + 1 };
  const line = Math.max(0, upperBound(table.starts, offset) - 1);
  return { line: line + 1, column: offset - ((table.starts[line] as number | undefined) ?? 0) + 1 };
}

/** Strings this path has built, by content, so the thousands of equal keys and short values of a stream share one string each. */
const INTERN_SIZE = 4096;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SIZE);

/** What each interned string resolves to as a plain scalar, once asked (NOT_RESOLVED until then). */
const NOT_RESOLVED: unique symbol = Symbol("not resolved yet");
const resolvedAs: unknown[] = new Array<unknown>(INTERN_SIZE).fill(NOT_RESOLVED);
/** The slot `intern` last returned a string from. */
let internSlot = 0;

/** The text of [p, e), from the intern table when it holds it (`hash` is the text's hash). */
function intern(text: string, p: number, e: number, hash: number): string {
  const len = e - p;
  const slot = (hash ^ (len << 7)) & (INTERN_SIZE - 1);
  internSlot = slot;
  const s = interned[slot];
  if (s !== undefined && s.length === len && text.startsWith(s, p)) return s;
  const fresh = text.slice(p, e);
  interned[slot] = fresh;
  resolvedAs[slot] = NOT_RESOLVED;
  return fresh;
}

/** The hash `intern` files strings under. */
function hashOf(text: string, p: number, e: number): number {
  let h = 0;
  for (let i = p; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** The only plain scalars starting with a letter that js-yaml's default schema resolves (to null or a boolean). */
const WORDS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/**
 * False for plain scalars that certainly stay strings: js-yaml's numbers and timestamps start with a
 * digit, a sign or a dot, `~` is null and `<<` a merge; of the words, only WORDS resolve. Most keys
 * and values (`name`, `namespace`, `template`) start with a letter and skip the resolvers.
 */
function mayResolve(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 60) return true;
  return (c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70) && s.length <= 5 && WORDS.has(s);
}

/** A plain scalar's value, resolved by js-yaml's own implicit types. */
function resolvePlain(s: string): unknown {
  if (s.length === 0 || mayResolve(s)) {
    for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
  }
  return s;
}

/** Plain scalars up to this length are interned. */
const INTERN_MAX = 40;

/** The plain scalar [p, e) of `text`, resolved; `hash` is its hashOf when the caller has it. */
function plainAt(text: string, p: number, e: number, hash?: number): unknown {
  if (e - p > INTERN_MAX) return resolvePlain(text.slice(p, e));
  const s = intern(text, p, e, hash ?? hashOf(text, p, e));
  const slot = internSlot;
  const known = resolvedAs[slot];
  if (known !== NOT_RESOLVED) return known;
  const v = resolvePlain(s);
  // Timestamps resolve to Date objects: each document gets its own.
  if (typeof v !== "object" || v === null) resolvedAs[slot] = v;
  return v;
}

/** Characters a plain scalar may not start with (js-yaml's readPlainScalar), `-?:` handled apart. */
function badPlainStart(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ `
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}

class BlockDataParser {
  private readonly text: string;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;
  /** The line being parsed. */
  private li: number;
  /** Where the key `keyAt` last read ends: just past its colon. */
  private keyAfter = 0;

  constructor(
    private readonly table: LineTable,
    private readonly from: number,
    /** One past the document's last line. */
    private readonly count: number,
    private readonly depthBound: number,
  ) {
    this.text = table.text;
    this.starts = table.starts;
    this.ends = table.ends;
    this.indents = table.indents;
    this.kinds = table.kinds;
    this.li = from;
  }

  parse(): FastYamlData | undefined {
    const first = this.nextContent(this.from);
    if (first < 0) return undefined;
    if (this.indents[first] !== 0) throw GIVE_UP;
    this.li = first;
    const value = this.nested(first, -1, 1);
    if (this.nextContent(this.li) >= 0) throw GIVE_UP;
    return { value, withinBounds: this.withinBounds() };
  }

  /** True when `checkYamlText` on this document's text certainly passes: its levels cannot reach the bound. */
  private withinBounds(): boolean {
    let maxColumn = 0;
    for (let l = this.from; l < this.count; l++) if ((this.table.pushed[l] as number) > maxColumn) maxColumn = this.table.pushed[l] as number;
    const room = this.depthBound - maxColumn - 1;
    if (room < 0) return false;
    const b = this.table.brackets;
    if (b.length === 0) return true;
    const start = this.starts[this.from] as number;
    const end = this.count < this.table.count ? (this.starts[this.count] as number) : this.text.length;
    return upperBound(b, end - 1) - upperBound(b, start - 1) <= room;
  }

  /** The first content line at or after `line`, or -1. */
  private nextContent(line: number): number {
    for (let l = line; l < this.count; l++) if (this.kinds[l] === 2) return l;
    return -1;
  }

  private col(offset: number): number {
    return offset - (this.starts[this.li] as number);
  }

  /** A block node starting on content line `line` at its indentation (a mapping or a sequence). */
  private nested(line: number, _owner: number, depth: number): unknown {
    if (depth > MAX_NESTING) throw GIVE_UP;
    this.li = line;
    const p = (this.starts[line] as number) + (this.indents[line] as number);
    if (this.isDash(p)) return this.sequence(this.indents[line] as number, depth);
    return this.mapping(this.indents[line] as number, p, depth);
  }

  /** True for a `-` block sequence indicator (followed by a space or the end of the line). */
  private isDash(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const f = this.text.charCodeAt(p + 1);
    return f === SP || p + 1 >= (this.ends[this.li] as number);
  }

  /** A block sequence whose `-` indicators sit at column `n`; starts on `this.li`. */
  private sequence(n: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.li;
      const end = this.ends[line] as number;
      let p = (this.starts[line] as number) + n + 1;
      while (p < end && this.text.charCodeAt(p) === SP) p++;
      if (p >= end || this.text.charCodeAt(p) === HASH) {
        // `-` alone: the item is on the following lines, or null.
        const next = this.nextContent(line + 1);
        const ind = next >= 0 ? (this.indents[next] as number) : -1;
        if (ind > n) out.push(this.nested(next, n, depth + 1));
        // After an empty item js-yaml reads a `-` at any lesser indentation as one more item of this sequence.
        else if (next >= 0 && ind < n) throw GIVE_UP;
        else {
          out.push(null);
          this.li = line + 1;
        }
      } else {
        if (this.isDash(p)) throw GIVE_UP; // `- - x`: left to the library
        const key = this.keyAt(p);
        if (key !== undefined) out.push(this.mappingFrom(this.col(p), key, depth + 1));
        else out.push(this.inlineValue(p, n, depth + 1));
      }
      const ind = this.advance(n);
      if (ind < n || !this.isDash((this.starts[this.li] as number) + n)) return out;
    }
  }

  /**
   * Moves to the next line with content and returns its indent, or -1 at the end of the document
   * (every caller then ends its block); a line indented past `n` is outside the subset.
   */
  private advance(n: number): number {
    const next = this.nextContent(this.li);
    if (next < 0) {
      this.li = this.count;
      return -1;
    }
    const ind = this.indents[next] as number;
    if (ind > n) throw GIVE_UP;
    this.li = next;
    return ind;
  }

  /** A block mapping whose keys sit at column `c`, the first at offset `p` of `this.li`. */
  private mapping(c: number, p: number, depth: number): Record<string, unknown> {
    const key = this.keyAt(p);
    if (key === undefined) throw GIVE_UP; // a scalar where a block node was expected
    return this.mappingFrom(c, key, depth);
  }

  /** A block mapping at column `c` whose first key, `first`, `keyAt` has just read. */
  private mappingFrom(c: number, first: string, depth: number): Record<string, unknown> {
    if (depth > MAX_NESTING) throw GIVE_UP;
    const out: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      const line = this.li;
      const end = this.ends[line] as number;
      let v = this.keyAfter;
      while (v < end && this.text.charCodeAt(v) === SP) v++;
      let value: unknown;
      if (v >= end || this.text.charCodeAt(v) === HASH) {
        // `key:` alone: a nested block (more indented, or a sequence at the key's column), else null.
        const next = this.nextContent(line + 1);
        const ind = next >= 0 ? (this.indents[next] as number) : -1;
        if (ind > c) value = this.nested(next, c, depth + 1);
        else if (ind === c && this.isDashAt(next, c)) {
          this.li = next;
          value = this.sequence(c, depth + 1);
        } else {
          value = null;
          this.li = line + 1;
        }
      } else value = this.inlineValue(v, c, depth + 1);
      // A key written twice is left to the library (which keeps the last, as Kubernetes does): a
      // document this path accepts has unique keys, so positions found in its text need not look for a later twin.
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      out[key] = value;
      const ind = this.advance(c);
      if (ind < c) return out;
      const p = (this.starts[this.li] as number) + c;
      if (this.isDash(p)) return out; // a sequence at this column belongs to the parent
      const k = this.keyAt(p);
      if (k === undefined) throw GIVE_UP;
      key = k;
    }
  }

  private isDashAt(line: number, c: number): boolean {
    const save = this.li;
    this.li = line;
    const r = this.isDash((this.starts[line] as number) + c);
    this.li = save;
    return r;
  }

  /** The implicit key at offset `p` of the current line (`name:` followed by a space or the end), or undefined. */
  private keyAt(p: number): string | undefined {
    const t = this.text;
    const end = this.ends[this.li] as number;
    const c = t.charCodeAt(p);
    let name: string;
    let q: number;
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(p, end);
      if (close < 0) return undefined;
      name = this.quotedValue(p, close);
      q = close + 1;
      while (q < end && t.charCodeAt(q) === SP) q++;
      if (q >= end || t.charCodeAt(q) !== COLON) return undefined;
      if (q + 1 < end && t.charCodeAt(q + 1) !== SP) throw GIVE_UP;
    } else {
      if (badPlainStart(c) || ((c === DASH || c === 63 || c === COLON) && (p + 1 >= end || t.charCodeAt(p + 1) === SP))) return undefined;
      // The first `: ` (or `:` at the end); a comment before it makes this a scalar, not a key.
      // The key's hash is taken on the way (one pass over it, not two).
      let h = c;
      for (q = p + 1; ; q++) {
        if (q >= end) return undefined;
        const d = t.charCodeAt(q);
        if (d === COLON && (q + 1 >= end || t.charCodeAt(q + 1) === SP)) break;
        if (d === HASH && t.charCodeAt(q - 1) === SP) return undefined;
        h = (Math.imul(h, 31) + d) | 0;
      }
      let e = q;
      while (e > p && t.charCodeAt(e - 1) === SP) e--;
      if (e - p > MAX_KEY) throw GIVE_UP;
      // Only short keys are interned: the table never holds more than a few hundred KiB.
      const raw = e - p <= INTERN_MAX ? intern(t, p, e, e === q ? h : hashOf(t, p, e)) : t.slice(p, e);
      // Keys js-yaml would turn into numbers, booleans, null or a merge are left to it.
      if (raw === "<<" || (mayResolve(raw) && typeof resolvePlain(raw) !== "string")) throw GIVE_UP;
      name = raw;
    }
    if (name === "__proto__") throw GIVE_UP;
    this.keyAfter = q + 1;
    return name;
  }

  /** A value written on the same line as its key or `-` (at offset `p`); `owner` is the column of the node holding it. */
  private inlineValue(p: number, owner: number, depth: number): unknown {
    const t = this.text;
    const end = this.ends[this.li] as number;
    const c = t.charCodeAt(p);
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(p, end);
      if (close < 0) throw GIVE_UP;
      this.restIsComment(close + 1, end);
      this.li++;
      return this.quotedValue(p, close);
    }
    if (c === 91) {
      const seq = this.flowSequence(p, end, depth);
      this.li++;
      return seq;
    }
    if (c === 123) {
      let q = p + 1;
      while (q < end && t.charCodeAt(q) === SP) q++;
      if (t.charCodeAt(q) !== 125) throw GIVE_UP;
      this.restIsComment(q + 1, end);
      this.li++;
      return {};
    }
    if (c === 124 || c === 62) return this.blockScalar(p, end, owner, c === 62);
    if (badPlainStart(c) || ((c === DASH || c === 63 || c === COLON) && (p + 1 >= end || t.charCodeAt(p + 1) === SP))) throw GIVE_UP;
    // A plain scalar to the end of the line or a comment; `: ` inside would be a key where none may be.
    // Its hash for the intern table is taken on the way, as keyAt does.
    let h = c;
    let e = p + 1;
    for (; e < end; e++) {
      const d = t.charCodeAt(e);
      if (d === HASH && t.charCodeAt(e - 1) === SP) break;
      if (d === COLON && (e + 1 >= end || t.charCodeAt(e + 1) === SP)) throw GIVE_UP;
      h = (Math.imul(h, 31) + d) | 0;
    }
    const scanned = e;
    while (e > p && t.charCodeAt(e - 1) === SP) e--;
    this.li++;
    return plainAt(t, p, e, e === scanned ? h : undefined);
  }

  /** Only spaces, then a comment or the end of the line, may follow a complete value. */
  private restIsComment(q: number, end: number): void {
    const t = this.text;
    if (q >= end) return;
    if (t.charCodeAt(q) !== SP) throw GIVE_UP;
    while (q < end && t.charCodeAt(q) === SP) q++;
    if (q < end && t.charCodeAt(q) !== HASH) throw GIVE_UP;
  }

  /** The offset of the closing quote of a one-line quoted scalar at `p`, or -1 (escapes in double quotes: -1). */
  private quotedEnd(p: number, end: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < end; i++) {
      const c = t.charCodeAt(i);
      if (q === DQ) {
        if (c === DQ) return i;
        if (c === 92) return -1; // escapes: left to the library
      } else if (c === SQ) {
        if (t.charCodeAt(i + 1) !== SQ || i + 1 >= end) return i;
        i++;
      }
    }
    return -1;
  }

  private quotedValue(p: number, close: number): string {
    const s = this.text.slice(p + 1, close);
    return this.text.charCodeAt(p) === SQ && s.includes("''") ? s.replace(/''/g, "'") : s;
  }

  /** `[a, "b", 1]` on one line: scalars only. */
  private flowSequence(p: number, end: number, depth: number): unknown[] {
    if (depth > MAX_NESTING) throw GIVE_UP;
    const t = this.text;
    const out: unknown[] = [];
    let i = p + 1;
    while (i < end && t.charCodeAt(i) === SP) i++;
    if (t.charCodeAt(i) === 93) {
      this.restIsComment(i + 1, end);
      return out;
    }
    for (;;) {
      if (i >= end) throw GIVE_UP;
      const c = t.charCodeAt(i);
      if (c === SQ || c === DQ) {
        const close = this.quotedEnd(i, end);
        if (close < 0) throw GIVE_UP;
        out.push(this.quotedValue(i, close));
        i = close + 1;
      } else {
        if (badPlainStart(c) || c === COLON || c === 63 || (c === DASH && (i + 1 >= end || t.charCodeAt(i + 1) === SP || t.charCodeAt(i + 1) === 44 || t.charCodeAt(i + 1) === 93))) throw GIVE_UP;
        let e = i;
        for (; e < end; e++) {
          const d = t.charCodeAt(e);
          if (d === 44 || d === 93) break;
          // Pairs, nested collections and comments inside flow: left to the library.
          if (d === COLON || d === 91 || d === 123 || d === 125 || d === HASH) throw GIVE_UP;
        }
        let s = e;
        while (s > i && t.charCodeAt(s - 1) === SP) s--;
        out.push(plainAt(t, i, s));
        i = e;
      }
      while (i < end && t.charCodeAt(i) === SP) i++;
      const d = t.charCodeAt(i);
      if (i < end && d === 93) {
        this.restIsComment(i + 1, end);
        return out;
      }
      if (i >= end || d !== 44) throw GIVE_UP;
      i++;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (t.charCodeAt(i) === 93 || t.charCodeAt(i) === 44) throw GIVE_UP; // empty entries
    }
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar as js-yaml's readBlockScalar reads it, with
   * chomping indicators; an explicit indentation indicator is left to the library. Its lines must
   * be indented more than `owner`, the column of the node that holds it.
   */
  private blockScalar(p: number, end: number, owner: number, folding: boolean): string {
    const t = this.text;
    let chomp = 0; // 0 clip, 1 keep, -1 strip
    let q = p + 1;
    const ind = t.charCodeAt(q);
    if (ind === 43 || ind === DASH) {
      chomp = ind === 43 ? 1 : -1;
      q++;
    }
    this.restIsComment(q, end);
    let textIndent = owner + 1;
    let detected = false;
    let result = "";
    let didRead = false;
    let emptyLines = 0;
    let atMoreIndented = false;
    let line = this.li + 1;
    for (; line < this.count; line++) {
      const start = this.starts[line] as number;
      const lend = this.ends[line] as number;
      const spaces = this.indents[line] as number;
      if (!detected) {
        if (spaces === lend - start) {
          // A blank line before the first text line: with more spaces than that line, js-yaml's
          // indentation detection takes a turn this path does not follow.
          if (spaces > textIndent) throw GIVE_UP;
          emptyLines++;
          continue;
        }
        if (spaces > textIndent) textIndent = spaces;
      }
      const lineIndent = Math.min(spaces, textIndent);
      const after = start + lineIndent;
      if (after >= lend) {
        emptyLines++;
        continue;
      }
      if (lineIndent < textIndent) break;
      if (folding) {
        if (t.charCodeAt(after) === SP) {
          atMoreIndented = true;
          result += "\n".repeat(didRead ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += "\n".repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didRead) result += " ";
        } else result += "\n".repeat(emptyLines);
      } else result += "\n".repeat(didRead ? 1 + emptyLines : emptyLines);
      didRead = true;
      detected = true;
      emptyLines = 0;
      result += t.slice(after, lend);
    }
    // The block ends at a less indented line or at the end of the text (js-yaml adds a final newline to its input).
    if (chomp === 1) result += "\n".repeat(didRead ? 1 + emptyLines : emptyLines);
    else if (chomp === 0 && didRead) result += "\n";
    this.li = line;
    return result;
  }
}

/** How many of the ascending numbers are at most `x`. */
export function upperBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isIndicator(c: number): boolean {
  return c === DASH || c === 63 || c === COLON;
}
