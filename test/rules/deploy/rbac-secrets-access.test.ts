import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-secrets-access.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/rbac-secrets-access", () => {
  it("reports wildcard resources in the core group, not secrets of another group or write-only verbs", async () => {
    const cr = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: c\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"*\"]\n    verbs: [list]\n  - apiGroups: [example.com]\n    resources: [secrets]\n    verbs: [get]\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [create]\n";
    const { findings } = await run({ "c.yaml": cr });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [7]);
  });
});
