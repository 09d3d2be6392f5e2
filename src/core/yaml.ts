import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import { ParseFailure, type Parser, type TextFile } from "./files.js";

/** A parsed YAML document with a line counter, so every node can be placed at line:column. */
export interface YamlFile {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Bounds against hostile input ("billion laughs" aliases, deep nesting via the parser limits). */
const MAX_ALIASES = 100;

/** Parses YAML text; throws ParseFailure with the first error's 1-based line and column. */
export function parseYaml(text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new ParseFailure(firstLine(err.message), pos?.line, pos?.col);
  }
  try {
    // Resolving aliases here applies maxAliasCount now rather than in some rule later.
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new ParseFailure(e instanceof Error ? firstLine(e.message) : String(e));
  }
  return { doc, lines };
}

/** The first line of a pretty yaml error, without its "at line X, column Y" tail (we report those as numbers). */
function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");
}

/** True for a missing value, or one that holds only comments (`key:` with nothing after it). */
export function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

/** The workspace parser for YAML files. */
export const yamlParser: Parser<YamlFile> = {
  id: "yaml",
  parse: (file: TextFile) => parseYaml(file.text),
};

/** 1-based line and column of a node's start. */
export function nodePosition(y: YamlFile, node: Node | Pair | null | undefined): { line: number; column: number } {
  const n = node && "range" in node ? node : node && "key" in node ? (node.key as Node | null) : null;
  const offset = n?.range?.[0] ?? 0;
  const p = y.lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The pair for `key` in a map node, if any. */
export function mapPair(node: unknown, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** The value node for `key` in a map node, if any. */
export function mapGet(node: unknown, key: string): unknown {
  return mapPair(node, key)?.value ?? undefined;
}

/** A scalar node's string value, else undefined. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null || v === undefined ? undefined : String(v);
}

/** Items of a sequence node (empty when it is not one). */
export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
