import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import { ParseFailure, type Parser, type TextFile } from "./files.js";

/** A parsed YAML document with a line counter, so every node can be placed at line:column. */
export interface YamlFile {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Bounds against hostile input: "billion laughs" aliases, nesting that exhausts the parser, sheer size. */
const MAX_ALIASES = 100;
const MAX_DEPTH = 256;
const MAX_INDENT = 1024;
/** Parsing time grows about 2-4 s per MiB on hostile shapes; real configuration files are far smaller. */
export const MAX_YAML_BYTES = 1024 * 1024;

/**
 * Refuses input the YAML library cannot parse safely: it recurses per nesting level (100,000
 * nested brackets exhaust the process, not just the stack) and its time grows with size. Counts
 * brackets even inside strings, which only makes it stricter on absurd input.
 */
function checkBounds(text: string): void {
  if (text.length > MAX_YAML_BYTES) throw new ParseFailure(`larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB; not parsed`);
  let depth = 0;
  let line = 1;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      indent = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        if (++indent > MAX_INDENT) throw new ParseFailure(`indented more than ${MAX_INDENT} columns; not parsed`, line, 1);
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) throw new ParseFailure(`nested more than ${MAX_DEPTH} levels; not parsed`, line);
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
}

/** Parses YAML text; throws ParseFailure with the first error's 1-based line and column. */
export function parseYaml(text: string): YamlFile {
  checkBounds(text);
  const lines = new LineCounter();
  // uniqueKeys is quadratic in the library; callers that care (the policy) check duplicates themselves.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false });
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
