import type { FindingStatus } from "../core/finding.js";

/** Statuses that are not open, in the order every report lists them. */
export const NOT_OPEN_STATUSES = ["baselined", "suppressed", "excepted", "vex:not_affected"] as const satisfies readonly FindingStatus[];

/** A status as people read it; `vex:not_affected` is a machine token. */
export function statusLabel(s: FindingStatus): string {
  return s === "vex:not_affected" ? "not affected (VEX)" : s;
}

/**
 * Pull-request mode's diagnostics that tell a reviewer how the change touches the gate judging it,
 * with what each edits (none for a suppression comment, which silences a finding).
 */
export const CHANGE_REVIEW: ReadonlyMap<string, string | undefined> = new Map([
  ["suppressed-by-change", undefined],
  ["policy-changed", "policy"],
  ["baseline-changed", "baseline"],
  ["vex-changed", "VEX documents"],
]);

/** "1 finding", "2 findings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A 0-10 score with one decimal, or "n/a" when nothing could be scored. */
export function formatScore(score: number | null): string {
  return score === null ? "n/a" : score.toFixed(1);
}

/** A total score out of ten ("6.3/10"), or "not scored" when no check could be scored (never "n/a/10"). */
export function scoreOutOfTen(score: number | null): string {
  return score === null ? "n/a (no check could be scored)" : `${score.toFixed(1)}/10`;
}

/** True when a check's title says more than its id (`Licence` for License, `Static analysis` for SAST), so reports show both. */
export function titleAddsToId(id: string, title: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]+/g, " ");
  return norm(title) !== norm(id);
}

/** A check named by the id the policy and `assay explain` accept, its title after it when that says more. */
export function checkLabel(id: string, title: string | undefined): string {
  return title !== undefined && titleAddsToId(id, title) ? `${id} (${title})` : id;
}
