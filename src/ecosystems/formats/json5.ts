// JSON5 (Renovate's renovate.json5, .renovaterc.json5) read through the JSONC parser: one forward
// pass rewrites the two JSON5 forms JSONC lacks, unquoted member names and single-quoted strings,
// into JSON; comments and trailing commas are left for the JSONC reader. No regular expressions
// over the text: linear on any input, however hostile. Line breaks are kept, so a syntax error
// is reported on its own line (columns may shift by the quotes added on that line).
import type { Parser, TextFile } from "../../core/files.js";
import { parseJsonc, type JsonFile } from "./json.js";

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/** The JSON5 text as JSONC: member names quoted, single-quoted strings double-quoted. */
export function json5ToJsonc(text: string): string {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      i = copyString(text, i, out);
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? n : end;
      out.push(text.slice(i, stop));
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      out.push(text.slice(i, stop));
      i = stop;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j] as string)) j++;
      let k = j;
      while (k < n && (text[k] === " " || text[k] === "\t" || text[k] === "\r" || text[k] === "\n")) k++;
      const name = text.slice(i, j);
      // A member name before `:`; keywords (true, false, null) and anything else stay as written.
      out.push(text[k] === ":" ? `"${name}"` : name);
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join("");
}

/** Copies a string literal starting at `start` as a JSON string; returns the offset after it. */
function copyString(text: string, start: number, out: string[]): number {
  const quote = text[start];
  const n = text.length;
  out.push('"');
  let i = start + 1;
  while (i < n) {
    const c = text[i] as string;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "\n") i += 2; // a JSON5 line continuation
      else if (next === "\r") i += text[i + 2] === "\n" ? 3 : 2;
      else if (next === "'") {
        out.push("'");
        i += 2;
      } else {
        out.push(text.slice(i, i + 2));
        i += 2;
      }
    } else if (c === quote) {
      out.push('"');
      return i + 1;
    } else if (c === '"') {
      out.push('\\"');
      i++;
    } else if (c === "\n") {
      // An unterminated string: stop at the line's end and let the JSONC reader report it.
      return i;
    } else {
      out.push(c);
      i++;
    }
  }
  return n;
}

/** Parses JSON5 (unquoted names, single quotes, comments, trailing commas); errors are ParseFailures. */
export function parseJson5(text: string): JsonFile {
  return parseJsonc(json5ToJsonc(text));
}

/** The workspace parser for JSON5 files (Renovate's `.json5` configurations). */
export const json5Parser: Parser<JsonFile> = { id: "json5", parse: (file: TextFile) => parseJson5(file.text) };
