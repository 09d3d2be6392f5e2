import type { Rule } from "../types.js";
import { ESCALATION_PATHS } from "./lib/escalation-paths.js";
import { deployMeta } from "./lib/meta.js";
import { policyRules } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-escalation-paths",
    title: "Role grants a permission that leads to more privileges",
    severity: "high",
    references: [
      { title: "Kubernetes RBAC good practices: privilege escalation risks", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks" },
      { title: "Kubernetes: kubelet authorization (nodes/proxy)", url: "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization" },
    ],
    rationale:
      "Some RBAC permissions give far more than they name, up to running commands in every pod of a node. The kubelet API behind `nodes/proxy` runs commands in every pod of the node; `pods/exec` and `pods/attach` run commands inside pods, with their tokens and secrets; `serviceaccounts/token` mints tokens for other accounts; approving certificate requests issues client certificates; writing admission webhooks sees every object sent to the API; creating PersistentVolumes mounts node folders; relabelling namespaces lifts Pod Security admission; and a ClusterRole that creates pods or workload controllers can run any service account of every namespace it is bound in. A compromise of the workload holding such a Role goes that far. CN8 principle 6 (grant only the privileges that are needed). Wildcards and the escalate, bind and impersonate verbs are reported by their own rules.",
    remediation:
      "Remove the permission, or narrow it: a namespaced Role instead of a ClusterRole, `resourceNames` for the objects the workload really changes (a webhook patching its own caBundle), a PersistentVolumeClaim instead of a PersistentVolume. What a human needs now and then (exec, debugging containers) belongs to the human's own credentials, not to a shipped service account.",
  }),

  async run(ctx) {
    for (const r of await policyRules(ctx)) {
      // Wildcards are deploy/rbac-wildcard's: one problem, one finding.
      if (r.verbs.includes("*") || r.resources.includes("*")) continue;
      for (const p of ESCALATION_PATHS) {
        if (p.clusterOnly && !r.cluster) continue;
        if (!r.apiGroups.includes(p.group) && !r.apiGroups.includes("*")) continue;
        const resources = p.resources.filter((x) => r.resources.includes(x));
        // resourceNames cannot restrict create; it does restrict the other verbs to named objects.
        const verbs = p.verbs.filter((v) => r.verbs.includes(v) && (v === "create" || r.resourceNames.length === 0));
        if (resources.length === 0 || verbs.length === 0) continue;
        const scope = r.cluster && !p.clusterScoped ? " (a ClusterRole: in every namespace it is bound in)" : "";
        reportAt(ctx, r.subject, {
          problem: `can ${verbs.join(", ")} ${resources.join(", ")}${scope}, so it can ${p.gives}`,
          path: [...r.path, "resources"],
          principle: 6,
          fix: p.fix,
          key: `${p.id}/${resources.join(",")}/${verbs.join(",")}`,
          severity: p.severity,
        });
      }
    }
  },
};
