import { findCheck, type CheckMeta } from "../core/check.js";
import type { RuleMeta } from "../core/rule.js";

/** The Markdown page of a rule, generated from its meta (docs/rules/<id>.md and `assay explain`). */
export function ruleDoc(meta: RuleMeta, checks: readonly CheckMeta[]): string {
  const check = findCheck(checks, meta.check);
  const lines = [
    `# ${meta.id}`,
    "",
    `**${meta.title}**`,
    "",
    "| | |",
    "|---|---|",
    `| Severity | ${meta.severity} |`,
    `| Confidence | ${meta.confidence} |`,
    `| Check | ${meta.check}${check ? ` (${check.title.toLowerCase()}, ${check.risk} risk)` : ""} |`,
    `| Needs network | ${meta.network ? "yes (skipped offline)" : "no (runs offline)"} |`,
    `| Self-assessment section | ${meta.assessmentSection} |`,
    ...(meta.persona ? [`| Persona | ${meta.persona}: not run by default; \`--persona ${meta.persona}\`${meta.persona === "pedantic" ? " or `--persona auditor`" : ""}, or naming it under \`rules:\` in \`assay.yml\`, runs it |`] : []),
    ...(meta.fixable ? [`| Autofix | \`assay fix --rule ${meta.id}\` (\`--dry-run\` shows the diff first) |`] : []),
    ...(meta.supersededBy?.length ? [`| Defers to | ${meta.supersededBy.map((id) => `\`${id}\``).join(", ")}: on a line one of them reports, this rule stays quiet |`] : []),
    ...(meta.scoring ? [`| Scoring | each finding takes ${meta.scoring.perFinding} point${meta.scoring.perFinding === 1 ? "" : "s"} off the rule's 10 |`] : []),
    "",
    "## Why it matters",
    "",
    meta.rationale,
    "",
    "## How to fix",
    "",
    meta.remediation,
    "",
  ];
  const options = Object.entries(meta.options ?? {});
  if (options.length > 0) {
    lines.push("## Options", "", "Set in `assay.yml` under `rules:`:", "", "```yaml", "rules:", `  ${meta.id}:`, "    options:");
    for (const [name, spec] of options) lines.push(`      ${name}: ${JSON.stringify(spec.default)}  # ${spec.description}`);
    lines.push("```", "");
  }
  lines.push(
    "## Configuration",
    "",
    "```yaml",
    "# assay.yml",
    "rules:",
    `  ${meta.id}: off        # or a severity: critical, high, medium, low, info`,
    "```",
    "",
    `Suppress one occurrence inline with a comment on the line or the line above: \`assay: ignore[${meta.id}] reason\`.`,
    "",
  );
  if (meta.references.length > 0) {
    lines.push("## References", "");
    for (const r of meta.references) lines.push(`- [${r.title}](${r.url})`);
    lines.push("");
  }
  lines.push("<!-- Generated from the rule's meta by `npm run docs`; edit the rule, not this page. -->", "");
  return lines.join("\n");
}
