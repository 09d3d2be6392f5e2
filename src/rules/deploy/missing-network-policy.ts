import { chartMetaPath } from "../../ecosystems/helm/chart.js";
import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import { podTemplate } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { deployInputs } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { principle } from "./lib/principles.js";
import { POLICY_KINDS } from "./lib/reads.js";

const POLICIES = new Set(POLICY_KINDS);

/** A pod `helm test` runs on demand (`helm.sh/hook: test`), never installed with the release. */
function isHelmTest(v: Record<string, unknown>): boolean {
  const hook = asString(asMap(asMap(v["metadata"])?.["annotations"])?.["helm.sh/hook"]) ?? "";
  return hook.split(",").some((h) => /^\s*test(?:-success|-failure)?\s*$/.test(h));
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/missing-network-policy",
    title: "Chart ships workloads without a NetworkPolicy",
    severity: "medium",
    references: [{ title: "Kubernetes Network Policies", url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/" }],
    rationale:
      "Kubernetes lets every pod talk to every other pod unless a NetworkPolicy selects it. A chart that installs workloads without one leaves them reachable from any compromised pod in the cluster and free to reach anything (the database of another team, the cloud metadata service). CN8 principle 5: a chart is the layer that can make the platform's network isolation the inherited default. A chart whose NetworkPolicy exists but is off by default is reported at low severity.",
    remediation: "Add a NetworkPolicy template that admits only the traffic the application needs (ingress from its clients, egress to its dependencies and DNS), enabled by default (`networkPolicy.enabled: true`).",
  }),

  async run(ctx) {
    const inputs = await deployInputs(ctx);
    for (const chart of inputs.charts) {
      // The chart as its defaults install it: a kustomization's values are not what it ships.
      const objects = inputs.subjects.filter((s) => s.source === "helm" && s.chart === chart.dir && s.overlay === undefined);
      const workloads = objects.filter((s) => podTemplate(s.object) !== undefined && !isHelmTest(s.object.value));
      if (workloads.length === 0 || objects.some((s) => POLICIES.has(s.object.kind))) continue;
      // A template of the chart that could not be rendered may write the policy: the rule is incomplete, not failed.
      if (inputs.problems.some((pr) => pr.chart === chart.dir && (!pr.kinds || pr.kinds.some((k) => POLICIES.has(k))))) continue;
      const chartYaml = chartMetaPath(ctx, chart.dir);
      const offered = chart.templates.some((t) => /NetworkPolicy/.test(t.path) || /kind:\s{0,8}["']?NetworkPolicy/.test(t.output));
      const templatesText = await Promise.all(chart.templates.map((t) => ctx.readText(t.path, { optional: true })));
      const inTemplates = offered || templatesText.some((t) => t !== undefined && /kind:\s{0,8}["']?(?:Cilium)?NetworkPolicy/.test(t.text));
      ctx.report({
        message: `Helm chart ${chart.name} (${chart.dir || "."}) installs ${workloads.map((w) => w.label).slice(0, 3).join(", ")}${workloads.length > 3 ? ` and ${workloads.length - 3} more` : ""} but ${inTemplates ? "its NetworkPolicy is off by default" : "ships no NetworkPolicy"}, so every pod in the cluster can reach them [CN8-5]`,
        locations: [{ path: chartYaml, startLine: 1, startColumn: 1 }],
        evidence: { chart: chart.name, source: "helm", principle: principle(5), workloads: workloads.map((w) => w.label).slice(0, 20) },
        key: `chart:${chart.dir}`,
        fix: inTemplates ? "networkPolicy:\n  enabled: true  # in values.yaml" : "# templates/networkpolicy.yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ include \"<chart>.fullname\" . }}\nspec:\n  podSelector:\n    matchLabels: {{- include \"<chart>.selectorLabels\" . | nindent 6 }}\n  policyTypes: [Ingress, Egress]\n  ingress: []  # allow only what the application needs",
        severity: inTemplates ? "low" : "medium",
      });
    }
  },
};
