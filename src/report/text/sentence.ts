import { visible } from "../../core/escape.js";

/**
 * The first sentence of a paragraph, for one-line "why" and "fix" hints. A sentence ends at
 * `.`, `!` or `?` followed by space and a capital, so "e.g. a file" does not cut it short.
 */
export function firstSentence(s: string): string {
  // Line breaks in a rule's prose are wrapping, not content: join them before escaping the rest.
  const text = visible(s.replace(/\s+/g, " ")).trim();
  const m = /^(.+?[.!?])\s+(?=[A-Z])/.exec(text);
  return m?.[1] ?? text;
}
