import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSuppression, suppresses } from "../../src/policy/suppression.js";

describe("inline suppression", () => {
  it("parses rules and reason in any comment style", () => {
    assert.deepEqual(parseSuppression("  # assay: ignore[workflows/x] reviewed by sec team"), { rules: ["workflows/x"], reason: "reviewed by sec team", above: true });
    assert.deepEqual(parseSuppression("<!-- assay: ignore[a/b, c/d] test data -->"), { rules: ["a/b", "c/d"], reason: "test data", above: true });
    assert.deepEqual(parseSuppression("x = 1 /* assay:ignore[secrets/*] */"), { rules: ["secrets/*"], reason: "" });
    assert.equal(parseSuppression("assay: ignored"), undefined);
  });
  it("keeps a workflow's zizmor decisions: zizmor's audits are the workflows family's rules", () => {
    assert.deepEqual(parseSuppression("      - run: echo ${{ github.head_ref }} # zizmor: ignore[template-injection]"), { rules: ["workflows/template-injection"], reason: "ignored for zizmor", zizmor: true });
    // artipacked's lone checkout (a token kept, nothing uploaded) is workflows/persisted-credentials here: the ignore covers both.
    assert.deepEqual(parseSuppression("# zizmor: ignore[artipacked, excessive-permissions] base only"), { rules: ["workflows/artipacked", "workflows/persisted-credentials", "workflows/excessive-permissions"], reason: "base only", zizmor: true });
    assert.equal(parseSuppression("notzizmor: ignore[artipacked]"), undefined);
  });
  it("matches the rule, its family, or everything", () => {
    const s = { rules: ["repo/*"], reason: "" };
    assert.ok(suppresses(s, "repo/license"));
    assert.ok(!suppresses(s, "secrets/aws"));
    assert.ok(suppresses({ rules: ["*"], reason: "" }, "secrets/aws"));
  });
  // Its speed on hostile lines is measured in bench/hostile.bench.ts, never timed here.
  it("survives hostile lines", () => {
    const line = `assay: ignore[${"a".repeat(200_000)}`;
    for (let i = 0; i < 10; i++) assert.equal(parseSuppression(line), undefined);
  });
});
