import { parseDocument } from "yaml";
import { AssayError, type ErrorCode } from "./errors.js";
import { jsonTooDeepAt } from "./json-depth.js";
import { lineIndex } from "./line-index.js";

// Moved to json-depth.js (which does not load yaml): re-exported for existing importers.
export { jsonTooDeepAt } from "./json-depth.js";

/**
 * What went wrong, in V8's words but without the excerpt of the file it quotes
 * (`Unexpected token 'x', "…" is not valid JSON`): the file may hold anything, and the position
 * already says where to look.
 */
function problem(msg: string): string {
  if (/^Unexpected end of JSON input/.test(msg)) return "unexpected end of input";
  if (/is not valid JSON$/.test(msg) || /^Unexpected token/.test(msg)) return "unexpected character";
  const head = msg.replace(/\s*\(line \d+ column \d+\)$/, "").replace(/\s+(?:in JSON )?at position \d+$/, "");
  // V8's fixed sentences ("Expected ',' or '}' after property value") quote only punctuation.
  return /^[A-Za-z ,':{}[\]"-]{1,120}$/.test(head) && !/"[^"]{2,}"/.test(head) ? head.charAt(0).toLowerCase() + head.slice(1) : "not valid JSON";
}

/** JSON.parse that turns a syntax error into an AssayError pointing at line:column, quoting nothing of the file. */
export function parseJsonText(text: string, path: string, code: ErrorCode, hint: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const pos = m ? lineIndex(text).positionAt(Number(m[1])) : text.trim() === "" ? { line: 1, column: 1 } : yamlErrorPosition(text);
    throw new AssayError(code, `malformed JSON: ${problem(msg)}`, { position: { path, ...(pos ?? {}) }, hint });
  }
}

/** Past this depth the yaml parser's answer costs seconds (and is wrong): the position is where the nesting got too deep. */
const MAX_DEPTH = 256;

/** Node 20 omits the position for some JSON errors; JSON is YAML, and the yaml parser says where. */
function yamlErrorPosition(text: string): { line: number; column: number } | undefined {
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  if (deep !== undefined) return lineIndex(text).positionAt(deep);
  const p = parseDocument(text, { schema: "json" }).errors[0]?.linePos?.[0];
  return p ? { line: p.line, column: p.col } : undefined;
}
