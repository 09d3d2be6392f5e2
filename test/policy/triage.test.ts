import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult } from "../../src/core/assessment.js";
import type { Finding } from "../../src/core/finding.js";
import { parseBaseline } from "../../src/policy/baseline.js";
import { defaultPolicy, type Policy } from "../../src/policy/policy-file.js";
import { evaluateGate } from "../../src/policy/gate.js";
import { triage } from "../../src/policy/triage.js";

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: "repo/binary-artifacts", check: "Binary-Artifacts", severity: "high", confidence: "high", message: "m", locations: [{ path: "testdata/a.exe" }], evidence: {}, fingerprint: "f1", status: "open", ...over };
}
function policy(over: Partial<Policy> = {}): Policy {
  return { ...defaultPolicy(), source: "assay.yml", ...over };
}
const exception = (expires: string, path = "testdata/**") => ({ rule: "repo/binary-artifacts", path, reason: "fixtures", expires, line: 7 });

describe("triage", () => {
  it("keeps findings open by default", () => {
    assert.equal(triage([finding()], { policy: policy(), today: "2026-06-01" }).findings[0]?.status, "open");
  });

  it("opens a baselined finding again when it has grown more severe than the baseline accepted", () => {
    const baseline = parseBaseline('{"version": 1, "findings": [{"fingerprint": "f1", "severity": "high"}, {"fingerprint": "f2", "severity": "high"}, {"fingerprint": "f3"}]}', "b.json");
    const r = triage([finding({ severity: "critical" }), finding({ fingerprint: "f2", severity: "medium" }), finding({ fingerprint: "f3", severity: "critical" })], { policy: policy(), today: "2026-06-01", baseline });
    assert.deepEqual(r.findings.map((f) => [f.status, f.statusReason ?? ""]), [
      ["open", "recorded in the baseline at high; it is critical now"],
      ["baselined", "recorded in the baseline"],
      ["baselined", "recorded in the baseline"],
    ]);
  });

  it("marks baselined findings, never drops them", () => {
    const r = triage([finding(), finding({ fingerprint: "f2" })], { policy: policy(), today: "2026-06-01", baseline: new Set(["f1"]) });
    assert.deepEqual(r.findings.map((f) => f.status), ["baselined", "open"]);
  });

  it("applies a live exception by rule and path glob", () => {
    const r = triage([finding(), finding({ fingerprint: "f2", locations: [{ path: "bin/tool" }] })], { policy: policy({ exceptions: [exception("2026-12-31")] }), today: "2026-06-01" });
    assert.deepEqual(r.findings.map((f) => f.status), ["excepted", "open"]);
    assert.match(r.findings[0]?.statusReason ?? "", /fixtures.*2026-12-31/);
  });

  it("an expired exception hides nothing, says so, and fails the gate", () => {
    const p = policy({ exceptions: [exception("2026-05-31")] });
    const r = triage([finding()], { policy: p, today: "2026-06-01" });
    assert.equal(r.findings[0]?.status, "open");
    assert.match(r.findings[0]?.statusReason ?? "", /expired on 2026-05-31/);
    const gate = evaluateGate({ ...p, fail: { ...p.fail, severity: "none" } }, r.findings, [], 10, r.expired);
    assert.equal(gate.passed, false);
    assert.match(gate.reasons.join("\n"), /exception for repo\/binary-artifacts on testdata\/\*\* \(assay.yml:7\) expired on 2026-05-31/);
  });

  it("an exception is live through its expiry day", () => {
    assert.equal(triage([finding()], { policy: policy({ exceptions: [exception("2026-06-01")] }), today: "2026-06-01" }).findings[0]?.status, "excepted");
  });

  it("inline suppressions win over everything", () => {
    const r = triage([finding()], { policy: policy({ exceptions: [exception("2026-12-31")] }), today: "2026-06-01", baseline: new Set(["f1"]), suppressions: new Map([["f1", "vendored"]]) });
    assert.equal(r.findings[0]?.status, "suppressed");
    assert.equal(r.findings[0]?.statusReason, "vendored");
  });

  it("reports exceptions that match nothing", () => {
    const r = triage([], { policy: policy({ exceptions: [exception("2026-12-31")] }), today: "2026-06-01" });
    assert.equal(r.unused.length, 1);
  });
});

describe("gate", () => {
  const checks: CheckResult[] = [
    { id: "SAST", title: "Static analysis", risk: "medium", description: "", status: "scored", score: 0, reason: "", rules: ["repo/sast"] },
    { id: "Binary-Artifacts", title: "Binary artifacts", risk: "high", description: "", status: "scored", score: 10, reason: "", rules: [] },
  ];
  it("fails on open findings at or above the threshold only", () => {
    const fs = [finding({ severity: "medium" }), finding({ severity: "high", status: "baselined" })];
    assert.equal(evaluateGate(policy(), fs, checks, 8, []).passed, true);
    const g = evaluateGate(policy({ fail: { severity: "medium", minScore: undefined, checks: [], incomplete: true } }), fs, checks, 8, []);
    assert.deepEqual(g.reasons, ["1 open finding at medium severity or above"]);
  });
  it("names checks left incomplete by the same evidence on one line, and others on their own", () => {
    const incomplete = (id: string, reason: string): CheckResult => ({ id, title: id, risk: "high", description: "", status: "incomplete", score: 0, reason, rules: [] });
    const why = ".github/workflows/ci.yml:5:1 could not be parsed as yaml: Tabs are not allowed as indentation";
    const g = evaluateGate(policy({ fail: { severity: "none", minScore: undefined, checks: [], incomplete: true } }), [], [
      incomplete("Dangerous-Workflow", `10 rules: ${why}`),
      incomplete("Token-Permissions", `workflows/excessive-permissions, workflows/github-app: ${why}`),
      incomplete("License", "repo/license: LICENSE is a symbolic link out of the checkout"),
      incomplete("CI-Hygiene", `workflows/concurrency-limits: ${why}`),
    ], 5, []);
    assert.deepEqual(g.reasons, [`checks Dangerous-Workflow, Token-Permissions, CI-Hygiene are incomplete: ${why}`, "check License is incomplete: repo/license: LICENSE is a symbolic link out of the checkout"]);
  });
  it("fails below the minimum score", () => {
    const g = evaluateGate(policy({ fail: { severity: "none", minScore: 7, checks: [], incomplete: true } }), [], checks, 6.9, []);
    assert.deepEqual(g.reasons, ["score 6.9 is below the minimum 7"]);
  });
  it("fails when a must-pass check has open findings or could not run", () => {
    const p = policy({ fail: { severity: "none", minScore: undefined, checks: ["Binary-Artifacts", "Code-Review"], incomplete: true } });
    const g = evaluateGate(p, [finding({ severity: "low" })], checks, 5, []);
    assert.equal(g.passed, false);
    assert.match(g.reasons[0] ?? "", /Binary-Artifacts must pass but has 1 open finding/);
    assert.match(g.reasons[1] ?? "", /Code-Review must pass but could not be evaluated/);
  });
  it("never lets a VEX statement close a malicious package, which runs when installed; an exception still can", () => {
    const mal = finding({ ruleId: "deps/malicious-package", check: "Malicious-Packages", severity: "critical", evidence: { purl: "pkg:npm/evil@1.0.0", vulnerabilities: ["MAL-2099-1"] } });
    const vuln = finding({ ruleId: "deps/vulnerable-dependency", check: "Vulnerabilities", fingerprint: "f2", evidence: { purl: "pkg:npm/evil@1.0.0", vulnerabilities: ["MAL-2099-1"] } });
    const vex = [{ vulnerability: "MAL-2099-1", products: ["pkg:npm/evil"], status: "not_affected" as const, justification: "vulnerable_code_not_in_execute_path", source: ".vex/x.openvex.json" }];
    const r = triage([mal, vuln], { policy: policy(), today: "2026-06-01", vex });
    assert.deepEqual(r.findings.map((f) => f.status), ["open", "vex:not_affected"], "the same statement closes any other finding");
    assert.match(r.findings[0]?.statusReason ?? "", /^VEX not_affected \(vulnerable_code_not_in_execute_path\) — \.vex\/x\.openvex\.json, which does not close a malicious package/);
    assert.equal(evaluateGate(policy(), r.findings, [], 10, []).passed, false);
    const accepted = triage([mal], { policy: policy({ exceptions: [{ rule: "deps/malicious-package", path: "**", reason: "vendored sample", expires: "2026-12-31", line: 3 }] }), today: "2026-06-01", vex });
    assert.equal(accepted.findings[0]?.status, "excepted");
  });
});
