import type { Severity } from "../../core/severity.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { bindings } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

/**
 * Subjects that stand for everyone, by kind and name: who they are, how bad a binding to them is,
 * and the built-in ClusterRoles Kubernetes itself binds to them (only health, version and, for
 * authenticated users, discovery and self-review), which re-declaring grants nothing more.
 */
const EVERYONE: readonly { kind: string; name: string; who: string; severity: Severity; builtIn: ReadonlySet<string> }[] = [
  { kind: "Group", name: "system:unauthenticated", who: "anyone who can reach the API server, without credentials", severity: "critical", builtIn: new Set(["system:public-info-viewer"]) },
  { kind: "User", name: "system:anonymous", who: "anyone who can reach the API server, without credentials", severity: "critical", builtIn: new Set(["system:public-info-viewer"]) },
  { kind: "Group", name: "system:authenticated", who: "every identity the cluster authenticates: every service account, and on a managed cluster possibly any account of the cloud provider", severity: "high", builtIn: new Set(["system:basic-user", "system:discovery", "system:public-info-viewer"]) },
];

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-anonymous-access",
    title: "Binding grants a role to anonymous or all authenticated users",
    severity: "critical",
    references: [
      { title: "Kubernetes authentication: anonymous requests", url: "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests" },
      { title: "Kubernetes RBAC: API discovery roles", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles" },
      { title: "Kubernetes RBAC good practices: least privilege", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege" },
      { title: "GKE: avoid default groups in RBAC bindings", url: "https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac#detect-prevent-default" },
    ],
    rationale:
      "A RoleBinding or ClusterRoleBinding whose subjects include the `system:unauthenticated` group or the `system:anonymous` user gives the role to anyone who can reach the API server, without credentials (critical). The `system:authenticated` group is every identity the cluster accepts: every service account of every namespace, and on managed clusters that map cloud identities, possibly any account of the cloud provider (high). CN8 principle 3: access without authentication, or for everyone, must be a conscious decision, never what installing the manifests does. The discovery roles Kubernetes binds to these groups itself (`system:public-info-viewer`, and `system:basic-user` and `system:discovery` for authenticated users) are not reported.",
    remediation: "Bind the role to the specific ServiceAccount, user or group that needs it; to let users of a cluster opt in, document the binding rather than ship it.",
  }),

  async run(ctx) {
    for (const b of await bindings(ctx)) {
      b.subjects.forEach((s, i) => {
        const e = EVERYONE.find((x) => x.kind === s.kind && x.name === s.name);
        if (!e || (b.roleKind === "ClusterRole" && e.builtIn.has(b.roleName))) return;
        const ns = b.subject.object.namespace;
        const scope = b.subject.object.kind === "ClusterRoleBinding" ? "in the whole cluster" : ns ? `in namespace ${ns}` : "in its namespace";
        reportAt(ctx, b.subject, {
          problem: `binds ${b.roleKind || "role"} ${b.roleName || "(unnamed)"} ${scope} to ${s.kind} ${s.name}, that is to ${e.who}`,
          path: ["subjects", i],
          principle: 3,
          fix: "subjects:\n  - kind: ServiceAccount\n    name: <the account that needs it>\n    namespace: <its namespace>",
          key: `${s.kind}/${s.name}`,
          severity: e.severity,
        });
      });
    }
  },
};
