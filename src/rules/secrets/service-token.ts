import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/service-token",
    title: "API key of an online service committed",
    severity: "high",
    confidence: "high",
    rationale:
      "API keys of payment (Stripe, Square, PayPal), messaging (Slack, Discord, Telegram, Twilio, SendGrid, Mailgun), AI (OpenAI, Anthropic, Hugging Face…), monitoring and productivity services spend the owner's money, send mail and messages in their name, or read their customers' data; AI and payment keys are abused within hours of a leak. A web framework's own key (Django's or Flask's SECRET_KEY, Laravel's APP_KEY, Rails' secret_key_base or master key) lets anyone forge the application's sessions and signed cookies, or decrypt the credentials it keeps encrypted in the repository; Jenkins' secrets/master.key decrypts every credential a Jenkins home stores.",
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
