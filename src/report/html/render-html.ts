import { createHash } from "node:crypto";
import type { Assessment, CheckResult, Diagnostic, RuleResult } from "../../core/assessment.js";
import type { Finding } from "../../core/finding.js";
import { SEVERITIES } from "../../core/severity.js";
import { grade, scoreColor } from "../grade.js";
import { groupByCheck } from "../group.js";
import { formatScore, plural, statusLabel } from "../labels.js";
import { formatLocation } from "../location.js";
import { clip } from "../../core/escape.js";
import { html, token } from "./escape.js";
import { SCRIPT, STYLE } from "./assets.js";
import { vouched } from "../rule-meta.js";

/** Options for the HTML report. */
export interface HtmlOptions {
  /** Most findings written; past it the report says how many were left out (a browser must stay responsive). */
  maxFindings?: number;
}

const DEFAULT_MAX_FINDINGS = 5_000;
const MAX_SNIPPET = 2_000;
const MAX_MESSAGE = 1_000;
const STATUSES = ["open", "baselined", "suppressed", "excepted", "vex:not_affected"] as const;

/**
 * One self-contained HTML file: no network, no external fonts or scripts (a Content-Security-Policy
 * allows only the report's own style and script, by hash). Everything is readable without
 * JavaScript; with it, findings can be filtered by severity, family, check and status.
 */
export function renderHtml(a: Assessment, options: HtmlOptions = {}): string {
  const max = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const shown = a.findings.slice(0, max);
  const rules = new Map(a.rules.map((r) => [r.id, r]));
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `assay · ${a.target.path}`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${html(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    '<a class="skip" href="#findings">Skip to findings</a>',
    header(a),
    "<main>",
    verdict(a),
    scores(a),
    findingsSection(a, shown, rules),
    otherRules(a.rules),
    diagnostics(a.diagnostics),
    "</main>",
    footer(a),
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function sha256(s: string): string {
  return `sha256-${createHash("sha256").update(s).digest("base64")}`;
}

function header(a: Assessment): string {
  const facts = [
    a.target.commit ? `commit <code>${html(a.target.commit.slice(0, 12))}</code>` : a.target.vcs === "git" ? "no commit yet" : "not a git checkout",
    `${plural(a.summary.files, "file")} scanned`,
    a.offline ? "offline" : "online",
    `generated ${html(a.generatedAt)}`,
    `assay ${html(a.tool.version)}`,
  ];
  return `<header><h1>Security assessment of <span class="target">${html(a.target.path)}</span></h1><p class="facts">${facts.join(" · ")}</p></header>`;
}

function verdict(a: Assessment): string {
  const cls = a.gate.passed ? "pass" : "fail";
  const word = a.gate.passed ? "Gate passed" : "Gate failed";
  const reasons = a.gate.reasons.length > 0 ? `<ul>${a.gate.reasons.map((r) => `<li>${html(r)}</li>`).join("")}</ul>` : "<p>Every expectation of the policy is met.</p>";
  const policy = a.policy.source ? `policy <code>${html(a.policy.source)}</code>` : "the default policy (no assay.yml)";
  return `<section class="verdict ${cls}" aria-labelledby="verdict-h"><h2 id="verdict-h"><span aria-hidden="true">${a.gate.passed ? "✔" : "✖"}</span> ${word}</h2><p>Judged against ${policy}.</p>${reasons}</section>`;
}

function scores(a: Assessment): string {
  const s = a.summary.score;
  const open = SEVERITIES.filter((sev) => a.summary.findings.openBySeverity[sev] > 0).map((sev) => `${a.summary.findings.openBySeverity[sev]} ${sev}`);
  const scored = a.checks.filter((c) => c.score !== null);
  const unscored = a.checks.filter((c) => c.score === null);
  const rowH = 26;
  const width = 640;
  const label = 200;
  const bars = scored
    .map((c, i) => {
      const y = i * rowH;
      const w = Math.round(((c.score ?? 0) / 10) * (width - label - 60));
      return `<g transform="translate(0 ${y})"><text x="${label - 8}" y="17" text-anchor="end">${html(c.id)}</text><rect x="${label}" y="4" width="${Math.max(w, 2)}" height="18" rx="3" fill="${scoreColor(c.score)}"></rect><text x="${label + Math.max(w, 2) + 6}" y="17">${formatScore(c.score)}${c.status === "incomplete" ? " (incomplete)" : ""}</text></g>`;
    })
    .join("");
  const chart = scored.length > 0
    ? `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${scored.length * rowH}" width="100%"><title id="chart-title">Score of each check, 0 to 10</title>${bars}</svg>`
    : "<p>No check could be scored.</p>";
  const table = `<table class="checks"><caption>Checks</caption><thead><tr><th scope="col">Check</th><th scope="col">Risk</th><th scope="col">Score</th><th scope="col">Status</th></tr></thead><tbody>${[...scored, ...unscored].map(checkRow).join("")}</tbody></table>`;
  return `<section aria-labelledby="score-h"><h2 id="score-h">Score</h2><div class="total">${s === null ? `<div class="big g-none"><span class="num">not scored</span></div>` : `<div class="big g-${grade(s) === "?" ? "none" : grade(s)}"><span class="num">${formatScore(s)}</span><span class="of">/10</span><span class="grade" aria-label="grade ${grade(s)}">${grade(s)}</span></div>`}<p>${a.summary.findings.open === 0 ? "No open findings." : `Open findings: ${open.join(", ")}.`} ${a.summary.findings.total - a.summary.findings.open > 0 ? `${a.summary.findings.total - a.summary.findings.open} more are baselined, suppressed, excepted or not affected.` : ""}</p></div>${chart}${table}</section>`;
}

function checkRow(c: CheckResult): string {
  const status = c.status === "scored" ? html(c.reason) : `${html(c.status.replace("-", " "))}: ${html(c.reason)}`;
  return `<tr><th scope="row">${html(c.id)}<div class="sub">${html(c.title)}</div></th><td>${html(c.risk)}</td><td>${formatScore(c.score)}</td><td>${status}</td></tr>`;
}

function findingsSection(a: Assessment, shown: readonly Finding[], rules: ReadonlyMap<string, RuleResult>): string {
  const families = [...new Set(a.findings.map((f) => f.ruleId.split("/")[0] ?? ""))].sort();
  const checks = [...new Set(a.findings.map((f) => f.check))];
  const groups = groupByCheck(a, shown);
  const more = a.findings.length - shown.length;
  const filters = `<form class="filters" id="filters" hidden aria-label="Filter findings">
<fieldset><legend>Severity</legend>${SEVERITIES.map((s) => `<label><input type="checkbox" name="severity" value="${s}" checked> ${s}</label>`).join("")}</fieldset>
<fieldset><legend>Status</legend>${STATUSES.map((s) => `<label><input type="checkbox" name="status" value="${token(s)}" ${s === "open" ? "checked" : ""}> ${html(statusLabel(s))}</label>`).join("")}</fieldset>
<label>Family <select name="family"><option value="">all</option>${families.map((f) => `<option value="${token(f)}">${html(f)}</option>`).join("")}</select></label>
<label>Check <select name="check"><option value="">all</option>${checks.map((c) => `<option value="${token(c)}">${html(c)}</option>`).join("")}</select></label>
<label>Text <input type="search" name="q" placeholder="path, rule or words"></label>
<p class="count" role="status" aria-live="polite"></p>
</form>`;
  const body = groups
    .map((g) => `<section class="group" data-check="${token(g.id)}"><h3>${html(g.id)}${g.check ? ` <span class="sub">${html(g.check.title)} · ${formatScore(g.check.score)}/10</span>` : ""}</h3>${g.findings.map((f) => finding(f, rules.get(f.ruleId))).join("\n")}</section>`)
    .join("\n");
  return `<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings (${a.findings.length})</h2>${filters}${a.findings.length === 0 ? "<p>Nothing found.</p>" : body}${more > 0 ? `<p class="more">${more} more findings are not listed here; the JSON report (<code>--format json</code>) has all of them.</p>` : ""}</section>`;
}

function finding(f: Finding, rule: RuleResult | undefined): string {
  const loc = f.locations[0];
  const where = loc ? formatLocation(loc) : "repository";
  const family = f.ruleId.split("/")[0] ?? "";
  const attrs = `data-severity="${token(f.severity)}" data-status="${token(f.status)}" data-family="${token(family)}" data-check="${token(f.check)}"`;
  const parts: string[] = [];
  parts.push(`<dl><dt>Where</dt><dd>${f.locations.length > 0 ? f.locations.map((l) => `<code>${html(formatLocation(l))}</code>`).join("<br>") : "the repository as a whole"}</dd>`);
  parts.push(`<dt>Rule</dt><dd><code>${html(f.ruleId)}</code>${rule ? ` · ${html(rule.title)}` : ""} · confidence ${html(f.confidence)}</dd>`);
  if (f.status !== "open" || f.statusReason) parts.push(`<dt>Status</dt><dd>${html(statusLabel(f.status))}${f.statusReason ? `: ${html(f.statusReason)}` : ""}</dd>`);
  parts.push("</dl>");
  if (f.snippet) parts.push(`<pre class="snippet" aria-label="snippet"><code>${html(clip(f.snippet, MAX_SNIPPET))}</code></pre>`);
  if (rule) parts.push(`<h4>Why it matters</h4><p>${html(rule.rationale)}</p><h4>How to fix</h4><p>${html(rule.remediation)}</p>`);
  if (f.fix) parts.push(f.fix.includes("\n") ? `<pre class="fix"><code>${html(clip(f.fix, MAX_SNIPPET))}</code></pre>` : `<p class="fix">${html(f.fix)}</p>`);
  if (rule && rule.references.length > 0) parts.push(`<p class="refs">${rule.references.map((r) => reference(r, vouched(rule))).join(" · ")}</p>`);
  return `<article class="finding sev-${token(f.severity)}" ${attrs}><details><summary><span class="sev">${html(f.severity)}</span>${f.status !== "open" ? ` <span class="status">${html(statusLabel(f.status))}</span>` : ""} <span class="msg">${html(clip(f.message, MAX_MESSAGE))}</span> <span class="where">${html(where)}</span></summary>${parts.join("")}</details></article>`;
}

/**
 * A rule's reference as a link when it is a web address and the rule's meta is assay's own.
 * `assay report --from` renders a saved assessment, which anyone who could write the file could
 * have edited: a rule this assay does not know keeps its references as text (see rule-meta.ts),
 * and a `javascript:` or `data:` URL, which would run in the reader's browser, is never a link.
 */
function reference(r: { title: string; url: string }, link: boolean): string {
  return link && /^https?:\/\//i.test(r.url) ? `<a href="${html(r.url)}" rel="noreferrer noopener">${html(r.title)}</a>` : `${html(r.title)} (${html(r.url)})`;
}

function otherRules(rules: readonly RuleResult[]): string {
  const notJudged = rules.filter((r) => r.outcome !== "pass" && r.outcome !== "fail");
  if (notJudged.length === 0) return "";
  const rows = notJudged.map((r) => `<tr><th scope="row"><code>${html(r.id)}</code></th><td>${html(r.outcome.replace("-", " "))}</td><td>${html(r.reason ?? "")}</td></tr>`).join("");
  return `<section aria-labelledby="rules-h"><h2 id="rules-h">Rules that did not reach a verdict</h2><table><thead><tr><th scope="col">Rule</th><th scope="col">Outcome</th><th scope="col">Why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function diagnostics(ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return "";
  const rows = ds.map((d) => `<tr><td>${html(d.level)}</td><td>${d.path ? `<code>${html(`${d.path}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}`)}</code>` : ""}</td><td>${html(d.message)}${d.hint ? ` <span class="sub">${html(d.hint)}</span>` : ""}</td></tr>`).join("");
  return `<section aria-labelledby="diag-h"><h2 id="diag-h">What the scan noticed</h2><table><thead><tr><th scope="col">Level</th><th scope="col">Where</th><th scope="col">What</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function footer(a: Assessment): string {
  return `<footer><p>Assessment document version ${html(a.schemaVersion)}. Re-render with <code>assay report --from assessment.json --format html</code>.</p></footer>`;
}
