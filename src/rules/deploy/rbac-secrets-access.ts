import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { clusterRoleScopes, policyRules } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

const READ = ["get", "list", "watch", "*"];

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-secrets-access",
    title: "ClusterRole reads secrets cluster-wide",
    severity: "high",
    references: [{ title: "Kubernetes RBAC good practices: listing secrets", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets" }],
    rationale:
      "A ClusterRole that can get, list or watch secrets reads every credential in the cluster: service account tokens, TLS keys, database passwords of every namespace. `list` and `watch` return the secrets' contents, not just their names. CN8 principle 6 (grant only the privileges that are needed). A ClusterRole the project binds only with RoleBindings (the Kubernetes documentation's `secret-reader` pattern) grants it in those namespaces alone, as a Role would, and is not reported.",
    remediation: "Use a namespaced Role for the secrets the workload needs, and restrict it with `resourceNames`; drop list and watch unless the workload really enumerates secrets.",
  }),

  async run(ctx) {
    const scopes = await clusterRoleScopes(ctx);
    for (const r of await policyRules(ctx)) {
      if (!r.cluster) continue;
      const scope = scopes?.get(r.subject.object.name);
      if (scope && scope.namespaced && !scope.cluster) continue;
      const secrets = r.resources.includes("secrets") || r.resources.includes("*");
      const core = r.apiGroups.includes("") || r.apiGroups.includes("*");
      const verbs = r.verbs.filter((v) => READ.includes(v));
      if (!secrets || !core || verbs.length === 0) continue;
      reportAt(ctx, r.subject, { problem: `can ${verbs.join(", ")} secrets in every namespace`, path: [...r.path, "resources"], principle: 6, fix: 'kind: Role  # namespaced\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [<the secret it needs>]\n    verbs: [get]', key: `secrets/${verbs.join(",")}` });
    }
  },
};
