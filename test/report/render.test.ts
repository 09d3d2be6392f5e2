import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FORMATS, isFormat, render, renderJson, renderMarkdown, renderSarif, renderText } from "../../src/report/index.js";
import { sampleAssessment, sampleWith } from "./sample-assessment.js";

describe("render", () => {
  it("offers the eight formats", () => {
    assert.deepEqual([...FORMATS], ["text", "json", "sarif", "markdown", "github", "html", "gitlab-sast", "gitlab-codequality"]);
    assert.ok(isFormat("sarif"));
    assert.ok(isFormat("html"));
    assert.ok(!isFormat("pdf"));
    assert.ok(!isFormat(undefined));
  });

  it("dispatches to each renderer", () => {
    const a = sampleAssessment();
    assert.equal(render(a, "json"), renderJson(a));
    assert.equal(render(a, "sarif"), renderSarif(a));
    assert.equal(render(a, "markdown"), renderMarkdown(a));
    assert.equal(render(a, "text"), renderText(a, { color: false }));
  });

  it("passes the options through", () => {
    const a = sampleAssessment();
    assert.equal(render(a, "text", { color: true, verbose: true }), renderText(a, { color: true, verbose: true }));
    assert.notEqual(render(a, "text", { color: true }), render(a, "text"));
    const many = sampleWith((x) => {
      x.findings = [...x.findings, ...x.findings, ...x.findings];
    });
    assert.equal(render(many, "markdown", { maxFindings: 2 }), renderMarkdown(many, { maxFindings: 2 }));
    assert.notEqual(render(many, "markdown", { maxFindings: 2 }), render(many, "markdown"));
  });
});
