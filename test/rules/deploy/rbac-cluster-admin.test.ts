import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-cluster-admin.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/rbac-cluster-admin", () => {
  it("reports cluster-admin bound through a RoleBinding too, and system:masters", async () => {
    const rb = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: ns\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: Group\n    name: system:masters\n";
    const { findings } = await run({ "b.yaml": rb });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine).sort(), [11, 9]);
  });
});
