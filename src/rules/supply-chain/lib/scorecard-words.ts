import type { ShellCommand } from "../../../ecosystems/shell/split.js";

// Scorecard's Pinned-Dependencies reads a command through mvdan/sh and keeps only its literal
// words: a word made of one piece (plain text, one single-quoted string, or one double-quoted
// string with no expansion, its quotes kept), every plain `sudo` dropped. A word with a variable
// or a substitution, or quoting mixed with plain text, is left out, and its program is then the
// first word left. So `"$PIP" install x` is `install x`, `sudo -H pip install x` is `-H pip
// install x`: no install it counts. assay reads those commands all the same and reports what
// they install; the score weighs only what Scorecard sees.

/** Words the shell grammar reads before a command (`if pip install …`, `! npm ci`): not the command's. */
const KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"]);

/** The words of a command as Scorecard keeps them (leading keywords and `NAME=value` assignments are not words). */
export function scorecardWords(cmd: ShellCommand, script: string): string[] {
  const out: string[] = [];
  let leading = true;
  for (const w of cmd.words) {
    const raw = script.slice(w.start, w.end);
    if (leading && (KEYWORDS.has(raw) || /^[A-Za-z_][A-Za-z0-9_]{0,100}=/.test(raw))) continue;
    leading = false;
    const kept = literal(raw);
    if (kept !== undefined && kept.toLowerCase() !== "sudo") out.push(kept);
  }
  return out;
}

/** A word's text when it is one literal piece, else undefined. */
function literal(raw: string): string | undefined {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") && !raw.slice(1, -1).includes("'")) return raw;
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return /["$`]/.test(raw.slice(1, -1)) ? undefined : raw;
  // Plain text: no quotes, no expansion.
  return /["'$`]/.test(raw) ? undefined : raw;
}

/** The base name of the program Scorecard sees (lower case), or "" when no word is left. */
export function scorecardProgram(words: readonly string[]): string {
  const first = words[0] ?? "";
  return first.slice(first.lastIndexOf("/") + 1).toLowerCase();
}
