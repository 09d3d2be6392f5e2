import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ASSESSMENT_VERSION, type Assessment } from "../../../src/core/assessment.js";
import { DEPENDENCY_KINDS } from "../../../src/core/dependency.js";
import { ASSESSMENT_SECTIONS } from "../../../src/core/rule.js";
import { CONFIDENCES, SEVERITIES } from "../../../src/core/severity.js";
import { NOT_OPEN_STATUSES } from "../../../src/report/labels.js";
import { sampleAssessment } from "../sample-assessment.js";
import { ASSESSMENT_SCHEMA_PATH, assessmentValidator, describeErrors } from "../validators.js";

interface SchemaDoc {
  $id: string;
  properties: { schemaVersion: { const: string } };
  $defs: Record<string, { enum?: string[] }>;
}

const schema = JSON.parse(readFileSync(ASSESSMENT_SCHEMA_PATH, "utf8")) as SchemaDoc;
const validate = assessmentValidator();

/** Runs the validator on a broken copy of the sample and returns the instance paths it complained about. */
function errorsFor(edit: (a: Record<string, unknown> & Assessment) => void): string[] {
  const a = sampleAssessment() as Record<string, unknown> & Assessment;
  edit(a);
  assert.equal(validate(a), false, "a broken assessment must not validate");
  return (validate.errors ?? []).map((e) => e.instancePath);
}

describe("assessment schema", () => {
  it("accepts the sample assessment", () => {
    assert.ok(validate(sampleAssessment()), describeErrors(validate.errors));
  });

  it("is versioned with the document", () => {
    assert.equal(schema.properties.schemaVersion.const, ASSESSMENT_VERSION);
    assert.equal(schema.$id, `https://assay.dev/schema/assessment-${ASSESSMENT_VERSION}.json`);
  });

  it("lists the same enums as the code", () => {
    assert.deepEqual(schema.$defs.severity?.enum, [...SEVERITIES]);
    assert.deepEqual(schema.$defs.confidence?.enum, [...CONFIDENCES]);
    assert.deepEqual(schema.$defs.assessmentSection?.enum, [...ASSESSMENT_SECTIONS]);
    assert.deepEqual(schema.$defs.findingStatus?.enum, ["open", ...NOT_OPEN_STATUSES]);
    assert.deepEqual(schema.$defs.dependencyKind?.enum, Object.keys(DEPENDENCY_KINDS));
    assert.deepEqual(Object.keys(sampleAssessment().summary.findings.byStatus).sort(), [...(schema.$defs.findingStatus?.enum ?? [])].sort());
  });

  it("rejects an unknown severity", () => {
    assert.ok(errorsFor((a) => Object.assign(a.findings[0] ?? {}, { severity: "severe" })).includes("/findings/0/severity"));
  });

  it("rejects a missing required field", () => {
    const paths = errorsFor((a) => {
      delete (a as Partial<Assessment>).summary;
    });
    assert.deepEqual(paths, [""]);
    assert.match(describeErrors(validate.errors), /summary/);
  });

  it("rejects a finding without a fingerprint", () => {
    assert.ok(
      errorsFor((a) => {
        const f = a.findings[0] as Partial<Assessment["findings"][number]>;
        delete f.fingerprint;
      }).includes("/findings/0"),
    );
  });

  it("rejects unknown properties", () => {
    assert.ok(errorsFor((a) => Object.assign(a.findings[1] ?? {}, { cvss: 9.8 })).includes("/findings/1"));
    assert.ok(errorsFor((a) => Object.assign(a, { extra: true })).includes(""));
  });

  it("rejects an unknown finding status, check status and rule outcome", () => {
    assert.ok(errorsFor((a) => Object.assign(a.findings[0] ?? {}, { status: "closed" })).includes("/findings/0/status"));
    assert.ok(errorsFor((a) => Object.assign(a.checks[0] ?? {}, { status: "skipped" })).includes("/checks/0/status"));
    assert.ok(errorsFor((a) => Object.assign(a.rules[0] ?? {}, { outcome: "warn" })).includes("/rules/0/outcome"));
  });

  it("ties a check's score to its status", () => {
    assert.ok(errorsFor((a) => Object.assign(a.checks[0] ?? {}, { score: null })).includes("/checks/0/score"));
    const unscored = sampleAssessment().checks.findIndex((c) => c.status === "not-available");
    assert.ok(errorsFor((a) => Object.assign(a.checks[unscored] ?? {}, { score: 5 })).includes(`/checks/${unscored}/score`));
    assert.ok(errorsFor((a) => Object.assign(a.checks[0] ?? {}, { score: 11 })).includes("/checks/0/score"));
  });

  it("rejects 0-based positions, malformed rule ids and timestamps", () => {
    assert.ok(errorsFor((a) => Object.assign(a.findings[0]?.locations[0] ?? {}, { startLine: 0 })).includes("/findings/0/locations/0/startLine"));
    assert.ok(errorsFor((a) => Object.assign(a.findings[0] ?? {}, { ruleId: "Pinned Actions" })).includes("/findings/0/ruleId"));
    assert.ok(errorsFor((a) => Object.assign(a, { generatedAt: "yesterday" })).includes("/generatedAt"));
  });

  it("requires every status and severity in the summary counts", () => {
    assert.ok(
      errorsFor((a) => {
        const bySeverity = a.summary.findings.openBySeverity as Partial<Record<string, number>>;
        delete bySeverity.info;
      }).includes("/summary/findings/openBySeverity"),
    );
  });
});
