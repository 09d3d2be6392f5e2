import type { Rule } from "../types.js";
import { SUPERFLUOUS } from "./lib/actions-data.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/superfluous-actions",
    title: "Third-party action for something the runner already does",
    severity: "info",
    confidence: "medium",
    check: "CI-Hygiene",
    rationale:
      "Each third-party action is code from another party that runs with the job's token and secrets, and one more thing to pin and update. When the runner's own tools (the GitHub CLI, docker, jq) do the same in one line, the action only adds risk. The list is zizmor's: actions whose replacement takes more than a line (peter-evans/create-pull-request, create-or-update-comment, dtolnay/rust-toolchain) are reported only in the pedantic persona, at lower confidence, as zizmor does; an archived one (marvinpinto/action-automatic-releases) is workflows/archived-uses' finding.",
    remediation: "Replace the action with the command the finding names in a `run:` step, passing the token as `GH_TOKEN: ${{ github.token }}` for `gh`.",
    references: [
      { title: "zizmor: superfluous-actions", url: "https://docs.zizmor.sh/audits/#superfluous-actions" },
      { title: "GitHub CLI manual", url: "https://cli.github.com/manual/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      if (s.uses.kind !== "repository" || !s.step) continue;
      const hit = SUPERFLUOUS.get(s.uses.name.toLowerCase());
      if (!hit) continue;
      ctx.report({
        message: `\`${usesDisplay(s.uses)}\` in ${s.where} adds a third party for what the runner already does: ${hit.instead}`,
        locations: [at(s.path, s.uses.raw.span)],
        snippet: clip(s.uses.raw.value, 200),
        key: `${s.uses.name.toLowerCase()}:${s.id}`,
        confidence: hit.confidence,
        ...(hit.pedantic ? { persona: "pedantic" as const } : {}),
        fix: hit.instead,
      });
    }
  },
};
