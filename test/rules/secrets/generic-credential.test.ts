import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/generic-credential.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(81);

describe("secrets/generic-credential", () => {
  it("reports a password in configuration at low confidence", async () => {
    const { findings } = await run({ "config/prod.yml": `db:\n  password: ${t("«b62:12»")}\n` });
    assert.deepEqual(findings.map((f) => [f.message, f.confidence, f.locations[0]?.startLine]), [["Password assigned in code or configuration", "low", 2]]);
  });

  it("reports a quoted secret in code, not a variable or a call", async () => {
    const code = `const apiKey = "${t("«b62:32»")}";\nconst password = process.env.DB_PASSWORD;\nconst token = await getToken();\nconst secret = config.secret;\n`;
    const { findings } = await run({ "src/client.ts": code });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [1]);
  });

  it("stays quiet on the common safe idioms", async () => {
    const yml = [
      "password: ${DB_PASSWORD}",
      'password: "{{ vault_db_password }}"',
      "password_hash: $2b$12$abcdefghijklmnopqrstuuVWXYZabcdefghijklmnopqrstuv12",
      "token_url: https://auth.example.org/oauth/token",
      "api_key: <your-api-key>",
      "password: changeme",
      "secret_name: prod/db",
    ].join("\n");
    const { findings, outcome } = await run({ "config/app.yml": `${yml}\n`, "src/x.ts": "function check(password: string) { return password.length > 8; }\n" });
    assert.deepEqual(findings.map((f) => f.snippet), []);
    assert.equal(outcome, "pass");
  });

  it("reports a password in a URL and in an Authorization header", async () => {
    const basic = Buffer.from(`admin:${t("«b62:16»")}`).toString("base64");
    const { findings } = await run({ "deploy.sh": `git push https://ci:${t("«b62:20»")}@git.acme-corp.io/app.git\ncurl -H "Authorization: Basic ${basic}" https://api.acme-corp.io\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["url-credentials", "basic-auth-header"]);
  });

  it("reports a directive's password in a configuration file and a literal passed to a login call, masked", async () => {
    const pw = t("«b62:14»");
    const { findings } = await run({
      "etc/zabbix/zabbix_server.conf": `DBName=zabbix\nDBPassword ${pw}\n`,
      "app/notify.py": `server.login("alerts@acme-corp.io", "${t("«b62:12»")}")\n`,
      "scripts/setup.sh": "passwd deploy-user\n",
    });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.locations[0]?.startLine]), [["password-call-argument", 1], ["password-assignment", 2]]);
    assert.ok(findings.every((f) => !f.snippet?.includes(pw)));
  });
});
