import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupByCheck } from "../../src/report/group.js";
import { sampleAssessment } from "./sample-assessment.js";

describe("groupByCheck", () => {
  it("puts the check with the most severe open finding first, ties in the assessment's check order", () => {
    const a = sampleAssessment();
    const groups = groupByCheck(a, a.findings.filter((f) => f.status === "open"));
    const worst = groups.map((g) => Math.max(...g.findings.map((f) => ["info", "low", "medium", "high", "critical"].indexOf(f.severity))));
    assert.deepEqual(worst, [...worst].sort((x, y) => y - x), JSON.stringify(groups.map((g) => g.id)));
    // Among checks whose worst finding is alike, the assessment's order stands.
    const order = a.checks.map((c) => c.id);
    for (let i = 1; i < groups.length; i++) {
      if (worst[i] !== worst[i - 1]) continue;
      assert.ok(order.indexOf(groups[i - 1]?.id ?? "") < order.indexOf(groups[i]?.id ?? ""));
    }
  });

  it("ranks a check by its open findings only: an accepted critical does not put it first", () => {
    const a = sampleAssessment();
    const [first] = groupByCheck(a, a.findings.filter((f) => f.status === "open"));
    const lowCheck = a.findings.find((f) => f.status === "open" && f.check !== first?.id)?.check ?? "";
    const accepted = { ...(a.findings.find((f) => f.check === lowCheck) as (typeof a.findings)[number]), severity: "critical" as const, status: "baselined" as const };
    const groups = groupByCheck(a, [...a.findings.filter((f) => f.status === "open"), accepted]);
    assert.equal(groups[0]?.id, first?.id);
  });
});
