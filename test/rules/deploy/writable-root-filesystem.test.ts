import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/writable-root-filesystem.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/writable-root-filesystem", () => {
  it("reports an unset or false readOnlyRootFilesystem at low severity", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            readOnlyRootFilesystem: false\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            runAsUser: 1000\n" }),
      "c.yaml": deployment({ name: "c" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["a.yaml", "low"], ["b.yaml", "low"]]);
    assert.match(findings[0]?.message ?? "", /sets readOnlyRootFilesystem: false/);
  });

  it("does not judge Kustomize patches as manifests (they are partial objects), but judges the base", async () => {
    const { findings } = await run({
      "base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
      "base/deployment.yaml": deployment({ name: "api", containerSc: "            runAsUser: 1000\n" }),
      "overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\npatchesStrategicMerge:\n  - resources.yaml\n",
      "overlays/prod/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: registry.example.org/api:2.0.0\n",
      "overlays/prod/resources.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources:\n            limits:\n              memory: 1Gi\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["base/deployment.yaml"]);
  });
});
