import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { lineIndex } from "../../core/line-index.js";
import { jsonTooDeepAt } from "../../core/json-depth.js";

/** A parsed JSON (or JSONC) file: the value, and where any part of it is, found on demand. */
export interface JsonFile {
  value: unknown;
  text: string;
  /** Where the value at a JSON path is (`["packages", "node_modules/x", "version"]`), 1-based. */
  locate(path: readonly (string | number)[]): { line: number; column: number; offset: number } | undefined;
}

/** Deeper nesting than this is refused before parsing: real lockfiles nest a few levels. */
const MAX_DEPTH = 512;

function checkDepth(text: string): void {
  const at = jsonTooDeepAt(text, MAX_DEPTH);
  if (at === undefined) return;
  const p = lineIndex(text).positionAt(at);
  throw new ParseFailure(`nested more than ${MAX_DEPTH} levels; not parsed`, p.line, p.column);
}

function withLocate(text: string, value: unknown, allowComments: boolean): JsonFile {
  let tree: JsonNode | undefined;
  let built = false;
  const { positionAt } = lineIndex(text);
  return {
    value,
    text,
    locate(path) {
      if (!built) {
        // The tree is built once, on the first question: most reads never ask where anything is.
        tree = parseTree(text, [], { allowTrailingComma: allowComments, disallowComments: !allowComments });
        built = true;
      }
      const node = tree ? findNodeAtLocation(tree, [...path]) : undefined;
      if (!node) return undefined;
      // A property's value: point at its key, where a reader looks.
      const at = node.parent?.type === "property" ? node.parent.offset : node.offset;
      return { ...positionAt(at), offset: at };
    },
  };
}

/**
 * "invalid JSON syntax", saying so when the error is at the end of the text: a lockfile cut short by
 * a failed download or a size-limited copy reads as that, where a bare syntax error sends people
 * looking for a typo at the last line.
 */
function syntaxMessage(text: string, errors: readonly ParseError[], detail = ""): string {
  const end = text.trimEnd().length;
  // A string left open is reported where it starts: its code says the text ended inside it.
  const cut = errors.some((e) => e.offset + e.length >= end || printParseErrorCode(e.error).startsWith("UnexpectedEndOf"));
  return `invalid JSON syntax${cut ? " (the file looks truncated)" : detail}`;
}

/** Parses strict JSON; a syntax error is a ParseFailure at its line and column (never an excerpt of the text). */
export function parseJson(text: string): JsonFile {
  checkDepth(text);
  try {
    return withLocate(text, JSON.parse(text) as unknown, false);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true });
    const offset = m ? Number(m[1]) : (errors[0]?.offset ?? 0);
    const p = lineIndex(text).positionAt(offset);
    throw new ParseFailure(text.trim() === "" ? "empty file, expected JSON" : syntaxMessage(text, errors), p.line, p.column);
  }
}

/**
 * JSONC without its comments and trailing commas, for JSON.parse (ten times faster than building a
 * syntax tree: a 4 MB bun.lock). Strings are copied as they are; undefined when the text has a
 * comment or comma this scan cannot place (then the tree parser decides, and says where).
 */
function stripJsonc(text: string): string | undefined {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47) {
      const n = text.charCodeAt(i + 1);
      const end = n === 47 ? text.indexOf("\n", i) : n === 42 ? text.indexOf("*/", i + 2) : -2;
      if (end === -2) return undefined;
      out += text.slice(from, i);
      i = end < 0 ? text.length : n === 42 ? end + 1 : end - 1;
      from = i + 1;
    } else if (c === 44) {
      let j = i + 1;
      while (j < text.length && (text.charCodeAt(j) <= 32 || (text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 47))) {
        if (text.charCodeAt(j) === 47) {
          const nl = text.indexOf("\n", j);
          j = nl < 0 ? text.length : nl;
        } else j++;
      }
      const d = text.charCodeAt(j);
      if (d === 125 || d === 93) {
        // A trailing comma: drop it.
        out += text.slice(from, i);
        from = i + 1;
      }
    }
  }
  return out + text.slice(from);
}

/** Parses JSON with comments and trailing commas (`bun.lock`, `devcontainer.json`, `tsconfig.json`). */
export function parseJsonc(text: string): JsonFile {
  checkDepth(text);
  const plain = stripJsonc(text);
  if (plain !== undefined) {
    try {
      return withLocate(text, JSON.parse(plain) as unknown, true);
    } catch {
      // Fall through: the tree parser reports the position in the original text.
    }
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const p = lineIndex(text).positionAt(first?.offset ?? 0);
    throw new ParseFailure(syntaxMessage(text, errors, first ? ` (${printParseErrorCode(first.error)})` : ""), p.line, p.column);
  }
  return withLocate(text, nodeValue(tree), true);
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = nodeValue(v);
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** The workspace parser for strict JSON files (lockfiles, package.json). */
export const jsonParser: Parser<JsonFile> = { id: "json", parse: (file: TextFile) => parseJson(file.text) };

/** The workspace parser for JSON with comments and trailing commas. */
export const jsoncParser: Parser<JsonFile> = { id: "jsonc", parse: (file: TextFile) => parseJsonc(file.text) };

/** True for a plain object (not null, not an array): JSON from a hostile tree may be any shape. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value if it is a plain object, else undefined. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

/** The value if it is a string, else undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
