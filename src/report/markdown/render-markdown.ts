import type { Assessment, CheckResult, Diagnostic } from "../../core/assessment.js";
import type { Finding } from "../../core/finding.js";
import { SEVERITIES, type Severity } from "../../core/severity.js";
import { groupByCheck } from "../group.js";
import { CHANGE_REVIEW, NOT_OPEN_STATUSES, checkLabel, formatScore, plural, scoreOutOfTen, statusLabel } from "../labels.js";
import { formatLocation, inRepository } from "../location.js";
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

/** Pull-request mode (`--diff BASE`): the scan records it as a note, and then reports only what the change introduced. */
function diffMode(a: Assessment): boolean {
  return a.diagnostics.some((d) => d.code === "diff-mode");
}

/** Open findings counted by severity, most severe first: "3 open findings (1 critical, 2 high)". */
function openCount(a: Assessment, diff: boolean): string {
  const open = a.findings.filter((f) => f.status === "open");
  const word = diff ? "new finding" : "open finding";
  if (open.length === 0) return `no ${word}s`;
  const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `${plural(open.length, word)} (${counts.join(", ")})`;
}

/** The first line, whole on its own: the verdict, what is open, and the score (which means little in diff mode). */
function verdictLine(a: Assessment): string {
  const diff = diffMode(a);
  const verdict = a.gate.passed ? "✅ **assay: gate passed**" : "❌ **assay: gate failed**";
  const tail = diff ? " · only what this change introduced" : ` · score ${scoreOutOfTen(a.summary.score)}`;
  return `${verdict} — ${openCount(a, diff)}${tail}${changeReview(a)}`;
}

/** What the change does to its own gate, for the reviewer to see first: "⚠️ this change silences 1 finding and edits its policy". */
function changeReview(a: Assessment): string {
  const silenced = a.diagnostics.filter((d) => d.code === "suppressed-by-change").length;
  const hidden = a.diagnostics.filter((d) => d.code === "hidden-by-existing-triage").length;
  const edits = [...CHANGE_REVIEW].filter(([code, what]) => what !== undefined && a.diagnostics.some((d) => d.code === code)).map(([, what]) => what);
  const parts = [
    ...(silenced > 0 ? [`silences ${plural(silenced, "finding")}`] : []),
    ...(hidden > 0 ? [`adds ${plural(hidden, "finding")} an existing suppression or exception hides`] : []),
    ...(edits.length > 0 ? [`edits its ${edits.join(", ")}`] : []),
  ];
  return parts.length > 0 ? ` · ⚠️ this change ${parts.join(" and ")} (see the diagnostics)` : "";
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

function checkRow(c: CheckResult): string {
  // An incomplete check keeps its fail-closed score, shown marked so nobody reads it as earned.
  const score = c.status === "scored" ? formatScore(c.score) : c.status === "incomplete" ? `${formatScore(c.score)} ⚠️` : "n/a";
  return `| ${mdText(checkLabel(c.id, c.title))} | ${score} | ${checkNote(c)} |`;
}

const TABLE_HEAD = ["| Check | Score | Notes |", "| --- | ---: | --- |"];

/** A check that needs a reader's attention: it lost points, could not finish, or failed to run. */
function needsAttention(c: CheckResult): boolean {
  return c.status === "error" || c.status === "incomplete" || (c.status === "scored" && c.score !== null && c.score < 10);
}

/** Checks that lost points, in a table; those that passed or do not apply, collapsed. */
function checksSection(a: Assessment): string[] {
  if (a.checks.length === 0) return [];
  const attention = a.checks.filter(needsAttention);
  const rest = a.checks.filter((c) => !needsAttention(c));
  const out = attention.length > 0 ? ["### Checks", "", ...TABLE_HEAD, ...attention.map(checkRow), ""] : [];
  if (rest.length > 0) {
    const passed = rest.filter((c) => c.status === "scored").length;
    const counts = [passed > 0 ? `${passed} passed` : "", rest.length - passed > 0 ? `${rest.length - passed} not applicable or not available` : ""].filter(Boolean);
    out.push("<details>", `<summary>${plural(rest.length, "check")}: ${counts.join(", ")}</summary>`, "", ...TABLE_HEAD, ...rest.map(checkRow), "", "</details>", "");
  }
  return out;
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

const SEVERITY_TITLE: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low", info: "Info" };

/**
 * Open findings, one collapsible section per severity: open for critical and high, closed for the
 * rest. Within a severity, findings follow the checks' order. Listing stops at `max` findings or
 * when the report would outgrow `budget` characters, and says how many were left out.
 */
function openSection(a: Assessment, max: number, budget: number): string[] {
  const open = a.findings.filter((f) => f.status === "open");
  if (open.length === 0) return [];
  const out: string[] = [];
  let used = 0;
  let shown = 0;
  for (const severity of SEVERITIES) {
    const list = groupByCheck(a, open.filter((f) => f.severity === severity)).flatMap((g) => g.findings);
    if (list.length === 0) continue;
    const head = [severity === "critical" || severity === "high" ? "<details open>" : "<details>", `<summary>${SEVERITY_TITLE[severity]}: ${plural(list.length, "open finding")}</summary>`, ""];
    const foot = ["", "</details>", ""];
    const section = [...head];
    for (const f of list) {
      const item = findingItem(f);
      if (shown >= max || used + size(section) + size(item) + size(foot) > budget - RESERVE) break;
      section.push(...item);
      shown++;
    }
    if (section.length === head.length) break;
    section.push(...foot);
    out.push(...section);
    used += size(section);
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

/**
 * A GitHub-flavoured Markdown report sized for a pull-request comment or a job summary: a one-line
 * verdict first, then why the gate failed, the open findings by severity in collapsible sections,
 * the findings that are not open, the checks (those that passed or do not apply collapsed), and the
 * diagnostics. It stays under GitHub's 65,536-character comment limit and says what it left out.
 */
export function renderMarkdown(scanned: Assessment, options: MarkdownOptions = {}): string {
  // Read on the pull request, where files are named from the repository's top: a subfolder scan's paths carry the folder.
  const a = inRepository(scanned);
  const max = Math.max(0, options.maxFindings ?? DEFAULT_MAX_FINDINGS);
  const head = [verdictLine(a), "", ...gateSection(a)];
  const tail = [
    ...checksSection(a),
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
