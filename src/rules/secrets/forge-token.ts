import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/forge-token",
    title: "Source forge or CI/CD token committed",
    severity: "critical",
    confidence: "high",
    rationale:
      "A GitHub, GitLab, Bitbucket or Azure DevOps token, or a CI/CD service's token (CircleCI, Buildkite, Terraform Cloud, Vault, Doppler…), lets whoever finds it push code, read private repositories, change pipelines or read their secrets: the shortest path to a supply-chain compromise.",
    references: [{ title: "GitHub: token formats", url: "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/" }],
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
