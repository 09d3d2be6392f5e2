import type { Assessment } from "../../core/assessment.js";
import { grade, scoreColor } from "../grade.js";
import { formatScore } from "../labels.js";

/** The badge's right-hand text: "8.7/10 · B", or "no score" when nothing could be scored. */
function message(a: Assessment): string {
  return a.summary.score === null ? "no score" : `${formatScore(a.summary.score)}/10 · ${grade(a.summary.score)}`;
}

/**
 * Width of text in 11px Verdana, the badge font, from per-character advances (rounded), so the
 * badge needs no font at render time. Unknown characters count as wide.
 */
function textWidth(s: string): number {
  let w = 0;
  for (const c of s) w += /[il.:·|' ]/.test(c) ? 4 : /[mwMW]/.test(c) ? 11 : /[0-9a-z/]/.test(c) ? 7 : 8;
  return w;
}

/** A Shields-style SVG badge with the score and grade, for a README. */
export function renderBadgeSvg(a: Assessment, label = "assay"): string {
  const msg = message(a);
  const lw = textWidth(label) + 12;
  const mw = textWidth(msg) + 12;
  const total = lw + mw;
  const color = scoreColor(a.summary.score);
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${esc(`${label}: ${msg}`)}">
<title>${esc(`${label}: ${msg}`)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${esc(label)}</text><text x="${lw + mw / 2}" y="14">${esc(msg)}</text>
</g>
</svg>
`;
}

/** A Shields.io endpoint document (https://shields.io/badges/endpoint-badge) with the same score. */
export function renderBadgeEndpoint(a: Assessment, label = "assay"): string {
  return `${JSON.stringify({ schemaVersion: 1, label, message: message(a), color: scoreColor(a.summary.score).slice(1), cacheSeconds: 3600 }, null, 2)}\n`;
}
