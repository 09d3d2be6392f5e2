import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-wildcard.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/rbac-wildcard", () => {
  it("reports a namespaced Role's wildcard at medium and names the field", async () => {
    const role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get]\n  - apiGroups: [apps]\n    resources: ['*']\n    verbs: [get, list]\n";
    const { findings } = await run({ "role.yaml": role });
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine]), [["medium", 11]]);
    assert.match(findings[0]?.message ?? "", /^Role\/r: grants \* in resources \(rule 2/);
  });

  it("ignores the same shape in other API groups (a CRD named Role)", async () => {
    const { findings } = await run({ "x.yaml": "apiVersion: example.com/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - verbs: ['*']\n" });
    assert.deepEqual(findings, []);
  });
});
