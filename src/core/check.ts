import type { Severity } from "./severity.js";

/** A check groups rules and is scored 0-10, like a Scorecard check. Families declare them. */
export interface CheckMeta {
  id: string;
  title: string;
  /** How much this check weighs in the total score. */
  risk: Severity;
  description: string;
  /**
   * Scorecard's all-or-nothing checks: any counted finding of this severity or above scores the
   * check 0, whatever its other rules found (one dangerous workflow is one too many).
   */
  zeroAt?: Severity;
  /**
   * The rules whose findings `zeroAt` applies to, when not all of the check's: the patterns the
   * reference scorer itself zeroes for (Scorecard's Dangerous-Workflow looks only for untrusted
   * checkouts and script injection); the other rules' findings weigh by share as in other checks.
   */
  zeroRules?: readonly string[];
  /**
   * Scored as Scorecard scores Pinned-Dependencies, not by rule: per dependency kind the share
   * pinned (rules count what they judged with `ctx.dependencies`, each unpinned one is a finding
   * naming its kind), pooled by count with Scorecard's weights, floored to a whole point. Findings
   * that name no kind are reported but do not weigh.
   */
  byDependency?: boolean;
}

/** Finds a check by id, or by its title ("Licence" finds License), ignoring letter case. */
export function findCheck(checks: readonly CheckMeta[], name: string): CheckMeta | undefined {
  const n = name.toLowerCase();
  return checks.find((c) => c.id.toLowerCase() === n) ?? checks.find((c) => c.title.toLowerCase() === n);
}
