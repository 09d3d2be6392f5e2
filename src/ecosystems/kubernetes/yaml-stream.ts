import { load as loadYaml, YAMLException } from "js-yaml";
import { parseDocument } from "yaml";

/**
 * A multi-document YAML stream read fast: each `---` document is parsed on its own with js-yaml
 * (about ten times faster than a full syntax tree; manifests come by the thousand), into plain
 * values. Positions are found afterwards, only for what a finding points at, by `locate`.
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

/** Documents larger than this are not parsed (a hostile or generated file); 8 MiB matches the read cap. */
const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;
/** Nesting deeper than this is refused before parsing: the parsers recurse per level. */
const MAX_NESTING = 200;

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

/** Parses every document of a stream; one document's error never hides the others. */
export function parseStream(text: string): StreamDocument[] {
  const parts = splitDocuments(text);
  return parts.map((p, index) => parseOne(text, p.start, p.end, index));
}

function parseOne(text: string, start: number, end: number, index: number): StreamDocument {
  const chunk = text.slice(start, end);
  const at = (offsetInChunk: number): { line: number; column: number } => positionOf(text, start + offsetInChunk);
  if (chunk.length > MAX_DOCUMENT_CHARS) return { index, start, end, value: undefined, error: { message: "document larger than 8 MiB; not parsed", ...at(0) } };
  const deep = nestingTooDeep(chunk);
  if (deep >= 0) return { index, start, end, value: undefined, error: { message: `nested more than ${MAX_NESTING} levels; not parsed`, ...at(deep) } };
  try {
    return { index, start, end, value: loadYaml(chunk, { json: true }) };
  } catch (e) {
    // js-yaml refuses custom tags (`!Ref`) and some edge cases the full parser accepts: ask it.
    if (chunk.length <= 1024 * 1024) {
      const doc = parseDocument(chunk, { uniqueKeys: false, prettyErrors: false });
      const err = doc.errors[0];
      if (!err) {
        try {
          return { index, start, end, value: doc.toJS({ maxAliasCount: 1000 }) };
        } catch {
          /* an alias bomb: report the first parser's error */
        }
      } else return { index, start, end, value: undefined, error: { message: firstLine(err.message), ...at(err.pos[0]) } };
    }
    const mark = e instanceof YAMLException ? e.mark : undefined;
    const pos = mark ? at(mark.position) : at(0);
    return { index, start, end, value: undefined, error: { message: firstLine(e instanceof YAMLException ? e.reason : String(e)), ...pos } };
  }
}

/** Offset of the first bracket nested deeper than the bound, or -1. Counts inside strings too: stricter on absurd input only. */
function nestingTooDeep(s: string): number {
  let depth = 0;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        if (++indent > 4 * MAX_NESTING) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "").replace(/ \(\d+:\d+\)$/, "");
}

/** 1-based line and column of an offset (linear; used for errors only). */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
