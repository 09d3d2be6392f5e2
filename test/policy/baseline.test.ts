import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import type { Finding } from "../../src/core/finding.js";
import { createBaseline, parseBaseline } from "../../src/policy/baseline.js";

const refused = (text: string, why: RegExp) =>
  assert.throws(() => parseBaseline(text, ".assay/baseline.json"), (e: unknown) => e instanceof AssayError && e.code === "BASELINE_INVALID" && why.test(e.message) && /assay baseline/.test(e.hint ?? ""), text);

describe("baseline file", () => {
  it("names the file a baseline path holds when it is not one: a SARIF log, an assessment, another tool's file", () => {
    refused('{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}', /it is a SARIF log/);
    refused('{"schemaVersion": "1.2.0", "tool": {"name": "assay"}, "gate": {"passed": true}, "findings": []}', /it is an assay assessment/);
    refused('{"Results": [{"Target": "package-lock.json"}]}', /it has no `version`/);
    refused('{"version": 2, "findings": []}', /unsupported `version`/);
  });

  it("reads one assay wrote", () => {
    assert.deepEqual([...parseBaseline('{"version": 1, "tool": "assay", "findings": [{"fingerprint": "abc", "ruleId": "repo/license"}]}', "b.json")], ["abc"]);
  });

  it("records the severity each finding was accepted at, and reads it back (the higher of two entries; none accepts any)", () => {
    const f = (fingerprint: string, severity: Finding["severity"]) => ({ fingerprint, ruleId: "workflows/template-injection", severity, status: "open", locations: [{ path: ".github/workflows/ci.yml", startLine: 7 }] }) as unknown as Finding;
    const b = createBaseline([f("a", "high"), f("b", "low")]);
    assert.deepEqual(b.findings.map((e) => e.severity), ["high", "low"]);
    const read = parseBaseline(JSON.stringify(b), "b.json");
    assert.deepEqual([read.severities.get("a"), read.severities.get("b")], ["high", "low"]);
    const mixed = parseBaseline('{"version": 1, "findings": [{"fingerprint": "x", "severity": "low"}, {"fingerprint": "x", "severity": "high"}, {"fingerprint": "y", "severity": "low"}, {"fingerprint": "y"}]}', "b.json");
    assert.deepEqual([mixed.severities.get("x"), mixed.severities.has("y")], ["high", false]);
    refused('{"version": 1, "findings": [{"fingerprint": "x", "severity": "severe"}]}', /unknown severity/);
  });
});
