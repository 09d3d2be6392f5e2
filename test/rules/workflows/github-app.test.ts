import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/github-app.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const step = (w: string) => `name: T\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/create-github-app-token@v2\n${w}`;

describe("workflows/github-app", () => {
  it("reports a token with every installation permission, for every repository of an owner, kept past the job", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const kind = (m: string) => (/permission-/.test(m) ? "permissions" : /repositories/.test(m) ? "owner" : /skip-token-revoke/.test(m) ? "skip-token-revoke" : m);
    assert.deepEqual(findings.map((f) => [kind(f.message), f.severity, f.locations[0]?.startLine]), [
      ["permissions", "high", 10],
      ["owner", "high", 15],
      ["skip-token-revoke", "medium", 16],
    ]);
    assert.match(findings[0]!.message, /no `permission-\*` input, so it carries every permission of the app's installation/);
    assert.match(findings[1]!.message, /owner `example-org` without `repositories`/);
  });

  it("does not apply where no workflow mints an app token, so it does not weigh in Token-Permissions beside what Scorecard scores", async () => {
    const { findings, outcome, assessment } = await one(`name: T\non: push\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    assert.deepEqual(findings, []);
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /no workflow or action mints a GitHub App token/);
  });

  it("stays quiet for a token scoped to named repositories and permissions", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("reads inputs case-insensitively, leaves an expression `with:` unjudged, and asks nothing of other actions", async () => {
    assert.deepEqual(where((await one(step("        with:\n          Permission-Issues: write\n"))).findings), []);
    assert.deepEqual((await one("name: T\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/create-github-app-token@v2\n        with: ${{ fromJSON(vars.APP_INPUTS) }}\n")).findings, []);
    assert.deepEqual((await one("name: T\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tibdex/github-app-token@v2\n")).findings, []);
    const bare = (await one(step(""))).findings;
    assert.equal(bare.length, 1, "no `with:` at all: every installation permission");
    const expr = (await one(step("        with:\n          permission-contents: read\n          skip-token-revoke: ${{ inputs.keep }}\n"))).findings;
    assert.deepEqual(expr.map((f) => f.severity), ["low"]);
  });
});
