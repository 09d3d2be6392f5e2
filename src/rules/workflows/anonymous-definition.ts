import type { Rule } from "../types.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/anonymous-definition",
    title: "Workflow or action without a name",
    severity: "low",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "GitHub lists an unnamed workflow by its file path and an unnamed action by its folder, in the Actions tab, in required status checks and in audit logs. A clear `name:` makes it obvious which run did what, and a required check that silently stopped running easier to notice.",
    remediation: "Add a `name:` at the top of each workflow file and each action.yml.",
    references: [
      { title: "GitHub: Workflow syntax, name", url: "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#name" },
      { title: "zizmor: anonymous-definition", url: "https://docs.zizmor.sh/audits/#anonymous-definition" },
    ],
    network: false,
    // zizmor's anonymous-definition is pedantic: naming is hygiene, not a weakness.
    persona: "pedantic",
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const first = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
    for (const wf of inputs.workflows) {
      if (wf.name && wf.name.value.trim() !== "") continue;
      ctx.report({ message: `${wf.path} has no \`name:\`, so GitHub shows it by its file path`, locations: [at(wf.path, first)], key: "workflow", fix: "name: <what this workflow does>" });
    }
    for (const a of inputs.actions) {
      if (a.name && a.name.value.trim() !== "") continue;
      ctx.report({ message: `${a.path} has no \`name:\` (action metadata requires one)`, locations: [at(a.path, first)], key: "action", fix: "name: <what this action does>" });
    }
  },
};
