import { createHash } from "node:crypto";
import type { Location } from "../core/finding.js";
import { STYLE } from "../report/html/assets.js";
import { html } from "../report/html/escape.js";
import type { Answer } from "./answers.js";
import type { Block, EvidenceItem, SelfAssessmentDoc } from "./document.js";

const LABEL: Readonly<Record<EvidenceItem["state"], string>> = {
  pass: "pass",
  fail: "problem",
  accepted: "accepted",
  incomplete: "incomplete",
  "not-applicable": "not applicable",
  "not-available": "not evaluated",
  error: "error",
};

const EXTRA = `.ev{list-style:none;padding-left:0}.ev li{margin:.3rem 0}.tag{display:inline-block;min-width:6.5rem;font-size:.8rem;font-weight:700;text-transform:uppercase}.tag-pass{color:var(--pass)}.tag-problem,.tag-error{color:var(--fail)}.tag-incomplete{color:var(--medium)}.prompt{border-left:4px solid var(--medium);padding:.3rem .8rem;background:var(--card)}.rule{color:var(--muted);font-size:.85rem}`;

/** The self-assessment as one self-contained HTML page (no script, no network; a CSP allows only its own style). */
export function renderAssessmentHtml(doc: SelfAssessmentDoc): string {
  const style = `${STYLE}${EXTRA}`;
  const csp = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'; base-uri 'none'; form-action 'none'`;
  const body = doc.sections.map((s) => `<section id="${html(s.id)}"><h${s.id === "intro" ? 1 : s.depth}>${html(s.title)}</h${s.id === "intro" ? 1 : s.depth}>${s.blocks.map(block).join("")}</section>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(`${doc.project}: security self-assessment`)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return `<p>${code(html(b.text))}</p>`;
    case "answer":
      return answer(b.value, b.label);
    case "prompt":
      return `<p class="prompt"><strong>To answer</strong> (<code>${html(b.key)}</code> in .assay/assessment.yml${b.required ? ", required" : ""}): ${html(b.guidance)}</p>`;
    case "evidence":
      if (b.items.length === 0 && b.more === 0) return "";
      return `<p><em>Evidence in the repository:</em></p><ul class="ev">${b.items.map(item).join("")}${b.more > 0 ? `<li>… and ${b.more} more</li>` : ""}</ul>`;
    case "table": {
      // Only the tables of the maintainers' answers and the repository's address link; the others quote the repository.
      const cell = (c: string): string => (b.links === true ? linked(c, (t) => code(html(t))) : code(html(c)));
      return `<table>${b.header.some((h) => h !== "") ? `<thead><tr>${b.header.map((h) => `<th scope="col">${html(h)}</th>`).join("")}</tr></thead>` : ""}<tbody>${b.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${html(c)}</th>` : `<td>${cell(c)}</td>`)).join("")}</tr>`).join("")}</tbody></table>`;
    }
    case "places":
      return `<ul>${b.items.map((p) => `<li><code>${html(`${p.path}:${p.line}`)}</code>: <code>${html(p.text)}</code></li>`).join("")}${b.more > 0 ? `<li>… and ${b.more} more places</li>` : ""}</ul>`;
  }
}

/** Backtick spans of already escaped text as code, as the Markdown document shows them. */
function code(escaped: string): string {
  return escaped.replace(/`([^`<]{1,200})`/g, "<code>$1</code>");
}

/**
 * Text with its http(s) URLs as links, every piece escaped: the maintainers' answers name their
 * SBOM, their security pages and their repository, which a reader of the page follows.
 */
function linked(text: string, escape: (t: string) => string = html): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`]{1,500}/g)) {
    let url = m[0];
    // A sentence's full stop or closing bracket after a URL is not part of it.
    while (url.length > 0 && ".,;:!?)]".includes(url.charAt(url.length - 1))) url = url.slice(0, -1);
    out += `${escape(text.slice(last, m.index))}<a href="${html(url)}">${html(url)}</a>`;
    last = m.index + url.length;
  }
  return out + escape(text.slice(last));
}

function answer(v: Answer, label?: string): string {
  const lead = label !== undefined ? `<strong>${html(label)}.</strong> ` : "";
  if (typeof v === "boolean") return `<p>${lead}${v ? "Yes." : "No."}</p>`;
  if (typeof v === "string") return v.split(/\n{2,}/).map((p, i) => `<p>${i === 0 ? lead : ""}${linked(p)}</p>`).join("");
  return `${lead !== "" ? `<p>${lead.trimEnd()}</p>` : ""}<ul>${v.map((x) => (typeof x === "string" ? `<li>${linked(x)}</li>` : `<li><strong>${html(x.name)}</strong>${x.description ? `: ${linked(x.description)}` : ""}</li>`)).join("")}</ul>`;
}

function item(e: EvidenceItem): string {
  // A finding's related locations may be on its own line (another column): each place is cited once.
  const places = [...new Set(e.locations.map(loc))];
  const where = places.length > 0 ? ` (${places.slice(0, 3).join(", ")}${places.length > 3 ? ", …" : ""})` : "";
  return `<li><span class="tag tag-${html(LABEL[e.state].replace(" ", "-"))}">${html(LABEL[e.state])}</span> ${html(e.text).replace(/`([^`<]{1,500})`/g, "<code>$1</code>")}${where} <span class="rule">${html(e.ruleId)}</span></li>`;
}

function loc(l: Location): string {
  return `<code>${html(l.startLine ? `${l.path}:${l.startLine}` : l.path)}</code>`;
}
