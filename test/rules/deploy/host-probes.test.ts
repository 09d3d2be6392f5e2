import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/host-probes.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/host-probes", () => {
  it("reports probes and lifecycle hooks aimed at another host, not ordinary probes", async () => {
    const c = "          readinessProbe:\n            httpGet:\n              path: /ready\n              port: 8080\n          lifecycle:\n            preStop:\n              tcpSocket:\n                host: internal.example.org\n                port: 9000\n";
    const { findings } = await run({ "a.yaml": deployment({ container: c }) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message]), [[28, 'Deployment/web: container "web" lifecycle.preStop tcpSocket targets host internal.example.org [CN8-1; PSS baseline: Host Probes / Lifecycle Hooks]']]);
  });
});
