import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderGithub } from "../../../src/report/github/render-github.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

describe("GitHub annotations", () => {
  const a = sampleAssessment();
  const lines = renderGithub(a).trimEnd().split("\n");

  it("emits one annotation per open finding and a closing verdict", () => {
    const open = a.findings.filter((f) => f.status === "open").length;
    assert.equal(lines.length, open + 1);
    assert.match(lines.at(-1) ?? "", /^::(error|notice) title=assay::score /);
  });

  it("maps severities to levels and places annotations on the file and line", () => {
    const located = a.findings.find((f) => f.status === "open" && f.locations[0]?.startLine);
    assert.ok(located);
    const l = located.locations[0]!;
    const line = lines.find((x) => x.includes(`file=${l.path.replace(/,/g, "%2C").replace(/:/g, "%3A")},line=${l.startLine}`));
    assert.ok(line, "annotation for the located finding");
    const level = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" }[located.severity];
    assert.ok(line.startsWith(`::${level} `));
  });

  it("escapes values so a hostile message or path cannot inject workflow commands", () => {
    const hostile = sampleWith((x) => {
      const f = x.findings.find((y) => y.status === "open")!;
      f.message = "line one\n::add-mask::x 100%";
      f.locations = [{ path: "a,b:c.yml", startLine: 3 }];
    });
    const out = renderGithub(hostile);
    assert.doesNotMatch(out, /\n::add-mask::/);
    assert.match(out, /file=a%2Cb%3Ac\.yml,line=3/);
    assert.match(out, /line one%0A::add-mask::x 100%25/);
  });

  it("does not annotate findings that are not open", () => {
    const none = sampleWith((x) => x.findings.forEach((f) => (f.status = "baselined")));
    assert.equal(renderGithub(none).trimEnd().split("\n").length, 1);
  });

  it("says the score is not available when no check could be scored, never n/a/10", () => {
    const out = renderGithub(sampleWith((a) => { a.summary.score = null; }));
    assert.match(out, /title=assay::score n\/a \(no check could be scored\), /);
    assert.doesNotMatch(out, /n\/a\/10/);
  });
});
