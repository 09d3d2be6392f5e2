import type { Severity } from "../../core/severity.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { bindings } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

/**
 * Subjects that stand for everyone, or every workload, by kind and name (`prefix`: every name
 * that starts so): who they are, how bad a binding to them is, and the built-in ClusterRoles
 * Kubernetes itself binds to them (only health, version, discovery, self-review and the service
 * account issuer's discovery document), which re-declaring grants nothing more.
 */
const EVERYONE: readonly { kind: string; name: string; prefix?: true; who: string; severity: Severity; builtIn: ReadonlySet<string> }[] = [
  { kind: "Group", name: "system:unauthenticated", who: "anyone who can reach the API server, without credentials", severity: "critical", builtIn: new Set(["system:public-info-viewer"]) },
  { kind: "User", name: "system:anonymous", who: "anyone who can reach the API server, without credentials", severity: "critical", builtIn: new Set(["system:public-info-viewer"]) },
  { kind: "Group", name: "system:authenticated", who: "every identity the cluster authenticates: every service account, and on a managed cluster possibly any account of the cloud provider", severity: "high", builtIn: new Set(["system:basic-user", "system:discovery", "system:public-info-viewer"]) },
  // Every service account is also authenticated: the roles bound to system:authenticated add nothing here either.
  { kind: "Group", name: "system:serviceaccounts", who: "every service account of every namespace, so every pod of the cluster", severity: "high", builtIn: new Set(["system:basic-user", "system:discovery", "system:public-info-viewer", "system:service-account-issuer-discovery"]) },
  { kind: "Group", name: "system:serviceaccounts:", prefix: true, who: "every service account of that namespace, so every pod that runs there", severity: "medium", builtIn: new Set(["system:basic-user", "system:discovery", "system:public-info-viewer", "system:service-account-issuer-discovery"]) },
];

/** The entry of EVERYONE a subject is, if any. */
function everyone(kind: string, name: string): (typeof EVERYONE)[number] | undefined {
  return EVERYONE.find((x) => x.kind === kind && (x.prefix ? name.startsWith(x.name) && name.length > x.name.length : x.name === name));
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-anonymous-access",
    title: "Binding grants a role to anonymous users, all authenticated users or all service accounts",
    severity: "critical",
    references: [
      { title: "Kubernetes authentication: anonymous requests", url: "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests" },
      { title: "Kubernetes RBAC: API discovery roles", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles" },
      { title: "Kubernetes RBAC good practices: least privilege", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege" },
      { title: "GKE: avoid default groups in RBAC bindings", url: "https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac#detect-prevent-default" },
      { title: "Kubernetes RBAC: service account permissions", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions" },
    ],
    rationale:
      "A RoleBinding or ClusterRoleBinding whose subjects include the `system:unauthenticated` group or the `system:anonymous` user gives the role to anyone who can reach the API server, without credentials (critical). The `system:authenticated` group is every identity the cluster accepts: every service account of every namespace, and on managed clusters that map cloud identities, possibly any account of the cloud provider (high). The `system:serviceaccounts` group is every service account of every namespace, so every pod of the cluster, including those of other tenants (high); `system:serviceaccounts:<namespace>` is every pod of that namespace, not only the workload that needs the role (medium). CN8 principle 3: access without authentication, or for everyone, must be a conscious decision, never what installing the manifests does. The discovery roles Kubernetes binds to these groups itself (`system:public-info-viewer`, and `system:basic-user`, `system:discovery` and, for service accounts, `system:service-account-issuer-discovery`) are not reported.",
    remediation: "Bind the role to the specific ServiceAccount, user or group that needs it; to let users of a cluster opt in, document the binding rather than ship it.",
  }),

  async run(ctx) {
    for (const b of await bindings(ctx)) {
      b.subjects.forEach((s, i) => {
        const e = everyone(s.kind, s.name);
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
