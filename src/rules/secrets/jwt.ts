import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/jwt",
    title: "JSON Web Token committed",
    severity: "medium",
    confidence: "medium",
    rationale:
      "A JSON Web Token is a bearer credential: until it expires, whoever holds it is who it names. Service-role and long-lived API tokens are often JWTs (a Supabase service_role key is reported as critical); tokens whose claims say they are public (a Supabase anon key) and jwt.io's sample token are not reported.",
    references: [{ title: "RFC 7519: JSON Web Token", url: "https://www.rfc-editor.org/rfc/rfc7519" }],
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
