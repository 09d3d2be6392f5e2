import { isSeq } from "yaml";
import { mapGet, type YamlFile } from "../../../ecosystems/formats/yaml.js";
import type { TextEdit, TextFileLike } from "../../types.js";

/**
 * An edit that appends entries to dependabot.yml's block `updates:` list, indented like the
 * entries already there and with the file's own line endings. Undefined when the list is a flow
 * sequence (`updates: []`) or missing: rewriting those by hand is clearer than guessing a layout.
 */
export function appendUpdateEntry(file: TextFileLike, y: YamlFile, entryLines: readonly string[]): TextEdit | undefined {
  const updates = mapGet(y.doc.contents, "updates");
  if (!isSeq(updates) || updates.flow || updates.items.length === 0 || !updates.range) return undefined;
  const first = updates.items[0] as { range?: [number, number, number] } | undefined;
  if (!first?.range) return undefined;
  const lineStart = file.text.lastIndexOf("\n", first.range[0] - 1) + 1;
  const dash = file.text.indexOf("-", lineStart);
  if (dash < 0 || dash >= first.range[0]) return undefined;
  const indent = file.text.slice(lineStart, dash);
  if (!/^ *$/.test(indent)) return undefined;
  // The start of the line after the list's last value (backed up over trailing blank lines and
  // comments' newline): where a key added to the last entry goes too, so applyEdits can put that
  // deeper-indented key first and this new entry after it.
  let end = updates.range[1];
  while (end > 0 && /\s/.test(file.text.charAt(end - 1))) end--;
  const eol = file.text.includes("\r\n") ? "\r\n" : "\n";
  const nl = file.text.indexOf("\n", end);
  const lines = entryLines.map((l, i) => `${indent}${i === 0 ? "- " : "  "}${l}${eol}`).join("");
  return nl < 0 ? { path: file.path, offset: file.text.length, replace: "", with: `${eol}${lines}` } : { path: file.path, offset: nl + 1, replace: "", with: lines };
}
