// Text from the scanned repository (paths, keys, values, excerpts) is hostile: raw, it could move a
// terminal's cursor, hide or reorder what a reviewer reads (Trojan Source), or put a workflow
// command into a CI log. Every renderer and the CLI's error printer escape it here, for the place
// it is going: a terminal or plain log, a GitHub workflow command, SARIF text, JSON.

/**
 * C0 controls (tab and line feed are handled on their own), DEL, C1 controls, the format
 * characters that reorder or break text (LRM/RLM, the Arabic letter mark, line and paragraph
 * separators, bidi embeddings, overrides and isolates), and those that print nothing: soft hyphen,
 * zero-width space, joiners, word joiner and invisible operators, the BOM, interlinear annotation
 * marks and Unicode tags (U+E0000-E007F, a surrogate pair each), with which `a\u200bpp.so` reads as
 * `app.so` and tag characters carry a hidden message.
 */
const ABOVE_C0 = "\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb";
const TAGS = "\\udb40[\\udc00-\\udc7f]";
const CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${ABOVE_C0}]|${TAGS}`, "g");

const NAMED: Readonly<Record<string, string>> = { "\r": "\\r", "\n": "\\n", "\t": "\\t", "\u001b": "\\e", "\u0007": "\\a", "\u0000": "\\0", "\b": "\\b" };

function visibleChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\u{${code.toString(16)}}`;
}

/**
 * Untrusted text for one line of a terminal or a plain log: every control and reordering character
 * is shown as an escape (`\e`, `\a`, `\n`, `\x9b`, `\u202e`), so nothing is hidden and nothing acts.
 */
export function visible(s: string, keepTabs = false): string {
  return s.replace(/\r\n|\n|\r|\t/g, (m) => (m === "\t" ? (keepTabs ? m : " ") : m === "\r\n" ? "\\r\\n" : visibleChar(m))).replace(CONTROL, visibleChar);
}

/** Untrusted multi-line text (a snippet to paste) as lines, each made visible. */
export function visibleLines(s: string): string[] {
  return s.split(/\r?\n/).map((l) => visible(l));
}

/**
 * Keeps a line of output from being read as a GitHub Actions workflow command: the runner obeys
 * `::command::` at the start of a line (after spaces) and the legacy `##[command]` anywhere in it.
 * Only for lines assay did not write as a command itself.
 */
export function inertLine(line: string): string {
  let out = line.includes("##[") ? line.replace(/##\[/g, "##\\[") : line;
  const lead = /^[\s]{0,1000}/.exec(out)?.[0].length ?? 0;
  if (out.startsWith("::", lead)) out = `${out.slice(0, lead)}\\x3a${out.slice(lead + 1)}`;
  return out;
}

/** Every line of a text made inert for CI logs (see inertLine). */
export function inertText(text: string): string {
  return text.split("\n").map(inertLine).join("\n");
}

/** A workflow command's message: GitHub's data encoding (`%25`, `%0D`, `%0A`), controls made visible. */
export function commandData(s: string): string {
  return s
    .replace(/%/g, "%25")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A")
    .replace(CONTROL, visibleChar)
    .replace(/##\[/g, "##\\[");
}

/** A workflow command's property value (`file=`, `title=`): data encoding plus `:` and `,`. */
export function commandProperty(s: string): string {
  return commandData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * SARIF plain-text message: `[text](target)` is an embedded link and `{0}` a placeholder there
 * (SARIF 2.1.0 §3.11.5-6), so literal brackets are escaped with a backslash and placeholder-shaped
 * braces doubled; controls are made visible, line breaks kept.
 */
export function sarifText(s: string): string {
  return s
    .split(/\r?\n/)
    .map((l) => visible(l).replace(/\\(?=[[\]])/g, "\\\\").replace(/[[\]]/g, "\\$&").replace(/\{(\d{1,9})\}/g, "{{$1}}"))
    .join("\n");
}

/** Characters JSON.stringify leaves raw that terminals, logs and editors act on or do not show (the CONTROL ones above C0). */
const JSON_UNSAFE = new RegExp(`[${ABOVE_C0}]|${TAGS}`, "g");

/**
 * Serialised JSON made safe to print: C1 controls, reordering and invisible characters become `\uXXXX`
 * escapes and `##[` becomes `\u0023#[`, which parse back to the same data. (JSON.stringify already
 * escapes C0 controls, and a pretty-printed line never starts with `::`.)
 */
export function safeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join("")).replace(/##\[/g, "\\u0023#[");
}

/** Shortens to at most `max` characters with an ellipsis, so one huge message cannot swamp a report. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
