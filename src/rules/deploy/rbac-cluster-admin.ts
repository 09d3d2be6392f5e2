import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { bindings } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

/**
 * The built-in ClusterRoles that read every Secret of a namespace and create pods there as, or
 * impersonate, any of its service accounts: admin, edit, and the aggregated part of edit that
 * holds those rules. system:aggregate-to-admin is left out: alone it only manages Roles and
 * RoleBindings, and RBAC refuses to let it grant what it does not hold.
 */
const NAMESPACE_ADMIN_ROLES = new Set(["admin", "edit", "system:aggregate-to-edit"]);

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-cluster-admin",
    title: "Binding grants cluster-admin, admin or edit",
    severity: "critical",
    references: [
      { title: "Kubernetes RBAC: user-facing roles", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles" },
      { title: "Kubernetes RBAC good practices: least privilege", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege" },
    ],
    rationale:
      "cluster-admin is superuser over the whole cluster; binding it (or the system:masters group) to an application's service account means a compromise of that application is a compromise of every workload and secret in the cluster. CN8 principle 3: the most powerful setting must never be the default. The built-in `admin` and `edit` ClusterRoles (and `system:aggregate-to-edit`, the part of them that holds these rules) read every Secret of a namespace and create pods and workloads there as any of its service accounts, so they too lead to every permission held in the namespace: bound by a ClusterRoleBinding they apply in every namespace (high), by a RoleBinding in one (medium). CN8 principle 6 (grant only the privileges that are needed).",
    remediation: "Bind the service account to a Role (or ClusterRole) listing only what it uses; if an installer really needs cluster-admin, run it once by a human, not from the shipped manifests.",
  }),

  async run(ctx) {
    for (const b of await bindings(ctx)) {
      const who = b.subjects.map((s) => `${s.kind} ${s.name}`).join(", ") || "(no subjects)";
      if (b.roleKind === "ClusterRole" && b.roleName === "cluster-admin") {
        reportAt(ctx, b.subject, { problem: `binds cluster-admin to ${who}`, path: ["roleRef", "name"], principle: 3, fix: "roleRef:\n  kind: Role\n  name: <a role listing only what is used>", key: "cluster-admin" });
      } else if (b.roleKind === "ClusterRole" && NAMESPACE_ADMIN_ROLES.has(b.roleName)) {
        const cluster = b.subject.object.kind === "ClusterRoleBinding";
        const ns = b.subject.object.namespace;
        const scope = cluster ? "in every namespace" : ns ? `in namespace ${ns}` : "in its namespace";
        reportAt(ctx, b.subject, {
          problem: `binds the built-in ClusterRole ${b.roleName} to ${who} ${scope}: it reads every Secret and can act as any service account (creating pods that run as one, or impersonating it)`,
          path: ["roleRef", "name"],
          principle: 6,
          fix: "roleRef:\n  kind: Role\n  name: <a role listing only what is used>",
          key: b.roleName,
          severity: cluster ? "high" : "medium",
        });
      }
      b.subjects.forEach((s, i) => {
        if (s.kind === "Group" && s.name === "system:masters") reportAt(ctx, b.subject, { problem: "binds a role to the system:masters group (which bypasses RBAC entirely)", path: ["subjects", i], principle: 3, fix: "# bind a specific ServiceAccount instead", key: "system:masters" });
      });
    }
  },
};
