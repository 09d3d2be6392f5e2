import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/exposed-service.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const svc = (type: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ${type}\n  ports:\n    - port: 80\n`;

describe("deploy/exposed-service", () => {
  it("reports LoadBalancer at medium and NodePort at low; ClusterIP and headless are fine", async () => {
    const { findings } = await run({ "a.yaml": svc("LoadBalancer"), "b.yaml": svc("NodePort"), "c.yaml": svc("ClusterIP"), "d.yaml": svc("ExternalName") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.locations[0]?.startLine]), [["a.yaml", "medium", 6], ["b.yaml", "low", 6]]);
  });
});
