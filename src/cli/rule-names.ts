import { closest } from "../core/suggest.js";
import type { Rule } from "../core/rule.js";

/**
 * What a mistyped `id` may have meant: every rule id, or for a short name (no family) every rule's
 * short name, after `extra` (checks or families, which win a tie: `Code-Review` is a check).
 */
export function ruleNames(id: string, extra: readonly string[], rules: readonly Rule[]): string[] {
  const ids = rules.map((r) => r.meta.id);
  return [...extra, ...(id.includes("/") ? ids : ids.map((i) => i.slice(i.indexOf("/") + 1)))];
}

/** " (did you mean …?)" for a `--rule` value: a rule id or family, or a rule's full id for its short name. */
export function meantRule(id: string, rules: readonly Rule[]): string {
  const families = [...new Set(rules.map((r) => r.meta.id.slice(0, r.meta.id.indexOf("/"))))];
  const c = closest(id, ruleNames(id, families, rules));
  const full = c === undefined || id.includes("/") || families.includes(c) ? c : rules.find((r) => r.meta.id.endsWith(`/${c}`))?.meta.id;
  return full === undefined ? "" : ` (did you mean \`${full}\`?)`;
}
