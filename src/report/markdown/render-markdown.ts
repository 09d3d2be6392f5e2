import type { Assessment, CheckResult, Diagnostic } from "../../core/assessment.js";
import type { Finding } from "../../core/finding.js";
import { groupByCheck } from "../group.js";
import { NOT_OPEN_STATUSES, checkLabel, formatScore, plural, statusLabel } from "../labels.js";
import { formatLocation } from "../location.js";
import { clip, inertText } from "../../core/escape.js";
import { mdCode, mdCodeBlock, mdText } from "./escape.js";

/** Options for the Markdown report. */
export interface MarkdownOptions {
  /** Most findings listed in each of the open and not-open sections; PR comments stop at 65,536 characters. */
  maxFindings?: number;
}

const DEFAULT_MAX_FINDINGS = 50;
const MAX_DIAGNOSTICS = 20;
// Per-field caps keep one quoting rule from crowding out the others.
const MAX_MESSAGE = 400;
const MAX_FIX = 300;
const MAX_PATH = 200;
/**
 * GitHub refuses comments over 65,536 characters, and escaping can quadruple hostile text
 * (`<` → `&lt;`), so findings are listed only while the whole report stays under this.
 */
const MAX_CHARS = 60_000;
/** Room kept for the "and N more" line and the closing tags of a section. */
const RESERVE = 300;

function size(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

function where(f: Finding): string {
  const primary = f.locations[0];
  return primary ? mdText(clip(formatLocation(primary, false), MAX_PATH)) : "_repository_";
}

function title(a: Assessment): string {
  const verdict = a.gate.passed ? "✅ assay: gate passed" : "❌ assay: gate failed";
  return `## ${verdict} · score ${formatScore(a.summary.score)}/10`;
}

function gateSection(a: Assessment): string[] {
  if (a.gate.reasons.length === 0) return [];
  const heading = a.gate.passed ? "**Gate notes**" : "**Why the gate failed**";
  return [heading, "", ...a.gate.reasons.map((r) => `- ${mdText(r)}`), ""];
}

function checkNote(c: CheckResult): string {
  switch (c.status) {
    case "scored":
      return mdText(c.reason);
    case "incomplete":
      return `**incomplete**: ${mdText(c.reason)}`;
    case "not-available":
      return `not available: ${mdText(c.reason)}`;
    case "not-applicable":
      return `not applicable: ${mdText(c.reason)}`;
    case "error":
      return `error: ${mdText(c.reason)}`;
  }
}

function checksTable(a: Assessment): string[] {
  if (a.checks.length === 0) return [];
  // An incomplete check keeps its fail-closed score, shown marked so nobody reads it as earned.
  const rows = a.checks.map((c) => `| ${mdText(checkLabel(c.id, c.title))} | ${c.status === "scored" ? formatScore(c.score) : c.status === "incomplete" ? `${formatScore(c.score)} ⚠️` : "n/a"} | ${checkNote(c)} |`);
  return ["### Checks", "", "| Check | Score | Notes |", "| --- | ---: | --- |", ...rows, ""];
}

function findingItem(f: Finding): string[] {
  const lines = [`- **${f.severity.toUpperCase()}** ${mdCode(f.ruleId)} ${where(f)}: ${mdText(clip(f.message, MAX_MESSAGE))}`];
  const snippet = f.fix !== undefined && f.fix.includes("\n");
  if (f.fix !== undefined && !snippet) lines.push(`  Fix: ${mdText(clip(f.fix, MAX_FIX))}`);
  if (f.edits !== undefined) lines.push(`  Autofix: ${mdCode(`assay fix --rule ${f.ruleId}`)}`);
  if (f.statusReason !== undefined) lines.push(`  Note: ${mdText(clip(f.statusReason, MAX_FIX))}`);
  // A trailing backslash is a hard line break, so fix and note render on their own lines.
  const item = lines.map((l, i) => (i < lines.length - 1 ? `${l}\\` : l));
  // A multi-line fix is a snippet to paste: a code block inside the list item keeps it intact.
  return snippet ? [...item, "", "  Fix:", "", ...mdCodeBlock(clip(f.fix as string, MAX_FIX), "  "), ""] : item;
}

function openSection(a: Assessment, max: number, budget: number): string[] {
  const open = a.findings.filter((f) => f.status === "open");
  if (open.length === 0) return ["### Open findings", "", "No open findings.", ""];
  const out = [`### Open findings (${open.length})`, ""];
  let used = size(out);
  let shown = 0;
  for (const g of groupByCheck(a, open)) {
    const score = g.check?.status === "scored" ? ` (${formatScore(g.check.score)}/10)` : "";
    const group = [`#### ${mdText(checkLabel(g.id, g.check?.title))}${score}`, ""];
    for (const f of g.findings) {
      const item = findingItem(f);
      if (shown >= max || used + size(group) + size(item) + 1 > budget - RESERVE) break;
      group.push(...item);
      shown++;
    }
    if (group.length === 2) break;
    group.push("");
    out.push(...group);
    used += size(group);
  }
  if (shown < open.length) out.push(`_…and ${plural(open.length - shown, "more open finding")} not listed here; the JSON and SARIF reports have them all._`, "");
  return out;
}

function notOpenSection(a: Assessment, max: number, budget: number): string[] {
  const rest = a.findings.filter((f) => f.status !== "open");
  if (rest.length === 0) return [];
  const counts = NOT_OPEN_STATUSES.map((s) => [s, rest.filter((f) => f.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${statusLabel(s)}`);
  const out = [
    "<details>",
    `<summary>${plural(rest.length, "finding")} not open: ${counts.join(", ")}</summary>`,
    "",
    "| Status | Severity | Rule | Location | Reason |",
    "| --- | --- | --- | --- | --- |",
  ];
  let used = size(out);
  let shown = 0;
  for (const f of rest) {
    const row = `| ${statusLabel(f.status)} | ${f.severity} | ${mdCode(f.ruleId, true)} | ${where(f)} | ${mdText(clip(f.statusReason ?? "", MAX_FIX))} |`;
    if (shown >= max || used + row.length + 1 > budget - RESERVE) break;
    out.push(row);
    used += row.length + 1;
    shown++;
  }
  out.push("");
  if (shown < rest.length) out.push(`_…and ${rest.length - shown} more._`, "");
  out.push("</details>", "");
  return out;
}

function diagnosticItem(d: Diagnostic): string {
  const pos = d.path === undefined ? "" : ` ${mdText(clip(formatLocation({ path: d.path, startLine: d.line, startColumn: d.column }), MAX_PATH))}:`;
  return `- **${d.level}** ${mdCode(d.code)}${pos} ${mdText(clip(d.message, MAX_MESSAGE))}`;
}

function diagnosticsSection(a: Assessment): string[] {
  if (a.diagnostics.length === 0) return [];
  const levels = (["error", "warning", "note"] as const)
    .map((l) => [l, a.diagnostics.filter((d) => d.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => plural(n, l));
  // Notes (a skipped large file) are counted, not listed: they rarely need action from a reviewer.
  const serious = a.diagnostics.filter((d) => d.level !== "note");
  const listed = serious.slice(0, MAX_DIAGNOSTICS).map(diagnosticItem);
  const more = serious.length > MAX_DIAGNOSTICS ? [`- _…and ${serious.length - MAX_DIAGNOSTICS} more_`] : [];
  return ["### Diagnostics", "", `${levels.join(", ")}.`, "", ...listed, ...more, ...(listed.length > 0 ? [""] : [])];
}

/** A GitHub-flavoured Markdown report sized for a PR comment or a job summary. */
export function renderMarkdown(a: Assessment, options: MarkdownOptions = {}): string {
  const max = Math.max(0, options.maxFindings ?? DEFAULT_MAX_FINDINGS);
  const head = [title(a), "", ...gateSection(a), ...checksTable(a)];
  const tail = [
    ...diagnosticsSection(a),
    `<sub>assay ${mdText(a.tool.version)} · ${plural(a.summary.files, "file")} scanned${a.target.commit ? ` at ${mdText(a.target.commit.slice(0, 12))}` : ""}</sub>`,
  ];
  let budget = MAX_CHARS - size(head) - size(tail);
  const open = openSection(a, max, budget);
  budget -= size(open);
  const rest = notOpenSection(a, max, budget);
  // Escaping keeps hostile text inert in Markdown; printed to a CI log it must not act there either.
  return inertText([...head, ...open, ...rest, ...tail].join("\n") + "\n");
}
