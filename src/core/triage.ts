import picomatch from "picomatch";
import type { CheckResult, GateResult } from "./assessment.js";
import type { Finding } from "./finding.js";
import type { Policy, PolicyException } from "./policy.js";
import { atLeast, type Severity } from "./severity.js";

/** What triage needs besides the findings. */
export interface TriageInput {
  policy: Policy;
  /** Fingerprints recorded in the baseline, if one was given. */
  baseline?: ReadonlySet<string>;
  /** Inline `assay: ignore[...]` suppressions by fingerprint, with their reasons. */
  suppressions?: ReadonlyMap<string, string>;
  /** Today as YYYY-MM-DD, passed in so triage stays pure and testable. */
  today: string;
}

/** Triage result: findings with statuses, and the exceptions that need attention. */
export interface TriageResult {
  findings: Finding[];
  expired: PolicyException[];
  unused: PolicyException[];
}

function matches(e: PolicyException, f: Finding): boolean {
  if (e.rule !== f.ruleId) return false;
  if (e.fingerprint !== undefined && e.fingerprint !== f.fingerprint) return false;
  if (e.path !== undefined) {
    const p = f.locations[0]?.path;
    if (p === undefined || !picomatch(e.path, { dot: true })(p)) return false;
  }
  return true;
}

/**
 * Gives each finding its status. Precedence: inline suppression, then a live exception, then the
 * baseline; an expired exception no longer hides anything and says so.
 */
export function triage(findings: readonly Finding[], input: TriageInput): TriageResult {
  const used = new Set<PolicyException>();
  const out = findings.map((f): Finding => {
    const suppressed = input.suppressions?.get(f.fingerprint);
    if (suppressed !== undefined) return { ...f, status: "suppressed", statusReason: suppressed || "suppressed inline (no reason given)" };
    const exceptions = input.policy.exceptions.filter((e) => matches(e, f));
    exceptions.forEach((e) => used.add(e));
    const live = exceptions.find((e) => e.expires >= input.today);
    if (live) return { ...f, status: "excepted", statusReason: `${live.reason} (exception expires ${live.expires})` };
    const expired = exceptions[0];
    if (input.baseline?.has(f.fingerprint)) return { ...f, status: "baselined", statusReason: "recorded in the baseline" };
    if (expired) return { ...f, status: "open", statusReason: `exception expired on ${expired.expires}: ${expired.reason}` };
    return { ...f, status: "open" };
  });
  return {
    findings: out,
    expired: input.policy.exceptions.filter((e) => e.expires < input.today),
    unused: input.policy.exceptions.filter((e) => !used.has(e) && e.expires >= input.today),
  };
}

/** Applies the policy's thresholds to triaged findings and scores. */
export function evaluateGate(policy: Policy, findings: readonly Finding[], checks: readonly CheckResult[], score: number | null, expired: readonly PolicyException[]): GateResult {
  const reasons: string[] = [];
  const open = findings.filter((f) => f.status === "open");
  const threshold = policy.fail.severity;
  if (threshold !== "none") {
    const failing = open.filter((f) => atLeast(f.severity, threshold as Severity));
    if (failing.length > 0) reasons.push(`${failing.length} open finding${failing.length === 1 ? "" : "s"} at ${threshold} severity or above`);
  }
  if (policy.fail.minScore !== undefined) {
    if (score === null) reasons.push(`no check could be scored, so the minimum score ${policy.fail.minScore} cannot be met`);
    else if (score < policy.fail.minScore) reasons.push(`score ${score.toFixed(1)} is below the minimum ${policy.fail.minScore}`);
  }
  for (const id of policy.fail.checks) {
    const c = checks.find((x) => x.id === id);
    const openHere = open.filter((f) => f.check === id).length;
    if (!c || c.status === "not-available" || c.status === "error") reasons.push(`check ${id} must pass but could not be evaluated (${c?.reason ?? "no rules ran"})`);
    else if (openHere > 0) reasons.push(`check ${id} must pass but has ${openHere} open finding${openHere === 1 ? "" : "s"}`);
  }
  const where = policy.source ?? "policy";
  for (const e of expired) reasons.push(`exception for ${e.rule}${e.path ? ` on ${e.path}` : ""} (${where}:${e.line}) expired on ${e.expires}`);
  return { passed: reasons.length === 0, reasons, thresholds: { severity: threshold, minScore: policy.fail.minScore ?? null, checks: [...policy.fail.checks] } };
}
