import type { Assessment } from "../core/assessment.js";

/**
 * What a maintainer can do about a failed gate, in one line: the reasons say why it failed, but
 * someone new to assay does not know that findings can be fixed with `assay explain`'s help or
 * accepted on the record (and an expired exception renewed). Undefined when the gate passed or
 * nothing here applies (a check nobody could read is explained by its diagnostic).
 */
export function gateHint(a: Assessment): string | undefined {
  if (a.gate.passed) return undefined;
  const steps: string[] = [];
  const findings = a.gate.reasons.some((r) => /open findings? at |must pass but has |known malicious/.test(r));
  if (findings) {
    // In pull-request mode the base's baseline judges the change, so recording one cannot help it.
    const diff = a.diagnostics.some((d) => d.code === "diff-mode");
    const accept = diff
      ? "an `exceptions:` entry in the base's assay.yml, or an `assay: ignore[RULE-ID] reason` comment on the finding's line (reviewers see it)"
      : "an `exceptions:` entry in assay.yml (with a reason and an expiry date), an `assay: ignore[RULE-ID] reason` comment on the finding's line, or `assay baseline` to accept every finding open today";
    steps.push(`fix what the report lists (\`assay explain RULE-ID\` says how), or accept a finding: ${accept}`);
  }
  // Accepted findings still cost points, so only fixing raises the score.
  if (a.gate.reasons.some((r) => /below the minimum/.test(r))) steps.push("the score rises as findings are fixed (accepted ones still count), starting with the lowest-scoring checks; `fail.score` in assay.yml sets the minimum");
  if (a.gate.reasons.some((r) => /^exception for .* expired on /.test(r))) steps.push("give each expired exception a new `expires:` date (if its reason still holds) or remove it");
  return steps.length === 0 ? undefined : `assay: next: ${steps.join("; ")}`;
}
