import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/service-account-token.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: op\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: op\nsubjects:\n  - kind: ServiceAccount\n    name: operator\n";

describe("deploy/service-account-token", () => {
  it("leaves workloads whose service account is bound to a role alone", async () => {
    const { findings } = await run({ "op.yaml": deployment({ name: "op", podSpec: "      serviceAccountName: operator\n" }), "rbac.yaml": binding });
    assert.deepEqual(findings, []);
  });

  it("counts only RBAC bindings: a RoleBinding of another API group grants the account nothing", async () => {
    const other = binding.replace("apiVersion: rbac.authorization.k8s.io/v1", "apiVersion: example.io/v1alpha1");
    const { findings } = await run({ "op.yaml": deployment({ name: "op", podSpec: "      serviceAccountName: operator\n" }), "rbac.yaml": other });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /service account "operator"/);
  });

  it("says incomplete, not unbound, when a binding template of the chart cannot be rendered", async () => {
    // The ClusterRoleBinding reads a field of a list, which `helm template` fails on: it may grant the account.
    const chart = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "subjects: [web]\n",
      "templates/deploy.yaml": deployment({ name: "web", podSpec: "      serviceAccountName: web\n" }),
      "templates/crb.yaml": binding.replace("kind: RoleBinding", "kind: ClusterRoleBinding").replace("name: operator", "name: {{ .Values.subjects.name }}"),
    };
    const { findings, outcome } = await run(chart);
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    // A template that can only write other kinds hides no binding: the finding stands.
    const other = { ...chart, "templates/crb.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.subjects.name }}\n" };
    assert.equal((await run(other)).findings.length, 1);
  });

  it("accepts an opt-out on the pod or its ServiceAccount", async () => {
    const sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\nautomountServiceAccountToken: false\n";
    const { findings } = await run({ "a.yaml": deployment({ podSpec: "      serviceAccountName: web\n" }), "sa.yaml": sa, "b.yaml": deployment({ name: "b", podSpec: "      automountServiceAccountToken: false\n" }) });
    assert.deepEqual(findings, []);
  });

  it("reports an explicit true at its line even when the ServiceAccount opts out", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSpec: "      automountServiceAccountToken: true\n" }) });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [14]);
  });

  it("tells service accounts of one name in different namespaces apart, and a RoleBinding's subject is in the binding's namespace", async () => {
    const sa = (ns: string, auto: boolean) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: quiet\n  namespace: ${ns}\nautomountServiceAccountToken: ${auto}\n`;
    const pod = (name: string, ns: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  serviceAccountName: quiet\n  containers:\n    - name: c\n      image: busybox:1.36\n`;
    const { findings } = await run({ "a.yaml": [sa("app", false), pod("in-app", "app"), sa("other", true), pod("in-other", "other")].join("---\n") });
    assert.deepEqual(findings.map((f) => f.evidence.resource), ["Pod/in-other"]);
    const bound = binding.replace("metadata:\n  name: op\n", "metadata:\n  name: op\n  namespace: ops\n").replace("name: operator", "name: quiet");
    const r = await run({ "a.yaml": [pod("in-ops", "ops"), pod("in-web", "web"), pod("anywhere", "web").replace("  namespace: web\n", "")].join("---\n"), "rbac.yaml": bound });
    assert.deepEqual(r.findings.map((f) => f.evidence.resource), ["Pod/in-web"], "the binding grants ops's quiet, not web's; a pod naming no namespace may be in ops");
  });
});
