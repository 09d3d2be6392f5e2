import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { rule } from "../../../src/rules/deploy/rbac-escalation-verbs.js";

describe("deploy/rbac-escalation-verbs", () => {
  it("reports escalate, bind and impersonate each once, at the rule's verbs", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => f.message.replace(/^ClusterRole\/operator: grants (\w+).*$/, "$1")).sort(), ["bind", "escalate", "impersonate"]);
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine).sort(), [11, 8, 8]);
  });
});
