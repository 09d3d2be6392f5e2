import { FAILSAFE_SCHEMA, load, YAMLException } from "js-yaml";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";

// Machine-written YAML lockfiles (pnpm-lock.yaml, pubspec.lock) are data, often several MB: read
// as plain values with js-yaml, an order of magnitude faster than the position-keeping document
// model of yaml.ts (5 MB: 0.3 s against 3 s). Every scalar stays a string (the failsafe schema),
// so `1.10` is never the number 1.1. Aliases are shared references, never copies: no alias bomb.

/** A YAML file read as data, with its text for line look-ups. */
export interface YamlData {
  value: unknown;
  text: string;
}

const MAX_DEPTH = 256;
/**
 * Nodes the data may amount to once shared references (aliases) are counted each time they are
 * used. Lockfile writers never use aliases; a hand-made alias bomb would make every reader's loops
 * multiply, so it is refused. An 8 MB pnpm lockfile is about half a million nodes.
 */
export const MAX_YAML_DATA_NODES = 4_000_000;

/** Counts nodes as if shared references were copies, memoised per object so the count is linear. */
function expandedSize(value: unknown, memo: Map<object, number>): number {
  if (typeof value !== "object" || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, 1);
  let n = 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    n += expandedSize(v, memo);
    if (n > MAX_YAML_DATA_NODES) break;
  }
  memo.set(value, n);
  return n;
}

/** js-yaml recurses per nesting level; refuse what would exhaust the stack before it tries. */
function checkDepth(text: string): void {
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
        if (++indent > 2 * MAX_DEPTH) throw new ParseFailure(`indented more than ${2 * MAX_DEPTH} columns; not parsed`, line, 1);
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) throw new ParseFailure(`nested more than ${MAX_DEPTH} levels; not parsed`, line);
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
}

/** Parses YAML into plain values (strings, arrays, objects); a syntax error is a ParseFailure at its position. */
export function parseYamlData(text: string): YamlData {
  checkDepth(text);
  try {
    const value = load(text, { schema: FAILSAFE_SCHEMA, json: true });
    if (/[&*][^\s,[\]{}]/.test(text) && expandedSize(value, new Map()) > MAX_YAML_DATA_NODES) {
      throw new ParseFailure(`aliases expand to more than ${MAX_YAML_DATA_NODES.toLocaleString("en")} nodes (an alias bomb); not parsed`, 1, 1);
    }
    return { value, text };
  } catch (e) {
    if (e instanceof ParseFailure) throw e;
    if (e instanceof YAMLException) throw new ParseFailure(e.reason || "invalid YAML", e.mark ? e.mark.line + 1 : undefined, e.mark ? e.mark.column + 1 : undefined);
    throw new ParseFailure(`could not be parsed as YAML (${e instanceof RangeError ? "nested too deeply" : "error"})`, 1, 1);
  }
}

/** The workspace parser for machine-written YAML read as data. */
export const yamlDataParser: Parser<YamlData> = { id: "yaml-data", parse: (file: TextFile) => parseYamlData(file.text) };

/**
 * 1-based lines of the keys directly under a top-level section (`packages:` → `  foo@1.0.0:`),
 * keyed by the key as written with quotes removed, from a scan of the text: lockfile writers indent
 * by two, and a key this scan misses only goes without a line.
 */
export function sectionKeyLines(text: string, section: string): Map<string, number> {
  const out = new Map<string, number>();
  let inSection = false;
  let childIndent = -1;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end).replace(/\r$/, "");
    start = end + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) {
      if (nl < 0) break;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    if (indent === 0) {
      inSection = raw.startsWith(`${section}:`);
      childIndent = -1;
    } else if (inSection) {
      if (childIndent < 0) childIndent = indent;
      if (indent === childIndent) {
        const key = yamlKey(raw.slice(indent));
        if (key !== undefined && !out.has(key)) out.set(key, line);
      }
    }
    if (nl < 0) break;
  }
  return out;
}

/** The key of a `key:` or `key: value` line, quotes removed. */
function yamlKey(s: string): string | undefined {
  if (s.startsWith("'")) {
    const close = s.indexOf("':");
    return close > 0 ? s.slice(1, close).replace(/''/g, "'") : undefined;
  }
  if (s.startsWith('"')) {
    const close = s.indexOf('":');
    if (close <= 0) return undefined;
    try {
      return JSON.parse(s.slice(0, close + 1)) as string;
    } catch {
      return undefined;
    }
  }
  const colon = s.search(/:(?: |$)/);
  return colon > 0 ? s.slice(0, colon) : undefined;
}
