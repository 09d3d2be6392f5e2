import { Alias, Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type LineCounter, type ParseOptions, type SchemaOptions } from "yaml";
import { SP, NL, HASH, COLON, DASH, SQ, DQ } from "./yaml-chars.js";

// A fast path for the YAML that configuration files are made of: block mappings and sequences,
// plain, quoted and block scalars, one-line flow collections of scalars, anchors and aliases,
// comments where they attach to nothing. It builds the very nodes the `yaml` library builds (same
// classes, values, scalar types, ranges, anchors; comments and blank-line markers, which nothing
// reads, are left off) in one pass over the lines, several times cheaper than the library's
// lexer, CST and composer on a cold start. Anything outside that subset, and anything the library
// would report as an error, makes it give up (`undefined`) so the caller parses with the library:
// the library stays the reference, and test/ecosystems/formats/yaml-block.test.ts checks the two
// agree on every input this accepts.

/** Thrown to give up; caught in `parseBlockYaml` only. */
const GIVE_UP: unique symbol = Symbol("outside the fast subset");

/** Implicit keys longer than this are an error in YAML (and rare anyway). */
const MAX_KEY = 1024;
/** The tags of the library's core schema (map, seq, str, null, bool, three ints, three floats). */
const CORE_TAGS = 11;
/** Nesting deeper than this is left to the library (and to its bounds). */
const MAX_NESTING = 256;

type Options = DocumentOptions & ParseOptions & SchemaOptions;
type ScalarTag = { default?: boolean | "key"; test?: RegExp; format?: string; resolve: (s: string, onError: (m: string) => void, o: unknown) => unknown };

/** Characters that cannot start a plain scalar here, or that this parser leaves to the library. */
function isIndicator(c: number): boolean {
  // ! " # % & ' * , > @ [ ] ` { | } and ?, :, - (when followed by a space: checked by callers)
  return c === 33 || c === 34 || c === 35 || c === 37 || c === 38 || c === 39 || c === 42 || c === 44 || c === 62 || c === 64 || c === 91 || c === 93 || c === 96 || c === 123 || c === 124 || c === 125;
}

/** Flow indicators end a plain scalar inside `[...]` and `{...}`. */
function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/**
 * Control characters, C1 controls, line and paragraph separators, byte order marks and lone
 * carriage returns: the library has rules for each, this parser leaves them to it. Tabs are
 * checked per line (allowed only inside block scalars).
 */
const UNUSUAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

class BlockParser {
  private readonly n: number;
  /** Offset where each line starts; a final entry of n + 1 closes the last line. */
  private readonly starts: number[] = [];
  /** Per line: spaces before the first other character. */
  private readonly indents: number[] = [];
  /** Per line: 0 blank (spaces only), 1 comment, 2 content. */
  private readonly kinds: number[] = [];
  private readonly tabs: boolean[] = [];
  private readonly lineCount: number;
  /** The first line the last parsed value did not consume. */
  private next = 0;
  private depth = 0;
  /** Whether the last value parsed was empty: then the document's end is its content's end. */
  private lastEmpty = false;
  private readonly tagCache = new Map<string, ScalarTag | null>();
  /** Per line: the next content line at or after it, and the deepest comment indentation before that. */
  private readonly gaps = new Map<number, { next: number; deepest: number }>();
  private readonly tags: readonly ScalarTag[];
  /** The YAML 1.2 core schema, as the library sets it up by default: its scalar types are known here. */
  private readonly core: boolean;
  private readonly options: Options;
  private readonly schema: Document.Parsed["schema"];

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.tags = doc.schema.tags as unknown as ScalarTag[];
    this.core = doc.schema.name === "core" && this.tags.length === CORE_TAGS;
    this.options = doc.options as Options;
    this.schema = doc.schema;
    this.n = text.length;
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      const end = nl < 0 ? this.n : nl;
      this.starts.push(start);
      let p = start;
      while (p < end && text.charCodeAt(p) === SP) p++;
      this.indents.push(p - start);
      this.kinds.push(p === end ? 0 : text.charCodeAt(p) === HASH ? 1 : 2);
      this.tabs.push(false);
      if (nl < 0) break;
      start = nl + 1;
    }
    this.lineCount = this.starts.length;
    this.starts.push(this.n + 1);
    // Mark lines holding a tab: outside block scalars they make this parser give up.
    for (let t = text.indexOf("\t"); t >= 0; t = text.indexOf("\t", t + 1)) this.tabs[this.lineOf(t)] = true;
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private eol(line: number): number {
    return (this.starts[line + 1] as number) - 1;
  }

  /** The offset just past a line's newline (or the end of the text). */
  private afterLine(line: number): number {
    return Math.min(this.starts[line + 1] as number, this.n);
  }

  /**
   * The next content line at or after `line`, checking that the comments before it attach to it
   * (indented no deeper than it) and so change no range; -1 at the end of the text.
   */
  private nextContent(line: number, noComments = false): number {
    // Each enclosing collection asks again about the same gap as the recursion unwinds: remember it.
    let gap = this.gaps.get(line);
    if (!gap) {
      let deepest = -1;
      let l = line;
      for (; l < this.lineCount; l++) {
        const k = this.kinds[l];
        if (k === 2) break;
        if (k === 1) deepest = Math.max(deepest, this.indents[l] as number);
      }
      gap = { next: l < this.lineCount ? l : -1, deepest };
      this.gaps.set(line, gap);
    }
    if (noComments && gap.deepest >= 0) throw GIVE_UP;
    if (gap.deepest > (gap.next >= 0 ? (this.indents[gap.next] as number) : 0)) throw GIVE_UP;
    return gap.next;
  }

  /** Parses the text into `doc` (created with the caller's options, as the library's composer creates it). */
  parseDocument(): void {
    const doc = this.doc;
    let line = this.nextContent(0);
    if (line < 0) throw GIVE_UP;
    // The document starts on the line of its first content (or of its `---`), past leading comments.
    const s = this.starts[line] as number;
    const docStart = s;
    let startMarker = false;
    if (this.indents[line] === 0 && this.text.startsWith("---", s)) {
      const after = s + 3;
      if (after < this.n && this.text.charCodeAt(after) !== NL && this.text.charCodeAt(after) !== SP) throw GIVE_UP;
      if (this.restIsEmpty(after, this.eol(line)) !== true) throw GIVE_UP;
      startMarker = true;
      line = this.nextContent(line + 1);
      if (line < 0) throw GIVE_UP;
    }
    const root = this.blockAt(line);
    if (this.nextContent(this.next) >= 0) throw GIVE_UP;
    if (startMarker) doc.directives.docStart = true;
    doc.contents = root as Document.Parsed["contents"];
    const contentEnd = (root.range as [number, number, number])[2];
    // The line break and blank lines after a final empty value belong to it, not to the document's end.
    doc.range = [docStart, contentEnd, this.lastEmpty ? contentEnd : this.n];
  }

  /** True when only spaces, or spaces then a comment, lie in [from, to); "comment" when there is a comment. */
  private restIsEmpty(from: number, to: number): boolean | "comment" {
    let p = from;
    while (p < to && this.text.charCodeAt(p) === SP) p++;
    if (p === to) return true;
    return this.text.charCodeAt(p) === HASH && p > from ? "comment" : false;
  }

  /** A block collection starting on content line `line` (a mapping or a sequence). */
  private blockAt(line: number): YAMLMap | YAMLSeq {
    if (this.tabs[line]) throw GIVE_UP;
    const indent = this.indents[line] as number;
    const p = (this.starts[line] as number) + indent;
    if (this.isSeqItem(p, this.eol(line))) return this.seq(indent, line);
    return this.map(indent, line, p);
  }

  private isSeqItem(p: number, eol: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === eol || this.text.charCodeAt(p + 1) === SP);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw GIVE_UP;
  }

  /** A block mapping whose keys start at column `indent`; the first key is at `first` on `line`. */
  private map(indent: number, line: number, first: number): YAMLMap {
    this.enter();
    const map = new YAMLMap(this.schema);
    let end = first;
    let l = line;
    let keyAt = first;
    for (;;) {
      if (this.tabs[l]) throw GIVE_UP;
      const eol = this.eol(l);
      const { key, after } = this.key(keyAt, eol);
      const value = this.value(after, l, indent, false);
      map.items.push(new Pair(key, value));
      end = (value.range as [number, number, number])[2];
      l = this.nextContent(this.next);
      if (l < 0 || (this.indents[l] as number) < indent) break;
      if (this.indents[l] !== indent) throw GIVE_UP;
      keyAt = (this.starts[l] as number) + indent;
      if (this.isSeqItem(keyAt, this.eol(l))) {
        // A sequence at a mapping's own indentation belongs to the key above (`key:\n- a`), handled
        // in `value`; here it would be an error.
        throw GIVE_UP;
      }
    }
    map.range = [first, end, end];
    this.depth--;
    return map;
  }

  /** A block sequence whose dashes are at column `indent`, starting on `line`. */
  private seq(indent: number, line: number): YAMLSeq {
    this.enter();
    const seq = new YAMLSeq(this.schema);
    const start = (this.starts[line] as number) + indent;
    let end = start;
    let l = line;
    for (;;) {
      if (this.tabs[l]) throw GIVE_UP;
      const dash = (this.starts[l] as number) + indent;
      const item = this.value(dash + 1, l, indent, true, this.commentAbove(l));
      seq.items.push(item);
      end = (item.range as [number, number, number])[2];
      const after = this.next;
      l = this.nextContent(after);
      if (l < 0 || (this.indents[l] as number) < indent) break;
      if (this.indents[l] !== indent) throw GIVE_UP;
      // A key at the sequence's indentation ends it (`key:\n- a\nnext: b`); the mapping above decides.
      // A comment before that key would end the sequence, not start the key: left to the library.
      if (!this.isSeqItem((this.starts[l] as number) + indent, this.eol(l))) {
        this.nextContent(after, true);
        break;
      }
    }
    seq.range = [start, end, end];
    this.depth--;
    return seq;
  }

  /** An implicit key at `p`: a plain or quoted one-line scalar followed by `: ` or `:` at the end of the line. */
  private key(p: number, eol: number): { key: Scalar; after: number } {
    const t = this.text;
    const c = t.charCodeAt(p);
    let key: Scalar;
    let q: number;
    if (c === DQ || c === SQ) {
      const quoted = this.quoted(p, eol);
      key = quoted.scalar;
      key.range = [p, quoted.end, quoted.end];
      q = quoted.end;
      while (q < eol && t.charCodeAt(q) === SP) q++;
      if (t.charCodeAt(q) !== COLON || (q + 1 < eol && t.charCodeAt(q + 1) !== SP)) throw GIVE_UP;
    } else {
      if (isIndicator(c) || ((c === 63 || c === COLON) && (p + 1 === eol || t.charCodeAt(p + 1) === SP))) throw GIVE_UP;
      q = p;
      for (;;) {
        if (q >= eol) throw GIVE_UP; // no colon: a scalar on its own line
        const ch = t.charCodeAt(q);
        if (ch === COLON && (q + 1 === eol || t.charCodeAt(q + 1) === SP)) break;
        if (ch === SP && t.charCodeAt(q + 1) === HASH) throw GIVE_UP;
        q++;
      }
      let e = q;
      while (t.charCodeAt(e - 1) === SP) e--;
      if (e - p > MAX_KEY) throw GIVE_UP;
      key = this.plain(t.slice(p, e), true);
      key.range = [p, e, e];
    }
    return { key, after: q + 1 };
  }

  /**
   * The value after a key's colon or a sequence's dash at `p` on `line`, whose collection is at
   * column `indent`: inline, or on the following lines, or empty.
   */
  private value(p: number, line: number, indent: number, inSeq: boolean, commentAbove = false): Scalar | Alias | YAMLMap | YAMLSeq {
    const t = this.text;
    const eol = this.eol(line);
    let q = p;
    while (q < eol && t.charCodeAt(q) === SP) q++;
    if (inSeq && q === p && q < eol) throw GIVE_UP; // `-x` is not an item (callers check), kept as a guard
    if (q === eol || (t.charCodeAt(q) === HASH && q > p)) return this.below(line, indent, q, q < eol || commentAbove, !inSeq);
    let c = t.charCodeAt(q);
    let anchor: string | undefined;
    if (c === 38) {
      // &anchor, then a value on this line or a collection on the next ones
      let e = q + 1;
      while (e < eol && t.charCodeAt(e) !== SP && !isFlowIndicator(t.charCodeAt(e))) e++;
      if (e === q + 1 || (e < eol && t.charCodeAt(e) !== SP) || t.charCodeAt(e - 1) === COLON) throw GIVE_UP;
      anchor = t.slice(q + 1, e);
      q = e;
      while (q < eol && t.charCodeAt(q) === SP) q++;
      if (q === eol) {
        const node = this.below(line, indent, q, false, !inSeq);
        if (isScalar(node)) throw GIVE_UP; // an anchored empty value
        node.anchor = anchor;
        return node;
      }
      c = t.charCodeAt(q);
      if (c === HASH || c === 38 || c === 42) throw GIVE_UP;
    }
    let node: Scalar | Alias | YAMLMap | YAMLSeq;
    let valueEnd: number;
    if (c === 42) {
      if (anchor !== undefined) throw GIVE_UP;
      let e = q + 1;
      while (e < eol && t.charCodeAt(e) !== SP && !isFlowIndicator(t.charCodeAt(e))) e++;
      if (e === q + 1 || t.charCodeAt(e - 1) === COLON || (e < eol && t.charCodeAt(e) !== SP)) throw GIVE_UP;
      node = new Alias(t.slice(q + 1, e));
      valueEnd = e;
    } else if (c === 124 || c === 62) {
      return this.blockScalar(q, line, indent, anchor);
    } else if (c === DQ || c === SQ) {
      const quoted = this.quoted(q, eol);
      let r = quoted.end;
      while (r < eol && t.charCodeAt(r) === SP) r++;
      if (inSeq && anchor === undefined && t.charCodeAt(r) === COLON && (r + 1 === eol || t.charCodeAt(r + 1) === SP)) return this.map(q - (this.starts[line] as number), line, q);
      node = quoted.scalar;
      valueEnd = quoted.end;
    } else if (c === 91 || c === 123) {
      const flow = this.flow(q, eol);
      node = flow.node;
      valueEnd = flow.end;
    } else if (isIndicator(c) || ((c === 63 || c === COLON || c === DASH) && (q + 1 === eol || t.charCodeAt(q + 1) === SP))) {
      throw GIVE_UP;
    } else {
      // A plain scalar; in a sequence item, `key: value` starts a compact mapping instead.
      let e = q;
      let colon = -1;
      while (e < eol) {
        const ch = t.charCodeAt(e);
        if (ch === SP && t.charCodeAt(e + 1) === HASH) break;
        if (ch === COLON && (e + 1 === eol || t.charCodeAt(e + 1) === SP)) {
          colon = e;
          break;
        }
        e++;
      }
      if (colon >= 0) {
        if (!inSeq || anchor !== undefined) throw GIVE_UP;
        return this.map(q - (this.starts[line] as number), line, q);
      }
      const commented = e < eol;
      while (t.charCodeAt(e - 1) === SP) e--;
      if (!commented) {
        const more = this.continuation(line, indent, t.slice(q, e));
        if (more) {
          node = this.plain(more.value, false);
          node.range = [q, more.end, this.afterLine(more.last)];
          if (anchor !== undefined) node.anchor = anchor;
          return this.finishValue(node, more.last, indent);
        }
      }
      node = this.plain(t.slice(q, e), false);
      valueEnd = e;
    }
    // Only spaces or a comment may follow on the line; the next lines must not continue the value.
    if (this.restIsEmpty(valueEnd, eol) === false) throw GIVE_UP;
    node.range = [q, valueEnd, this.afterLine(line)];
    if (anchor !== undefined) node.anchor = anchor;
    return this.finishValue(node, line, indent);
  }

  /** Ends a value whose text ends on `line`: nothing indented deeper than its collection may follow. */
  private finishValue<N extends Scalar | Alias | YAMLMap | YAMLSeq>(node: N, line: number, indent: number): N {
    const l = this.nextContent(line + 1);
    if (l >= 0 && (this.indents[l] as number) > indent) throw GIVE_UP;
    this.next = line + 1;
    this.lastEmpty = false;
    return node;
  }

  /**
   * The lines that continue a plain scalar begun on `line` (a multi-line plain scalar: deeper
   * lines folded into it, a blank line becoming a line break), or undefined when none does.
   */
  private continuation(line: number, indent: number, first: string): { value: string; end: number; last: number } | undefined {
    const t = this.text;
    let value = first;
    let blanks = 0;
    let end = -1;
    let last = -1;
    for (let l = line + 1; l < this.lineCount; l++) {
      const kind = this.kinds[l];
      if (kind === 0) {
        blanks++;
        continue;
      }
      if (kind === 1 || (this.indents[l] as number) <= indent) break;
      if (this.tabs[l]) throw GIVE_UP;
      const s = (this.starts[l] as number) + (this.indents[l] as number);
      const eol = this.eol(l);
      let e = s;
      while (e < eol) {
        const ch = t.charCodeAt(e);
        if (ch === SP && t.charCodeAt(e + 1) === HASH) break;
        if (ch === COLON && (e + 1 === eol || t.charCodeAt(e + 1) === SP)) throw GIVE_UP;
        e++;
      }
      const commented = e < eol;
      while (t.charCodeAt(e - 1) === SP) e--;
      value += blanks > 0 ? "\n".repeat(blanks) : " ";
      value += t.slice(s, e);
      blanks = 0;
      end = e;
      last = l;
      // A comment ends the scalar; a deeper line after it is left to the library (finishValue).
      if (commented) break;
    }
    return last < 0 ? undefined : { value, end, last };
  }

  /**
   * A value that starts on the lines below `line`: a collection indented deeper than `indent` (or a
   * sequence at the same indentation, under a mapping key), else an empty value at `at`.
   */
  private below(line: number, indent: number, at: number, comment: boolean, sameIndentSeq: boolean): Scalar | YAMLMap | YAMLSeq {
    const l = this.nextContent(line + 1, false);
    if (l >= 0) {
      const ind = this.indents[l] as number;
      if (ind > indent) return this.blockAt(l);
      if (ind === indent && sameIndentSeq && this.isSeqItem((this.starts[l] as number) + ind, this.eol(l))) return this.seq(ind, l);
    }
    // An empty value: the library hangs comments around it on the value itself. Of its rules this
    // parser knows one, for a mapping's value: a comment on the very next line, indented no deeper
    // than the next key of the same mapping, ends the value's range at the end of that comment
    // (`on:` often reads `branch_protection_rule:`, then `# why`, then `schedule:`).
    if (comment) throw GIVE_UP;
    let endAt = at;
    if (sameIndentSeq && l >= 0 && this.indents[l] === indent && this.kinds[line + 1] === 1 && (this.indents[line + 1] as number) <= indent) {
      endAt = this.eol(line + 1);
      this.nextContent(line + 2);
    } else this.nextContent(line + 1, true);
    const empty = this.plain("", false);
    empty.range = [at, at, endAt];
    this.next = line + 1;
    this.lastEmpty = true;
    return empty;
  }

  /** True when comment lines lie between `line` and the content line above it. */
  private commentAbove(line: number): boolean {
    for (let l = line - 1; l >= 0 && this.kinds[l] !== 2; l--) if (this.kinds[l] === 1) return true;
    return false;
  }

  /** A plain scalar's node, typed as the core schema types it (null, booleans, numbers, strings). */
  private plain(source: string, atKey: boolean): Scalar {
    const tag = this.tagFor(source, atKey);
    let scalar: Scalar;
    if (tag === null) scalar = new Scalar(source);
    else {
      let failed = false;
      const res = tag.resolve(source, () => (failed = true), this.options);
      if (failed) throw GIVE_UP;
      scalar = isScalar(res) ? res : new Scalar(res);
      if (tag.format) scalar.format = tag.format;
    }
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  /** The schema tag a plain scalar resolves to, as the library picks it (null: a string). */
  private tagFor(source: string, atKey: boolean): ScalarTag | null {
    if (this.core && source.length > 0) {
      // In the core schema only `~`, null, true, false (5 letters at most) and numbers (a digit,
      // sign or dot first) are not strings: most scalars are decided by their first character.
      const c = source.charCodeAt(0);
      if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 126)) {
        if (source.length > 5 || !(c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return null;
      }
    }
    const key = atKey ? `k${source}` : `v${source}`;
    let tag = this.tagCache.get(key);
    if (tag === undefined) {
      tag = this.tags.find((g) => (g.default === true || (atKey && g.default === "key")) && g.test?.test(source)) ?? null;
      this.tagCache.set(key, tag);
    }
    return tag;
  }

  /** A one-line quoted scalar at `p` (single or double quotes); `end` is just past the closing quote. */
  private quoted(p: number, eol: number): { scalar: Scalar; end: number } {
    const t = this.text;
    const quote = t.charCodeAt(p);
    let value = "";
    let from = p + 1;
    let q = p + 1;
    for (;;) {
      if (q >= eol) throw GIVE_UP; // spans lines: folding is left to the library
      const ch = t.charCodeAt(q);
      if (quote === SQ && ch === SQ) {
        if (t.charCodeAt(q + 1) === SQ) {
          value += t.slice(from, q + 1);
          q += 2;
          from = q;
          continue;
        }
        break;
      }
      if (quote === DQ && ch === DQ) break;
      if (quote === DQ && ch === 92) {
        value += t.slice(from, q);
        const { text, length } = escape(t, q, eol);
        value += text;
        q += length;
        from = q;
        continue;
      }
      q++;
    }
    value += t.slice(from, q);
    const scalar = new Scalar(value);
    scalar.source = value;
    scalar.type = quote === SQ ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    return { scalar, end: q + 1 };
  }

  /** A flow sequence or mapping of scalars on one line, starting at `p`. */
  private flow(p: number, eol: number): { node: YAMLMap | YAMLSeq; end: number } {
    const t = this.text;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const node = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    node.flow = true;
    let q = p + 1;
    const skip = (): void => {
      while (q < eol && t.charCodeAt(q) === SP) q++;
    };
    // One scalar item: its node, its end, and where the spaces after it end (the item's range includes them before a comma).
    const item = (atKey: boolean): Scalar => {
      skip();
      const start = q;
      const c = t.charCodeAt(q);
      let scalar: Scalar;
      let end: number;
      if (c === DQ || c === SQ) {
        const quoted = this.quoted(q, eol);
        scalar = quoted.scalar;
        end = quoted.end;
      } else {
        if (q >= eol || isIndicator(c) || ((c === 63 || c === COLON || c === DASH) && t.charCodeAt(q + 1) === SP)) throw GIVE_UP;
        let e = q;
        while (e < eol) {
          const ch = t.charCodeAt(e);
          if (isFlowIndicator(ch) || (ch === COLON && (t.charCodeAt(e + 1) === SP || isFlowIndicator(t.charCodeAt(e + 1)))) || (ch === SP && t.charCodeAt(e + 1) === HASH)) break;
          e++;
        }
        end = e;
        while (t.charCodeAt(end - 1) === SP) end--;
        if (end === start) throw GIVE_UP;
        scalar = this.plain(t.slice(start, end), atKey);
      }
      q = end;
      skip();
      scalar.range = [start, end, q];
      return scalar;
    };
    for (;;) {
      skip();
      if (q >= eol) throw GIVE_UP;
      if (t.charCodeAt(q) === close) break;
      if (isMap) {
        const key = item(true);
        if (t.charCodeAt(q) !== COLON || t.charCodeAt(q + 1) !== SP) throw GIVE_UP;
        q++;
        skip();
        const c = t.charCodeAt(q);
        if (c === 44 || c === close) throw GIVE_UP; // an empty value
        const value = item(false);
        // A key's range stops at its text; a value's reaches the comma, as an item's does.
        key.range = [key.range?.[0] ?? 0, key.range?.[1] ?? 0, key.range?.[1] ?? 0];
        (node as YAMLMap).items.push(new Pair(key, value));
      } else {
        (node as YAMLSeq).items.push(item(false));
      }
      const c = t.charCodeAt(q);
      if (c === 44) {
        q++;
        continue;
      }
      if (c !== close) throw GIVE_UP;
    }
    return { node, end: q + 1 };
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `p` on `line`. */
  private blockScalar(p: number, line: number, indent: number, anchor: string | undefined): Scalar {
    const t = this.text;
    const eol = this.eol(line);
    const folded = t.charCodeAt(p) === 62;
    let chomp: "clip" | "strip" | "keep" = "clip";
    let q = p + 1;
    const ch = t.charCodeAt(q);
    if (ch === DASH) {
      chomp = "strip";
      q++;
    } else if (ch === 43) {
      chomp = "keep";
      q++;
    }
    // Explicit indentation indicators are rare: left to the library.
    if (this.restIsEmpty(q, eol) === false || (q < eol && t.charCodeAt(q) !== SP)) throw GIVE_UP;
    // The content: lines indented at least as deep as the first non-blank one, which must be deeper than `indent`.
    let m = -1;
    let maxLeadingBlank = 0;
    let last = -1;
    let l = line + 1;
    for (; l < this.lineCount; l++) {
      const ind = this.indents[l] as number;
      const blank = this.kinds[l] === 0;
      if (m < 0) {
        if (blank) {
          maxLeadingBlank = Math.max(maxLeadingBlank, ind);
          continue;
        }
        if (ind <= indent) break;
        m = ind;
        last = l;
        continue;
      }
      if (blank) {
        if (ind > m) last = l; // spaces past the indentation are content
        continue;
      }
      if (ind < m) break;
      last = l;
    }
    if (m < 0 || maxLeadingBlank > m) throw GIVE_UP;
    const lines: string[] = [];
    for (let i = line + 1; i <= last; i++) {
      const s = this.starts[i] as number;
      lines.push(this.kinds[i] === 0 && (this.indents[i] as number) <= m ? "" : t.slice(s + m, this.eol(i)));
    }
    let value: string;
    if (folded) {
      value = "";
      let pending = 0;
      let first = true;
      for (const text of lines) {
        if (text === "") {
          pending++;
          continue;
        }
        const c0 = text.charCodeAt(0);
        if (c0 === SP || c0 === 9) throw GIVE_UP; // more-indented lines keep their breaks: left to the library
        value += first ? "\n".repeat(pending) : pending > 0 ? "\n".repeat(pending) : " ";
        value += text;
        pending = 0;
        first = false;
      }
      if (first) throw GIVE_UP;
    } else {
      value = lines.join("\n");
    }
    // Trailing blank lines after the last content line, up to the next non-blank line.
    let trailing = 0;
    let after = last + 1;
    while (after < this.lineCount && this.kinds[after] === 0) {
      trailing++;
      after++;
    }
    let end: number;
    // `value` ends with its last content line, never with a line break.
    if (chomp === "strip") {
      end = this.afterLine(last);
    } else if (chomp === "clip") {
      value = `${value}\n`;
      end = this.afterLine(last);
    } else {
      // Kept trailing lines that run into the end of the text have their own rules: left to the library.
      if (after >= this.lineCount) throw GIVE_UP;
      value = `${value}\n${"\n".repeat(trailing)}`;
      end = this.starts[after] as number;
    }
    // A comment right after the block, indented deeper than its parent, would attach to it.
    this.nextContent(last + 1);
    const scalar = new Scalar(value);
    scalar.source = value;
    scalar.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    scalar.range = [p, end, end];
    if (anchor !== undefined) scalar.anchor = anchor;
    this.next = last + 1;
    this.lastEmpty = false;
    return scalar;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029",
};

/** A double-quoted escape at `p` (the backslash); gives up on anything unusual. */
function escape(t: string, p: number, eol: number): { text: string; length: number } {
  const e = t[p + 1];
  if (e === undefined || p + 1 >= eol) throw GIVE_UP;
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { text: simple, length: 2 };
  const digits = e === "x" ? 2 : e === "u" ? 4 : 0;
  if (digits === 0 || p + 2 + digits > eol) throw GIVE_UP;
  const hex = t.slice(p + 2, p + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw GIVE_UP;
  return { text: String.fromCharCode(parseInt(hex, 16)), length: 2 + digits };
}

/**
 * Parses `text` as one YAML document when it lies in the subset this parser knows exactly,
 * filling `lines` as the library would; undefined otherwise (parse it with the library then,
 * with a fresh line counter).
 */
export function parseBlockYaml(text: string, lines: LineCounter, options: Options): Document.Parsed | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    const doc = new Document(undefined, options) as Document.Parsed;
    new BlockParser(text, doc).parseDocument();
    lines.lineStarts.length = 0;
    lines.addNewLine(0);
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) lines.addNewLine(nl + 1);
    return doc;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
