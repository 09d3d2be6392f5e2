import type { CheckResult } from "./assessment.js";

/** The rules a check's incomplete reason starts with: `5 rules: `, `repo/license: `, `a/b, c/d: `. */
const RULES_PREFIX = /^(?:\d{1,4} rules|[a-z0-9-]{1,64}\/[a-z0-9-]{1,64}(?:, [a-z0-9-]{1,64}\/[a-z0-9-]{1,64})?): /;

/** Incomplete checks that share a reason, in first-seen order; `reason` is the check's own when it is alone. */
export interface IncompleteGroup {
  checks: CheckResult[];
  reason: string;
}

/**
 * Incomplete checks grouped by the evidence that stopped them: one broken workflow leaves six checks
 * of the workflows family incomplete, which reads as one thing to fix, not six. A group of several
 * gives the reason without the rules it names (they differ per check).
 */
export function incompleteGroups(checks: readonly CheckResult[]): IncompleteGroup[] {
  const byWhy = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const why = c.reason.replace(RULES_PREFIX, "");
    const group = byWhy.get(why);
    if (group) group.push(c);
    else byWhy.set(why, [c]);
  }
  return [...byWhy].map(([why, group]) => ({ checks: group, reason: group.length === 1 ? (group[0] as CheckResult).reason : why }));
}
