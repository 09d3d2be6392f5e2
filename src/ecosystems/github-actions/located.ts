import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { deref, mapEntries, scalarOffset, type YamlFile } from "../formats/yaml.js";

/** Where something is in its file: 1-based lines and columns (end inclusive), UTF-16 offsets (end exclusive). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

/** A scalar value with its exact place in the source, down to each character of a block scalar. */
export interface Str {
  /** The value as a string (numbers and booleans as YAML wrote them: `false`, `3`). */
  value: string;
  /** The whole scalar in the source, quotes and block header included. */
  span: Span;
  node: Scalar;
  /** The span of value characters [start, end) in the source (an expression inside a `run:` script). */
  spanOf(start: number, end: number): Span;
}

/** The line `LineCounter.linePos` gives for an offset, without allocating its answer. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] as number) < offset) low = mid + 1;
    else high = mid;
  }
  return starts[low] === offset ? low + 1 : low;
}

/** The column `LineCounter.linePos` gives for an offset on `line`. */
function columnOf(starts: readonly number[], line: number, offset: number): number {
  return line === 0 ? offset : offset - (starts[line - 1] as number) + 1;
}

/** A span from two source offsets (end exclusive). */
export function spanAt(y: YamlFile, offset: number, endOffset: number): Span {
  const starts = y.lines.lineStarts;
  const last = Math.max(offset, endOffset - 1);
  const line = lineOf(starts, offset);
  const endLine = lineOf(starts, last);
  return { line, column: columnOf(starts, line, offset), endLine, endColumn: columnOf(starts, endLine, last), offset, endOffset };
}

/** The span of any node (a map, a pair's key, a sequence item). */
export function nodeSpan(y: YamlFile, node: unknown): Span {
  const n = deref(node) as { range?: [number, number, number] } | null | undefined;
  const [start = 0, end = start] = n?.range ?? [];
  return spanAt(y, start, Math.max(end, start + 1));
}

/** Where a located string's file is: a symbol key, so it stays out of Object.keys and JSON. */
const FILE = Symbol("yaml file");

/** A located string: one object per scalar, its `spanOf` shared on the prototype (models hold thousands). */
class LocatedStr implements Str {
  readonly [FILE]: YamlFile;
  constructor(
    readonly value: string,
    readonly span: Span,
    readonly node: Scalar,
    y: YamlFile,
  ) {
    this[FILE] = y;
  }

  spanOf(start: number, end: number): Span {
    const y = this[FILE];
    const from = scalarOffset(y.text, this.node, start);
    const to = end <= start ? from : scalarOffset(y.text, this.node, end - 1) + 1;
    return spanAt(y, from, to);
  }
}

/** A located string for a scalar node; undefined for anything else (maps, sequences, null). */
export function str(y: YamlFile, node: unknown): Str | undefined {
  const n = deref(node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  const [start = 0, end = start] = n.range ?? [];
  return new LocatedStr(String(n.value), spanAt(y, start, end), n, y);
}

/** How far back from its value a tag is looked for: `!tag` and the value sit on one line, a few spaces apart. */
const MAX_TAG_GAP = 400;

/**
 * A scalar written with a YAML tag of its own (`!github.event.repository.fork`, `! startsWith(…)`) as the text
 * the author typed, tag included; undefined for any other node. `!` opens a tag in YAML, so such a value is
 * not the text it reads as: the tag takes the leading words (and a following `&&` an anchor), and GitHub
 * refuses the file. Standard tags (`!!str`) are left out: they are YAML's own.
 */
export function taggedScalar(y: YamlFile, node: unknown): Str | undefined {
  const n = deref(node);
  if (!isScalar(n) || typeof n.tag !== "string" || !n.tag.startsWith("!")) return undefined;
  const [start = 0, end = start] = n.range ?? [];
  // The tag as written comes before the value; a percent-escaped one may not read as `n.tag` does: then the nearest `!`.
  const from = Math.max(0, start - MAX_TAG_GAP);
  let at = y.text.lastIndexOf(n.tag, start);
  if (at < from) at = y.text.lastIndexOf("!", start);
  if (at < from || at < 0) return undefined;
  const stop = Math.max(end, at + 1);
  const value = y.text.slice(at, stop).trimEnd();
  const span = spanAt(y, at, at + Math.max(1, value.length));
  return { value, span, node: n, spanOf: (s: number, e: number) => spanAt(y, at + s, at + Math.max(s + 1, e)) };
}

/** Scalar entries of a map node as located strings; nested maps and sequences are left out. */
export function strMap(y: YamlFile, node: unknown): Record<string, Str> {
  const out: Record<string, Str> = {};
  for (const e of mapEntries(node)) {
    const s = str(y, e.value);
    if (s) out[e.key] = s;
  }
  return out;
}

/** A scalar or a sequence of scalars as located strings (`branches: main` or `[main, dev]`). */
export function strList(y: YamlFile, node: unknown): Str[] {
  const n = deref(node);
  if (isSeq(n)) return n.items.map((i) => str(y, i)).filter((s): s is Str => s !== undefined);
  const one = str(y, n);
  return one ? [one] : [];
}

/** True when a node is a map (aliases followed). */
export function isMapping(node: unknown): boolean {
  return isMap(deref(node));
}

/** The trailing comment on the line where a scalar ends (`uses: a/b@<sha> # v4.1.1` gives "v4.1.1"). */
export function trailingComment(y: YamlFile, s: Str): string | undefined {
  const eol = y.text.indexOf("\n", s.span.endOffset);
  const rest = y.text.slice(s.span.endOffset, eol < 0 ? undefined : eol);
  const m = /^[ \t]{0,200}#[ \t]{0,20}([^\r\n]{0,300})/.exec(rest);
  return m ? (m[1] ?? "").trim() : undefined;
}

/** Scalars walked before `allScalars` stops (a workflow has a few thousand). */
const MAX_SCALARS = 200_000;

/**
 * Every scalar under `node` as a located string, keys left out, in document order (aliases
 * followed once each, so a shared anchor is not walked again from every alias). `keep` filters on
 * the raw value before a located string is made (most scalars are not wanted).
 */
export function allScalars(y: YamlFile, node: unknown, keep?: (value: string) => boolean): Str[] {
  const out: Str[] = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [node];
  while (stack.length > 0 && out.length < MAX_SCALARS) {
    const n = deref(stack.pop());
    if (n === undefined || n === null || seen.has(n)) continue;
    seen.add(n);
    if (isMap(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]?.value);
    } else if (isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    } else if (isScalar(n) && n.value !== null && n.value !== undefined && (!keep || keep(String(n.value)))) {
      const s = str(y, n);
      if (s) out.push(s);
    }
  }
  return out;
}
