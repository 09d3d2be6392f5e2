import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderJson } from "../../../src/report/json/render-json.js";
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
});
