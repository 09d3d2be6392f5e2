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

  it("reports a LoadBalancer kept on the private network, or limited to source ranges, at low severity", async () => {
    const annotated = (k: string, v: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    ${k}: "${v}"\nspec:\n  type: LoadBalancer\n`;
    const { findings } = await run({
      "aws.yaml": annotated("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
      "gke.yaml": annotated("networking.gke.io/load-balancer-type", "Internal"),
      "azure.yaml": annotated("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
      "ranges.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n",
      "open.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [0.0.0.0/0]\n",
      "scheme.yaml": annotated("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing"),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]).sort(), [["aws.yaml", "low"], ["azure.yaml", "low"], ["gke.yaml", "low"], ["open.yaml", "medium"], ["ranges.yaml", "low"], ["scheme.yaml", "medium"]]);
    assert.match(findings.find((f) => f.locations[0]?.path === "gke.yaml")?.message ?? "", /an internal load balancer/);
  });

  it("points at the values.yaml line when a chart quotes the value (type: \"{{ .Values.service.type }}\")", async () => {
    const { findings } = await run({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": "service:\n  port: 80\n  type: LoadBalancer\n",
      "web/templates/service.yaml": 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: "{{ .Values.service.type }}"\n  ports:\n    - port: {{ .Values.service.port }}\n',
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["web/values.yaml", 3]]);
  });
});
