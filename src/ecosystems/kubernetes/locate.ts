/** A path into a parsed document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Where a path was found: the offset of its key (or of its `-` item), and how much of the path was found. */
export interface Located {
  /** UTF-16 offset into the file text. */
  offset: number;
  /** How many path segments were found: equal to the path's length when it was found exactly. */
  depth: number;
  /** Offset of the value when it starts on the key's line (`key: value`), else undefined. */
  valueOffset?: number;
  /**
   * Offsets of earlier entries of a key on the path written again in the same mapping. YAML
   * forbids it, but Kubernetes' decoders, Helm and kustomize keep the last one (kubectl's
   * `--validate=strict` refuses the object): the path is found at the last, the one applied.
   */
  shadowed?: number[];
}

interface Block {
  /** Offset where the block's first entry starts (the key, or the `-`). */
  first: number;
  /** Column (0-based) of the block's entries. */
  indent: number;
}

/**
 * Finds a path in a block-style YAML document by indentation, without parsing it again: what
 * Kubernetes manifests and Helm output are written in. Where the document leaves block style
 * (flow collections, aliases, merge keys) it stops and returns the deepest entry it found, so a
 * finding still points at the closest line. Linear in the document's size. `uniqueKeys` says the
 * document is known to write no key twice (the fast loader refuses one), so a key's first entry is
 * its only one and the search stops there.
 */
export function locate(text: string, start: number, end: number, path: YamlPath, uniqueKeys = false): Located {
  const root = firstEntry(text, start, end);
  if (!root) return { offset: start, depth: 0 };
  let block: Block = root;
  let offset = root.first;
  const shadowed: number[] = [];
  const done = (l: Located): Located => (shadowed.length > 0 ? { ...l, shadowed } : l);
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth] as string | number;
    const at = typeof seg === "number" ? findItem(text, block, end, seg) : findKey(text, block, end, seg, shadowed, uniqueKeys);
    if (at < 0) return done({ offset, depth });
    const valueAt = foundValueAt;
    offset = at;
    if (depth === path.length - 1) {
      const v = inlineValue(text, valueAt, end) ?? firstEntry(text, lineEnd(text, valueAt, end) + 1, end)?.first;
      return done(v !== undefined ? { offset, depth: depth + 1, valueOffset: v } : { offset, depth: depth + 1 });
    }
    const child = childBlock(text, valueAt, block.indent, end, typeof seg === "number");
    if (!child) return done({ offset, depth: depth + 1 });
    block = child;
  }
  return done({ offset, depth: path.length });
}

/** Where a value starts on the same line after `key:`, if it does (not a comment). */
function inlineValue(text: string, valueAt: number, end: number): number | undefined {
  const e = lineEnd(text, valueAt, end);
  let i = valueAt;
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  return i < e && text.charCodeAt(i) !== 35 ? i : undefined;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13;

/** Offset of the end of the line holding `p` (the `\n`, or `end`). */
function lineEnd(text: string, p: number, end: number): number {
  const nl = text.indexOf("\n", p);
  return nl < 0 || nl > end ? end : nl;
}

/** The first entry of the document: its first line that is not blank, a comment or a directive. */
function firstEntry(text: string, start: number, end: number): Block | undefined {
  for (let p = start; p < end; ) {
    const e = lineEnd(text, p, end);
    let i = p;
    while (i < e && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i < e && c !== 35 && c !== 37 && !isSpace(c)) return { first: i, indent: i - p };
    p = e + 1;
  }
  return undefined;
}

/** Where a key's text starts on its line, or -1; accepts plain, single- and double-quoted keys. */
function keyMatches(text: string, at: number, e: number, key: string): number {
  const c = text.charCodeAt(at);
  let after: number;
  if (c === 34 || c === 39) {
    const close = text.indexOf(String.fromCharCode(c), at + 1);
    if (close < 0 || close > e || text.slice(at + 1, close) !== key) return -1;
    after = close + 1;
  } else {
    if (!text.startsWith(key, at)) return -1;
    after = at + key.length;
  }
  while (after < e && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9)) after++;
  if (text.charCodeAt(after) !== 58) return -1;
  const next = text.charCodeAt(after + 1);
  return after + 1 >= e || isSpace(next) || next === 10 ? after + 1 : -1;
}

/**
 * The entry of a block after the one at `at` (the next line starting at the block's indent), or -1
 * at a line indented less or at the end. Blank lines, comments and deeper lines are passed over.
 */
function nextEntry(text: string, block: Block, at: number, end: number): number {
  let p = lineEnd(text, at, end) + 1;
  while (p < end) {
    const e = lineEnd(text, p, end);
    let i = p;
    while (i < e && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (!(i >= e || c === 35 || isSpace(c))) {
      const indent = i - p;
      if (indent < block.indent) return -1;
      if (indent === block.indent) return i;
    }
    p = e + 1;
  }
  return -1;
}

/** Where the value of the entry `findKey` or `findItem` last found starts (read right after the call). */
let foundValueAt = 0;

/**
 * The offset of the block's last entry for `key`, or -1, as YAML loaders that allow a key twice
 * keep the last; earlier ones go to `shadowed`. Its value's offset is left in `foundValueAt`.
 */
function findKey(text: string, block: Block, end: number, key: string, shadowed: number[], unique: boolean): number {
  let found = -1;
  let value = 0;
  for (let at = block.first; at >= 0; at = nextEntry(text, block, at, end)) {
    // An indentless sequence (`key:` then `- item` at the same indent) belongs to the key above.
    if (text.charCodeAt(at) === 45 && isEntryDash(text, at)) continue;
    const v = keyMatches(text, at, lineEnd(text, at, end), key);
    if (v >= 0) {
      if (found >= 0) shadowed.push(found);
      found = at;
      value = v;
      if (unique) break;
    }
  }
  foundValueAt = value;
  return found;
}

function isEntryDash(text: string, at: number): boolean {
  const n = text.charCodeAt(at + 1);
  return n === 32 || n === 10 || n === 13 || Number.isNaN(n);
}

/** The offset of the block's `index`-th `-` item, or -1; its value's offset is left in `foundValueAt`. */
function findItem(text: string, block: Block, end: number, index: number): number {
  let n = 0;
  for (let at = block.first; at >= 0; at = nextEntry(text, block, at, end)) {
    if (text.charCodeAt(at) !== 45 || !isEntryDash(text, at)) return -1;
    if (n++ === index) {
      foundValueAt = at + 1;
      return at;
    }
  }
  return -1;
}

/**
 * The block a value starts: on the same line after `- ` (an item's first key) or after an anchor
 * or tag, else on the next content line, indented more than the parent (or, for a sequence under
 * a key, at the same indent). Undefined for scalars, flow collections and aliases.
 */
function childBlock(text: string, valueAt: number, parentIndent: number, end: number, isItem: boolean): Block | undefined {
  const e = lineEnd(text, valueAt, end);
  let i = valueAt;
  for (;;) {
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    // Anchors and tags before a block value: step over them.
    if (i < e && (c === 38 || c === 33)) {
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    break;
  }
  if (i < e && text.charCodeAt(i) !== 35) {
    // Content on the same line: a compact map or sequence in a `- ` item, else a scalar or flow value.
    if (!isItem) return undefined;
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123 || c === 42 || c === 34 || c === 39 || c === 124 || c === 62) {
      return c === 34 || c === 39 ? quotedKeyBlock(text, i, e) : undefined;
    }
    const col = i - lineStartOf(text, i);
    return { first: i, indent: col };
  }
  const next = firstEntry(text, e + 1, end);
  if (!next) return undefined;
  const isSeq = text.charCodeAt(next.first) === 45 && isEntryDash(text, next.first);
  if (next.indent > parentIndent || (isSeq && next.indent === parentIndent && !isItem)) return next;
  return undefined;
}

/** A `- "key": value` item: a map whose first key is quoted. */
function quotedKeyBlock(text: string, i: number, e: number): Block | undefined {
  const close = text.indexOf(text[i] as string, i + 1);
  if (close < 0 || close > e || text.charCodeAt(close + 1) !== 58) return undefined;
  return { first: i, indent: i - lineStartOf(text, i) };
}

function lineStartOf(text: string, p: number): number {
  return text.lastIndexOf("\n", p - 1) + 1;
}
