// No output of any family carries a credential: secrets of several providers are planted in the
// files every family reads (SECURITY.md, CODEOWNERS, workflows, package.json, Dependabot and
// Security Insights files, one of them malformed so the parser's message quotes the line), and
// every format is searched for them, with and without the secrets family running.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { FORMATS, render } from "../../src/report/index.js";
import { RULES } from "../../src/rules/index.js";
import { FIXTURE_NOW } from "../helpers/run-rule.js";
import { tokens } from "../helpers/secret-tokens.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

const t = tokens(101);
const planted = {
  github: t("«gh:ghp_»"),
  slack: `xoxb-${t("«digits:12»")}-${t("«digits:13»")}-${t("«b62:24»")}`,
  aws: `AKIA${t("«b32:16»")}`,
  stripe: `sk_live_${t("«b62:60»")}`,
  npm: t("«gh:npm_»"),
  dbPassword: t("«b62:22»"),
  openai: `sk-proj-${t("«b64url:74»")}T3BlbkFJ${t("«b64url:74»")}`,
};

const files: Record<string, string> = {
  "SECURITY.md": `# Security\n\nReport to security@acme.example. Our Slack bot (${planted.slack}) pages the team.\n\nSupported versions: 1.x\n`,
  ".github/CODEOWNERS": `/src/ @acme/core\n/deploy/ ${planted.github}\n`,
  ".github/workflows/ci.yml": `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_KEY: ${planted.stripe}\n    steps:\n      - uses: github/codeql-action/init@v3\n      - run: npm test\n`,
  ".github/dependabot.yml": `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/${planted.aws}"\n    schedule: { interval: weekly }\n`,
  "package.json": JSON.stringify({ name: "app", version: "1.0.0", license: "MIT", repository: `https://ci:${planted.dbPassword}@git.acme-corp.io/app.git`, config: { token: planted.npm } }, null, 2),
  "security-insights.yml": `header:\n  schema-version: 2.0.0\n  url: [${planted.openai}\n`,
  "README.md": "# app\n",
};

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function leaks(text: string): string[] {
  return Object.entries(planted).filter(([, v]) => text.includes(v) || text.includes(v.slice(6))).map(([k]) => k);
}

describe("no output carries a secret", () => {
  for (const withSecrets of [true, false]) {
    it(`in any format, ${withSecrets ? "with" : "without"} the secrets family`, async () => {
      const repo = tmpRepo(files);
      dirs.push(repo);
      const rules = withSecrets ? RULES : RULES.filter((r) => !r.meta.id.startsWith("secrets/"));
      const a = await scan({ path: repo, policy: defaultPolicy(), rules, now: FIXTURE_NOW });
      // The planted values did reach other rules' output: the masking is what keeps them out.
      assert.ok(a.findings.some((f) => f.ruleId === "repo/codeowners-invalid-paths"), "CODEOWNERS' line was quoted by its rule");
      assert.ok(a.diagnostics.some((d) => d.code === "parse-error" && d.path === "security-insights.yml"), "the malformed file was reported by its parser");
      if (withSecrets) {
        const found = new Set(a.findings.filter((f) => f.ruleId.startsWith("secrets/")).map((f) => f.evidence.detector));
        for (const d of ["github-pat-classic", "slack-bot-token", "aws-access-key-id", "stripe-secret-key", "npm-token", "url-credentials", "openai-api-key"]) assert.ok(found.has(d), `${d} found`);
      }
      for (const format of FORMATS) {
        for (const verbose of [false, true]) {
          const out = render(a, format, { verbose });
          assert.deepEqual(leaks(out), [], `${format}${verbose ? " --verbose" : ""} leaks`);
        }
      }
    });
  }
});
