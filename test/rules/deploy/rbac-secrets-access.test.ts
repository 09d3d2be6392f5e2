import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-secrets-access.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/rbac-secrets-access", () => {
  it("reports wildcard resources in the core group, not secrets of another group or write-only verbs", async () => {
    const cr = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: c\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"*\"]\n    verbs: [list]\n  - apiGroups: [example.com]\n    resources: [secrets]\n    verbs: [get]\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [create]\n";
    const { findings } = await run({ "c.yaml": cr });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [7]);
  });

  it("does not call a ClusterRole that only RoleBindings bind cluster-wide, and still reports one a ClusterRoleBinding or nothing binds", async () => {
    // The Kubernetes RBAC documentation's example: a secret-reader ClusterRole granted in one namespace.
    const role = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "watch", "list"]\n`;
    const binding = (kind: string, role: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b-${role}\n  namespace: development\nsubjects:\n  - kind: ServiceAccount\n    name: app\n    namespace: development\nroleRef:\n  kind: ClusterRole\n  name: ${role}\n  apiGroup: rbac.authorization.k8s.io\n`;
    const { findings } = await run({
      "rbac.yaml": [role("namespaced"), binding("RoleBinding", "namespaced"), role("both"), binding("RoleBinding", "both"), binding("ClusterRoleBinding", "both"), role("unbound")].join("---\n"),
    });
    assert.deepEqual(findings.map((f) => f.message.split(":")[0]), ["ClusterRole/both", "ClusterRole/unbound"]);
  });
});
