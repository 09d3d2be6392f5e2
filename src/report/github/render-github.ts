import type { Assessment, Diagnostic } from "../../core/assessment.js";
import { commandData as data, commandProperty as prop } from "../../core/escape.js";
import { severityRank, type Severity } from "../../core/severity.js";
import { CHANGE_REVIEW, NOT_OPEN_STATUSES, scoreOutOfTen, statusLabel } from "../labels.js";
import { inRepository } from "../location.js";
import { incompleteGroups } from "../../core/incomplete-groups.js";

/** GitHub Actions annotation levels: errors and warnings show on the pull request's diff. */
const LEVEL: Readonly<Record<Severity, "error" | "warning" | "notice">> = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" };

/** Annotations of one level GitHub shows per step; later ones are dropped silently, in the order printed. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = "error" | "warning" | "notice";

interface Annotation {
  level: Level;
  /** Everything after `::level `: properties, `::` and the escaped message. */
  body: string;
}

/** A diagnostic as an annotation's properties and text: on its file and line when it has them (and column, with `column`). */
function diagnosticBody(d: Diagnostic, column: boolean): string {
  const props = [...(d.path ? [`file=${prop(d.path)}`] : []), ...(d.path && d.line ? [`line=${d.line}`] : []), ...(column && d.path && d.line && d.column ? [`col=${d.column}`] : []), `title=${prop(`assay: ${d.code}`)}`];
  return `${props.join(",")}::${data(`${d.message}${d.hint ? `\n${d.hint}` : ""}`)}`;
}

/**
 * GitHub Actions workflow commands: the verdict, then what a pull request does to its own gate,
 * then files that could not be parsed (on their line) and checks nobody could judge, then open
 * findings, most severe first. GitHub shows the first ten annotations of each level in a step and
 * drops the rest without a word, so each level keeps nine and says how many more it has, and where.
 */
export function renderGithub(scanned: Assessment): string {
  // GitHub places an annotation by its path from the repository's top, a scanned subfolder's included.
  const a = inRepository(scanned);
  const out: Annotation[] = [];
  const verdict = a.gate.passed ? "gate passed" : `gate failed: ${a.gate.reasons.join("; ")}`;
  // In pull-request mode the total grades only the change (checks it did not touch pass): the
  // verdict says what was judged instead of a score that reads as the project's.
  const judged = a.diagnostics.some((d) => d.code === "diff-mode") ? `only what this change introduced, ${a.summary.findings.open} new finding(s)` : `score ${scoreOutOfTen(a.summary.score)}, ${a.summary.findings.open} open finding(s)`;
  out.push({ level: a.gate.passed ? "notice" : "error", body: `title=assay::${data(`${judged}${notOpen(a)}, ${verdict}`)}` });
  // What a pull request does to the gate that judges it (its own suppressions, policy, baseline,
  // VEX) is for its reviewer to see on the diff, whatever the verdict.
  for (const d of a.diagnostics) {
    if (!CHANGE_REVIEW.has(d.code)) continue;
    out.push({ level: "warning", body: diagnosticBody(d, false) });
  }
  // A file that could not be parsed, on its own line, so the author of a broken workflow or
  // lockfile sees the error where they wrote it rather than only in a check's summary.
  for (const d of a.diagnostics) {
    if (d.level !== "error" || !d.path) continue;
    out.push({ level: a.gate.thresholds.incomplete ? "error" : "warning", body: diagnosticBody(d, true) });
  }
  // A check nobody could judge is as loud as a finding when it fails the gate.
  // Checks stopped by the same evidence share one annotation, keeping GitHub's ten for other news.
  for (const g of incompleteGroups(a.checks.filter((x) => x.status === "incomplete"))) {
    const ids = g.checks.map((c) => c.id).join(", ");
    out.push({ level: a.gate.thresholds.incomplete ? "error" : "warning", body: `title=${prop(`assay: ${ids} ${g.checks.length === 1 ? "is" : "are"} incomplete`)}::${data(`${ids} could not be judged: ${g.reason}`)}` });
  }
  const open = a.findings.filter((f) => f.status === "open");
  for (const f of open.sort((x, y) => severityRank(y.severity) - severityRank(x.severity))) {
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
    out.push({ level: LEVEL[f.severity], body: `${props.join(",")}::${data(`${f.message}${fix}`)}` });
  }
  return `${withinLimits(out).map((x) => `::${x.level} ${x.body}`).join("\n")}\n`;
}

/**
 * The findings the gate did not count, by status: ", 12 not open (12 baselined)". A checkout's own
 * baseline, VEX documents and suppression comments close findings, and --policy does not set them
 * aside: the one line a job shows must not read as "0 open findings" with nothing else said.
 */
function notOpen(a: Assessment): string {
  const counts = NOT_OPEN_STATUSES.map((s) => [s, a.findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
  const total = counts.reduce((n, [, k]) => n + k, 0);
  return total === 0 ? "" : `, ${total} not open (${counts.map(([s, n]) => `${n} ${statusLabel(s)}`).join(", ")})`;
}

/** The annotations GitHub will show, in order: past the limit, a level's last slot counts what it left out. */
function withinLimits(all: readonly Annotation[]): Annotation[] {
  const total = new Map<Level, number>();
  for (const x of all) total.set(x.level, (total.get(x.level) ?? 0) + 1);
  const shown = new Map<Level, number>();
  const out: Annotation[] = [];
  for (const x of all) {
    const n = total.get(x.level) ?? 0;
    const room = n > ANNOTATIONS_PER_LEVEL ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
    const k = shown.get(x.level) ?? 0;
    if (k < room) out.push(x);
    else if (k === room) out.push({ level: x.level, body: `title=${prop(`assay: ${n - room} more`)}::${data(`${n - room} more ${x.level} annotations are not shown: GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step. The job's log, its summary and the SARIF upload list every finding.`)}` });
    shown.set(x.level, k + 1);
  }
  return out;
}
