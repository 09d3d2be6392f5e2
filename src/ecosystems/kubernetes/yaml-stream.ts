import { parseDocument } from "yaml";
import { ParseFailure } from "../../core/files.js";
import { lineIndex, type LineIndex } from "../../core/line-index.js";
import { checkExpansion, loadYamlData, MAX_YAML_BYTES, MAX_YAML_DATA_BYTES, MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS } from "../formats/yaml-bounds.js";
import { lineAtOrAfter, lineTable, loadBlockYamlLines, type LineTable } from "../formats/yaml-fast-data.js";

/**
 * A multi-document YAML stream read fast: each `---` document is loaded on its own as plain data
 * (about ten times faster than a full syntax tree; manifests come by the thousand), within the
 * bounds of every YAML load (yaml-bounds.ts). Positions are found afterwards, only for what a
 * finding points at, by `locate`.
 */
export interface StreamDocument {
  /** 0-based index in the stream. */
  index: number;
  /** UTF-16 offsets of the document's text in the file (separator line excluded). */
  start: number;
  end: number;
  /** The parsed value; undefined for an empty document or one that failed to parse. */
  value: unknown;
  /** Why the document could not be parsed, with its 1-based position in the file. */
  error?: { message: string; line: number; column: number };
}

/** Splits a YAML stream into documents at `---` and `...` lines, keeping offsets. Linear. */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let docStart = 0;
  let sawContent = false;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const c0 = text.charCodeAt(pos);
    if ((c0 === 45 || c0 === 46) && text.charCodeAt(pos + 1) === c0 && text.charCodeAt(pos + 2) === c0) {
      const after = text.charCodeAt(pos + 3);
      if (pos + 3 >= nl || after === 32 || after === 9 || after === 13) {
        const isStart = c0 === 45;
        if (sawContent || isStart) {
          if (sawContent) out.push({ start: docStart, end: pos });
          sawContent = false;
        }
        // `--- value` starts a document on the separator line itself.
        const rest = text.slice(pos + 3, nl).trim();
        const inline = isStart && rest !== "" && !rest.startsWith("#");
        docStart = inline ? pos + 4 : nl + 1;
        sawContent = inline;
        pos = nl + 1;
        continue;
      }
    }
    if (!sawContent) {
      let i = pos;
      while (i < nl && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
      if (i < nl && text.charCodeAt(i) !== 35 && text.charCodeAt(i) !== 37) sawContent = true;
    }
    pos = nl + 1;
  }
  if (sawContent) out.push({ start: docStart, end: text.length });
  return out;
}

/** Parses every document of a stream; one document's error never hides the others. Past MAX_YAML_DOCUMENTS, one error says the rest was not parsed. */
export function parseStream(text: string): StreamDocument[] {
  const parts = splitDocuments(text);
  // One index for the stream (built on the first error): positions of many broken documents stay linear.
  const ix = lineIndex(text);
  // The lines are measured once for the whole stream: each plain document is then read in place.
  const table = text.length <= MAX_YAML_DATA_BYTES ? lineTable(text) : undefined;
  const out = parts.slice(0, MAX_YAML_DOCUMENTS).map((p, index) => parseOne(text, ix, table, p.start, p.end, index));
  const rest = parts[MAX_YAML_DOCUMENTS];
  if (rest) {
    const message = `more than ${MAX_YAML_DOCUMENTS.toLocaleString("en")} documents; the rest was not parsed`;
    out.push({ index: MAX_YAML_DOCUMENTS, start: rest.start, end: text.length, value: undefined, error: { message, ...ix.positionAt(rest.start) } });
  }
  return out;
}

function parseOne(text: string, ix: LineIndex, table: LineTable | undefined, start: number, end: number, index: number): StreamDocument {
  if (table && end - start <= MAX_YAML_DATA_BYTES) {
    // A document that starts at a line's start (not `--- value`) and is plain block YAML: no copy, no js-yaml.
    const from = lineAtOrAfter(table, start);
    if (from < table.count ? table.starts[from] === start : start === text.length) {
      const fast = loadBlockYamlLines(table, from, lineAtOrAfter(table, end), MAX_YAML_DEPTH);
      if (fast?.withinBounds) return { index, start, end, value: fast.value };
    }
  }
  const chunk = text.slice(start, end);
  const failed = (e: ParseFailure): StreamDocument => ({ index, start, end, value: undefined, error: { message: e.message, ...inFile(ix, start, e) } });
  try {
    return { index, start, end, value: loadYamlData(chunk) };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    // Bounds crossed: final. A syntax error may be a custom tag (`!Ref`) only the full parser accepts: ask it.
    if (/not parsed$/.test(e.message) || chunk.length > MAX_YAML_BYTES) return failed(e);
    const doc = parseDocument(chunk, { uniqueKeys: false, prettyErrors: false });
    const err = doc.errors[0];
    if (err) return { index, start, end, value: undefined, error: { message: firstLine(err.message), ...ix.positionAt(start + err.pos[0]) } };
    try {
      // Aliases resolve to shared values (no count limit needed): the expansion bound below judges them.
      const value: unknown = doc.toJS({ maxAliasCount: -1 });
      checkExpansion(value, chunk);
      return { index, start, end, value };
    } catch (e2) {
      return failed(e2 instanceof ParseFailure ? e2 : e);
    }
  }
}

/** A failure's position in a document, as a position in the whole stream. */
function inFile(ix: LineIndex, start: number, e: ParseFailure): { line: number; column: number } {
  const base = ix.positionAt(start);
  const line = e.line ?? 1;
  const column = e.column ?? 1;
  return { line: base.line + line - 1, column: line === 1 ? base.column + column - 1 : column };
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "").replace(/ \(\d+:\d+\)$/, "");
}
