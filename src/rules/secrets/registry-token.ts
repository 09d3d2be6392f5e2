import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/registry-token",
    title: "Package or container registry token committed",
    severity: "critical",
    confidence: "high",
    rationale:
      "A token for npm, PyPI, RubyGems, NuGet, crates.io, Docker Hub or another registry usually publishes: whoever finds it can release a malicious version of the project's packages or images to every user who installs them. A private registry's credentials (Bundler's BUNDLE_<HOST> keys, Composer's auth.json tokens, a conda channel's /t/<token>/) read its private packages, and often publish to it.",
    references: [{ title: "npm: revoking access tokens", url: "https://docs.npmjs.com/revoking-access-tokens" }],
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
