import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { policyRules } from "./lib/rbac.js";
import { reportAt } from "./lib/report.js";

const VERBS = { escalate: "grant itself permissions it does not have", bind: "bind roles it does not hold", impersonate: "act as any user, group or service account" } as const;

/** VERBS' names, listed once: every policy rule is checked for each (see host-namespaces for why no `[verb, why]` pairs). */
const VERB_NAMES = Object.keys(VERBS) as (keyof typeof VERBS)[];

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/rbac-escalation-verbs",
    title: "Role grants escalate, bind or impersonate",
    severity: "high",
    references: [{ title: "Kubernetes RBAC: privilege escalation prevention", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping" }],
    rationale:
      "RBAC stops an account from granting permissions it does not hold, except when it has `escalate` or `bind` on roles, or `impersonate` on users, groups or service accounts: those verbs turn any foothold into cluster-admin. CN8 principle 6 (grant only the privileges that are needed).",
    remediation: "Remove escalate, bind and impersonate from the Role (and any `*` verb that implies them); if an operator must create RoleBindings, bind it only to the specific roles it hands out with `resourceNames`.",
  }),

  async run(ctx) {
    for (const r of await policyRules(ctx)) {
      for (let i = 0; i < VERB_NAMES.length; i++) {
        const verb = VERB_NAMES[i] as keyof typeof VERBS;
        if (!r.verbs.includes(verb)) continue;
        const why = VERBS[verb];
        const targets = r.resources.join(", ") || "(none)";
        reportAt(ctx, r.subject, { problem: `grants ${verb} on ${targets}, so it can ${why}`, path: [...r.path, "verbs"], principle: 6, fix: `# remove ${verb} from verbs, or restrict it with resourceNames`, key: `${verb}/${targets}` });
      }
    }
  },
};
