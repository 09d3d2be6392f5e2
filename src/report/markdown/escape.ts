import { visible } from "../../core/escape.js";

/** U+2060 WORD JOINER: prints nothing, and no autolink, mention or reference may contain it. */
const WJ = "\u2060";

/**
 * Untrusted text as inert inline Markdown: emphasis, links, code and table pipes are escaped and
 * `<`, `>`, `&` become entities, so a hostile path or message can neither break the layout nor
 * inject HTML. Block syntax (`#`, `-`, `1.`) needs no escaping because such text never starts a line.
 * What GitHub links by itself gets a word joiner inside (after `://`'s colon, after `www.`, after
 * the @ of a mention or an e-mail address, after the # of `#1` and the GH- of `GH-1`): it prints
 * nothing and ends the match. Entities would not do: GitHub finds mentions and references in the
 * rendered text, after entities are decoded.
 */
export function mdText(s: string): string {
  return mdProse(s)
    .replace(/:\/\//g, `:${WJ}//`)
    .replace(/\bwww\./gi, `$&${WJ}`)
    // A mention is an @ after no letter or digit; after one, an e-mail address when a dotted domain follows.
    // `actions/checkout@v4` is neither and stays as written, so it can still be copied.
    .replace(/(?<![A-Za-z0-9])@(?=[\w-])|(?<=[A-Za-z0-9])@(?=[\w-]+(?:\.[\w-]+)+)/g, `@${WJ}`)
    .replace(/#(?=\d)/g, `#${WJ}`)
    .replace(/\bGH-(?=\d)/gi, `$&${WJ}`);
}

/**
 * Text as inert inline Markdown that may still link: emphasis, links, code and table pipes escaped,
 * `<`, `>`, `&` as entities, but URLs and @names left for GitHub to link. For a document the
 * project writes about itself (the self-assessment, whose repository URL and contacts should
 * stay links), not for a comment quoting what a change brings.
 */
export function mdProse(s: string): string {
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
