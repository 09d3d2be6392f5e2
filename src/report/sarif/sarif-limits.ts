import type { Finding } from "../../core/finding.js";
import { severityRank } from "../../core/severity.js";

/**
 * Results GitHub code scanning accepts in one run: an upload with more is rejected whole
 * ("Analysis SARIF file rejected due to result limits"), so a large monorepo would lose every
 * alert. Kept as a constant, not an option: it is the consumer's limit, not a policy.
 */
export const MAX_SARIF_RESULTS = 25_000;

/** Locations GitHub accepts on one result (it rejects the upload past that). */
export const MAX_SARIF_LOCATIONS = 1_000;

/**
 * The findings a run can carry, at most `max`: open ones before triaged ones (a suppressed or
 * baselined result only closes an alert), then the most severe, in the assessment's own order
 * otherwise, so the same scan always keeps the same results. `omitted` counts the rest.
 */
export function resultsWithinLimit(findings: readonly Finding[], max = MAX_SARIF_RESULTS): { kept: readonly Finding[]; omitted: number } {
  if (findings.length <= max) return { kept: findings, omitted: 0 };
  const order = findings.map((f, i) => ({ f, i, rank: (f.status === "open" ? 10 : 0) + severityRank(f.severity) }));
  order.sort((a, b) => b.rank - a.rank || a.i - b.i);
  const chosen = order.slice(0, max).sort((a, b) => a.i - b.i);
  return { kept: chosen.map((x) => x.f), omitted: findings.length - max };
}
