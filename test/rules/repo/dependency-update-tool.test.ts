import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/dependency-update-tool.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const PACKAGE = JSON.stringify({ name: "x", dependencies: { chalk: "^5.0.0" } });

describe("repo/dependency-update-tool", () => {
  it("reports a repository-level finding naming the ecosystems found", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.message, "no Dependabot, Renovate or other dependency update tool is configured, yet the project has github-actions and npm dependencies");
    assert.deepEqual(f?.locations, []);
    assert.deepEqual(f?.evidence["ecosystems"], ["github-actions", "npm"]);
    assert.deepEqual(f?.evidence["manifests"], [".github/workflows/ci.yml", "package.json"]);
  });

  for (const [name, files] of [
    ["renovate.json", { "renovate.json": '{ "extends": ["config:recommended"] }' }],
    [".github/renovate.json5", { ".github/renovate.json5": "{ // comments are fine\n extends: ['config:recommended'], }" }],
    [".renovaterc", { ".renovaterc": "{}" }],
    ["a renovate key in package.json", { "package.json": JSON.stringify({ name: "x", dependencies: { a: "1" }, renovate: { extends: ["config:recommended"] } }) }],
    [".pyup.yml", { ".pyup.yml": "update: all\n" }],
    [".scala-steward.conf", { ".scala-steward.conf": "updates.limit = 5\n" }],
    ["a self-hosted Renovate workflow", { ".github/workflows/renovate.yml": "on: schedule\njobs:\n  r:\n    steps:\n      - uses: renovatebot/github-action@v40\n" }],
    ["a malformed dependabot.yml (present, so configured; the coverage rule skips it)", { ".github/dependabot.yml": "version: 2\nupdates: [\n" }],
  ] as const) {
    it(`passes with ${name}`, async () => {
      const dir = tmpDir({ "package.json": PACKAGE, ...files });
      const { findings, outcome } = await runRule(rule, dir);
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("is not applicable when the project has no dependency manifests", async () => {
    const dir = tmpDir({ "README.md": "# notes\n", "docs/index.md": "hello\n", "dist/esm/package.json": '{ "type": "module" }\n' });
    const { outcome, assessment } = await runRule(rule, dir);
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /no dependency manifests/);
  });

  it("does not count manifests that are someone else's (vendor/, node_modules/, examples/, test fixtures)", async () => {
    const dir = tmpDir({
      "vendor/github.com/x/y/go.mod": "module github.com/x/y\n",
      "node_modules/chalk/package.json": PACKAGE,
      "examples/app/requirements.txt": "flask\n",
      "test/fixtures/app/Gemfile": "gem 'rails'\n",
      "src/main.c": "int main(void) { return 0; }\n",
    });
    assert.equal((await runRule(rule, dir)).outcome, "not-applicable");
  });

  it("counts workflows only when they use actions", async () => {
    const dir = tmpDir({ ".github/workflows/lint.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n" });
    assert.equal((await runRule(rule, dir)).outcome, "not-applicable");
  });
});
