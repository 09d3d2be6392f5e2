import type { Assessment } from "../../core/assessment.js";
import type { Severity } from "../../core/severity.js";
import { formatScore } from "../labels.js";

/** GitHub Actions annotation levels: errors and warnings show on the pull request's diff. */
const LEVEL: Readonly<Record<Severity, "error" | "warning" | "notice">> = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" };

/** Escapes a workflow-command message (GitHub's own rules: %, CR, LF). */
function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow-command property value, which also may not hold `:` or `,`. */
function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * GitHub Actions workflow commands: one annotation per open finding, located on the file and
 * line when there is one, then a notice with the score and the verdict.
 */
export function renderGithub(a: Assessment): string {
  const out: string[] = [];
  for (const f of a.findings) {
    if (f.status !== "open") continue;
    const l = f.locations[0];
    const props = [
      ...(l ? [`file=${prop(l.path)}`] : []),
      ...(l?.startLine ? [`line=${l.startLine}`] : []),
      ...(l?.startLine && l.startColumn ? [`col=${l.startColumn}`] : []),
      ...(l?.endLine ? [`endLine=${l.endLine}`] : []),
      ...(l?.endLine && l.endColumn ? [`endColumn=${l.endColumn}`] : []),
      `title=${prop(`${f.ruleId} (${f.severity})`)}`,
    ];
    const fix = f.fix ? `\nFix: ${f.fix}` : "";
    out.push(`::${LEVEL[f.severity]} ${props.join(",")}::${data(`${f.message}${fix}`)}`);
  }
  const verdict = a.gate.passed ? "gate passed" : `gate failed: ${a.gate.reasons.join("; ")}`;
  out.push(`::${a.gate.passed ? "notice" : "error"} title=assay::${data(`score ${formatScore(a.summary.score)}/10, ${a.summary.findings.open} open finding(s), ${verdict}`)}`);
  return `${out.join("\n")}\n`;
}
