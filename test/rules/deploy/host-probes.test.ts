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

  it("is incomplete, not a finding naming a placeholder, when a chart's probe host is not known statically", async () => {
    const { findings, outcome, assessment } = await run({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": "probe: {}\n",
      "web/templates/deployment.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          livenessProbe:\n            httpGet:\n              host: {{ required "set probe.host" .Values.probe.host }}\n              port: 80\n',
    });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /livenessProbe\.httpGet\.host cannot be known statically/);
  });
});
