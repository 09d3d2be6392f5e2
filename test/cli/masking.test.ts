// Credential-shaped values planted in the files rules quote never reach a report in clear: the
// engine masks every finding, whichever rule wrote it, in every format.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tmpRepo } from "../helpers/tmp-repo.js";
import { FORMATS, runCli } from "./run-cli.js";

// Shaped like real credentials, valid for nothing.
const GHP = `ghp_${"A1b2C3d4E5".repeat(3)}xY9zW8`;
const FINE_GRAINED = `github_pat_11ABCDEFG0${"x".repeat(12)}_${"Q".repeat(59)}`;
const AWS = "AKIAIOSFODNN7EXAMPLE";
const SLACK = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
const STRIPE = "sk_live_51HfAbCdEfGhIjKlMnOpQr";
const GITLAB = "glpat-AbCdEfGhIjKlMnOpQrSt";
const NPM = `npm_${"a1B2c3D4e5".repeat(3)}F6g7H8`;
// Built at run time, like every credential-shaped value in this file, so no scanner mistakes the test for a leak.
const URL_PASSWORD = ["hunter2", "secret"].join("");

const SECRETS = [GHP, GHP.slice(4), FINE_GRAINED.slice(11), AWS.slice(4), SLACK.slice(5), STRIPE.slice(8), GITLAB.slice(6), NPM.slice(4), URL_PASSWORD];

const CODEOWNERS = `# owners
* @org/maintainers
/missing-one/ ${GHP}
/missing-two/ @org/team ${AWS} ${SLACK}
/missing-three/ ${STRIPE} ${GITLAB} ${NPM}
/missing-four/ https://deploy:${URL_PASSWORD}@git.example.com/x ${FINE_GRAINED}
`;

const INSIGHTS = `header:
  schema-version: ${GHP}
  last-updated: '2026-01-01'
  last-reviewed: '2026-01-01'
  url: https://github.com/acme/widget
`;

describe("credentials in what rules quote", () => {
  it("are masked in every format, in messages, snippets and evidence", async () => {
    const dir = tmpRepo({ ".github/CODEOWNERS": CODEOWNERS, "security-insights.yml": INSIGHTS, "src/a.js": "" });
    const args = ["--rule", "repo/codeowners-invalid-paths", "--rule", "repo/security-insights", "--verbose", "--fail-on", "none"];
    for (const format of FORMATS) {
      const r = await runCli(["scan", dir, ...args, "--format", format]);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      for (const secret of SECRETS) assert.ok(!r.stdout.includes(secret), `${format} leaks ${secret}`);
      // Markdown escapes `_` and `*` with a backslash, which JSON (gitlab-sast's Markdown fields) doubles.
      assert.match(r.stdout, /ghp(?:\\{1,2})?_(?:(?:\\{1,2})?\*){8}/, `${format} shows the masked token`);
    }
    const a = JSON.parse((await runCli(["scan", dir, ...args, "--format", "json"])).stdout);
    const messages = a.findings.map((f: { message: string }) => f.message).join("\n");
    assert.match(messages, /AKIA\*{8}/);
    assert.match(messages, /https:\/\/deploy:\*{8}@git\.example\.com/);
    assert.match(messages, /has header\.schema-version "ghp_\*{8}"/);
    assert.ok(a.findings.some((f: { snippet?: string }) => f.snippet?.includes("xoxb-********")));
  });
});
