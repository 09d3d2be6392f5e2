import type { CheckResult, RuleResult } from "../core/assessment.js";
import type { CheckMeta } from "../core/check.js";
import { DEPENDENCY_KINDS, DEPENDENCY_WEIGHT, type DependencyKind } from "../core/dependency.js";
import type { Finding } from "../core/finding.js";
import { atLeast, RISK_WEIGHT, type Severity } from "../core/severity.js";

/** Statuses that mean the finding does not describe a real weakness, so it does not lower a score. */
const NOT_COUNTED = new Set(["suppressed", "vex:not_affected"]);

/** A rule's weight inside its check; info rules still count a little so an all-info check can score. */
function ruleWeight(s: Severity): number {
  return s === "info" ? 1 : RISK_WEIGHT[s];
}

/**
 * Scores one check from its rules: the severity-weighted share of evaluated rules that found
 * nothing, or 0 when the check is all-or-nothing (`zeroAt`) and has a finding that severe (from
 * one of its `zeroRules`, when it names them), or a
 * finding that zeroes it (`impact: "zero"`). A finding with `impact: "none"` does not count. Checks
 * whose rules could not run offline are "not available", not 0. A rule whose counted findings all
 * have a `grade` (a share Scorecard grades, such as the changes reviewed) keeps the
 * lowest of them instead of failing.
 */
export function scoreCheck(check: CheckMeta, rules: readonly RuleResult[], findings: readonly Finding[], perFinding: ReadonlyMap<string, number> = new Map()): CheckResult {
  const base = { id: check.id, title: check.title, risk: check.risk, description: check.description, rules: rules.map((r) => r.id) };
  const errored = rules.filter((r) => r.outcome === "error");
  if (errored.length > 0) return { ...base, status: "error", score: null, reason: `rule ${errored.map((r) => r.id).join(", ")} failed to run` };
  const counts = new Map<string, number>();
  const counted = findings.filter((f) => !NOT_COUNTED.has(f.status) && f.impact !== "none");
  for (const f of counted) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const graded = gradedRules(counted);
  // An incomplete rule scores as failed: hiding evidence must never raise a score.
  const evaluated = rules.filter((r) => r.outcome === "pass" || r.outcome === "fail" || r.outcome === "incomplete");
  const incomplete = rules.filter((r) => r.outcome === "incomplete");
  if (evaluated.length === 0) {
    // Why nothing applies is said by a rule that looked, not by one turned off for the persona.
    const notApplicable = rules.find((r) => r.outcome === "not-applicable" && r.reason)?.reason;
    // Only the rules that ran offline count dependencies: when they found none, asking the forge
    // cannot give the check a score, so it is not applicable (Scorecard: "no dependencies found").
    if (check.byDependency && notApplicable !== undefined) return { ...base, status: "not-applicable", score: null, reason: "no dependency of a kind Scorecard counts was found" };
    if (rules.some((r) => r.outcome === "not-available")) {
      const why = rules.find((r) => r.outcome === "not-available")?.reason ?? "needs the network";
      // Said too, as going online may change nothing: with no workflows, the forge has none to look up either.
      const offline = notApplicable === undefined ? "" : `; the rules that run offline found nothing to judge (${notApplicable})`;
      return { ...base, status: "not-available", score: null, reason: `${why}${offline}` };
    }
    const why = notApplicable ?? rules.find((r) => r.reason)?.reason ?? "no rule of this check applies";
    return { ...base, status: "not-applicable", score: null, reason: why };
  }
  if (check.byDependency) return scoreByDependency(base, evaluated, counted);
  let total = 0;
  let passed = 0;
  for (const r of evaluated) {
    total += ruleWeight(r.severity);
    const kept = graded.get(r.id);
    if (r.outcome !== "incomplete") passed += ruleWeight(r.severity) * (kept !== undefined ? kept.score / 10 : passShare(counts.get(r.id) ?? 0, perFinding.get(r.id)));
  }
  const zeroAt = check.zeroAt;
  const ids = new Set(evaluated.map((r) => r.id));
  const zeroing = (f: Finding): boolean => zeroAt !== undefined && atLeast(f.severity, zeroAt) && (check.zeroRules === undefined || check.zeroRules.includes(f.ruleId));
  const zeroed = counted.some((f) => ids.has(f.ruleId) && (f.impact === "zero" || zeroing(f)));
  const score = zeroed ? 0 : Math.round((10 * passed) / total * 10) / 10;
  if (incomplete.length > 0) {
    return { ...base, status: "incomplete", score, reason: incompleteSummary(incomplete) };
  }
  const failed = evaluated.filter((r) => counts.has(r.id) && !graded.has(r.id));
  // A graded rule did not fail: its finding says what the share is (its title would say the opposite).
  const partly = evaluated.flatMap((r) => {
    const kept = graded.get(r.id);
    return kept === undefined ? [] : [`${lowerFirst(kept.message)} (${kept.score}/10)`];
  });
  const parts = [...(failed.length > 0 ? [`failed: ${failed.map((r) => lowerFirst(r.title)).join("; ")}`] : []), ...(partly.length > 0 ? [`graded: ${partly.join("; ")}`] : [])];
  const reason = parts.length === 0 ? "every rule passed" : parts.join("; ");
  return { ...base, status: "scored", score, reason };
}

/**
 * Scorecard's Pinned-Dependencies score: per dependency kind the pinned share (judged by the
 * rules, less the counted findings of that kind), kinds with none skipped, pooled by count with
 * GitHub-owned and third-party actions split 2:8 when both are used, floored to a whole point.
 * Kinds Scorecard does not count are shown in the reason and weigh nothing.
 * An incomplete rule's kinds count as unpinned, plus one unpinned unread dependency, so hiding
 * evidence never raises the score. No dependency at all is "not applicable", as in Scorecard.
 */
function scoreByDependency(base: Omit<CheckResult, "status" | "score" | "reason">, evaluated: readonly RuleResult[], counted: readonly Finding[]): CheckResult {
  const ids = new Set(evaluated.map((r) => r.id));
  const incomplete = evaluated.filter((r) => r.outcome === "incomplete");
  const judged = new Map<DependencyKind, number>();
  const unpinned = new Map<DependencyKind, number>();
  for (const r of evaluated) for (const [k, n] of Object.entries(r.dependencies ?? {}) as [DependencyKind, number][]) judged.set(k, (judged.get(k) ?? 0) + n);
  // A summary of findings past the per-file cap stands for all of them.
  for (const f of counted) if (f.dependency && ids.has(f.ruleId)) unpinned.set(f.dependency, (unpinned.get(f.dependency) ?? 0) + (f.more ?? 1));
  // Unpinned through another dependency (a stage FROM a floating stage): no finding of its own.
  for (const r of evaluated) for (const [k, n] of Object.entries(r.inherited ?? {}) as [DependencyKind, number][]) unpinned.set(k, (unpinned.get(k) ?? 0) + n);
  const failClosed = new Set(incomplete.flatMap((r) => Object.keys(r.dependencies ?? {}) as DependencyKind[]));
  const kinds = (Object.keys(DEPENDENCY_KINDS) as DependencyKind[]).filter((k) => (judged.get(k) ?? 0) > 0 || (unpinned.get(k) ?? 0) > 0);
  const both = kinds.includes("github-action") && kinds.includes("third-party-action");
  const weight = (k: DependencyKind): number =>
    !DEPENDENCY_KINDS[k].weighed ? 0 : !both ? DEPENDENCY_WEIGHT.normal : k === "github-action" ? DEPENDENCY_WEIGHT.githubOwned : k === "third-party-action" ? DEPENDENCY_WEIGHT.thirdParty : DEPENDENCY_WEIGHT.normal;
  let sum = 0;
  let of = 0;
  const parts: string[] = [];
  const unweighed: string[] = [];
  for (const k of kinds) {
    // A rule that reports an unpinned dependency it did not count (a download run, which is never pinned) still weighs it.
    const total = Math.max(judged.get(k) ?? 0, unpinned.get(k) ?? 0);
    const pinned = failClosed.has(k) ? 0 : total - (unpinned.get(k) ?? 0);
    sum += pinned * weight(k);
    of += total * weight(k);
    (DEPENDENCY_KINDS[k].weighed ? parts : unweighed).push(`${pinned}/${total} ${DEPENDENCY_KINDS[k].label}`);
  }
  if (incomplete.length > 0) of += DEPENDENCY_WEIGHT.normal;
  const unscored = evaluated.filter((r) => counted.some((f) => f.ruleId === r.id && !f.dependency)).map((r) => lowerFirst(r.title));
  const also = `${unweighed.length > 0 ? `; not weighed, as Scorecard does not count them: ${unweighed.join(", ")}` : ""}${unscored.length > 0 ? `; also found, not scored: ${unscored.join("; ")}` : ""}`;
  if (of === 0) return { ...base, status: "not-applicable", score: null, reason: `no dependency of a kind Scorecard counts was found${also}` };
  const zeroed = counted.some((f) => ids.has(f.ruleId) && f.impact === "zero");
  const score = zeroed ? 0 : Math.floor((10 * sum) / of);
  if (incomplete.length > 0) return { ...base, status: "incomplete", score, reason: `${incompleteSummary(incomplete)}; pinned: ${parts.join(", ") || "none counted"}` };
  return { ...base, status: "scored", score, reason: `pinned: ${parts.join(", ")}${also}` };
}

/**
 * Why a check is incomplete, in one readable line: rules that give the same reason (one file
 * every rule of a family reads) are named once, and only the first few reasons are spelled out.
 */
function incompleteSummary(rules: readonly RuleResult[]): string {
  const byReason = new Map<string, string[]>();
  for (const r of rules) {
    const why = r.reason ?? "evidence could not be read";
    const ids = byReason.get(why);
    if (ids) ids.push(r.id);
    else byReason.set(why, [r.id]);
  }
  const groups = [...byReason].map(([why, ids]) => `${ids.length > 2 ? `${ids.length} rules` : ids.join(", ")}: ${why}`);
  return `${groups.slice(0, 3).join("; ")}${groups.length > 3 ? `; and ${groups.length - 3} more` : ""}`;
}

/** The risk-weighted mean of scored (and incomplete, fail-closed) checks (critical 10, high 7.5, medium 5, low 2.5); null when none scored. */
export function totalScore(checks: readonly CheckResult[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of checks) {
    if ((c.status !== "scored" && c.status !== "incomplete") || c.score === null) continue;
    sum += c.score * RISK_WEIGHT[c.risk];
    weight += RISK_WEIGHT[c.risk];
  }
  return weight === 0 ? null : Math.round((sum / weight) * 10) / 10;
}

/**
 * Rules whose counted findings all have a grade: the lowest, with the message of the finding that
 * gives it. A rule with one finding that gives none is not graded: it fails as before.
 */
function gradedRules(counted: readonly Finding[]): Map<string, { score: number; message: string }> {
  const out = new Map<string, { score: number; message: string }>();
  const ungraded = new Set<string>();
  for (const f of counted) {
    // Out of range is no grade: the rule fails, as it would without one.
    const score = typeof f.grade === "number" && f.grade >= 0 && f.grade <= 10 ? f.grade : undefined;
    const had = out.get(f.ruleId);
    if (score === undefined) ungraded.add(f.ruleId);
    else if (had === undefined || score < had.score) out.set(f.ruleId, { score, message: f.message });
  }
  for (const id of ungraded) out.delete(id);
  return out;
}

/** The share (0-1) of a rule's weight it keeps: all or nothing, or graded by its finding count. */
function passShare(count: number, perFinding: number | undefined): number {
  if (count === 0) return 1;
  return perFinding === undefined ? 0 : Math.max(0, 10 - count * perFinding) / 10;
}

/** A title as part of a sentence: "No fuzzing" → "no fuzzing", but acronyms ("CODEOWNERS", "SAST in CI") stay. */
function lowerFirst(title: string): string {
  const first = title.split(" ")[0] ?? "";
  return first.length > 1 && first === first.toUpperCase() ? title : title.charAt(0).toLowerCase() + title.slice(1);
}
