import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/restricted-volume-types.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/restricted-volume-types", () => {
  it("reports inline storage and gitRepo; allows the core types and leaves hostPath to its own rule", async () => {
    const vols = "      volumes:\n        - name: a\n          emptyDir: {}\n        - name: b\n          projected:\n            sources: []\n        - name: c\n          gitRepo:\n            repository: https://example.org/x.git\n        - name: d\n          hostPath:\n            path: /data\n        - name: e\n          iscsi:\n            targetPortal: 10.0.0.1:3260\n";
    const { findings } = await run({ "a.yaml": deployment({ podSpec: vols }) });
    assert.deepEqual(findings.map((f) => [f.message.replace(/^.*volume "(\w)" is of type (\w+).*$/, "$1 $2"), f.severity]).sort(), [["c gitRepo", "medium"], ["e iscsi", "low"]]);
  });

  it("allows image volumes, which the restricted profile admits since Kubernetes 1.33", async () => {
    const vols = "      volumes:\n        - name: models\n          image:\n            reference: registry.example.org/models:1.0\n            pullPolicy: IfNotPresent\n";
    const { findings } = await run({ "a.yaml": deployment({ podSpec: vols }) });
    assert.deepEqual(findings, []);
  });
});
