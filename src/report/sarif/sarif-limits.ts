import type { Finding } from "../../core/finding.js";
import { severityRank } from "../../core/severity.js";

/**
 * Results one run carries. GitHub code scanning rejects a run past 25,000 results and stores only
 * the first 5,000 of one it accepts (its documented "top 5,000"; in practice the first in the
 * file), so a run past 5,000 would lose whatever comes after, however severe. Kept as a
 * constant, not an option: it is the consumer's limit, not a policy.
 */
export const MAX_SARIF_RESULTS = 5_000;

/** Locations GitHub accepts on one result (it rejects the upload past that). */
export const MAX_SARIF_LOCATIONS = 1_000;

/** What a run leaves out to stay within {@link MAX_SARIF_RESULTS}: open findings, and triaged ones (baselined, suppressed, excepted, not affected). */
export interface Omitted {
  open: number;
  triaged: number;
}

/**
 * The findings a run carries, in the order GitHub should store them: open ones first (a
 * suppressed or baselined result only closes an alert), each group most severe first and in the
 * assessment's own order otherwise, so the same scan always gives the same run. At most `max`:
 * past it the triaged ones go first, then the least severe open ones; `omitted` counts them.
 */
export function resultsWithinLimit(findings: readonly Finding[], max = MAX_SARIF_RESULTS): { kept: readonly Finding[]; omitted: Omitted } {
  const order = findings.map((f, i) => ({ f, i, open: f.status === "open", rank: severityRank(f.severity) }));
  order.sort((a, b) => Number(b.open) - Number(a.open) || b.rank - a.rank || a.i - b.i);
  const kept = order.slice(0, max);
  const left = order.slice(max);
  const open = left.filter((x) => x.open).length;
  return { kept: kept.map((x) => x.f), omitted: { open, triaged: left.length - open } };
}
