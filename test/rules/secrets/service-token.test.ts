import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/service-token.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(41);

describe("secrets/service-token", () => {
  it("reports Slack, Stripe, OpenAI and Anthropic keys, each with its provider", async () => {
    const env = [
      `SLACK_BOT_TOKEN=xoxb-${t("«digits:12»")}-${t("«digits:13»")}-${t("«b62:24»")}`,
      `STRIPE_SECRET_KEY=sk_live_${t("«b62:99»")}`,
      `OPENAI_API_KEY=sk-proj-${t("«b64url:74»")}T3BlbkFJ${t("«b64url:74»")}`,
      `ANTHROPIC_API_KEY=sk-ant-api03-${t("«b64url:93»")}AA`,
    ].join("\n");
    const { findings } = await run({ ".env": `${env}\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence.provider, f.severity]), [
      [1, "Slack", "high"],
      [2, "Stripe", "critical"],
      [3, "OpenAI", "high"],
      [4, "Anthropic", "high"],
    ]);
  });

  it("reports a Stripe test-mode key at low severity", async () => {
    const { findings } = await run({ "app.js": `const stripe = require("stripe")("sk_test_${t("«b62:99»")}");\n` });
    assert.deepEqual(findings.map((f) => f.severity), ["low"]);
  });

  it("stays quiet on placeholders in an example environment file", async () => {
    const { findings, outcome } = await run({ ".env.example": "SLACK_BOT_TOKEN=xoxb-your-bot-token\nOPENAI_API_KEY=sk-proj-...\nSTRIPE_SECRET_KEY=\n" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("reads Rails' config/master.key by its name, whole, in the checkout and at low confidence in a fixture", async () => {
    const key = t("«hex:32»");
    const { findings } = await run({ "config/master.key": key, "spec/fixtures/app/config/master.key": `${t("«hex:32»")}\n`, "config/other.key": key, "notes.txt": key });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence.detector, f.confidence]), [
      ["config/master.key", "rails-master-key-file", "high"],
      ["spec/fixtures/app/config/master.key", "rails-master-key-file", "low"],
    ]);
  });
});
