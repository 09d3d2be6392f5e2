import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import { imitatedAction } from "./lib/typosquat.js";

export const rule: Rule = {
  meta: {
    id: "workflows/typosquat-uses",
    title: "Action whose name imitates a popular action",
    severity: "high",
    confidence: "medium",
    check: "Action-Trust",
    rationale:
      "Attackers register accounts one typo away from popular actions (`actoins/checkout`, `action/setup-node`) and publish look-alikes that do the same job and steal the workflow's secrets. A typo in `uses:` runs their code with the job's token.",
    remediation: "Check the owner and name letter by letter against the action's Marketplace page, and use the real one, pinned by commit SHA.",
    references: [
      { title: "Orca Security: typosquatting in GitHub Actions", url: "https://orca.security/resources/blog/typosquatting-in-github-actions/" },
      { title: "zizmor: typosquat-uses", url: "https://docs.zizmor.sh/audits/#typosquat-uses" },
      { title: "CWE-1357: Reliance on Insufficiently Trustworthy Component", url: "https://cwe.mitre.org/data/definitions/1357.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      if (s.uses.kind !== "repository") continue;
      const slug = `${s.uses.owner}/${s.uses.repo}`;
      const real = imitatedAction(slug);
      if (!real) continue;
      ctx.report({
        message: `\`${usesDisplay(s.uses)}\` in ${s.where} is one typo away from the popular action ${real}: check it is the action you meant`,
        locations: [at(s.path, s.uses.raw.span)],
        snippet: clip(s.uses.raw.value, 200),
        key: `${slug.toLowerCase()}:${s.id}`,
        evidence: { imitates: real },
        fix: `uses: ${real}@<commit SHA>`,
      });
    }
  },
};
