import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-cluster-admin.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const binding = (kind: string, roleKind: string, role: string, namespace = "  namespace: ns\n") =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n${kind === "RoleBinding" ? namespace : ""}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${role}\nsubjects:\n  - kind: ServiceAccount\n    name: app\n    namespace: ns\n`;

describe("deploy/rbac-cluster-admin", () => {
  it("reports cluster-admin bound through a RoleBinding too, and system:masters", async () => {
    const rb = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: ns\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: Group\n    name: system:masters\n";
    const { findings } = await run({ "b.yaml": rb });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine).sort(), [11, 9]);
  });

  it("reports admin and edit: high bound in every namespace, medium in one, at the role's name", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => `${f.locations[0]?.path}:${f.locations[0]?.startLine} ${f.severity}`).sort(), ["k8s/edit.yaml:23 medium", "k8s/edit.yaml:9 high", "k8s/rbac.yaml:8 critical"]);
    assert.match(findings.find((f) => f.severity === "high")?.message ?? "", /^ClusterRoleBinding\/deployer-edit: binds the built-in ClusterRole edit to ServiceAccount deployer in every namespace: it reads every Secret and can act as any service account .*\[CN8-6\]$/);
    assert.match(findings.find((f) => f.severity === "medium")?.message ?? "", /^RoleBinding\/operator-admin: binds the built-in ClusterRole admin to ServiceAccount operator in namespace shop: /);
  });

  it("stays quiet on view, on a Role of the repository named admin, and on system:aggregate-to-admin alone", async () => {
    assert.deepEqual((await runRule(rule, fixtureDir(rule.meta.id, "good"))).findings, []);
    const { findings } = await run({
      "agg-edit.yaml": binding("ClusterRoleBinding", "ClusterRole", "system:aggregate-to-edit"),
      "agg-admin.yaml": binding("ClusterRoleBinding", "ClusterRole", "system:aggregate-to-admin"),
      "role-edit.yaml": binding("RoleBinding", "Role", "edit"),
      "no-ns.yaml": binding("RoleBinding", "ClusterRole", "edit", ""),
    });
    assert.deepEqual(findings.map((f) => `${f.locations[0]?.path} ${f.severity}`).sort(), ["agg-edit.yaml high", "no-ns.yaml medium"]);
    assert.match(findings.find((f) => f.locations[0]?.path === "no-ns.yaml")?.message ?? "", / in its namespace: /);
  });
});
