import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/host-ports.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/host-ports", () => {
  it("reports a hostPort and accepts 0 or none", async () => {
    const ports = "          ports:\n            - containerPort: 53\n              hostPort: 53\n            - containerPort: 80\n              hostPort: 0\n            - containerPort: 8080\n";
    const { findings } = await run({ "a.yaml": deployment({ container: ports }) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message]), [[23, 'Deployment/web: container "web" binds port 53 of the node (hostPort) [CN8-1; PSS baseline: Host Ports]']]);
  });
});
