import type { Parser, TextFile } from "../../core/files.js";
import { eachLine } from "../../core/line-index.js";
import { loadYamlData } from "./yaml-bounds.js";

// Machine-written YAML lockfiles (pnpm-lock.yaml, pubspec.lock, berry's yarn.lock) are data, often
// several MB: read as plain values, an order of magnitude faster than the position-keeping
// document model of yaml.ts (5 MB: 0.3 s against 3 s), within the bounds of yaml-bounds.ts. Every
// scalar stays a string (the failsafe schema), so `1.10` is never the number 1.1.

/** A YAML file read as data, with its text for line look-ups. */
export interface YamlData {
  value: unknown;
  text: string;
}

/** Parses YAML into plain values (strings, arrays, objects); any failure is a ParseFailure at its position. */
export function parseYamlData(text: string): YamlData {
  return { value: loadYamlData(text, { schema: "failsafe" }), text };
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
  eachLine(text, (line, raw) => {
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
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
  });
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
