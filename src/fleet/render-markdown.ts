import { SEVERITIES } from "../core/severity.js";
import { formatScore } from "../report/labels.js";
import { clip, inertLine, visible } from "../core/escape.js";
import type { FleetReport } from "./report-model.js";
import { severityCounts, trend, worstFirst } from "./render-text.js";

/** Text from repositories made inert in a Markdown table cell: no markup, links, pipes or HTML. */
function md(s: string, max = 200): string {
  return clip(inertLine(visible(s)), max).replace(/[\\`*_{}[\]()#+!|<>~&]/g, (c) => `\\${c}`);
}

/** `fleet report --format markdown`: fits an issue, a wiki page or a job summary. */
export function renderFleetMarkdown(report: FleetReport): string {
  const s = report.summary;
  const out: string[] = [
    "# assay fleet report",
    "",
    `${s.repositories} repositories · ${s.assessed} assessed · ${s.failing} failing · ${s.pending} not assessed yet · mean score **${formatScore(s.meanScore)}**`,
    "",
    `Open findings: ${SEVERITIES.map((x) => `${s.openBySeverity[x]} ${x}`).join(", ")}. Since the previous assessments: ${s.newFindings} new, ${s.fixedFindings} fixed.`,
    "",
  ];
  if (report.worstChecks.length > 0) {
    out.push("## Worst checks", "", "| check | mean score | below 10 |", "|---|---:|---:|");
    for (const c of report.worstChecks.slice(0, 10)) out.push(`| ${md(c.id)} | ${c.meanScore.toFixed(1)} | ${c.failing} of ${c.assessed} |`);
    out.push("");
  }
  out.push("## Repositories", "", "| repository | score | change | open (C/H/M/L/I) | commit | scanned | note |", "|---|---:|---:|---|---|---|---|");
  for (const r of worstFirst(report.repositories)) {
    const note = r.error ? `failing: ${md(r.error.message, 160)}` : !r.latest ? md(r.state === "new" ? "not assessed yet" : r.state) : r.latest.current ? "" : "stale";
    out.push(`| ${md(r.name, 100)} | ${formatScore(r.latest?.score ?? null)} | ${trend(r) || "—"} | ${severityCounts(r)} | ${r.latest ? `\`${r.latest.commit.slice(0, 12)}\`` : "—"} | ${r.latest?.scannedAt.slice(0, 10) ?? "—"} | ${note} |`);
  }
  const changed = report.repositories.filter((r) => r.changes.new.length + r.changes.fixed.length > 0);
  if (changed.length > 0) {
    out.push("", "## Changes since the previous assessment", "");
    for (const r of changed) {
      out.push(`- **${md(r.name, 100)}**: ${r.changes.new.length} new, ${r.changes.fixed.length} fixed`);
      for (const f of r.changes.new.slice(0, 10)) out.push(`  - new ${f.severity} \`${f.ruleId}\`: ${md(f.message)}`);
      for (const f of r.changes.fixed.slice(0, 10)) out.push(`  - fixed ${f.severity} \`${f.ruleId}\`: ${md(f.message)}`);
    }
  }
  out.push("", `<sub>generated ${report.generatedAt} by assay ${report.tool.version}, rule set ${report.ruleset}</sub>`, "");
  return out.join("\n");
}
