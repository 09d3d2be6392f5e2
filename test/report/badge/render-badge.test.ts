import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderBadgeEndpoint, renderBadgeSvg } from "../../../src/report/badge/render-badge.js";
import { sampleWith } from "../sample-assessment.js";

describe("badge", () => {
  it("shows the score and grade, sized to its text, with an accessible label", () => {
    const a = sampleWith((x) => (x.summary.score = 8.7));
    const svg = renderBadgeSvg(a);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="20" role="img" aria-label="assay: 8\.7\/10 · B">/);
    assert.match(svg, /<text x="[\d.]+" y="14">8\.7\/10 · B<\/text>/);
    assert.match(svg, /fill="#3d7a12"/);
    const wide = renderBadgeSvg(a, "a much longer label for the project");
    assert.ok(Number(/width="(\d+)"/.exec(wide)?.[1]) > Number(/width="(\d+)"/.exec(svg)?.[1]));
  });

  it("says so when nothing could be scored, and escapes the label", () => {
    const svg = renderBadgeSvg(sampleWith((x) => (x.summary.score = null)), '<x&"y>');
    assert.match(svg, /no score/);
    assert.match(svg, /&lt;x&amp;&quot;y&gt;/);
    assert.doesNotMatch(svg, /<x&/);
  });

  it("writes a Shields.io endpoint document", () => {
    const doc = JSON.parse(renderBadgeEndpoint(sampleWith((x) => (x.summary.score = 3.2)))) as Record<string, unknown>;
    assert.deepEqual(doc, { schemaVersion: 1, label: "assay", message: "3.2/10 · F", color: "c62828", cacheSeconds: 3600 });
  });
});
