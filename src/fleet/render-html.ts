import { createHash } from "node:crypto";
import { SEVERITIES, atLeast, isSeverity, type Severity } from "../core/severity.js";
import { STYLE } from "../report/html/assets.js";
import { html } from "../report/html/escape.js";
import { grade } from "../report/grade.js";
import { formatScore } from "../report/labels.js";
import { clip } from "../core/escape.js";
import type { FleetFinding, FleetReport, FleetRepository } from "./report-model.js";
import { trend, worstFirst } from "./render-text.js";

/** What the overview shows: repositories weak in one check, and/or with open findings at or above a severity. */
export interface FleetFilter {
  check?: string;
  severity?: Severity;
}

/** How pages link: the dashboard links to a page per repository; the static report to sections of itself. */
export interface PageOptions {
  mode: "server" | "static";
  filter?: FleetFilter;
}

const FLEET_STYLE = `
.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;min-width:9rem}
.card .v{font-size:1.6rem;font-weight:700;display:block}.card .k{color:var(--muted);font-size:.9rem}
.g-none{background:#5a6270}.score{display:inline-block;min-width:3.2rem;text-align:center;color:#fff;border-radius:4px;padding:0 .3rem;font-weight:700}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;word-break:break-all}
.spark polyline{fill:none;stroke:currentColor;stroke-width:1.5}.spark{color:var(--muted);vertical-align:middle}
.up{color:var(--pass)}.down{color:var(--fail)}.err{color:var(--fail)}
.bar{display:inline-block;height:.7rem;border-radius:2px;vertical-align:middle}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}form.filters select,form.filters button{font:inherit;padding:.2rem .4rem}
ul.flist{list-style:none;padding:0}ul.flist li{border-left:4px solid var(--line);padding:.2rem .6rem;margin:.3rem 0}
ul.flist li.sev-critical{border-left-color:var(--critical)}ul.flist li.sev-high{border-left-color:var(--high)}ul.flist li.sev-medium{border-left-color:var(--medium)}ul.flist li.sev-low{border-left-color:var(--low)}
`;
const CSS = `${STYLE}${FLEET_STYLE}`;
const STYLE_HASH = `sha256-${createHash("sha256").update(CSS).digest("base64")}`;

/** The Content-Security-Policy of every fleet page: its own style (by hash), no script, nothing loaded from anywhere. */
export const FLEET_CSP = `default-src 'none'; style-src '${STYLE_HASH}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

function page(title: string, body: string): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${FLEET_CSP.replace("; frame-ancestors 'none'", "")}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${html(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    '<a class="skip" href="#main">Skip to content</a>',
    body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function scoreBadge(score: number | null): string {
  const g = grade(score);
  return `<span class="score ${g === "?" ? "g-none" : `g-${g}`}">${formatScore(score)}</span>`;
}

/** A sparkline of scores over time (0-10), drawn inline. */
function sparkline(history: FleetRepository["history"], width = 120, height = 24): string {
  const pts = history.filter((h) => h.score !== null);
  if (pts.length < 2) return "";
  const step = width / (pts.length - 1);
  const coords = pts.map((h, i) => `${(i * step).toFixed(1)},${(height - ((h.score ?? 0) / 10) * (height - 2) - 1).toFixed(1)}`).join(" ");
  const label = `score history: ${pts.map((h) => formatScore(h.score)).join(", ")}`;
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${html(label)}"><title>${html(label)}</title><polyline points="${coords}"/></svg>`;
}

function trendCell(r: FleetRepository): string {
  const t = trend(r);
  if (t === "") return "";
  const cls = t.startsWith("+") ? "up" : t.startsWith("-") ? "down" : "";
  return `<span class="${cls}">${t === "=" ? "no change" : t}</span>`;
}

/** True when a repository passes the filter. */
export function matches(r: FleetRepository, filter: FleetFilter | undefined): boolean {
  if (!filter || (filter.check === undefined && filter.severity === undefined)) return true;
  if (!r.latest) return false;
  const sev = filter.severity;
  if (filter.check !== undefined) {
    const c = r.checks.find((x) => x.id === filter.check);
    const weak = c !== undefined && ((c.score !== null && c.score < 10) || c.status === "incomplete" || c.status === "error");
    if (!weak) return false;
    if (sev !== undefined) return r.findings.some((f) => f.check === filter.check && atLeast(f.severity, sev));
    return true;
  }
  return sev !== undefined && SEVERITIES.some((s) => atLeast(s, sev) && (r.latest?.openBySeverity[s] ?? 0) > 0);
}

function summary(report: FleetReport): string {
  const s = report.summary;
  const card = (v: string, k: string) => `<div class="card"><span class="v">${v}</span><span class="k">${k}</span></div>`;
  return `<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2><div class="cards">${[
    card(scoreBadge(s.meanScore), "mean score"),
    card(`${s.assessed} / ${s.repositories}`, "repositories assessed"),
    card(String(s.failing), "failing to clone or scan"),
    card(`${s.openBySeverity.critical + s.openBySeverity.high}`, "open critical and high findings"),
    card(`+${s.newFindings} / −${s.fixedFindings}`, "new / fixed since the previous assessments"),
  ].join("")}</div></section>`;
}

function worstChecks(report: FleetReport, opts: PageOptions): string {
  if (report.worstChecks.length === 0) return "";
  const rows = report.worstChecks.map((c) => {
    const link = opts.mode === "server" ? `<a href="/?check=${encodeURIComponent(c.id)}">${html(c.id)}</a>` : html(c.id);
    return `<tr><th scope="row">${link}</th><td>${html(c.title)}</td><td>${html(c.risk)}</td><td class="num">${scoreBadge(c.meanScore)}</td><td class="num">${c.failing} of ${c.assessed}</td></tr>`;
  });
  return `<section aria-labelledby="checks-h"><h2 id="checks-h">Worst checks</h2><table><caption>Mean score of each check over the latest assessments, worst first</caption><thead><tr><th scope="col">check</th><th scope="col">title</th><th scope="col">risk</th><th scope="col" class="num">mean</th><th scope="col" class="num">repositories below 10</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

function filterForm(report: FleetReport, filter: FleetFilter | undefined): string {
  const checks = [...new Set(report.worstChecks.map((c) => c.id))].sort();
  const opt = (v: string, label: string, selected: boolean) => `<option value="${html(v)}"${selected ? " selected" : ""}>${html(label)}</option>`;
  return `<form class="filters" method="get" action="/" role="search" aria-label="Filter repositories">
<label>Check <select name="check">${opt("", "any check", filter?.check === undefined)}${checks.map((c) => opt(c, c, filter?.check === c)).join("")}</select></label>
<label>Open findings at least <select name="severity">${opt("", "any severity", filter?.severity === undefined)}${SEVERITIES.map((s) => opt(s, s, filter?.severity === s)).join("")}</select></label>
<button type="submit">Filter</button></form>`;
}

function repositoryRows(report: FleetReport, opts: PageOptions): { rows: string; shown: number } {
  const repos = worstFirst(report.repositories).filter((r) => matches(r, opts.filter));
  const rows = repos.map((r) => {
    const href = opts.mode === "server" ? `/repositories/${r.id}` : `#repo-${r.id}`;
    const counts = r.latest ? SEVERITIES.map((s) => r.latest?.openBySeverity[s] ?? 0).join(" / ") : "—";
    const state = r.error ? `<span class="err">failing: ${html(clip(r.error.message, 200))}</span>` : !r.latest ? html(r.state === "new" ? "not assessed yet" : r.state) : r.latest.current ? "current" : "stale";
    return `<tr><th scope="row"><a href="${href}">${html(clip(r.name, 120))}</a></th><td class="num">${r.latest ? `${scoreBadge(r.latest.score)} <span aria-label="grade">${grade(r.latest.score)}</span>` : "—"}</td><td>${sparkline(r.history)}</td><td class="num">${trendCell(r)}</td><td class="num">${counts}</td><td>${state}</td><td>${r.latest ? html(r.latest.scannedAt.slice(0, 16).replace("T", " ")) : "—"}</td></tr>`;
  });
  return { rows: rows.join(""), shown: repos.length };
}

/** The overview: summary, worst checks, every repository (filterable on the dashboard). */
export function renderFleetOverview(report: FleetReport, opts: PageOptions): string {
  const { rows, shown } = repositoryRows(report, opts);
  const f = opts.filter;
  const filtered = f && (f.check !== undefined || f.severity !== undefined);
  const caption = filtered ? `${shown} of ${report.repositories.length} repositories${f.check ? ` weak in ${html(f.check)}` : ""}${f.severity ? ` with open findings of ${html(f.severity)} severity or worse` : ""}` : `${report.repositories.length} repositories, worst first`;
  const body = [
    `<header><h1>Fleet security posture</h1><p class="facts">${report.repositories.length} repositories · generated ${html(report.generatedAt.slice(0, 19).replace("T", " "))} UTC · assay ${html(report.tool.version)} · rule set <code>${html(report.ruleset)}</code></p></header>`,
    '<main id="main">',
    summary(report),
    worstChecks(report, opts),
    `<section aria-labelledby="repos-h"><h2 id="repos-h">Repositories</h2>`,
    opts.mode === "server" ? filterForm(report, f) : "",
    `<table><caption>${caption}</caption><thead><tr><th scope="col">repository</th><th scope="col" class="num">score</th><th scope="col">trend</th><th scope="col" class="num">change</th><th scope="col" class="num">open C / H / M / L / I</th><th scope="col">state</th><th scope="col">scanned (UTC)</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    opts.mode === "static" ? worstFirst(report.repositories).map((r) => repositorySection(r, "h2", opts)).join("") : "",
    "</main>",
    `<footer>assay fleet · read-only</footer>`,
  ].join("\n");
  return page("assay fleet", body);
}

function findingList(list: readonly FleetFinding[], empty: string): string {
  if (list.length === 0) return `<p>${empty}</p>`;
  return `<ul class="flist">${list
    .map((f) => `<li class="sev-${f.severity}"><span class="sev">${f.severity}</span> <code>${html(f.ruleId)}</code> ${html(clip(f.message, 500))}${f.path ? ` <span class="where">${html(clip(f.path, 300))}${f.line ? `:${f.line}` : ""}</span>` : ""}</li>`)
    .join("")}</ul>`;
}

function repositorySection(r: FleetRepository, h: "h1" | "h2", opts: PageOptions): string {
  const sub = h === "h1" ? "h2" : "h3";
  const facts = [
    `<span class="mono">${html(r.url)}</span>`,
    r.latest ? `commit <code>${html(r.latest.commit.slice(0, 12))}</code>` : "",
    r.latest ? `scanned ${html(r.latest.scannedAt.slice(0, 16).replace("T", " "))} UTC` : "",
    r.latest ? `${r.latest.files} files` : "",
    r.latest && !r.latest.current ? "stale: HEAD or rules changed since" : "",
  ].filter(Boolean);
  const links = opts.mode === "server" && r.latest ? `<p><a href="/repositories/${r.id}/assessment">Full assessment</a> · <a href="/repositories/${r.id}/assessment.json">JSON</a></p>` : "";
  const history = r.history.length > 0 ? `<table><caption>Score over time</caption><thead><tr><th scope="col">scanned (UTC)</th><th scope="col">commit</th><th scope="col" class="num">score</th></tr></thead><tbody>${[...r.history].reverse().map((x) => `<tr><td>${html(x.scannedAt.slice(0, 16).replace("T", " "))}</td><td><code>${html(x.commit.slice(0, 12))}</code></td><td class="num">${scoreBadge(x.score)}</td></tr>`).join("")}</tbody></table>` : "";
  const checks = r.checks.length > 0 ? `<table><caption>Checks</caption><thead><tr><th scope="col">check</th><th scope="col">status</th><th scope="col" class="num">score</th></tr></thead><tbody>${r.checks.map((c) => `<tr><th scope="row">${html(c.id)}</th><td>${html(c.status)}</td><td class="num">${c.score === null ? "—" : scoreBadge(c.score)}</td></tr>`).join("")}</tbody></table>` : "";
  return [
    `<section id="repo-${r.id}" aria-labelledby="repo-${r.id}-h"><${h} id="repo-${r.id}-h">${html(r.name)} ${r.latest ? scoreBadge(r.latest.score) : ""}</${h}>`,
    `<p class="facts">${facts.join(" · ")}</p>`,
    r.error ? `<p class="err"><strong>Failing</strong> (${r.error.failures} ${r.error.failures === 1 ? "time" : "times"}): ${html(r.error.message)}${r.error.nextAttemptAt ? ` · next attempt after ${html(r.error.nextAttemptAt.slice(0, 16).replace("T", " "))} UTC` : ""}</p>` : "",
    links,
    r.history.length > 1 ? `<p>${sparkline(r.history, 320, 48)}</p>` : "",
    r.previous ? `<${sub}>Since the previous assessment (score ${formatScore(r.previous.score)} → ${formatScore(r.latest?.score ?? null)})</${sub}><p>${r.changes.new.length} new, ${r.changes.fixed.length} fixed.</p>${findingList(r.changes.new, "No new findings.")}${r.changes.fixed.length > 0 ? `<p>Fixed:</p>${findingList(r.changes.fixed, "")}` : ""}` : "",
    `<${sub}>Open findings</${sub}>`,
    r.latest ? findingList(r.findings, "No open findings.") : "<p>Not assessed yet.</p>",
    r.findingsOmitted > 0 ? `<p class="more">${r.findingsOmitted} more open findings are in the full assessment.</p>` : "",
    checks,
    history,
    "</section>",
  ].join("\n");
}

/** A repository's page on the dashboard. */
export function renderFleetRepository(report: FleetReport, r: FleetRepository): string {
  const body = [`<header><p><a href="/">← All repositories</a></p></header>`, '<main id="main">', repositorySection(r, "h1", { mode: "server" }), "</main>", `<footer>assay fleet · generated ${html(report.generatedAt.slice(0, 19).replace("T", " "))} UTC</footer>`].join("\n");
  return page(`assay fleet · ${clip(r.name, 100)}`, body);
}

/** Parses the dashboard's filter from query parameters; unknown values are ignored. */
export function parseFilter(check: string | undefined, severity: string | undefined): FleetFilter {
  return {
    ...(check && /^[A-Za-z0-9-]{1,80}$/.test(check) ? { check } : {}),
    ...(isSeverity(severity) ? { severity } : {}),
  };
}
