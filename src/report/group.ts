import type { Assessment, CheckResult } from "../core/assessment.js";
import type { Finding } from "../core/finding.js";
import { severityRank } from "../core/severity.js";

/** Findings of one check, with the check's result when the assessment has it. */
export interface CheckGroup {
  id: string;
  check: CheckResult | undefined;
  findings: Finding[];
}

/**
 * Groups findings by check, the check with the most severe open finding first (a critical
 * dangerous workflow before a low licence note: what to fix first comes first), ties in the
 * assessment's check order, so every report reads in the same order; checks the assessment does
 * not list (an inconsistent or hand-edited document) come last, by id, rather than being dropped.
 * Inside a group the most severe findings come first; the assessment's own order (by location)
 * breaks ties, since the sorts are stable.
 */
export function groupByCheck(a: Assessment, findings: readonly Finding[]): CheckGroup[] {
  const byId = new Map<string, Finding[]>();
  const bySeverity = [...findings].sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
  for (const f of bySeverity) {
    const list = byId.get(f.check);
    if (list) list.push(f);
    else byId.set(f.check, [f]);
  }
  const groups: CheckGroup[] = [];
  for (const c of a.checks) {
    const list = byId.get(c.id);
    if (!list) continue;
    groups.push({ id: c.id, check: c, findings: list });
    byId.delete(c.id);
  }
  // Triaged findings (baselined, accepted) are shown with --verbose but do not ask for a fix first.
  const worst = new Map<CheckGroup, number>();
  for (const g of groups) {
    let w = -1;
    for (const f of g.findings) if (f.status === "open" && severityRank(f.severity) > w) w = severityRank(f.severity);
    worst.set(g, w);
  }
  groups.sort((x, y) => (worst.get(y) ?? -1) - (worst.get(x) ?? -1));
  for (const id of [...byId.keys()].sort()) groups.push({ id, check: undefined, findings: byId.get(id) ?? [] });
  return groups;
}
