import type { CheckResult, GateResult } from "../core/assessment.js";
import type { Finding } from "../core/finding.js";
import { atLeast, type Severity } from "../core/severity.js";
import { incompleteGroups } from "../core/incomplete-groups.js";
import type { Policy, PolicyException } from "./policy-file.js";

const VULNERABLE_RULE = "deps/vulnerable-dependency";
/** The rule whose findings fail the gate whatever `severity` says, and no VEX statement closes (triage.ts). */
export const MALICIOUS_RULE = "deps/malicious-package";

/**
 * Whether a finding counts against `fail.severity`: a vulnerable dependency may be left to the
 * report when the policy gates on direct dependencies only (unknown counts: fail closed) or on
 * advisories with a known fix only. It is still shown and scored either way.
 */
function countsForSeverity(policy: Policy, f: Finding): boolean {
  if (f.ruleId !== VULNERABLE_RULE) return true;
  const deps = policy.fail.dependencies;
  if (!deps) return true;
  if (deps.directOnly && f.evidence.direct === false) return false;
  if (deps.fixableOnly && (f.evidence.fixedVersion === null || f.evidence.fixedVersion === undefined)) return false;
  return true;
}

/** Applies the policy's thresholds to triaged findings and scores; evidence that could not be judged fails it too. */
export function evaluateGate(policy: Policy, findings: readonly Finding[], checks: readonly CheckResult[], score: number | null, expired: readonly PolicyException[]): GateResult {
  const reasons: string[] = [];
  const open = findings.filter((f) => f.status === "open");
  const threshold = policy.fail.severity;
  if (threshold !== "none") {
    let failing = 0;
    for (const f of open) if (atLeast(f.severity, threshold as Severity) && countsForSeverity(policy, f)) failing++;
    if (failing > 0) reasons.push(`${failing} open finding${failing === 1 ? "" : "s"} at ${threshold} severity or above`);
  }
  if (policy.fail.malicious !== false) {
    const malicious = open.filter((f) => f.ruleId === MALICIOUS_RULE && !(threshold !== "none" && atLeast(f.severity, threshold as Severity)));
    const all = open.filter((f) => f.ruleId === MALICIOUS_RULE).length;
    if (malicious.length > 0 || (all > 0 && threshold === "none")) reasons.push(`${all} known malicious package${all === 1 ? "" : "s"} in lockfiles`);
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
    else if (c.status === "incomplete" && !policy.fail.incomplete) reasons.push(`check ${id} must pass but is incomplete (${c.reason})`);
  }
  if (policy.fail.incomplete) {
    // Fail closed: evidence nobody could read must not let the gate pass.
    // Checks stopped by the same evidence share a line: one broken file is one thing to fix.
    for (const g of incompleteGroups(checks.filter((x) => x.status === "incomplete"))) {
      reasons.push(g.checks.length === 1 ? `check ${g.checks[0]?.id} is incomplete: ${g.reason}` : `checks ${g.checks.map((c) => c.id).join(", ")} are incomplete: ${g.reason}`);
    }
  }
  const where = policy.source ?? "policy";
  for (const e of expired) reasons.push(`exception for ${e.rule}${e.path ? ` on ${e.path}` : ""} (${where}:${e.line}) expired on ${e.expires}`);
  return { passed: reasons.length === 0, reasons, thresholds: { severity: threshold, minScore: policy.fail.minScore ?? null, checks: [...policy.fail.checks], incomplete: policy.fail.incomplete } };
}
