import type { Assessment, RuleResult } from "../../core/assessment.js";
import type { Finding } from "../../core/finding.js";
import type { Severity } from "../../core/severity.js";
import { clip, visible } from "../../core/escape.js";
import { printJson } from "../json/render-json.js";
import { inRepository } from "../location.js";
import { mdCodeBlock, mdText } from "../markdown/escape.js";
import { vouched } from "../rule-meta.js";
import { ruleHelpUri } from "../sarif/sarif-rules.js";

// GitLab's two report formats: the SAST security report (Security tab, merge request widget,
// vulnerability report) and the Code Quality report (merge request diff annotations). Only open
// findings are reported: GitLab has no status for baselined, excepted or suppressed ones.

/** The version of GitLab's security report schema this output follows. */
export const GITLAB_SAST_VERSION = "15.1.4";

const SAST_SEVERITY: Readonly<Record<Severity, string>> = { critical: "Critical", high: "High", medium: "Medium", low: "Low", info: "Info" };
const CODEQUALITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "blocker", high: "critical", medium: "major", low: "minor", info: "info" };
/** Where a finding about the repository as a whole is placed: GitLab needs a file. */
const REPOSITORY = ".";

/** GitLab's timestamps: seconds, no zone (the schema's pattern). */
function gitlabTime(iso: string): string {
  return iso.slice(0, 19);
}

function open(a: Assessment): Finding[] {
  return a.findings.filter((f) => f.status === "open");
}

/** A deterministic UUID (v5-shaped) from a fingerprint: the same finding keeps its identity across pipelines. */
function uuidOf(fingerprint: string): string {
  const h = (fingerprint + "0".repeat(32)).slice(0, 32).toLowerCase().replace(/[^0-9a-f]/g, "0");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function cwes(rule: RuleResult | undefined): { type: string; name: string; value: string; url: string }[] {
  const out: { type: string; name: string; value: string; url: string }[] = [];
  for (const r of rule?.references ?? []) {
    const m = /\bCWE-(\d{1,5})\b/.exec(`${r.title} ${r.url}`);
    if (m && !out.some((x) => x.value === m[1])) out.push({ type: "cwe", name: `CWE-${m[1]}`, value: m[1] as string, url: `https://cwe.mitre.org/data/definitions/${m[1]}.html` });
  }
  return out;
}

/** Longest finding message quoted in a vulnerability's description (escaping can grow it fourfold). */
const MAX_MESSAGE = 20_000;
/** Longest fix quoted in a solution, whose whole is cut at 7,000 characters. */
const MAX_FIX = 3_000;

/**
 * A finding's fix as GitLab Markdown: a multi-line one is a snippet to paste, kept whole in a code
 * block; one line is escaped text. GitLab renders a vulnerability's description and solution as
 * Markdown (HTML allowed), so repository text quoted raw there could show an image that calls home
 * whenever someone opens the vulnerability, or a link dressed as the fix.
 */
function fixMarkdown(fix: string): string {
  return fix.includes("\n") ? mdCodeBlock(clip(fix, MAX_FIX), "").join("\n") : mdText(clip(fix, MAX_FIX));
}

/** GitLab's SAST security report (`artifacts: reports: sast`). */
export function renderGitlabSast(scanned: Assessment): string {
  // GitLab reads a location's file from the repository's top, a scanned subfolder's included.
  const a = inRepository(scanned);
  const rules = new Map(a.rules.map((r) => [r.id, r]));
  const tool = { id: "assay", name: "assay", version: a.tool.version, vendor: { name: "assay" }, url: "https://github.com/assay-dev/assay" };
  const report = {
    version: GITLAB_SAST_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_VERSION}/dist/sast-report-format.json`,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: "sast",
      start_time: gitlabTime(a.generatedAt),
      end_time: gitlabTime(a.generatedAt),
      status: a.summary.ruleErrors > 0 ? "failure" : "success",
      ...(a.diagnostics.some((d) => d.level !== "note") ? { messages: a.diagnostics.filter((d) => d.level !== "note").slice(0, 100).map((d) => ({ level: d.level === "error" ? "warn" : "info", value: clip(visible(`${d.path ? `${d.path}${d.line ? `:${d.line}` : ""}: ` : ""}${d.message}`), MAX_MESSAGE) })) } : {}),
    },
    vulnerabilities: open(a).map((f) => {
      const rule = rules.get(f.ruleId);
      const l = f.locations[0];
      // A rule this assay does not know (`assay report --from` a document): its words are escaped, as repository text is.
      const words = rule !== undefined && !vouched(rule) ? mdText : (s: string) => s;
      const doc = ruleHelpUri(f.ruleId);
      return {
        id: uuidOf(f.fingerprint),
        name: (rule?.title ?? f.ruleId).slice(0, 255),
        description: `${mdText(clip(f.message, MAX_MESSAGE))}${rule ? `\n\n${words(rule.rationale)}` : ""}`.slice(0, 1_048_576),
        severity: SAST_SEVERITY[f.severity],
        ...(rule ? { solution: `${f.fix ? `${fixMarkdown(f.fix)}\n\n` : ""}${words(rule.remediation)}`.slice(0, 7000) } : f.fix ? { solution: fixMarkdown(f.fix).slice(0, 7000) } : {}),
        identifiers: [{ type: "assay_rule_id", name: f.ruleId, value: f.ruleId, ...(doc === undefined ? {} : { url: doc }) }, ...cwes(rule)],
        location: { file: l?.path ?? REPOSITORY, start_line: l?.startLine ?? 1, ...(l?.endLine ? { end_line: l.endLine } : {}) },
      };
    }),
  };
  return printJson(report);
}

/**
 * Text for GitLab's Code Quality views, which show `check_name` and `description` as text, not
 * Markdown (HTML-escaped), so Markdown escapes would show as backslashes. But the merge request
 * widget passes its line (`Severity - check_name - description`) through a formatter that turns
 * `%{danger_start}`, `%{strong_start}`… into styled spans and deletes any other `%{word}`: a
 * message could restyle the widget or lose words. A word joiner after each `%` ends such a
 * placeholder (it prints nothing); controls and reordering characters are made visible.
 */
function codeQualityText(s: string): string {
  return visible(s).replace(/%\{/g, "%\u2060{");
}

/**
 * A location's path as GitLab joins it into the file's link (`…/blob/SHA/PATH#L1`): a path of the
 * checkout has no empty, `.` or `..` segment between its `/` (or `\`) and does not start with
 * `/`. Any other (a tampered document's `../../-/settings`) could make that link lead elsewhere in
 * GitLab, and is placed on the repository instead, as a finding without a file is.
 */
function codeQualityPath(path: string): string {
  // Browsers read `\` in a web address as `/`, so `a\..\..\x` climbs as well.
  return path.split(/[\\/]/).some((seg) => seg === "" || seg === "." || seg === "..") ? REPOSITORY : visible(path);
}

/** Longest message quoted in a Code Quality description: one line in the merge request widget. */
const MAX_CODEQUALITY_MESSAGE = 2_000;

/** GitLab's Code Quality report (`artifacts: reports: codequality`): one issue per open finding. */
export function renderGitlabCodeQuality(scanned: Assessment): string {
  const a = inRepository(scanned);
  const issues = open(a).map((f) => {
    const l = f.locations[0];
    return {
      type: "issue",
      check_name: codeQualityText(f.ruleId),
      description: codeQualityText(clip(f.message, MAX_CODEQUALITY_MESSAGE)),
      categories: ["Security"],
      fingerprint: f.fingerprint,
      severity: CODEQUALITY_SEVERITY[f.severity],
      location: { path: l === undefined ? REPOSITORY : codeQualityPath(l.path), lines: { begin: l?.startLine ?? 1, ...(l?.endLine ? { end: l.endLine } : {}) } },
    };
  });
  return printJson(issues);
}
