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
  const buf = Buffer.from(text, "utf8");
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
  // In runs of at most SCREEN_BYTES: the automaton's memory holds the run and its records (eight
  // bytes a byte), and a scan with a million findings must not grow it by gigabytes.
  for (let from = 0; from < todo.length; ) {
    let to = from;
    let size = 0;
    const sizes: number[] = [];
    while (to < todo.length && (to === from || size < SCREEN_BYTES)) {
      const bytes = Buffer.byteLength(todo[to] as string, "utf8") + 1;
      sizes.push(bytes);
      size += bytes;
      to++;
    }
    const starts = new Int32Array(to - from + 1);
    for (let i = 0; i < sizes.length; i++) starts[i + 1] = (starts[i] as number) + (sizes[i] as number);
    const buf = Buffer.alloc(size);
    for (let i = from; i < to; i++) buf.write(todo[i] as string, starts[i - from] as number, "utf8");
    const flagged = sharedScanner().screen(buf, starts);
    for (let i = from; i < to; i++) {
      if (flagged[i - from] !== 1) continue;
      const text = todo[i] as string;
      if (out.has(text)) continue;
      const masked = maskSecrets(text);
      if (masked !== text) out.set(text, masked);
    }
    from = to;
  }
  return out;
}

/** Bytes of texts screened in one pass by `maskedAmong`. */
const SCREEN_BYTES = 4 * 1024 * 1024;
