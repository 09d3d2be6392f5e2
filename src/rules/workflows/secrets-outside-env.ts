import { accessPath, contextAccesses } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { expressionsWithin } from "./lib/expressions-in.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/secrets-outside-env",
    title: "Secret used by a job without a deployment environment",
    // Most projects keep CI secrets at the repository: a finding on every job that reads one is advice, not a problem to gate on.
    severity: "info",
    confidence: "medium",
    check: "CI-Secrets",
    rationale:
      "Repository and organisation secrets reach every job of every workflow, including jobs a pull request can change before it is merged into a workflow that runs on push. Secrets kept in a deployment environment are only given to jobs that name the environment, which can require a reviewer's approval and be limited to protected branches. Advice rather than a problem, so it runs only in the auditor persona (as zizmor's audit does) and is reported at info: it never fails the gate by itself, and weighs least in the CI-Secrets score.",
    remediation:
      "Move deployment secrets (registry tokens, cloud keys, signing keys) into an environment (Settings → Environments) with protection rules, and add `environment: <name>` to the job that uses them.",
    references: [
      { title: "GitHub: Managing environments for deployment", url: "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment" },
      { title: "zizmor: secrets-outside-env", url: "https://docs.zizmor.sh/audits/#secrets-outside-env" },
    ],
    network: false,
    // zizmor's secrets-outside-env is auditor only: whether a secret belongs in an environment needs the project's setup to judge.
    persona: "auditor",
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      // Reusable workflows get their secrets from the caller, environment or not.
      if (wf.events.includes("workflow_call")) continue;
      for (const job of wf.jobs) {
        // A job calling a reusable workflow hands secrets on; the called jobs are where they are used (and may have an environment).
        if (job.environment || job.uses) continue;
        const seen = new Set<string>();
        for (const f of expressionsWithin(wf.yaml, job.node)) {
          if (!f.expr) continue;
          for (const a of contextAccesses(f.expr)) {
            const parts = accessPath(a.node) ?? [];
            if (parts[0] !== "secrets" || parts.length < 2) continue;
            const name = (parts[1] as string).toUpperCase();
            if (name === "GITHUB_TOKEN" || name === "*" || seen.has(name)) continue;
            seen.add(name);
            const span = f.str.spanOf(f.fenced.innerStart + a.start, f.fenced.innerStart + a.end);
            // The name as the workflow writes it (the parsed path is lower-cased; GitHub ignores case).
            const written = /^secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']{1,200})'\s*\])/i.exec(f.fenced.inner.slice(a.start, a.end));
            const shown = written?.[1] ?? written?.[2] ?? name;
            ctx.report({
              message: `job \`${job.id}\` in ${wf.path} uses secret \`${shown}\` without an \`environment:\`, so any job of any workflow could read it too`,
              locations: [at(wf.path, span)],
              key: `${job.id}:${name}`,
              fix: `environment: release   # an environment that holds ${shown}, with required reviewers`,
            });
          }
        }
      }
    }
  },
};
