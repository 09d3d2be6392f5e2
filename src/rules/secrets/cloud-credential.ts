import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/cloud-credential",
    title: "Cloud credential committed",
    severity: "critical",
    confidence: "high",
    rationale:
      "A cloud key (AWS, Google Cloud, Azure, Alibaba, DigitalOcean, Heroku, Cloudflare and others) committed to a repository reaches infrastructure, storage and billing: leaked keys are found by bots within minutes of a push and used to mine cryptocurrency, read data or delete resources. A kubeconfig's user token acts as that user on the cluster (high). A Google API key (`AIza…`) is reported at medium, below the default gate: Firebase's web config, Maps' script tag and google-services.json ship the same key to every browser and phone by design, and what protects it is its restriction to APIs and callers, not secrecy; one named or used for Gemini bills every call and is high.",
    references: [{ title: "AWS: what to do if you exposed an access key", url: "https://repost.aws/knowledge-center/potential-account-compromise" }],
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
