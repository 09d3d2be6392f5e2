import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, Scalar, type Alias, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { parseBlockYaml } from "./yaml-block.js";
import { aliasBomb, checkYamlText, MAX_EXPANDED_NODES, MAX_YAML_BYTES, MAX_YAML_DOCUMENTS } from "./yaml-bounds.js";

/** A parsed YAML document with its source and a line counter, so every node can be placed at line:column. */
export interface YamlFile {
  doc: Document.Parsed;
  lines: LineCounter;
  /** The source text the offsets of every node point into. */
  text: string;
}

/** Every document of a multi-document YAML stream (`---` separated), sharing one line counter. */
export interface YamlDocuments {
  docs: Document.Parsed[];
  lines: LineCounter;
  text: string;
}

export { MAX_EXPANDED_NODES, MAX_YAML_BYTES } from "./yaml-bounds.js";

/** Where each alias points: filled in one pass at parse time, so following an alias costs one lookup. */
const aliasTargets = new WeakMap<Alias, Node>();

function throwFirstError(doc: Document.Parsed, text?: string): void {
  const err = doc.errors[0];
  if (!err) return;
  const pos = err.linePos?.[0];
  // The library's wording names its own API ("please use YAML.parseAllDocuments()"): say what is wrong in the file.
  const message = err.code === "MULTIPLE_DOCS" ? "more than one YAML document (a `---` line starts another): one is expected here" : firstLine(err.message);
  // An error at the very end (an unclosed `[`) is placed after the final newline, on a line the file does not
  // have: name the end of its last line instead.
  if (pos && text !== undefined && text.endsWith("\n") && err.pos[0] >= text.length) {
    const body = text.slice(0, -1);
    throw new ParseFailure(message, body.split("\n").length, body.length - body.lastIndexOf("\n"));
  }
  throw new ParseFailure(message, pos?.line, pos?.col);
}

/**
 * Links every alias to its anchor in one pass (an alias names the closest anchor before it) and
 * counts the nodes the document expands to, memoised per node so the count is linear in the
 * source. The library's own alias resolution searches the whole document per alias (quadratic).
 */
function linkAliases(doc: Document.Parsed, lines: LineCounter): void {
  const anchors = new Map<string, Node>();
  let firstAlias: Alias | undefined;
  let distinct = 0;
  const walk = (node: unknown): void => {
    distinct++;
    if (isAlias(node)) {
      firstAlias ??= node;
      const target = anchors.get(node.source);
      if (!target) throw aliasFailure(lines, node, `unknown alias *${node.source}`);
      aliasTargets.set(node, target);
      return;
    }
    if (node && typeof node === "object" && "anchor" in node && typeof (node as Node).anchor === "string") anchors.set((node as Node).anchor as string, node as Node);
    if (isMap(node)) {
      for (const p of node.items) {
        walk(p.key);
        walk(p.value);
      }
    } else if (isSeq(node)) for (const i of node.items) walk(i);
  };
  walk(doc.contents);
  // Without aliases a document expands to exactly its own nodes: nothing to bound.
  if (!firstAlias) return;
  const sizes = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = aliasTargets.get(node) as Node;
      const memo = sizes.get(target);
      if (memo === -1) throw aliasFailure(lines, node, `alias *${node.source} refers to itself`);
      return memo ?? size(target);
    }
    if (!isCollection(node)) return 1;
    const memo = sizes.get(node);
    if (memo !== undefined) {
      if (memo === -1) throw aliasFailure(lines, node, "a collection contains itself");
      return memo;
    }
    sizes.set(node, -1);
    let n = 1;
    for (const item of node.items as unknown[]) {
      n += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (n - distinct > MAX_EXPANDED_NODES) break;
    }
    sizes.set(node, n);
    return n;
  };
  if (size(doc.contents) - distinct > MAX_EXPANDED_NODES) {
    const p = lines.linePos(firstAlias.range?.[0] ?? 0);
    throw aliasBomb("", { line: p.line, column: p.col });
  }
}

function aliasFailure(lines: LineCounter, node: Node, message: string): ParseFailure {
  const p = lines.linePos(node.range?.[0] ?? 0);
  return new ParseFailure(message, p.line, p.col);
}

const OPTIONS = { prettyErrors: true, uniqueKeys: false, keepSourceTokens: false } as const;

/**
 * Parses YAML text; throws ParseFailure with the first error's 1-based line and column. Block YAML
 * as configuration files write it takes the fast path (yaml-block.ts), which builds the library's
 * own nodes; anything else, errors included, is parsed by the library.
 */
export function parseYaml(text: string): YamlFile {
  checkYamlText(text, MAX_YAML_BYTES);
  let lines = new LineCounter();
  // uniqueKeys is quadratic in the library; callers that care (the policy) check duplicates themselves.
  let doc = parseBlockYaml(text, lines, { ...OPTIONS, lineCounter: lines });
  if (!doc) {
    lines = new LineCounter();
    doc = parseDocument(text, { ...OPTIONS, lineCounter: lines });
  }
  throwFirstError(doc, text);
  linkAliases(doc, lines);
  return { doc, lines, text };
}

/** Parses a YAML stream of one or more documents (Kubernetes manifests, `---` separated). */
export function parseYamlDocuments(text: string): YamlDocuments {
  checkYamlText(text, MAX_YAML_BYTES);
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) throw new ParseFailure("not a YAML stream", 1, 1);
  const extra = docs[MAX_YAML_DOCUMENTS];
  if (extra) {
    const p = lines.linePos(extra.range[0]);
    throw new ParseFailure(`more than ${MAX_YAML_DOCUMENTS.toLocaleString("en")} documents; not parsed`, p.line, p.col);
  }
  for (const doc of docs) {
    throwFirstError(doc, text);
    linkAliases(doc, lines);
  }
  return { docs, lines, text };
}

/** The first line of a pretty yaml error, without its "at line X, column Y" tail (we report those as numbers). */
function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");
}

/** The workspace parser for YAML files. */
export const yamlParser: Parser<YamlFile> = {
  id: "yaml",
  parse: (file: TextFile) => parseYaml(file.text),
};

/** The workspace parser for multi-document YAML files. */
export const yamlDocumentsParser: Parser<YamlDocuments> = {
  id: "yaml-documents",
  parse: (file: TextFile) => parseYamlDocuments(file.text),
};

/** The node an alias stands for (the node itself when it is not an alias). */
export function deref(node: unknown): unknown {
  return isAlias(node) ? aliasTargets.get(node) : node;
}

/** True for a missing value, or one that holds only comments (`key:` with nothing after it). */
export function isEmptyNode(node: unknown): boolean {
  const n = deref(node);
  return n === null || n === undefined || (isScalar(n) && (n.value === null || n.value === undefined));
}

/** 1-based line and column of a node's start (a pair's key for a pair). */
export function nodePosition(y: { lines: LineCounter }, node: unknown): { line: number; column: number } {
  const n = isPair(node) ? node.key : node;
  const offset = (n as Node | null)?.range?.[0] ?? 0;
  const p = y.lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** A mapping's keys indexed once: rules and models ask the same mappings for many keys. */
interface MapIndex {
  /** Each key's first pair, as a scan from the top finds it. */
  own: Map<string, Pair<unknown, unknown>>;
  /** The last `<<` merge key's pair, whose maps fill in missing keys. */
  merge: Pair<unknown, unknown> | undefined;
}

/** Mappings with more keys than this are indexed for lookups. */
const SMALL_MAP = 8;

/** Indexes of mappings, built on first use (documents are not changed after parsing). */
const mapIndexes = new WeakMap<object, MapIndex>();

function mapIndex(m: YAMLMap<unknown, unknown>): MapIndex {
  let ix = mapIndexes.get(m);
  if (!ix) {
    ix = { own: new Map(), merge: undefined };
    for (const p of m.items) {
      const k = deref(p.key);
      if (!isScalar(k)) continue;
      const key = String(k.value);
      if (!ix.own.has(key)) ix.own.set(key, p);
      if (k.value === "<<" && !k.type?.startsWith("QUOTE")) ix.merge = p;
    }
    mapIndexes.set(m, ix);
  }
  return ix;
}

/** The pair for `key` in a map node, if any (aliases followed; a `<<` merge key's maps fill in missing keys). */
export function mapPair(node: unknown, key: string, depth = 0): Pair<unknown, unknown> | undefined {
  const m = deref(node);
  if (!isMap(m)) return undefined;
  let own: Pair<unknown, unknown> | undefined;
  let merge: Pair<unknown, unknown> | undefined;
  if (m.items.length <= SMALL_MAP) {
    // A few keys: scanning them is cheaper than any index.
    for (const p of m.items) {
      const k = deref(p.key);
      if (!isScalar(k)) continue;
      if (String(k.value) === key) {
        own = p;
        break;
      }
      if (k.value === "<<" && !k.type?.startsWith("QUOTE")) merge = p;
    }
  } else {
    const ix = mapIndex(m);
    own = ix.own.get(key);
    merge = ix.merge;
  }
  if (own || !merge || depth > 16) return own;
  const v = deref(merge.value);
  for (const source of isSeq(v) ? v.items : [v]) {
    const hit = mapPair(source, key, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** The value node for `key` in a map node, if any (aliases and merge keys followed). */
export function mapGet(node: unknown, key: string): unknown {
  return deref(mapPair(node, key)?.value ?? undefined);
}

/** The pairs of a map node with their keys as strings (aliases followed; `<<` merge keys expanded). */
export function mapEntries(node: unknown): { key: string; pair: Pair<unknown, unknown>; value: unknown }[] {
  const m = deref(node);
  if (!isMap(m)) return [];
  const out: { key: string; pair: Pair<unknown, unknown>; value: unknown }[] = [];
  const index = new Map<string, number>();
  const put = (e: { key: string; pair: Pair<unknown, unknown>; value: unknown }, override: boolean): void => {
    const at = index.get(e.key);
    if (at === undefined) {
      index.set(e.key, out.length);
      out.push(e);
    } else if (override) out[at] = e;
  };
  for (const p of m.items) {
    const k = deref(p.key);
    if (!isScalar(k) || k.value === null || k.value === undefined) continue;
    const key = String(k.value);
    if (key === "<<" && !(k as Scalar).type?.startsWith("QUOTE")) {
      // A merge key: the merged maps' entries fill in keys this map does not set itself.
      const v = deref(p.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) for (const e of mapEntries(s)) put(e, false);
      continue;
    }
    put({ key, pair: p, value: deref(p.value) }, true);
  }
  return out;
}

/** A scalar node's value as a string (numbers and booleans as written), else undefined. */
export function scalarString(node: unknown): string | undefined {
  const n = deref(node);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return v === null || v === undefined ? undefined : String(v);
}

/** Items of a sequence node (empty when it is not one), aliases followed. */
export function seqItems(node: unknown): unknown[] {
  const n = deref(node);
  return isSeq(n) ? n.items.map(deref) : [];
}

// Scalar styles, read once: the library exposes them through getters that cost a call per access.
const PLAIN = Scalar.PLAIN;
const QUOTE_DOUBLE = Scalar.QUOTE_DOUBLE;
const QUOTE_SINGLE = Scalar.QUOTE_SINGLE;
const BLOCK_LITERAL = Scalar.BLOCK_LITERAL;
const BLOCK_FOLDED = Scalar.BLOCK_FOLDED;

/** Per scalar: the source offset reached after each value character (built once, in one pass). */
const offsetTables = new WeakMap<Scalar, Int32Array>();

function offsetTable(text: string, node: Scalar, value: string): Int32Array {
  let table = offsetTables.get(node);
  if (table) return table;
  const [start = 0, end = start] = node.range ?? [];
  let p = start;
  if (node.type === QUOTE_DOUBLE || node.type === QUOTE_SINGLE) p = start + 1;
  else if (node.type === BLOCK_LITERAL || node.type === BLOCK_FOLDED) {
    const nl = text.indexOf("\n", start);
    p = nl < 0 || nl >= end ? end : nl + 1;
  }
  table = new Int32Array(value.length + 1);
  table[0] = p;
  for (let i = 0; i < value.length; i++) {
    p = advance(text, p, end, value.charCodeAt(i), node.type);
    table[i + 1] = p;
  }
  offsetTables.set(node, table);
  return table;
}

/**
 * The source offset of character `index` of a scalar's value. Exact for plain and quoted
 * scalars and for the content of block scalars (`run: |`), so a finding can point at an
 * expression inside a script; the leading spaces of a more-indented block line may be placed a
 * few columns early. Linear in the scalar's length once per scalar, then constant per call.
 */
export function scalarOffset(text: string, node: Scalar, index: number): number {
  const [start = 0, end = start] = node.range ?? [];
  const value = typeof node.value === "string" ? node.value : String(node.value ?? "");
  if (node.type === PLAIN && !text.slice(start, end).includes("\n")) return start + Math.min(index, value.length);
  const limit = Math.min(index, value.length);
  const p = offsetTable(text, node, value)[limit] as number;
  // Land on the character itself, past indentation or folding that precedes it.
  if (index < value.length) {
    const c = value.charCodeAt(index);
    let q = p;
    while (q < end && text.charCodeAt(q) !== c && isSpace(text.charCodeAt(q))) q++;
    if (q < end && text.charCodeAt(q) === c) return q;
  }
  return p;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Moves past the source of one value character; returns the offset after it. */
function advance(text: string, at: number, end: number, c: number, type: Scalar["type"]): number {
  let p = at;
  // An escaped line break stands for nothing in the value: step over it first.
  while (type === QUOTE_DOUBLE && text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 10) p += escapeLength(text, p);
  if (type === QUOTE_DOUBLE && text.charCodeAt(p) === 92) return p + escapeLength(text, p);
  if (type === QUOTE_SINGLE && text.charCodeAt(p) === 39 && text.charCodeAt(p + 1) === 39) return p + 2;
  if (text.charCodeAt(p) === c) return p + 1;
  // Indentation and line folding: skip whitespace up to the character (or to the folded space).
  let q = p;
  while (q < end && text.charCodeAt(q) !== c && isSpace(text.charCodeAt(q))) q++;
  return q < end && text.charCodeAt(q) === c ? q + 1 : p + 1;
}

function escapeLength(text: string, p: number): number {
  const e = text[p + 1];
  if (e === "x") return 4;
  if (e === "u") return 6;
  if (e === "U") return 10;
  if (e === "\n") {
    // An escaped line break continues on the next line, after its indentation.
    let q = p + 2;
    while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9) q++;
    return q - p;
  }
  return 2;
}
