import type { RuleMeta } from "../core/rule.js";
import { severityRank } from "../core/severity.js";
import { defaultPolicy, type Policy } from "./policy-file.js";

/** How many names a phrase lists before it says "and N more". */
const LISTED = 3;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(", ");
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a policy does that can make a repository pass without a word in the findings: rules
 * turned off or made less severe, paths left out of the scan, and a gate set to ignore some
 * findings or incomplete checks. Only `rules` (those that run) are named among rules turned off or
 * lowered. Exceptions and baselined findings are left out: the report already lists each one with
 * its status. Empty when the policy loosens nothing.
 */
export function policyLoosening(policy: Policy, rules: readonly RuleMeta[]): string[] {
  const defaults = defaultPolicy().fail;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const off = Object.entries(policy.rules).filter(([id, s]) => s.off && byId.has(id)).map(([id]) => id);
  const lowered = Object.entries(policy.rules).flatMap(([id, s]) => {
    const meta = byId.get(id);
    return !s.off && s.severity !== undefined && meta !== undefined && severityRank(s.severity) < severityRank(meta.severity) ? [`${id} ${meta.severity} → ${s.severity}`] : [];
  });
  const out: string[] = [];
  if (off.length > 0) out.push(`turns off ${count(off.length, "rule", "rules")} (${listed(off)})`);
  if (lowered.length > 0) out.push(`lowers the severity of ${count(lowered.length, "rule", "rules")} (${listed(lowered)})`);
  if (policy.exclude.length > 0) out.push(`leaves ${count(policy.exclude.length, "path pattern", "path patterns")} out of the scan (${listed(policy.exclude)})`);
  const failOn = policy.fail.severity;
  if (failOn === "none") out.push("fails the gate on no finding's severity");
  else if (defaults.severity !== "none" && severityRank(failOn) > severityRank(defaults.severity)) out.push(`fails the gate only on ${failOn} findings`);
  if (!policy.fail.incomplete) out.push("lets checks whose evidence could not be read pass the gate");
  if (policy.fail.malicious === false) out.push("lets known malicious packages pass the gate");
  if (policy.fail.dependencies?.directOnly) out.push("counts only direct dependencies' vulnerabilities against the gate");
  if (policy.fail.dependencies?.fixableOnly) out.push("counts only vulnerabilities with a known fix against the gate");
  return out;
}
