import type { TextEdit } from "../../../core/finding.js";
import { locate, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import type { Subject } from "./inputs.js";

/** The text of the line holding `offset`, with its start and end. */
function lineAt(text: string, offset: number): { start: number; end: number; text: string } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  return { start, end: text[end - 1] === "\r" ? end - 1 : end, text: text.slice(start, text[end - 1] === "\r" ? end - 1 : end) };
}

/** True when a `key: value` line holds a plain one-line scalar after the colon (safe to add a sibling after it). */
function holdsInlineScalar(line: string): boolean {
  const m = /:[ \t]+(\S.*)$/.exec(line);
  return m !== null && !/^[|>[{&*!#]/.test(m[1] as string);
}

/** The line ending the file uses. */
const eol = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");

/**
 * Edits that set `field: value` (a scalar, or a list of lines indented under the field) in the map at `mapPath` of a manifest object, creating the map under its parent when
 * it is missing. Only block-style maps written in a manifest file are edited; anything else
 * (flow style, Helm output, an anchor) gets no edit and is fixed by hand.
 */
export function setFieldEdits(subject: Subject, mapPath: YamlPath, field: string, value: string | readonly string[]): TextEdit[] | undefined {
  const file = subject.file;
  const doc = subject.doc;
  if (!file || !doc || subject.source !== "manifest") return undefined;
  const text = file.text;
  const nl = eol(text);
  const base = subject.base ?? [];
  const full = [...base, ...mapPath];
  const mapAt = locate(text, doc.start, doc.end, full, doc.uniqueKeys === true, doc.lines);
  const body = (indent: string): string => (typeof value === "string" ? `${indent}${field}: ${value}` : [`${indent}${field}:`, ...value.map((l) => `${indent}  ${l}`)].join(nl));
  // A JSON manifest or a flow collection on the way takes no block-style line; a map a merge key
  // brings (`<<: *defaults`) is shared with every other user of its anchor.
  if (mapAt.flow || mapAt.merged !== undefined) return undefined;
  if (mapAt.depth === full.length) {
    // The map exists: add the field as its first child, at the indentation of its children.
    const keyLine = lineAt(text, mapAt.offset);
    if (!/:[ \t]*(#.*)?$/.test(keyLine.text)) return undefined;
    const next = lineAt(text, Math.min(text.length, keyLine.end + nl.length));
    const keyIndent = mapAt.offset - keyLine.start;
    const childIndent = /^( *)\S/.exec(next.text)?.[1]?.length ?? -1;
    if (childIndent <= keyIndent || next.text.trimStart().startsWith("- ")) return undefined;
    return [{ path: file.path, offset: keyLine.end, replace: "", with: nl + body(" ".repeat(childIndent)) }];
  }
  if (mapAt.depth !== full.length - 1) return undefined;
  // The map is missing: add it under its parent, after the parent's first key when that holds a scalar.
  const parent = full.slice(0, -1);
  const parentAt = locate(text, doc.start, doc.end, parent, doc.uniqueKeys === true, doc.lines);
  if (parentAt.depth !== parent.length || parentAt.flow || parentAt.merged !== undefined) return undefined;
  const mapKey = full[full.length - 1] as string;
  const parentLine = lineAt(text, parentAt.offset);
  const isItem = /^ *- /.test(parentLine.text) && parentAt.offset === parentLine.start + parentLine.text.indexOf("-");
  let anchorLine: { start: number; end: number; text: string };
  let indent: number;
  if (isItem) {
    anchorLine = parentLine;
    indent = /^ *- +/.exec(parentLine.text)?.[0].length ?? 0;
  } else {
    if (!/:[ \t]*(#.*)?$/.test(parentLine.text)) return undefined;
    anchorLine = lineAt(text, Math.min(text.length, parentLine.end + nl.length));
    indent = /^( *)\S/.exec(anchorLine.text)?.[1]?.length ?? -1;
    if (indent <= parentAt.offset - parentLine.start) return undefined;
  }
  if (!holdsInlineScalar(anchorLine.text)) return undefined;
  const pad = " ".repeat(indent);
  const insert = `${nl}${pad}${mapKey}:${nl}${body(pad + "  ")}`;
  return [{ path: file.path, offset: anchorLine.end, replace: "", with: insert }];
}
