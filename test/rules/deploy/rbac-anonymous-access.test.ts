import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-anonymous-access.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const binding = (roleKind: string, role: string, subjectKind: string, subject: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${role}\nsubjects:\n  - kind: ${subjectKind}\n    name: ${subject}\n    apiGroup: rbac.authorization.k8s.io\n`;

describe("deploy/rbac-anonymous-access", () => {
  it("reports anonymous and unauthenticated subjects as critical, all authenticated users and all service accounts as high, a namespace's service accounts as medium, at the subject", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => `${f.locations[0]?.startLine} ${f.severity}`).sort(), ["15 critical", "18 critical", "32 high", "47 high", "61 medium"]);
    assert.match(findings.find((f) => f.severity === "medium")?.message ?? "", /^RoleBinding\/ci-deployers: binds Role deployer in namespace ci to Group system:serviceaccounts:ci, that is to every service account of that namespace/);
    assert.match(findings[0]?.message ?? "", /^ClusterRoleBinding\/metrics-public: binds ClusterRole metrics-reader in the whole cluster to Group system:unauthenticated, that is to anyone who can reach the API server, without credentials \[CN8-3\]$/);
    assert.match(findings.find((f) => f.severity === "high")?.message ?? "", /^RoleBinding\/everyone-edits: binds Role sandbox-editor in namespace sandbox to Group system:authenticated, that is to every identity the cluster authenticates/);
  });

  it("stays quiet on the discovery bindings Kubernetes makes itself and on specific subjects", async () => {
    assert.deepEqual((await runRule(rule, fixtureDir(rule.meta.id, "good"))).findings, []);
  });

  it("excuses only the built-in ClusterRoles, and only those Kubernetes binds to the subject itself", async () => {
    const { findings } = await run({
      // Kubernetes stopped binding discovery to unauthenticated users in 1.14: re-adding it is reported.
      "discovery-anon.yaml": binding("ClusterRole", "system:discovery", "Group", "system:unauthenticated"),
      "basic-user-auth.yaml": binding("ClusterRole", "system:basic-user", "Group", "system:authenticated"),
      "own-role.yaml": binding("Role", "system:discovery", "Group", "system:authenticated"),
      "view-auth.yaml": binding("ClusterRole", "view", "Group", "system:authenticated"),
      // No such group: anonymous requests are the user system:anonymous in the group system:unauthenticated.
      "group-anon.yaml": binding("ClusterRole", "view", "Group", "system:anonymous"),
      "issuer-sa.yaml": binding("ClusterRole", "system:service-account-issuer-discovery", "Group", "system:serviceaccounts"),
      "discovery-ns.yaml": binding("ClusterRole", "system:discovery", "Group", "system:serviceaccounts:kube-system"),
      "issuer-auth.yaml": binding("ClusterRole", "system:service-account-issuer-discovery", "Group", "system:unauthenticated"),
      "view-ns.yaml": binding("ClusterRole", "view", "Group", "system:serviceaccounts:kube-system"),
      // Not groups Kubernetes defines: a prefix alone, and a longer word.
      "bare-prefix.yaml": binding("ClusterRole", "view", "Group", "system:serviceaccounts:"),
      "longer.yaml": binding("ClusterRole", "view", "Group", "system:serviceaccountsx"),
      "sa-user.yaml": binding("ClusterRole", "view", "User", "system:serviceaccounts"),
    });
    assert.deepEqual(findings.map((f) => `${f.locations[0]?.path} ${f.severity}`).sort(), ["discovery-anon.yaml critical", "issuer-auth.yaml critical", "own-role.yaml high", "view-auth.yaml high", "view-ns.yaml medium"]);
  });
});
