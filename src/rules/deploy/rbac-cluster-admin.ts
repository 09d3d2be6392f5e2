import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { bindings } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-cluster-admin",
    title: "Binding grants cluster-admin",
    severity: "critical",
    references: [{ title: "Kubernetes RBAC: user-facing roles", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles" }],
    rationale:
      "cluster-admin is superuser over the whole cluster; binding it (or the system:masters group) to an application's service account means a compromise of that application is a compromise of every workload and secret in the cluster. CN8 principle 3: the most powerful setting must never be the default.",
    remediation: "Bind the service account to a Role (or ClusterRole) listing only what it uses; if an installer really needs cluster-admin, run it once by a human, not from the shipped manifests.",
  }),

  async run(ctx) {
    for (const b of await bindings(ctx)) {
      if (b.roleKind === "ClusterRole" && b.roleName === "cluster-admin") {
        const who = b.subjects.map((s) => `${s.kind} ${s.name}`).join(", ") || "(no subjects)";
        reportAt(ctx, b.subject, { problem: `binds cluster-admin to ${who}`, path: ["roleRef", "name"], principle: 3, fix: "roleRef:\n  kind: Role\n  name: <a role listing only what is used>", key: "cluster-admin" });
      }
      b.subjects.forEach((s, i) => {
        if (s.kind === "Group" && s.name === "system:masters") reportAt(ctx, b.subject, { problem: "binds a role to the system:masters group (which bypasses RBAC entirely)", path: ["subjects", i], principle: 3, fix: "# bind a specific ServiceAccount instead", key: "system:masters" });
      });
    }
  },
};
