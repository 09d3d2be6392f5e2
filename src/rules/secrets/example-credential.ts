import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/example-credential",
    title: "Example or default credential",
    severity: "info",
    confidence: "medium",
    rationale:
      "A value in a credential's format that is a documented example (AWS's AKIAIOSFODNN7EXAMPLE, jwt.io's sample token), a placeholder (xxxx, your-token-here) or a well-known default password (changeme, postgres:postgres). It opens nothing by itself, so it is information only; a default password in configuration that ships is worth replacing with one read from the environment.",
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
