import type { Rule } from "../types.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/secrets-inherit",
    title: "Reusable workflow called with every secret",
    severity: "medium",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "`secrets: inherit` hands a called workflow every secret of the repository and organisation, today's and tomorrow's, whatever it needs. A compromise of that workflow (or of any action it uses) then exposes all of them, and nobody can tell from the caller which secrets it really uses.",
    remediation:
      "Pass only the secrets the called workflow declares under `on.workflow_call.secrets`: `secrets:\\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}`.",
    references: [
      { title: "GitHub: Passing secrets to nested workflows", url: "https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-secrets-to-nested-workflows" },
      { title: "zizmor: secrets-inherit", url: "https://docs.zizmor.sh/audits/#secrets-inherit" },
      { title: "CWE-272: Least Privilege Violation", url: "https://cwe.mitre.org/data/definitions/272.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      for (const job of wf.jobs) {
        if (!job.uses || !job.secrets?.inherit) continue;
        ctx.report({
          message: `job \`${job.id}\` in ${wf.path} calls ${job.uses.raw.value} with \`secrets: inherit\`, handing it every secret`,
          // The called workflow first, where zizmor points; then the `secrets:` that hands it everything.
          locations: [at(wf.path, job.uses.raw.span), at(wf.path, job.secrets.span)],
          key: job.id,
          fix: "secrets:\n  NAME: ${{ secrets.NAME }}   # one line per secret the called workflow declares",
        });
      }
    }
  },
};
