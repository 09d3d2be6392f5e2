import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeJson } from "../../../src/core/escape.js";
import { printJson, renderJson } from "../../../src/report/json/render-json.js";
import { sampleAssessment } from "../sample-assessment.js";
import { assessmentValidator, describeErrors } from "../validators.js";

describe("renderJson", () => {
  it("round-trips the assessment exactly", () => {
    const a = sampleAssessment();
    assert.deepEqual(JSON.parse(renderJson(a)), a);
  });

  it("is indented by two spaces and ends with a newline", () => {
    const out = renderJson(sampleAssessment());
    assert.ok(out.startsWith('{\n  "schemaVersion": '));
    assert.ok(out.endsWith("}\n"));
    assert.ok(!out.endsWith("\n\n"));
  });

  it("produces a document the published schema accepts", () => {
    const validate = assessmentValidator();
    assert.ok(validate(JSON.parse(renderJson(sampleAssessment()))), describeErrors(validate.errors));
  });

  it("writes exactly what escaping the whole document with safeJson writes, whatever the text holds", () => {
    // Characters safeJson escapes (C1, DEL, bidi, invisible, a tag pair), ones it keeps (…, —, CJK, emoji), and `##[`.
    const pieces = ["\u0085", "\u007f", "\u202e", "\u200b", "\u2060", "\ufeff", "\udb40\udc41", "…", "—", "漢字", "😀", "é", "##[error]", "#", "[", "plain ", "\n", "\u001b"];
    let seed = 7;
    const pick = (): string => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return pieces[seed % pieces.length] as string;
    };
    const old = (x: ReturnType<typeof sampleAssessment>): string => safeJson(JSON.stringify(x, null, 2)) + "\n";
    for (let round = 0; round < 200; round++) {
      const a = sampleAssessment();
      for (const f of a.findings) f.message = Array.from({ length: 1 + (round % 9) }, pick).join("");
      assert.equal(renderJson(a), old(a), `round ${round}`);
    }
    // Only characters safeJson keeps, in more separate runs than are checked one by one; then a `##[` alone.
    const many = sampleAssessment();
    (many.findings[0] as { message: string }).message = "é ".repeat(1_500) + "\u202e";
    assert.equal(renderJson(many), old(many));
    assert.match(renderJson(many), /\\u202e/);
    const kept = sampleAssessment();
    (kept.findings[0] as { message: string }).message = "… — 漢字 😀 ".repeat(50);
    assert.equal(renderJson(kept), old(kept));
    const cmd = sampleAssessment();
    (cmd.findings[0] as { message: string }).message = "x ##[group]y";
    assert.equal(renderJson(cmd), old(cmd));
    assert.doesNotMatch(renderJson(cmd), /##\[/);
  });

  it("prints any report (SARIF, GitLab's) as safeJson over the pretty-printed value would", () => {
    for (const value of [[{ a: "\u202e", b: "##[x" }], { s: "… ok" }, [], "x\u0085"]) assert.equal(printJson(value), safeJson(JSON.stringify(value, null, 2)) + "\n");
  });
});
