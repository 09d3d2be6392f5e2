import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../src/core/finding.js";
import { evaluateGate } from "../../src/policy/gate.js";
import { defaultPolicy, parsePolicy } from "../../src/policy/policy-file.js";
import { CHECKS, RULES } from "../../src/rules/index.js";

const vuln = (over: Partial<Finding["evidence"]> = {}, severity: Finding["severity"] = "high"): Finding => ({
  ruleId: "deps/vulnerable-dependency",
  check: "Vulnerabilities",
  severity,
  confidence: "high",
  message: "m",
  locations: [{ path: "package-lock.json" }],
  evidence: { direct: true, fixedVersion: "1.2.4", ...over },
  fingerprint: Math.random().toString(36),
  status: "open",
});
const parse = (yaml: string) => parsePolicy(yaml, "assay.yml", RULES.map((r) => r.meta), CHECKS);

describe("policy for dependencies", () => {
  it("reads fail.dependencies, fail.malicious and vex from assay.yml", () => {
    const p = parse("version: 1\nfail:\n  dependencies:\n    direct-only: true\n    fixable-only: true\n  malicious: false\nvex: [security/product.openvex.json]\n");
    assert.deepEqual(p.fail.dependencies, { directOnly: true, fixableOnly: true });
    assert.equal(p.fail.malicious, false);
    assert.deepEqual(p.vex, ["security/product.openvex.json"]);
    assert.throws(() => parse("fail:\n  dependencies:\n    direct: true\n"), (e: { format(): string }) => /^assay\.yml:3:5: unknown key `fail\.dependencies\.direct`/.test(e.format()));
  });

  it("gates on direct dependencies only: transitive ones are reported, not gating; unknown ones gate (fail closed)", () => {
    const p = parse("fail:\n  dependencies: {direct-only: true}\n");
    assert.equal(evaluateGate(p, [vuln({ direct: false })], [], 10, []).passed, true);
    assert.equal(evaluateGate(p, [vuln({ direct: null })], [], 10, []).passed, false);
    assert.equal(evaluateGate(p, [vuln({ direct: true })], [], 10, []).passed, false);
  });

  it("gates on advisories with a known fix only", () => {
    const p = parse("fail:\n  dependencies: {fixable-only: true}\n");
    assert.equal(evaluateGate(p, [vuln({ fixedVersion: null })], [], 10, []).passed, true);
    assert.equal(evaluateGate(p, [vuln()], [], 10, []).passed, false);
  });

  it("fails on a malicious package always, even with fail.severity none, unless told not to", () => {
    const mal: Finding = { ...vuln(), ruleId: "deps/malicious-package", check: "Malicious-Packages", severity: "critical" };
    const none = defaultPolicy();
    none.fail.severity = "none";
    const g = evaluateGate(none, [mal], [], 10, []);
    assert.equal(g.passed, false);
    assert.deepEqual(g.reasons, ["1 known malicious package in lockfiles"]);
    assert.equal(evaluateGate(none, [{ ...mal, status: "excepted" }], [], 10, []).passed, true);
    assert.equal(evaluateGate({ ...none, fail: { ...none.fail, malicious: false } }, [mal], [], 10, []).passed, true);
  });
});
