import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/exposed-service.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const svc = (type: string, ports = "    - port: 5432\n"): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ${type}\n  ports:\n${ports}`;

describe("deploy/exposed-service", () => {
  it("reports LoadBalancer at medium and NodePort at low; ClusterIP and headless are fine", async () => {
    const { findings } = await run({ "a.yaml": svc("LoadBalancer"), "b.yaml": svc("NodePort"), "c.yaml": svc("ClusterIP"), "d.yaml": svc("ExternalName") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.locations[0]?.startLine]), [["a.yaml", "medium", 6], ["b.yaml", "low", 6]]);
  });

  it("reports a public LoadBalancer of HTTP and HTTPS only (an ingress controller's) at low severity", async () => {
    const { findings } = await run({ "edge.yaml": svc("LoadBalancer", "    - port: 80\n    - port: 443\n"), "mixed.yaml": svc("LoadBalancer", "    - port: 443\n    - port: 9090\n") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["edge.yaml", "low"], ["mixed.yaml", "medium"]]);
    assert.match(findings[0]?.message ?? "", /for HTTP and HTTPS only/);
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

  it("reports externalIPs on a Service of any type like a public load balancer, at the list", async () => {
    const ips = (type: string, list: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ${type}\n  externalIPs: ${list}\n  ports:\n    - port: 8080\n`;
    const { findings } = await run({ "a.yaml": ips("ClusterIP", "[203.0.113.10]"), "b.yaml": ips("LoadBalancer", "[203.0.113.10, 203.0.113.11]"), "c.yaml": ips("ClusterIP", "[]") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]).sort(), [["a.yaml", 7, "medium"], ["b.yaml", 6, "medium"], ["b.yaml", 7, "medium"]]);
    assert.equal(findings.find((f) => f.locations[0]?.path === "a.yaml")?.message, "Service/s: sets externalIPs 203.0.113.10, reachable from outside the cluster on that address through every node [CN8-1]");
    const fixture = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(fixture.findings.map((f) => `${f.locations[0]?.path}:${f.locations[0]?.startLine}`).sort(), ["k8s/external-ips.yaml:9", "k8s/service.yaml:6"]);
  });

  it("points a chart's externalIPs at values.yaml, and passes the empty default", async () => {
    const chart = (values: string) => ({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": `service:\n  port: 80\n${values}`,
      "web/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  {{- with .Values.service.externalIPs }}\n  externalIPs:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n  ports:\n    - port: {{ .Values.service.port }}\n",
    });
    assert.deepEqual((await run(chart("  externalIPs: []\n"))).findings, []);
    const set = await run(chart("  externalIPs:\n    - 198.51.100.7\n"));
    assert.deepEqual(set.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["web/values.yaml", 3]]);
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
