import { SEVERITIES } from "../core/severity.js";
import { formatScore, plural } from "../report/labels.js";
import { clip, inertLine, visible } from "../core/escape.js";
import type { FleetFinding, FleetReport, FleetRepository } from "./report-model.js";

/** Repositories worst first: failing ones, then by score ascending, never-assessed last. */
export function worstFirst(repos: readonly FleetRepository[]): FleetRepository[] {
  const rank = (r: FleetRepository) => (r.error ? -1 : (r.latest?.score ?? 11));
  return [...repos].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** The change of score since the previous assessment, signed, or "" when there is none. */
export function trend(r: FleetRepository): string {
  const now = r.latest?.score;
  const before = r.previous?.score;
  if (now === null || now === undefined || before === null || before === undefined) return "";
  const d = Math.round((now - before) * 10) / 10;
  return d === 0 ? "=" : d > 0 ? `+${d.toFixed(1)}` : d.toFixed(1);
}

/** Open findings by severity, "C/H/M/L/I". */
export function severityCounts(r: FleetRepository): string {
  return r.latest ? SEVERITIES.map((s) => r.latest?.openBySeverity[s] ?? 0).join("/") : "-";
}

function where(f: FleetFinding): string {
  return f.path ? `${f.path}${f.line ? `:${f.line}` : ""}` : "(repository)";
}

/** `fleet report` for a terminal: the fleet's state, its worst checks, every repository, what changed. */
export function renderFleetText(report: FleetReport): string {
  const s = report.summary;
  const safe = (t: string, max = 120) => clip(inertLine(visible(t)), max);
  const out: string[] = [];
  out.push(`assay fleet report: ${s.repositories} ${s.repositories === 1 ? "repository" : "repositories"}, ${s.assessed} assessed, ${s.failing} failing, ${s.pending} not assessed yet`);
  out.push(`mean score ${formatScore(s.meanScore)} · open findings ${SEVERITIES.map((x) => `${s.openBySeverity[x]} ${x}`).join(", ")}`);
  out.push(`since the previous assessments: ${plural(s.newFindings, "new finding")}, ${s.fixedFindings} fixed`);
  out.push(`generated ${report.generatedAt} by assay ${report.tool.version} (rule set ${report.ruleset})`, "");
  if (report.worstChecks.length > 0) {
    out.push("Worst checks (mean score over the latest assessments)");
    for (const c of report.worstChecks.slice(0, 10)) out.push(`  ${c.meanScore.toFixed(1).padStart(4)}  ${c.id.padEnd(26)} ${c.failing} of ${c.assessed} below 10`);
    out.push("");
  }
  out.push("Repositories, worst first (open findings critical/high/medium/low/info)");
  const width = Math.min(50, Math.max(10, ...report.repositories.map((r) => safe(r.name, 50).length)));
  for (const r of worstFirst(report.repositories)) {
    const name = safe(r.name, 50).padEnd(width);
    if (r.error) {
      out.push(`  ${"fail".padStart(5)}        ${name}  ${safe(r.error.message, 160)}${r.latest ? ` (last score ${formatScore(r.latest.score)})` : ""}`);
      continue;
    }
    if (!r.latest) {
      out.push(`  ${"-".padStart(5)}        ${name}  ${r.state === "queued" || r.state === "running" ? r.state : "not assessed yet"}`);
      continue;
    }
    const stale = r.latest.current ? "" : "  (stale: HEAD or rules changed since)";
    out.push(`  ${formatScore(r.latest.score).padStart(5)} ${trend(r).padStart(5)}  ${name}  ${severityCounts(r).padEnd(11)} ${r.latest.commit.slice(0, 12)}  ${r.latest.scannedAt.slice(0, 10)}${stale}`);
  }
  const changed = report.repositories.filter((r) => r.changes.new.length + r.changes.fixed.length > 0);
  if (changed.length > 0) {
    out.push("", "Changes since the previous assessment");
    for (const r of changed) {
      out.push(`  ${safe(r.name, 80)}: ${r.changes.new.length} new, ${r.changes.fixed.length} fixed (score ${formatScore(r.previous?.score ?? null)} → ${formatScore(r.latest?.score ?? null)})`);
      for (const f of r.changes.new.slice(0, 10)) out.push(`    + ${f.severity.padEnd(8)} ${f.ruleId}  ${safe(where(f), 80)}  ${safe(f.message)}`);
      for (const f of r.changes.fixed.slice(0, 10)) out.push(`    - ${f.severity.padEnd(8)} ${f.ruleId}  ${safe(where(f), 80)}  ${safe(f.message)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
