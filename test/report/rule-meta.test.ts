import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Assessment, RuleResult } from "../../src/core/assessment.js";
import { renderGitlabSast } from "../../src/report/gitlab/render-gitlab.js";
import { renderHtml } from "../../src/report/html/render-html.js";
import { renderMarkdown } from "../../src/report/markdown/render-markdown.js";
import { vouched, withOwnMeta } from "../../src/report/rule-meta.js";
import { renderSarif } from "../../src/report/sarif/render-sarif.js";
import type { SarifLog } from "../../src/report/sarif/sarif-types.js";
import { CHECKS, RULES } from "../../src/rules/index.js";
import { sampleAssessment } from "./sample-assessment.js";

const REGISTRY = { rules: RULES, checks: CHECKS };
const HOSTILE = "![](http://beacon.example/p.png) <img src=x onerror=alert(1)> [click](javascript:alert(1)) `x` **bold**";

/** The sample, as a tampered results file would carry it: every rule's and check's meta replaced by hostile text. */
function tampered(): Assessment {
  const a = sampleAssessment();
  for (const r of a.rules) {
    r.title = `T ${HOSTILE}`;
    r.rationale = `R ${HOSTILE}`;
    r.remediation = `M ${HOSTILE}`;
    r.references = [
      { title: `ref ${HOSTILE}`, url: "javascript:alert(1)" },
      { title: "plain", url: "http://tracker.example/t" },
      { title: "kept", url: "https://example.org/advice" },
    ];
  }
  for (const c of a.checks) {
    c.title = `C ${HOSTILE}`;
    c.description = `D ${HOSTILE}`;
  }
  return a;
}

/** The tampered sample cut to the rules this assay knows (the sample also names made-up ones). */
function tamperedKnown(): Assessment {
  const a = tampered();
  const ids = new Set(RULES.map((r) => r.meta.id));
  a.rules = a.rules.filter((r) => ids.has(r.id));
  a.findings = a.findings.filter((f) => ids.has(f.ruleId));
  assert.ok(a.rules.length >= 5 && a.findings.length > 0);
  return a;
}

/** A tampered document whose rules this assay does not know (another version's, or made up). */
function foreign(): Assessment {
  const a = tampered();
  const rename = (id: string) => `zz-other/${id.replace("/", "-")}`;
  for (const r of a.rules) r.id = rename(r.id);
  for (const f of a.findings) f.ruleId = rename(f.ruleId);
  return a;
}

const known = RULES.find((r) => r.meta.id === "repo/security-policy")?.meta;

describe("withOwnMeta: a saved assessment's rule meta", () => {
  it("takes the title, rationale, remediation and references of a rule assay knows from its registry", () => {
    assert.ok(known);
    const a = withOwnMeta(tampered(), REGISTRY);
    const r = a.rules.find((x) => x.id === "repo/security-policy");
    assert.ok(r);
    assert.equal(r.title, known.title);
    assert.equal(r.rationale, known.rationale);
    assert.equal(r.remediation, known.remediation);
    assert.deepEqual(r.references, known.references);
    assert.equal(vouched(r), true);
    // The verdict, counts and effective severity stay the document's.
    assert.equal(r.outcome, "fail");
    assert.equal(r.findings, 1);
    const check = CHECKS.find((c) => c.id === "Security-Policy");
    assert.equal(a.checks.find((c) => c.id === "Security-Policy")?.title, check?.title);
  });

  it("keeps an unknown rule's words but marks it unvouched, with only its https references", () => {
    const doc = foreign();
    const a = withOwnMeta(doc, REGISTRY);
    const r = a.rules[0] as RuleResult;
    assert.equal(vouched(r), false);
    // A renderer's copy of the rule (inRepository, a spread) stays unvouched; JSON output does not show the mark.
    assert.equal(vouched({ ...r }), false);
    assert.equal(JSON.stringify(r), JSON.stringify({ ...doc.rules[0], references: r.references }));
    assert.match(r.rationale, /^R /);
    assert.deepEqual(r.references, [{ title: "kept", url: "https://example.org/advice" }]);
    // The document itself is left as it was.
    assert.equal(doc.rules[0]?.references.length, 3);
  });

  it("says which reference is not a title and a URL, as a TypeError the CLI reports as the document's fault", () => {
    const a = sampleAssessment();
    (a.rules[2] as { references: unknown[] }).references = [null];
    assert.throws(() => withOwnMeta(a, REGISTRY), (e: unknown) => e instanceof TypeError && /rules\[2\]\.references\[0\]/.test(e.message));
  });
});

describe("reports of a tampered assessment", () => {
  it("HTML: a known rule shows assay's words; an unknown rule's references are text, never links", () => {
    const own = renderHtml(withOwnMeta(tamperedKnown(), REGISTRY));
    assert.doesNotMatch(own, /beacon|tracker\.example|javascript:/);
    assert.ok(known && own.includes(known.references[0]?.url ?? "?"));
    const other = renderHtml(withOwnMeta(foreign(), REGISTRY));
    assert.doesNotMatch(other, /<a href="https:\/\/example\.org/);
    assert.doesNotMatch(other, /href="javascript|tracker\.example|<img/);
    // References in another scheme are dropped; the https one is text.
    assert.match(other, /<p class="refs">kept \(https:\/\/example\.org\/advice\)<\/p>/);
    // Without withOwnMeta (a scan's own assessment) a reference is still a link.
    assert.match(renderHtml(sampleAssessment()), /<a href="https:\/\/github\.com\/ossf\/scorecard/);
  });

  it("SARIF: an unknown rule's help is inert Markdown and its words SARIF plain text; no doc link for an id that could lead elsewhere", () => {
    const doc = foreign();
    doc.rules[0]!.id = "../../../evil/x";
    const log = JSON.parse(renderSarif(withOwnMeta(doc, REGISTRY))) as SarifLog;
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.ok(rules.length > 0);
    for (const d of rules) {
      const md = d.help.markdown;
      assert.doesNotMatch(md, /(?<!\\)!\[|<img|(?<!\\)\[click|(?<!\\)\]\(|tracker\.example|(?<!\\)`x|(?<!\\)\*\*bold/, md);
      assert.match(md, /kept: https:\u2060\/\/example\.org\/advice/);
      // SARIF text: `[x](y)` would be an embedded link there.
      assert.doesNotMatch(d.shortDescription.text, /(?<!\\)\[click/);
      assert.doesNotMatch(d.help.text, /(?<!\\)\[click/);
    }
    const evil = rules.find((d) => d.id === "../../../evil/x");
    assert.ok(evil);
    assert.equal(evil.helpUri, undefined);
    assert.ok(rules.filter((d) => d !== evil).every((d) => d.helpUri?.startsWith("https://github.com/assay-dev/assay/blob/main/docs/rules/zz-other/")));
  });

  it("SARIF: a known rule's help is assay's own, with its references as links", () => {
    const log = JSON.parse(renderSarif(withOwnMeta(tamperedKnown(), REGISTRY))) as SarifLog;
    const d = log.runs[0]?.tool.driver.rules.find((x) => x.id === "repo/security-policy");
    assert.ok(d && known);
    assert.equal(d.shortDescription.text, known.title);
    assert.doesNotMatch(JSON.stringify(log.runs[0]?.tool.driver.rules), /beacon|javascript:|tracker\.example/);
    assert.match(d.help.markdown, /\]\(https:\/\//);
  });

  it("Markdown: checks are named by assay's titles; an unknown check's title is escaped text", () => {
    const md = renderMarkdown(withOwnMeta(tampered(), REGISTRY));
    assert.doesNotMatch(md, /beacon|<img/);
    const doc = tampered();
    for (const c of doc.checks) c.id = `X-${c.id}`;
    const other = renderMarkdown(withOwnMeta(doc, REGISTRY));
    assert.match(other, /C !\\\[\\\]\(http:\u2060\/\/beacon/);
    assert.doesNotMatch(other, /<img|(?<!\\)!\[/);
  });

  it("GitLab SAST: an unknown rule's rationale and remediation are escaped Markdown; no doc URL for a path-like id", () => {
    const doc = foreign();
    const victim = doc.findings.find((f) => f.status === "open");
    assert.ok(victim);
    const rule = doc.rules.find((r) => r.id === victim.ruleId);
    assert.ok(rule);
    rule.id = victim.ruleId = "../../x";
    const report = JSON.parse(renderGitlabSast(withOwnMeta(doc, REGISTRY))) as { vulnerabilities: { description: string; solution?: string; identifiers: { url?: string; value: string }[] }[] };
    for (const v of report.vulnerabilities) {
      for (const text of [v.description, v.solution ?? ""]) assert.doesNotMatch(text, /!\[|<img|(?<!\\)\[click|(?<!\\)\*\*bold/, text);
      const id = v.identifiers[0];
      assert.ok(id);
      if (id.value === "../../x") assert.equal(id.url, undefined);
      else assert.match(id.url ?? "", /^https:\/\/github\.com\/assay-dev\/assay\/blob\/main\/docs\/rules\/zz-other\//);
    }
  });
});
