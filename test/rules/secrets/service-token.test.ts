import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/service-token.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";
import { rng } from "../../secrets/cases.js";

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

  it("stays quiet on base64 of binary data (images and fonts in data URIs, notebook outputs, bundles), where EAAA and runs of A are zero bytes", async () => {
    const random = rng(9);
    const bytes = (n: number): number[] => Array.from({ length: n }, () => Math.floor(random() * 256));
    // Binary data as it comes: random bytes (compressed image data) around zero runs, laid so the
    // byte before a run ends its base64 group in `+` or `/` (low six bits 62 or 63).
    const blob = (run: number[]): string => Buffer.from([...bytes(29), (Math.floor(random() * 4) << 6) | (62 + Math.floor(random() * 2)), ...run, ...bytes(60 + Math.floor(random() * 30))]).toString("base64");
    const square = [0x10, 0, 0];
    const meta = [0x10, 0, 0x06];
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const zeros = new Array<number>(16 + (i % 4) * 3).fill(0);
      files[`static/img${i}.css`] = `.i${i} { background: url(data:image/png;base64,${blob(square)}); }\n@font-face { src: url(data:font/ttf;base64,${blob(zeros)}); }\n`;
      files[`notebooks/n${i}.ipynb`] = `{"outputs": [{"data": {"image/png": "${blob(square)}\\n"}}]}\n`;
      files[`dist/app${i}.min.js`] = `var a="${blob(meta)}${Buffer.from(bytes(60)).toString("base64")}",b="${blob(square)}";\n`;
    }
    files["config/square.env"] = `SQUARE_ACCESS_TOKEN=EAAA${t("«b64url:60»")}\n`;
    const { findings } = await run(files);
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.evidence.detector]), [["config/square.env", "square-access-token"]]);
  });

  it("reports a Twilio auth token passed with its Account SID, at medium confidence", async () => {
    const sid = `AC${t("«hex:32»")}`;
    const token = t("«hex:32»");
    const { findings } = await run({ "app/sms.rb": `@client = Twilio::REST::Client.new('${sid}', '${token}')\n`, "app/sms.cs": `TwilioClient.Init("${sid}", Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN"));\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.evidence.detector, f.confidence]), [["app/sms.rb", "twilio-auth-token-paired", "medium"]]);
    assert.ok(!findings[0]!.snippet!.includes(token));
  });
});
