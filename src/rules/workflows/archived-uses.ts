import type { Rule } from "../types.js";
import { ARCHIVED } from "./lib/actions-data.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/archived-uses",
    title: "Action from an archived repository",
    severity: "medium",
    confidence: "high",
    check: "Action-Trust",
    rationale:
      "An archived repository gets no fixes: a vulnerability found in the action stays, its dependencies age, and when the owner's account or the name is taken over later, nobody is watching. Archived actions also often run on deprecated Node versions that GitHub removes from its runners.",
    remediation: "Replace it with the maintained successor the project's README names (listed in the finding), or with a few lines of shell using the runner's own tools.",
    references: [
      { title: "GitHub: Archiving repositories", url: "https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories" },
      { title: "zizmor: archived-uses", url: "https://docs.zizmor.sh/audits/#archived-uses" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      if (s.uses.kind !== "repository") continue;
      const repo = `${s.uses.owner}/${s.uses.repo}`.toLowerCase();
      const instead = ARCHIVED.get(repo);
      if (!instead) continue;
      ctx.report({
        message: `\`${usesDisplay(s.uses)}\` in ${s.where} comes from ${repo}, an archived repository that receives no fixes; ${instead}`,
        locations: [at(s.path, s.uses.raw.span)],
        snippet: clip(s.uses.raw.value, 200),
        key: `${repo}:${s.id}`,
        fix: instead,
      });
    }
  },
};
