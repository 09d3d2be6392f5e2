import { lineAtOrAfter, type LineTable } from "../formats/yaml-fast-data.js";

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
  /** Set when the search went into a flow collection (JSON, `{…}`, `[…]`): no block-style edit belongs there. */
  flow?: true;
  /**
   * Set when a key on the path was not written in its mapping but brought by a merge key
   * (`<<: *defaults`): `offset` is then that `<<` entry, the key that brought the setting, and
   * this is where the anchored mapping wrote what was found. No edit belongs in either.
   */
  merged?: number;
}

interface Block {
  /** Offset where the block's first entry starts (the key, or the `-`). */
  first: number;
  /** Column (0-based) of the block's entries. */
  indent: number;
}

/**
 * Finds a path in a YAML document by indentation, without parsing it again: what Kubernetes
 * manifests and Helm output are written in. A flow collection (a JSON document, or `{…}` / `[…]`
 * as a value) is searched by its brackets instead. A key a merge key brings (`<<: *defaults`) is
 * found in the anchored mapping, and the result points at the `<<` entry (`merged` says where the
 * anchor wrote it). Where the document leaves all of these (an alias as a whole value) it stops and
 * returns the deepest entry it found, so a finding still points at the closest line. Linear in the
 * document's size (merge keys add a bounded number of anchor lookups). `uniqueKeys` says the
 * document is known to write no key twice (the fast loader refuses one), so a key's first entry
 * is its only one and the search stops there.
 */
export function locate(text: string, start: number, end: number, path: YamlPath, uniqueKeys = false, lines?: LineTable, trail?: LocateTrail): Located {
  // With the stream's measured lines, entries are stepped over by their recorded indentation, not
  // read again character by character (half the cost of placing a finding in a manifest).
  if (lines !== undefined && lines.text === text && spacesOnly(lines)) {
    const found = locateByLines(lines, start, end, path, uniqueKeys, uniqueKeys ? trail : undefined);
    if (found) return found;
  }
  const root = firstEntry(text, start, end);
  if (!root) return { offset: start, depth: 0 };
  let block: Block = root;
  let offset = root.first;
  const shadowed: number[] = [];
  // The first `<<` entry followed on the way down, if any: findings point at it.
  let via = -1;
  const done = (l: Located): Located => {
    const out = shadowed.length > 0 ? { ...l, shadowed } : l;
    return via < 0 ? out : { ...out, offset: via, merged: l.offset };
  };
  // Made only when a merge key is searched for: the common search allocates nothing for it.
  let budget: { left: number } | undefined;
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth] as string | number;
    let at = typeof seg === "number" ? findItem(text, block, end, seg) : findKey(text, block, end, seg, shadowed, uniqueKeys);
    // A document the fast loader read has no merge key (it refuses them): only others are searched for one.
    if (at < 0 && typeof seg === "string" && !uniqueKeys) {
      const m = findMerged(text, block, start, end, seg, (budget ??= { left: MAX_MERGE_LOOKUPS }));
      if (m) {
        at = m.at;
        block = m.block;
        if (via < 0) via = m.via;
      }
    }
    // Only once the block search fails: the common case pays nothing for flow style.
    if (at < 0) return done(isFlowOpen(text.charCodeAt(block.first)) ? locateFlow(text, block.first, end, path, depth, offset, shadowed, uniqueKeys) : { offset, depth });
    const valueAt = foundValueAt;
    offset = at;
    if (depth === path.length - 1) {
      const e = lineEnd(text, valueAt, end);
      const v = inlineValue(text, valueAt, e) ?? firstEntry(text, e + 1, end)?.first;
      return done(v !== undefined ? { offset, depth: depth + 1, valueOffset: v } : { offset, depth: depth + 1 });
    }
    const child = childBlock(text, valueAt, block.indent, end, typeof seg === "number");
    if (!child) {
      const open = flowValueOnLine(text, valueAt, lineEnd(text, valueAt, end));
      return done(open >= 0 ? locateFlow(text, open, end, path, depth + 1, offset, shadowed, uniqueKeys) : { offset, depth: depth + 1 });
    }
    block = child;
  }
  return done({ offset, depth: path.length });
}

/** Where a value starts on the same line after `key:` (the line ends at `e`), if it does (not a comment). */
function inlineValue(text: string, valueAt: number, e: number): number | undefined {
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
/** The line of that entry, for the line-table search (`findKeyByLines`, `findItemByLines`). */
let foundLine = -1;

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

/** Anchors looked up at most for one search: merge keys may chain, and a hostile file may hold thousands. */
const MAX_MERGE_LOOKUPS = 8;
/** Aliases read from one `<<` entry at most. */
const MAX_MERGE_ALIASES = 16;

/**
 * The entry for `key` a merge key of the block brings (`<<: *a`, `<<: [*a, *b]`, or a `- *a`
 * list), YAML 1.1's merge: the first alias listed that holds the key wins, and an anchored
 * mapping's own merge keys are followed in turn. Each alias is the last anchor of its name
 * written before it, so every step goes back in the text and the search ends. Its value's
 * offset is left in `foundValueAt`.
 */
function findMerged(text: string, block: Block, start: number, end: number, key: string, budget: { left: number }): { at: number; block: Block; via: number } | undefined {
  const mk = findMergeKey(text, block, end);
  if (mk < 0) return undefined;
  for (const name of aliasNames(text, foundValueAt, block.indent, end)) {
    if (budget.left-- <= 0) return undefined;
    const anchored = anchoredBlock(text, start, mk, end, name);
    if (!anchored) continue;
    const at = findKey(text, anchored, end, key, [], false);
    if (at >= 0) return { at, block: anchored, via: mk };
    const deeper = findMerged(text, anchored, start, end, key, budget);
    if (deeper) return { ...deeper, via: mk };
  }
  return undefined;
}

/** The block's `<<` entry (a plain key: a quoted one is a string), or -1; its value's offset is left in `foundValueAt`. */
function findMergeKey(text: string, block: Block, end: number): number {
  for (let at = block.first; at >= 0; at = nextEntry(text, block, at, end)) {
    if (text.charCodeAt(at) !== 60) continue;
    const v = keyMatches(text, at, lineEnd(text, at, end), "<<");
    if (v >= 0) {
      foundValueAt = v;
      return at;
    }
  }
  return -1;
}

/** The alias names of a `<<` entry's value: on its line (`*a`, `[*a, *b]`), else the `- *a` items under it. */
function aliasNames(text: string, valueAt: number, indent: number, end: number): string[] {
  const e = lineEnd(text, valueAt, end);
  const out: string[] = [];
  const read = (from: number, to: number): void => {
    for (let i = text.indexOf("*", from); i >= 0 && i < to && out.length < MAX_MERGE_ALIASES; i = text.indexOf("*", i + 1)) {
      let j = i + 1;
      while (j < to && !isBlank(text.charCodeAt(j)) && !isFlowIndicator(text.charCodeAt(j))) j++;
      if (j > i + 1) out.push(text.slice(i + 1, j));
    }
  };
  if (inlineValue(text, valueAt, e) !== undefined) {
    read(valueAt, e);
    return out;
  }
  const items = childBlock(text, valueAt, indent, end, false);
  for (let at = items?.first ?? -1; items && at >= 0 && out.length < MAX_MERGE_ALIASES; at = nextEntry(text, items, at, end)) {
    if (text.charCodeAt(at) !== 45 || !isEntryDash(text, at)) break;
    read(at + 1, lineEnd(text, at, end));
  }
  return out;
}

/** Texts whose anchors were indexed lately: a file's findings look them up again and again. */
const anchorIndexes = new Map<string, Map<string, number[]>>();
const MAX_INDEXED_TEXTS = 4;

/**
 * Where each anchor (`&name` after a blank or `:`, before a blank) of a text is, in order: one
 * pass per text, so looking one up costs no scan of the file, however many aliases a hostile
 * file holds.
 */
function anchorsOf(text: string): Map<string, number[]> {
  let index = anchorIndexes.get(text);
  if (index) return index;
  index = new Map();
  for (let p = text.indexOf("&"); p >= 0; p = text.indexOf("&", p + 1)) {
    const prev = text.charCodeAt(p - 1);
    if (p > 0 && !isBlank(prev) && prev !== 58) continue;
    let q = p + 1;
    while (q < text.length && !isBlank(text.charCodeAt(q)) && !isFlowIndicator(text.charCodeAt(q))) q++;
    if (q === p + 1 || (q < text.length && !isBlank(text.charCodeAt(q)))) continue;
    const name = text.slice(p + 1, q);
    let at = index.get(name);
    if (!at) index.set(name, (at = []));
    at.push(p);
  }
  if (anchorIndexes.size >= MAX_INDEXED_TEXTS) anchorIndexes.delete(anchorIndexes.keys().next().value as string);
  anchorIndexes.set(text, index);
  return index;
}

/** The block mapping anchored `&name` last before `before` (and at or after `start`), if it is one. */
function anchoredBlock(text: string, start: number, before: number, end: number, name: string): Block | undefined {
  const at = anchorsOf(text).get(name);
  if (!at) return undefined;
  let lo = 0;
  let hi = at.length - 1;
  let p = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((at[mid] as number) < before) {
      p = at[mid] as number;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (p < start) return undefined;
  // The value's parent: the `- ` item the anchor follows, else the key its line starts with.
  const ls = lineStartOf(text, p);
  let i = ls;
  while (i < p && text.charCodeAt(i) === 32) i++;
  const isItem = text.charCodeAt(i) === 45 && isEntryDash(text, i);
  const child = childBlock(text, p, i - ls, end, isItem);
  return child && !(text.charCodeAt(child.first) === 45 && isEntryDash(text, child.first)) ? child : undefined;
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
  const same = sameLineBlock(text, valueAt, e, undefined, isItem);
  if (same !== null) return same;
  const next = firstEntry(text, e + 1, end);
  return next && takesChild(text, next.first, next.indent, parentIndent, isItem) ? next : undefined;
}

/**
 * The block a value starts on the same line as its key or `-` (`- key: v`, `- "key": v`), undefined for a scalar,
 * flow collection or alias there, and null when nothing but a comment follows (the block, if any,
 * starts on a later line). `lineStart` is the line's start when known.
 */
function sameLineBlock(text: string, valueAt: number, e: number, lineStart: number | undefined, isItem: boolean): Block | undefined | null {
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
  if (i >= e || text.charCodeAt(i) === 35) return null;
  // Content on the same line: a compact map or sequence in a `- ` item, else a scalar or flow value.
  if (!isItem) return undefined;
  const c = text.charCodeAt(i);
  if (c === 91 || c === 123 || c === 42 || c === 34 || c === 39 || c === 124 || c === 62) {
    return c === 34 || c === 39 ? quotedKeyBlock(text, i, e, lineStart) : undefined;
  }
  return { first: i, indent: i - (lineStart ?? lineStartOf(text, i)) };
}

/** Whether the first entry after a value's line starts its block: indented more than the parent's, or a sequence under a key at the key's column. */
function takesChild(text: string, first: number, indent: number, parentIndent: number, isItem: boolean): boolean {
  const isSeq = text.charCodeAt(first) === 45 && isEntryDash(text, first);
  return indent > parentIndent || (isSeq && indent === parentIndent && !isItem);
}

/** A `- "key": value` item: a map whose first key is quoted. */
function quotedKeyBlock(text: string, i: number, e: number, lineStart: number | undefined): Block | undefined {
  const close = text.indexOf(text[i] as string, i + 1);
  if (close < 0 || close > e || text.charCodeAt(close + 1) !== 58) return undefined;
  return { first: i, indent: i - (lineStart ?? lineStartOf(text, i)) };
}

function lineStartOf(text: string, p: number): number {
  return text.lastIndexOf("\n", p - 1) + 1;
}

/** Texts whose measured lines mean what this search reads: indentation by spaces alone (no tab, no carriage return). */
const SPACES_ONLY = new WeakMap<LineTable, boolean>();

function spacesOnly(t: LineTable): boolean {
  if (t.ascii) return true;
  let ok = SPACES_ONLY.get(t);
  if (ok === undefined) SPACES_ONLY.set(t, (ok = !t.text.includes("\t") && !t.text.includes("\r")));
  return ok;
}

/**
 * Where the last search of one document by its measured lines stood at each depth of its path:
 * the next search of a path with the same start (a container's `securityContext`, then its
 * `resources`) resumes there instead of walking down from the document's first line again. Kept
 * by the caller, one per document; used only for documents without a key written twice (where
 * no search records earlier entries on its way down).
 */
export interface LocateTrail {
  path: YamlPath;
  /** How many depths below are recorded. */
  count: number;
  /** Per depth: the line of the block's first entry, that entry's offset, and the block's column. */
  lines: number[];
  firsts: number[];
  indents: number[];
  /** Per depth: the offset of the deepest entry found before it. */
  offsets: number[];
}

/** An empty trail for `locate` to fill. */
export function locateTrail(): LocateTrail {
  return { path: [], count: 0, lines: [], firsts: [], indents: [], offsets: [] };
}

/** How many leading segments two paths share. */
function sharedDepth(a: YamlPath, b: YamlPath, max: number): number {
  let d = 0;
  while (d < max && d < a.length && d < b.length && a[d] === b[d]) d++;
  return d;
}

/** Earlier entries of keys on the path written twice, for the line-table search: one array reused from call to call. */
const shadowedByLines: number[] = [];

/** `locate` over a measured text; undefined when [start, end) is not made of whole lines (the caller then reads the text). */
function locateByLines(t: LineTable, start: number, end: number, path: YamlPath, uniqueKeys: boolean, trail?: LocateTrail): Located | undefined {
  const text = t.text;
  const from = lineAtOrAfter(t, start);
  const to = lineAtOrAfter(t, end);
  if ((from < t.count ? t.starts[from] : text.length) !== start || (to < t.count ? t.starts[to] : text.length) !== end) return undefined;
  // The block being searched: its first entry's line and offset, and its entries' column.
  let line: number;
  let first: number;
  let indent: number;
  let offset: number;
  let depth = 0;
  // The deepest block the last search of this document reached on the way to a path with the same start.
  const resume = trail ? sharedDepth(trail.path, path, Math.min(trail.count - 1, path.length - 1)) : 0;
  if (trail && resume > 0) {
    depth = resume;
    line = trail.lines[resume] as number;
    first = trail.firsts[resume] as number;
    indent = trail.indents[resume] as number;
    offset = trail.offsets[resume] as number;
  } else {
    line = firstEntryByLines(t, from, to);
    if (line < 0) return { offset: start, depth: 0 };
    first = (t.starts[line] as number) + (t.indents[line] as number);
    indent = t.indents[line] as number;
    offset = first;
  }
  if (trail) {
    trail.path = path;
    trail.count = depth;
  }
  shadowedByLines.length = 0;
  let valueOffset: number | undefined;
  for (; depth < path.length; depth++) {
    if (trail) {
      trail.lines[depth] = line;
      trail.firsts[depth] = first;
      trail.indents[depth] = indent;
      trail.offsets[depth] = offset;
      trail.count = depth + 1;
    }
    const seg = path[depth] as string | number;
    const at = typeof seg === "number" ? findItemByLines(t, line, first, indent, to, seg) : findKeyByLines(t, line, first, indent, to, seg, uniqueKeys);
    if (at < 0) {
      if (isFlowOpen(text.charCodeAt(first))) return withShadowed(locateFlow(text, first, end, path, depth, offset, shadowedByLines, uniqueKeys), shadowedByLines);
      break;
    }
    const valueAt = foundValueAt;
    const found = foundLine;
    const e = t.ends[found] as number;
    offset = at;
    if (depth === path.length - 1) {
      valueOffset = inlineValue(text, valueAt, e);
      if (valueOffset === undefined) {
        const next = firstEntryByLines(t, found + 1, to);
        if (next >= 0) valueOffset = (t.starts[next] as number) + (t.indents[next] as number);
      }
      depth++;
      break;
    }
    const isItem = typeof seg === "number";
    const same = sameLineBlock(text, valueAt, e, t.starts[found] as number, isItem);
    if (same === undefined) {
      const open = flowValueOnLine(text, valueAt, e);
      if (open >= 0) return withShadowed(locateFlow(text, open, end, path, depth + 1, offset, shadowedByLines, uniqueKeys), shadowedByLines);
      depth++;
      break;
    }
    if (same !== null) {
      line = found;
      first = same.first;
      indent = same.indent;
      continue;
    }
    const next = firstEntryByLines(t, found + 1, to);
    const nextFirst = next < 0 ? -1 : (t.starts[next] as number) + (t.indents[next] as number);
    if (next < 0 || !takesChild(text, nextFirst, t.indents[next] as number, indent, isItem)) {
      depth++;
      break;
    }
    line = next;
    first = nextFirst;
    indent = t.indents[next] as number;
  }
  return withShadowed(valueOffset !== undefined ? { offset, depth, valueOffset } : { offset, depth }, shadowedByLines);
}

function withShadowed(l: Located, shadowed: readonly number[]): Located {
  return shadowed.length > 0 ? { ...l, shadowed: [...shadowed] } : l;
}

/** The line of the first entry on lines [from, to) (content that is not a comment or a directive), or -1. */
function firstEntryByLines(t: LineTable, from: number, to: number): number {
  for (let l = from; l < to; l++) {
    if (t.kinds[l] === 2 && t.text.charCodeAt((t.starts[l] as number) + (t.indents[l] as number)) !== 37) return l;
  }
  return -1;
}

/** The line of the block's entry after the one on `line`, or -1 at a line indented less or at `to`. */
function nextEntryByLines(t: LineTable, indent: number, line: number, to: number): number {
  for (let l = line + 1; l < to; l++) {
    if (t.kinds[l] !== 2) continue;
    const ind = t.indents[l] as number;
    if (ind < indent) return -1;
    if (ind === indent) return l;
  }
  return -1;
}

/** `findKey` over measured lines, in the block whose first entry is at `first` on `line`; also leaves the entry's line in `foundLine`. */
function findKeyByLines(t: LineTable, line: number, first: number, indent: number, to: number, key: string, unique: boolean): number {
  const text = t.text;
  let found = -1;
  let value = 0;
  let foundAt = -1;
  for (let l = line, at = first; l >= 0; ) {
    if (!(text.charCodeAt(at) === 45 && isEntryDash(text, at))) {
      const v = keyMatches(text, at, t.ends[l] as number, key);
      if (v >= 0) {
        if (found >= 0) shadowedByLines.push(found);
        found = at;
        value = v;
        foundAt = l;
        if (unique) break;
      }
    }
    l = nextEntryByLines(t, indent, l, to);
    if (l >= 0) at = (t.starts[l] as number) + indent;
  }
  foundValueAt = value;
  foundLine = foundAt;
  return found;
}

/** `findItem` over measured lines; also leaves the item's line in `foundLine`. */
function findItemByLines(t: LineTable, line: number, first: number, indent: number, to: number, index: number): number {
  const text = t.text;
  let n = 0;
  for (let l = line, at = first; l >= 0; ) {
    if (text.charCodeAt(at) !== 45 || !isEntryDash(text, at)) return -1;
    if (n++ === index) {
      foundValueAt = at + 1;
      foundLine = l;
      return at;
    }
    l = nextEntryByLines(t, indent, l, to);
    if (l >= 0) at = (t.starts[l] as number) + indent;
  }
  return -1;
}

const isFlowOpen = (c: number): boolean => c === 123 || c === 91;
const isFlowIndicator = (c: number): boolean => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Where a flow collection opens on the rest of a value's line (after anchors and tags), or -1. */
function flowValueOnLine(text: string, valueAt: number, e: number): number {
  const v = skipProperties(text, skipBlank(text, valueAt, e), e);
  return v < e && isFlowOpen(text.charCodeAt(v)) ? v : -1;
}

/**
 * Goes on with a search inside the flow collection opening at `open`, from segment `depth` of the
 * path (`offset`: where the deepest entry so far is). JSON is flow-style YAML, so one scan serves
 * both. Nothing recurses and nothing is kept per level (a nested value is stepped over by counting
 * brackets), so hostile nesting costs no stack, and each segment of the path one pass over its
 * collection, as in block style.
 */
function locateFlow(text: string, open: number, end: number, path: YamlPath, depth: number, offset: number, shadowed: number[], unique: boolean): Located {
  for (; depth < path.length; depth++) {
    const seg = path[depth] as string | number;
    const c = text.charCodeAt(open);
    const at = typeof seg === "number" ? (c === 91 ? findFlowItem(text, open, end, seg) : -1) : c === 123 ? findFlowKey(text, open, end, seg, shadowed, unique) : -1;
    if (at < 0) return { offset, depth, flow: true };
    offset = at;
    const value = foundValueAt < 0 ? end : skipBlank(text, foundValueAt, end);
    const vc = text.charCodeAt(value);
    // `{a: }`, `{a}`: the key holds no value.
    const has = value < end && vc !== 44 && vc !== 93 && vc !== 125;
    if (depth === path.length - 1) return has ? { offset, depth: depth + 1, valueOffset: value, flow: true } : { offset, depth: depth + 1, flow: true };
    const child = has ? skipProperties(text, value, end) : end;
    if (child >= end || !isFlowOpen(text.charCodeAt(child))) return { offset, depth: depth + 1, flow: true };
    open = child;
  }
  return { offset, depth, flow: true };
}

/** Past whitespace, line breaks and comments from `p` (a `#` starts one after a blank, as in YAML). */
function skipBlank(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (isBlank(c)) p++;
    else if (c === 35 && (p === 0 || isBlank(text.charCodeAt(p - 1)))) p = lineEnd(text, p, end);
    else break;
  }
  return p;
}

/** Past anchors (`&a`) and tags (`!!map`) before a value, and the blanks after them. */
function skipProperties(text: string, p: number, end: number): number {
  while (p < end && (text.charCodeAt(p) === 38 || text.charCodeAt(p) === 33)) {
    while (p < end && !isBlank(text.charCodeAt(p)) && !isFlowIndicator(text.charCodeAt(p))) p++;
    p = skipBlank(text, p, end);
  }
  return p;
}

/** Past the quoted scalar opening at `p` (JSON's `\"` escapes; YAML's `''` in single quotes), or `end` when it is left open. */
function skipQuoted(text: string, p: number, end: number): number {
  const q = text.charCodeAt(p);
  for (let i = p + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && q === 34) i++;
    else if (c === q) {
      if (q === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i + 1;
    }
  }
  return end;
}

/**
 * The `,` or closing bracket that ends the flow entry at `p`, or `end`: nested collections are
 * stepped over by counting brackets, quoted scalars and comments are skipped whole.
 */
function skipEntry(text: string, p: number, end: number): number {
  let depth = 0;
  for (let i = p; i < end; ) {
    const c = text.charCodeAt(i);
    // A quote opens a scalar only where one starts (`it's` is plain); `"a":"b"` is JSON.
    if (c === 34 || c === 39) {
      const prev = text.charCodeAt(i - 1);
      if (i === p || isBlank(prev) || isFlowIndicator(prev) || prev === 58) {
        i = skipQuoted(text, i, end);
        continue;
      }
    } else if (c === 35 && isBlank(text.charCodeAt(i - 1))) {
      i = lineEnd(text, i, end);
      continue;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 44 && depth === 0) return i;
    i++;
  }
  return end;
}

/** Where the key read by `flowKeyAt` ends. */
let flowKeyEnd = 0;

/** The text of the flow mapping key at `p` (quoted or plain), undefined for a complex or explicit key; its end goes to `flowKeyEnd`. */
function flowKeyAt(text: string, p: number, end: number): string | undefined {
  const c = text.charCodeAt(p);
  if (c === 34 || c === 39) {
    flowKeyEnd = skipQuoted(text, p, end);
    const raw = text.slice(p + 1, flowKeyEnd - 1);
    if (c === 39) return raw.replaceAll("''", "'");
    if (!raw.includes("\\")) return raw;
    try {
      // JSON's escapes; YAML's others (`\x41`) are not found, as a key rarely holds one.
      return JSON.parse(text.slice(p, flowKeyEnd)) as string;
    } catch {
      return undefined;
    }
  }
  if (isFlowOpen(c) || c === 63) {
    flowKeyEnd = p;
    return undefined;
  }
  let i = p;
  for (; i < end; i++) {
    const d = text.charCodeAt(i);
    if (isFlowIndicator(d) || (d === 35 && isBlank(text.charCodeAt(i - 1)))) break;
    if (d === 58) {
      const n = text.charCodeAt(i + 1);
      if (i + 1 >= end || isBlank(n) || isFlowIndicator(n)) break;
    }
  }
  flowKeyEnd = i;
  return text.slice(p, i).trimEnd();
}

/**
 * The offset of the last entry for `key` in the flow mapping opening at `open`, or -1, as the
 * block search does (earlier ones go to `shadowed`; Go's JSON decoder keeps the last as well).
 * Its value's offset is left in `foundValueAt`, -1 for a key with no `:`.
 */
function findFlowKey(text: string, open: number, end: number, key: string, shadowed: number[], unique: boolean): number {
  let found = -1;
  let value = -1;
  for (let p = open + 1; ; ) {
    p = skipBlank(text, p, end);
    const c = text.charCodeAt(p);
    if (p >= end || c === 125 || c === 93) break;
    if (c === 44) {
      p++;
      continue;
    }
    const k = flowKeyAt(text, p, end);
    const q = skipBlank(text, flowKeyEnd, end);
    const v = text.charCodeAt(q) === 58 ? q + 1 : -1;
    if (k === key) {
      if (found >= 0) shadowed.push(found);
      found = p;
      value = v;
      if (unique) break;
    }
    p = skipEntry(text, v < 0 ? q : v, end);
  }
  foundValueAt = value;
  return found;
}

/** The offset of the `index`-th item of the flow sequence opening at `open`, or -1; it is its own value (`foundValueAt`). */
function findFlowItem(text: string, open: number, end: number, index: number): number {
  let n = 0;
  for (let p = open + 1; ; ) {
    p = skipBlank(text, p, end);
    const c = text.charCodeAt(p);
    if (p >= end || c === 125 || c === 93) return -1;
    if (c === 44) {
      p++;
      continue;
    }
    if (n++ === index) {
      foundValueAt = p;
      return p;
    }
    p = skipEntry(text, p, end);
  }
}
