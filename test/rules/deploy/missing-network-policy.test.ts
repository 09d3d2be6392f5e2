import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/missing-network-policy.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/missing-network-policy", () => {
  it("reports a chart that ships workloads and no NetworkPolicy, at its Chart.yaml", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["charts/web/Chart.yaml", "medium"]]);
  });

  it("reports a NetworkPolicy that is off by default at low severity", async () => {
    const files = {
      "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n",
      "values.yaml": "networkPolicy:\n  enabled: false\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: x:1\n",
      "templates/netpol.yaml": "{{- if .Values.networkPolicy.enabled }}\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\nspec:\n  podSelector: {}\n{{- end }}\n",
    };
    const { findings } = await run(files);
    assert.deepEqual(findings.map((f) => f.severity), ["low"]);
    assert.match(findings[0]?.message ?? "", /its NetworkPolicy is off by default/);
  });

  it("says incomplete, not missing, when the chart's NetworkPolicy template cannot be rendered", async () => {
    const files = {
      "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n",
      "values.yaml": "ingressFrom: [web]\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: x:1\n",
      // A field of a list: `helm template` fails here, so whether the policy is written is unknown.
      "templates/netpol.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Values.ingressFrom.name }}\nspec:\n  podSelector: {}\n",
    };
    const { findings, outcome } = await run(files);
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });

  it("says nothing of charts without workloads (CRDs, RBAC only) or of plain manifests", async () => {
    const { findings } = await run({ "Chart.yaml": "apiVersion: v2\nname: crds\nversion: 1.0.0\n", "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n" });
    assert.deepEqual(findings, []);
  });

  it("does not count the pods helm test runs on demand as workloads the chart installs", async () => {
    const testPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers:\n    - name: wget\n      image: busybox:1.36\n';
    const only = await run({ "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n", "templates/tests/test-connection.yaml": testPod });
    assert.deepEqual(only.findings, []);
    const both = await run({ "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n", "templates/tests/test-connection.yaml": testPod, "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: x:1\n" });
    assert.deepEqual(both.findings.map((f) => f.evidence["workloads"]), [["Pod/a"]]);
  });
});
