// Text edits that change a workflow the way a person would: a key added at the indentation of its
// siblings, after the last one, keeping every comment and blank line. Edits name the exact text they
// replace, so `assay fix` refuses them when the file changed since the scan.
import { isMap, isScalar, type Pair } from "yaml";
import type { TextEdit } from "../../../core/finding.js";
import { deref, mapPair, type YamlFile } from "../../../ecosystems/formats/yaml.js";

/** The 0-based column of a node's start. */
function columnOf(y: YamlFile, offset: number): number {
  return y.lines.linePos(offset).col - 1;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const n = deref(node) as { range?: [number, number, number] } | null | undefined;
  return n?.range ? [n.range[0], n.range[1]] : undefined;
}

/** True when a map is written in flow style (`{ a: 1 }`). */
function isFlow(y: YamlFile, node: unknown): boolean {
  const r = rangeOf(node);
  return r !== undefined && y.text[r[0]] === "{";
}

/**
 * Adds entries to the end of a block mapping. `lines` are relative to the mapping's indentation
 * (`["permissions:", "  contents: read"]`). Undefined for a flow mapping or an empty one.
 */
export function appendToMapping(path: string, y: YamlFile, mapNode: unknown, lines: readonly string[]): TextEdit | undefined {
  const m = deref(mapNode);
  if (!isMap(m) || m.items.length === 0 || isFlow(y, m)) return undefined;
  const first = m.items[0] as Pair;
  const keyRange = rangeOf(first.key);
  if (!keyRange) return undefined;
  const indent = " ".repeat(columnOf(y, keyRange[0]));
  const last = m.items[m.items.length - 1] as Pair;
  const end = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (end === undefined) return undefined;
  let offset: number;
  let prefix = "";
  if (y.text[end - 1] === "\n") offset = end;
  else {
    const nl = y.text.indexOf("\n", end);
    if (nl < 0) {
      offset = y.text.length;
      prefix = "\n";
    } else offset = nl + 1;
  }
  const eol = y.text.includes("\r\n") ? "\r\n" : "\n";
  return { path, offset, replace: "", with: prefix + lines.map((l) => `${indent}${l}${eol}`).join("") };
}

/** Inserts entries before the first key of a block mapping (at its indentation). */
export function prependToMapping(path: string, y: YamlFile, mapNode: unknown, lines: readonly string[]): TextEdit | undefined {
  const m = deref(mapNode);
  if (!isMap(m) || m.items.length === 0 || isFlow(y, m)) return undefined;
  const keyRange = rangeOf((m.items[0] as Pair).key);
  if (!keyRange) return undefined;
  const col = columnOf(y, keyRange[0]);
  const lineStart = keyRange[0] - col;
  // Only when the key starts its line (not `- uses:` of a sequence item, where the dash comes first).
  if (y.text.slice(lineStart, keyRange[0]).trim() !== "") return undefined;
  const eol = y.text.includes("\r\n") ? "\r\n" : "\n";
  const indent = " ".repeat(col);
  return { path, offset: lineStart, replace: "", with: lines.map((l) => `${indent}${l}${eol}`).join("") };
}

/**
 * Sets `key: value` in a step's `with:` (adding `with:` when the step has none); undefined when
 * the key is already there or the layout is one it does not edit (flow mappings).
 */
export function setStepInput(path: string, y: YamlFile, stepNode: unknown, key: string, value: string): TextEdit | undefined {
  const withPair = mapPair(stepNode, "with");
  const withNode = deref(withPair?.value);
  if (withPair && isMap(withNode)) {
    if (mapPair(withNode, key)) return undefined;
    return appendToMapping(path, y, withNode, [`${key}: ${value}`]);
  }
  if (withPair && !(isScalar(withNode) && (withNode.value === null || withNode.value === undefined))) return undefined;
  if (withPair) {
    // `with:` with nothing after it: put the entry on the next line, one level in.
    const keyRange = rangeOf(withPair.key);
    if (!keyRange) return undefined;
    const nl = y.text.indexOf("\n", keyRange[1]);
    const indent = " ".repeat(columnOf(y, keyRange[0]) + 2);
    return nl < 0 ? undefined : { path, offset: nl + 1, replace: "", with: `${indent}${key}: ${value}\n` };
  }
  return appendToMapping(path, y, stepNode, ["with:", `  ${key}: ${value}`]);
}

/** Adds `NAME: value` entries to a step's `env:` (adding `env:` when it has none). */
export function addStepEnv(path: string, y: YamlFile, stepNode: unknown, entries: readonly [string, string][]): TextEdit | undefined {
  if (entries.length === 0) return undefined;
  const envPair = mapPair(stepNode, "env");
  const envNode = deref(envPair?.value);
  if (envPair && isMap(envNode)) return appendToMapping(path, y, envNode, entries.map(([k, v]) => `${k}: ${v}`));
  if (envPair) return undefined;
  return appendToMapping(path, y, stepNode, ["env:", ...entries.map(([k, v]) => `  ${k}: ${v}`)]);
}

/** Replaces the source text [offset, end) when it still reads `expected`. */
export function replaceText(path: string, y: YamlFile, offset: number, end: number, replacement: string): TextEdit | undefined {
  const replace = y.text.slice(offset, end);
  return { path, offset, replace, with: replacement };
}
