import type { Assessment } from "../../core/assessment.js";
import { commandData as data, commandProperty as prop } from "../../core/escape.js";
import type { Severity } from "../../core/severity.js";
import { CHANGE_REVIEW, scoreOutOfTen } from "../labels.js";

/** GitHub Actions annotation levels: errors and warnings show on the pull request's diff. */
const LEVEL: Readonly<Record<Severity, "error" | "warning" | "notice">> = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" };

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
  // A check nobody could judge is as loud as a finding when it fails the gate.
  for (const c of a.checks.filter((x) => x.status === "incomplete")) {
    const level = a.gate.thresholds.incomplete ? "error" : "warning";
    out.push(`::${level} title=${prop(`assay: ${c.id} is incomplete`)}::${data(`${c.id} could not be judged: ${c.reason}`)}`);
  }
  // What a pull request does to the gate that judges it (its own suppressions, policy, baseline,
  // VEX) is for its reviewer to see on the diff, whatever the verdict.
  for (const d of a.diagnostics) {
    if (!CHANGE_REVIEW.has(d.code)) continue;
    const props = [...(d.path ? [`file=${prop(d.path)}`] : []), ...(d.path && d.line ? [`line=${d.line}`] : []), `title=${prop(`assay: ${d.code}`)}`];
    out.push(`::warning ${props.join(",")}::${data(`${d.message}${d.hint ? `\n${d.hint}` : ""}`)}`);
  }
  const verdict = a.gate.passed ? "gate passed" : `gate failed: ${a.gate.reasons.join("; ")}`;
  out.push(`::${a.gate.passed ? "notice" : "error"} title=assay::${data(`score ${scoreOutOfTen(a.summary.score)}, ${a.summary.findings.open} open finding(s), ${verdict}`)}`);
  return `${out.join("\n")}\n`;
}
