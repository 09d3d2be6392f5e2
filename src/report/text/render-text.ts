import type { Assessment, CheckResult, Diagnostic, RuleResult } from "../../core/assessment.js";
import type { Finding } from "../../core/finding.js";
import { SEVERITIES, type Severity } from "../../core/severity.js";
import { groupByCheck } from "../group.js";
import { NOT_OPEN_STATUSES, formatScore, scoreOutOfTen, statusLabel, titleAddsToId } from "../labels.js";
import { formatLocation } from "../location.js";
import { inertText, visible } from "../../core/escape.js";
import { palette, type Palette } from "./ansi.js";
import { firstSentence } from "./sentence.js";
import { wrap } from "./wrap.js";

/** Options for the terminal report. */
export interface TextOptions {
  /** Emit ANSI colours; the CLI decides from the TTY, NO_COLOR and --color. */
  color: boolean;
  /** Also list findings that are not open, every information finding (past INFO_LISTED per rule), and note-level diagnostics. */
  verbose?: boolean;
  /** The terminal's width: long why/fix lines wrap to it. 0 or absent (not a terminal): no wrapping. */
  width?: number;
}

const TAG_WIDTH = "CRITICAL".length;
const INDENT = "  ";
const DETAIL_INDENT = INDENT + " ".repeat(TAG_WIDTH + 2);

function severityTag(s: Severity, p: Palette): string {
  const tag = s.toUpperCase().padEnd(TAG_WIDTH);
  switch (s) {
    case "critical":
      return p.alarm(tag);
    case "high":
      return p.red(p.bold(tag));
    case "medium":
      return p.yellow(tag);
    case "low":
      return p.blue(tag);
    case "info":
      return p.gray(tag);
  }
}

function where(f: Finding): string {
  const primary = f.locations[0];
  return primary ? visible(formatLocation(primary)) : "(repository)";
}

/** A labelled detail line (`why:`, `fix:`, `note:`), wrapped to the width under its own text. */
function detail(label: string, text: string, style: (s: string) => string, width: number): string[] {
  const first = DETAIL_INDENT.length + label.length + 1;
  const indent = DETAIL_INDENT + " ".repeat(label.length + 1);
  return wrap(text, width, first, indent.length).map((l, i) => (i === 0 ? `${DETAIL_INDENT}${style(label)} ${l}` : `${indent}${l}`));
}

/**
 * The finding's first line (more at a narrow terminal): severity, where, what, and the rule id.
 * The message wraps under the why and fix text, as they do, so an 80-column terminal never
 * splits a word or hides the rule id past the edge.
 */
function headline(f: Finding, p: Palette, width: number): string {
  const place = where(f);
  const prefix = `${INDENT}${"x".repeat(TAG_WIDTH)}  ${place}  `;
  const text = `${visible(f.message)} [${visible(f.ruleId)}]`;
  const lines = wrap(text, width, prefix.length, DETAIL_INDENT.length);
  // The rule id is grey on the last line: it is the tail of the wrapped text.
  const last = lines.length - 1;
  const tagged = lines.map((l, i) => (i === last ? l.replace(/\[[^\]]*\]$/, (id) => p.gray(id)) : l));
  return [`${INDENT}${severityTag(f.severity, p)}  ${p.bold(place)}  ${tagged[0] ?? ""}`, ...tagged.slice(1).map((l) => `${DETAIL_INDENT}${l}`)].join("\n");
}

/**
 * A finding's lines. `explain` false leaves out why and fix: the next finding of the run says the
 * same (same rule, same fix), and the run's last one explains them all.
 */
function findingLines(f: Finding, rule: RuleResult | undefined, p: Palette, width: number, explain = true): string[] {
  const head = headline(f, p, width);
  if (f.status !== "open") {
    const why = f.statusReason === undefined ? "" : `: ${visible(f.statusReason)}`;
    return [p.dim(head), `${DETAIL_INDENT}${p.dim(`${statusLabel(f.status)}${why}`)}`];
  }
  if (!explain) return [head];
  const lines = [head];
  if (rule) lines.push(...detail("why:", firstSentence(rule.rationale), p.dim, width));
  if (f.fix !== undefined && f.fix.includes("\n")) {
    // A multi-line fix is a snippet to paste (YAML, a command); flattening it would break it.
    lines.push(`${DETAIL_INDENT}${p.green("fix:")}`);
    for (const l of f.fix.replace(/\s+$/, "").split(/\r?\n/).slice(0, 20)) lines.push(`${DETAIL_INDENT}  ${visible(l)}`);
  } else {
    const fix = f.fix !== undefined ? visible(f.fix) : rule ? firstSentence(rule.remediation) : undefined;
    if (fix !== undefined) lines.push(...detail("fix:", fix, p.green, width));
  }
  if (f.edits !== undefined) lines.push(`${DETAIL_INDENT}${p.green("autofix:")} assay fix --rule ${visible(f.ruleId)}`);
  // An open finding with a reason is one whose exception expired: say so, or the user is puzzled.
  if (f.statusReason !== undefined) lines.push(...detail("note:", visible(f.statusReason), p.yellow, width));
  return lines;
}

/**
 * A check by the id the policy and `assay explain` accept; its title follows when it says more
 * than the id (`License (Licence)`, `SAST (Static analysis)`), not when it only repeats it.
 */
function checkName(id: string, c: CheckResult | undefined, p: Palette): string {
  const title = c && titleAddsToId(id, c.title) ? p.gray(` (${visible(c.title)})`) : "";
  return `${p.bold(visible(id))}${title}`;
}

function checkHeading(id: string, c: CheckResult | undefined, p: Palette): string {
  const score = c?.status === "scored" ? `  ${formatScore(c.score)}/10` : c?.status === "incomplete" ? `  ${p.yellow("incomplete")}` : "";
  return `${checkName(id, c, p)}${score}`;
}

/** Info findings of one rule listed in a check before the rest are counted (all with --verbose). */
const INFO_LISTED = 10;

/** True when two open findings in a row would print the same why and fix. */
function explainedAlike(f: Finding, next: Finding | undefined): boolean {
  return next !== undefined && f.status === "open" && next.status === "open" && f.ruleId === next.ruleId && f.fix === next.fix && f.edits === undefined && next.edits === undefined && f.statusReason === undefined;
}

function findingsSection(a: Assessment, verbose: boolean, p: Palette, width: number): string[] {
  const shown = verbose ? a.findings : a.findings.filter((f) => f.status === "open");
  const rules = new Map(a.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const g of groupByCheck(a, shown)) {
    out.push(checkHeading(g.id, g.check, p));
    // Information (documented examples, placeholders) is listed up to INFO_LISTED per rule: a
    // test suite full of sample keys would otherwise bury the findings that matter.
    const infoSeen = new Map<string, number>();
    const listed = g.findings.filter((f) => {
      if (verbose || f.severity !== "info" || f.status !== "open") return true;
      const n = (infoSeen.get(f.ruleId) ?? 0) + 1;
      infoSeen.set(f.ruleId, n);
      return n <= INFO_LISTED;
    });
    listed.forEach((f, i) => out.push(...findingLines(f, rules.get(f.ruleId), p, width, !explainedAlike(f, listed[i + 1]))));
    for (const [ruleId, n] of infoSeen) {
      if (n > INFO_LISTED) out.push(`${DETAIL_INDENT}${p.dim(`and ${n - INFO_LISTED} more like these [${visible(ruleId)}] (all with --verbose or --format json)`)}`);
    }
    out.push("");
  }
  return out;
}

/** Wraps `text` after a `prefix` of `first` visible columns, the next lines indented by `indent`. */
function wrapped(prefix: string, first: number, text: string, indent: string, width: number): string {
  return wrap(text, width, first, indent.length).map((l, i) => (i === 0 ? `${prefix}${l}` : `${indent}${l}`)).join("\n");
}

function otherChecksSection(a: Assessment, verbose: boolean, p: Palette, width: number): string[] {
  const listed = new Set((verbose ? a.findings : a.findings.filter((f) => f.status === "open")).map((f) => f.check));
  const quiet = a.checks.filter((c) => c.status === "scored" && !listed.has(c.id));
  const unscored = a.checks.filter((c) => c.status !== "scored");
  const out: string[] = [];
  // A check can score below 10 with nothing open (its findings are baselined or excepted): say why.
  const notOpen = (id: string) => a.findings.filter((f) => f.check === id && f.status !== "open").length;
  const quietLabel = (c: CheckResult) => `${visible(c.id)} ${formatScore(c.score)}/10${notOpen(c.id) > 0 ? ` (${notOpen(c.id)} not open)` : ""}`;
  const label = "No open findings:";
  if (quiet.length > 0) out.push(wrapped(`${p.bold(label)} `, label.length + 1, quiet.map(quietLabel).join(", "), INDENT, width));
  for (const c of unscored) {
    // Incomplete is said loudly and with its reason: evidence nobody could read fails the gate.
    const status = c.status === "error" ? "error" : c.status === "incomplete" ? "incomplete" : c.status.replace("-", " ");
    const label = c.status === "error" ? p.red(status) : c.status === "incomplete" ? p.yellow(status) : p.dim(status);
    const plainName = checkName(c.id, c, palette(false));
    out.push(wrapped(`${checkName(c.id, c, p)}: ${label} `, plainName.length + status.length + 3, `(${visible(c.reason)})`, INDENT, width));
  }
  if (out.length > 0) out.push("");
  return out;
}

function diagnosticLine(d: Diagnostic, p: Palette, width: number): string {
  const pos = d.path === undefined ? "" : `${visible(formatLocation({ path: d.path, startLine: d.line, startColumn: d.column }))}: `;
  const level = d.level === "error" ? p.red("error") : d.level === "warning" ? p.yellow("warning") : p.dim("note");
  const more = INDENT + INDENT + INDENT;
  const text = wrap(`${visible(d.message)} [${visible(d.code)}]`, width, INDENT.length + pos.length + d.level.length + 2, more.length);
  // The code is grey on the last line, where the wrapped text ends with it.
  const body = text.map((l, i) => (i === text.length - 1 ? l.replace(/\[[^\]]*\]$/, (code) => p.gray(code)) : l)).join(`\n${more}`);
  const hint = d.hint === undefined ? "" : `\n${wrap(`hint: ${visible(d.hint)}`, width, INDENT.length * 2, more.length).map((l, i) => `${i === 0 ? INDENT + INDENT : more}${p.dim(l)}`).join("\n")}`;
  return `${INDENT}${pos}${level}: ${body}${hint}`;
}

function diagnosticsSection(a: Assessment, verbose: boolean, p: Palette, width: number): string[] {
  const shown = a.diagnostics.filter((d) => verbose || d.level !== "note");
  if (shown.length === 0) return [];
  return [p.bold("Diagnostics"), ...shown.map((d) => diagnosticLine(d, p, width)), ""];
}

function summaryLines(a: Assessment, p: Palette, width: number, verboseShown: boolean): string[] {
  const bySeverity = SEVERITIES.filter((s) => a.summary.findings.openBySeverity[s] > 0).map((s) => `${a.summary.findings.openBySeverity[s]} ${s}`);
  const open = bySeverity.length > 0 ? `open: ${bySeverity.join(", ")}` : "no open findings";
  const notOpen = NOT_OPEN_STATUSES.filter((s) => a.summary.findings.byStatus[s] > 0).map((s) => `${a.summary.findings.byStatus[s]} ${statusLabel(s)}`);
  // In pull-request mode checks whose findings lie outside the change pass, so the total would
  // read as a (too good) grade of the project: say what was judged instead, as the Markdown does.
  const diff = a.diagnostics.find((d) => d.code === "diff-mode");
  const label = diff ? "Only this change" : "Score";
  const parts = [diff ? `(${visible(diff.message)})` : scoreOutOfTen(a.summary.score), open];
  // "0.0/10 · no open findings" reads as a contradiction: an incomplete rule scores as failed, which the line says.
  const incomplete = a.checks.filter((c) => c.status === "incomplete" || c.status === "error").length;
  if (incomplete > 0) parts.push(`${incomplete} check${incomplete === 1 ? "" : "s"} incomplete, scored as failed`);
  if (notOpen.length > 0) parts.push(`not open: ${notOpen.join(", ")}${a.findings.some((f) => f.status !== "open") && !verboseShown ? " (-v lists them)" : ""}`);
  const verdict = a.gate.passed ? p.green(p.bold("✔ Gate passed")) : p.red(p.bold("✖ Gate failed"));
  const first = `${p.bold(label)} ${parts[0] ?? ""}${parts.length > 1 ? " · " : ""}`;
  const summary = wrapped(first, label.length + 1 + (parts[0] ?? "").length + 3, parts.slice(1).join(" · "), INDENT, width);
  return [summary, verdict, ...a.gate.reasons.map((r) => wrapped(`${INDENT}- `, INDENT.length + 2, visible(r), INDENT + INDENT, width))];
}

/** The terminal report: open findings by check with why and how to fix, then the score and the verdict. */
export function renderText(a: Assessment, options: TextOptions): string {
  const p = palette(options.color);
  const verbose = options.verbose ?? false;
  const lines = [
    ...findingsSection(a, verbose, p, options.width ?? 0),
    ...otherChecksSection(a, verbose, p, options.width ?? 0),
    ...diagnosticsSection(a, verbose, p, options.width ?? 0),
    ...summaryLines(a, p, options.width ?? 0, verbose),
  ];
  // Every piece of repository text was made visible above; this keeps lines from acting as workflow commands in a CI log.
  return inertText(lines.join("\n") + "\n");
}
