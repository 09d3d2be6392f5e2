import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { policyRules } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-wildcard",
    title: "Role grants wildcard permissions",
    severity: "high",
    references: [{ title: "Kubernetes RBAC good practices: avoid wildcards", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/" }],
    rationale:
      "A `*` in a Role's verbs, resources or API groups grants everything that exists, and everything added later (new resources, CRDs, subresources like pods/exec): the account it is bound to can do far more than the application needs. CN8 principle 6: exceptions should grant only the privileges that are needed. A ClusterRole with wildcards is reported as high, a namespaced Role as medium.",
    remediation: "List the API groups, resources and verbs the workload actually uses (`kubectl auth can-i --list` while it runs, or audit logs), e.g. `apiGroups: [\"\"]`, `resources: [configmaps]`, `verbs: [get, list, watch]`.",
  }),

  async run(ctx) {
    for (const r of await policyRules(ctx)) {
      const wild = [...(r.verbs.includes("*") ? ["verbs"] : []), ...(r.resources.includes("*") ? ["resources"] : []), ...(r.apiGroups.includes("*") ? ["apiGroups"] : [])];
      if (wild.length === 0) continue;
      const field = wild[0] as string;
      reportAt(ctx, r.subject, {
        problem: `grants * in ${wild.join(", ")} (rule ${Number(r.path[1]) + 1}: verbs [${r.verbs.join(", ")}] on ${r.resources.join(", ") || "(none)"} in groups [${r.apiGroups.map((g) => g || '""').join(", ")}])`,
        path: [...r.path, field],
        principle: 6,
        fix: 'rules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list, watch]',
        key: `rule/${wild.join("+")}/${r.resources.join(",")}/${r.verbs.join(",")}`,
        severity: r.cluster ? "high" : "medium",
      });
    }
  },
};
