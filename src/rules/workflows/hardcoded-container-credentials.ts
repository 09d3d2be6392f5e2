import type { Container } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/hardcoded-container-credentials",
    title: "Container registry password written in a workflow",
    severity: "high",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "A password written into `container:` or `services:` credentials is readable by everyone who can read the repository, forever, in every fork and in the git history; it also cannot be rotated without a commit.",
    remediation:
      "Store the password as an encrypted secret and reference it: `password: ${{ secrets.REGISTRY_PASSWORD }}`; then rotate the exposed one, since the history still holds it. For ghcr.io use `${{ github.token }}`.",
    references: [
      { title: "GitHub: Using secrets in GitHub Actions", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions" },
      { title: "GitHub: jobs.<job_id>.container.credentials", url: "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainercredentials" },
      { title: "zizmor: hardcoded-container-credentials", url: "https://docs.zizmor.sh/audits/#hardcoded-container-credentials" },
      { title: "CWE-798: Use of Hard-coded Credentials", url: "https://cwe.mitre.org/data/definitions/798.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      for (const job of wf.jobs) {
        const containers: [string, Container][] = [...(job.container ? [["container", job.container] as [string, Container]] : []), ...job.services.map((s) => [`service \`${s.id}\``, s] as [string, Container])];
        for (const [what, c] of containers) {
          const password = c.credentials?.password;
          if (!password || password.value.includes("${{") || password.value.trim() === "") continue;
          ctx.report({
            message: `the ${what} of job \`${job.id}\` in ${wf.path} has its registry password written in the file`,
            locations: [at(wf.path, password.span)],
            key: `${job.id}:${what}`,
            secret: password.value,
            fix: "password: ${{ secrets.REGISTRY_PASSWORD }}",
          });
        }
      }
    }
  },
};
