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
  if (text.length > MEMO_TEXT) return maskNow(text);
  let masked = memo.get(text);
  if (masked === undefined) {
    masked = maskNow(text);
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(text, masked);
  }
  return masked;
}

/**
 * Results for texts seen before: a report repeats the same fix, URL, provider and detector in
 * every finding of a kind (a history scan: thousands of findings, tens of thousands of texts), and
 * masking depends on the text alone. Bounded in entries and in the length of a text kept.
 */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 20_000;
const MEMO_TEXT = 2048;

function maskNow(text: string): string {
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
