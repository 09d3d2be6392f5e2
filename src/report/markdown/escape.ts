import { visible } from "../../core/escape.js";

/**
 * Untrusted text as inert inline Markdown: emphasis, links, code and table pipes are escaped and
 * `<`, `>`, `&` become entities, so a hostile path or message can neither break the layout nor
 * inject HTML. Block syntax (`#`, `-`, `1.`) needs no escaping because such text never starts a line.
 */
export function mdText(s: string): string {
  return visible(s)
    .replace(/[\\`*_[\]|~]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * A code span that holds any text: the fence is longer than any backtick run inside it (backslash
 * escapes do not work in code spans). In a table cell GFM splits on `|` before parsing code spans,
 * so pipes are escaped there; elsewhere `\|` would show literally.
 */
export function mdCode(s: string, inTable = false): string {
  let text = visible(s);
  if (inTable) text = text.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block holding untrusted multi-line text, indented to sit inside a list item. */
export function mdCodeBlock(s: string, indent: string): string[] {
  const lines = s.replace(/\s+$/, "").split(/\r?\n/).map((l) => visible(l));
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}`, ...lines.map((l) => `${indent}${l}`), `${indent}${fence}`];
}
