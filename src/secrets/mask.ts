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
