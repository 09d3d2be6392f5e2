import { maskSecret } from "../core/redact.js";
import { sharedScanner } from "./scanner.js";

/** Texts shorter than the shortest credential cannot hold one. */
const MIN_LENGTH = 8;

/**
 * Masks every credential the full detector set finds in a text (examples included, and the
 * encoded blob of an encoded one): what the pipeline applies to every rule's messages,
 * snippets and fixes, so no output carries a secret whichever rule quoted it.
 */
export function maskSecrets(text: string): string {
  if (text.length < MIN_LENGTH) return text;
  return maskedIn(text, Buffer.from(text, "utf8"));
}

/** `maskSecrets` of a text whose UTF-8 bytes are `buf` (a view into a larger buffer will do). */
function maskedIn(text: string, buf: Buffer): string {
  // Unquoted values count here: a message quoting `token: abc…` from a YAML file is still a leak.
  const matches = sharedScanner().scan(buf, { path: "quoted.env" }).sort((a, b) => a.start - b.start);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of matches) {
    if (m.start < at) continue;
    out += buf.toString("utf8", at, m.start);
    out += maskSecret(m.encoding ? buf.toString("utf8", m.start, m.end) : m.secret);
    at = m.end;
  }
  return out + buf.toString("utf8", at);
}

/**
 * The texts among `texts` that `maskSecrets` changes, each with its masked form. One screening
 * pass over all of them (see SecretScanner.screen) finds the few that hold a keyword or a blob;
 * only those are scanned one by one. A scan's findings quote tens of thousands of messages and
 * snippets, nearly all clean, and each scanned alone costs a call, a copy and two passes.
 */
export function maskedAmong(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const todo = texts.filter((t) => t.length >= MIN_LENGTH);
  // In runs of at most SCREEN_CHARS: the automaton's memory holds the run and its records (eight
  // bytes a byte, three bytes at most a character), and a scan with a million findings must not grow it by gigabytes.
  for (let from = 0; from < todo.length; ) {
    let to = from;
    let chars = 0;
    while (to < todo.length && (to === from || chars < SCREEN_CHARS)) chars += (todo[to++] as string).length + 1;
    const run = todo.slice(from, to);
    // One string and one copy for the run, each text followed by a NUL, not a write per text
    // (tens of thousands of short messages); lengths are measured only when a text is not ASCII.
    const joined = `${run.join("\0")}\0`;
    const buf = Buffer.from(joined, "utf8");
    const ascii = buf.length === joined.length;
    const starts = new Int32Array(run.length + 1);
    for (let i = 0; i < run.length; i++) {
      const text = run[i] as string;
      starts[i + 1] = (starts[i] as number) + (ascii ? text.length : Buffer.byteLength(text, "utf8")) + 1;
    }
    const flagged = sharedScanner().screen(buf, starts);
    for (let i = 0; i < run.length; i++) {
      if (flagged[i] !== 1) continue;
      const text = run[i] as string;
      if (out.has(text)) continue;
      const masked = maskedIn(text, buf.subarray(starts[i] as number, (starts[i + 1] as number) - 1));
      if (masked !== text) out.set(text, masked);
    }
    from = to;
  }
  return out;
}

/** Characters of texts screened in one pass by `maskedAmong` (up to three bytes each). */
const SCREEN_CHARS = 2 * 1024 * 1024;
