import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/dependency-update-tool.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir, tmpFolder, tmpRepo } from "../../helpers/tmp-repo.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

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
    ["a workflow acting on Dependabot's pull requests", { ".github/workflows/automerge.yml": "on: pull_request\njobs:\n  m:\n    steps:\n      - uses: dependabot/fetch-metadata@v2\n" }],
    ["a config named in another case (Scorecard compares lower-cased paths)", { ".github/Dependabot.YML": "version: 2\nupdates: []\n" }],
    ["a malformed dependabot.yml (present, so configured; the coverage rule skips it)", { ".github/dependabot.yml": "version: 2\nupdates: [\n" }],
  ] as const) {
    it(`passes with ${name}`, async () => {
      const dir = tmpDir({ "package.json": PACKAGE, ...files });
      const { findings, outcome } = await runRule(rule, dir);
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("fails at info a project with no dependency manifests, as Scorecard scores 0 every repository without an update tool", async () => {
    const dir = tmpDir({ "README.md": "# notes\n", "docs/index.md": "hello\n", "dist/esm/package.json": '{ "type": "module" }\n' });
    const { outcome, findings, assessment } = await runRule(rule, dir);
    assert.equal(outcome, "fail");
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["ecosystems"]]), [["info", []]]);
    assert.match(findings[0]?.message ?? "", /no dependency manifests, Dockerfiles or workflows using actions were found for one to update; Scorecard scores Dependency-Update-Tool 0 all the same/);
    assert.equal(assessment.checks.find((c) => c.id === "Dependency-Update-Tool")?.score, 0);
  });

  it("does not count manifests that are someone else's (vendor/, node_modules/, examples/, test fixtures)", async () => {
    const dir = tmpDir({
      "vendor/github.com/x/y/go.mod": "module github.com/x/y\n",
      "node_modules/chalk/package.json": PACKAGE,
      "examples/app/requirements.txt": "flask\n",
      "test/fixtures/app/Gemfile": "gem 'rails'\n",
      "src/main.c": "int main(void) { return 0; }\n",
    });
    assert.deepEqual((await runRule(rule, dir)).findings.map((f) => [f.severity, f.evidence["ecosystems"]]), [["info", []]]);
  });

  it("passes when Dependabot's own commits were merged (updates enabled in the settings, no configuration file), as Scorecard counts them", async () => {
    const dir = tmpRepo({ "package.json": PACKAGE });
    const bot = ["-c", "user.name=dependabot[bot]", "-c", "user.email=49699333+dependabot[bot]@users.noreply.github.com"];
    git(dir, "checkout", "-qb", "dependabot/npm_and_yarn/chalk-5.3.0");
    writeFileSync(join(dir, "package.json"), PACKAGE.replace("^5.0.0", "^5.3.0"));
    git(dir, ...bot, "commit", "-qam", "Bump chalk from 5.0.0 to 5.3.0");
    git(dir, "checkout", "-q", "main");
    git(dir, "merge", "-q", "--no-ff", "-m", "Merge pull request #12 from widgets/dependabot/npm_and_yarn/chalk-5.3.0", "dependabot/npm_and_yarn/chalk-5.3.0");
    git(dir, "branch", "-qD", "dependabot/npm_and_yarn/chalk-5.3.0");
    const { findings, outcome, assessment } = await runRule(rule, dir);
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.equal(outcome, "pass");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0]?.message ?? "", /^Dependabot proposes dependency updates: its commit [0-9a-f]{12} is in the history/);
  });

  it("does not count a squash-merged Dependabot change (GitHub commits it) or another account using Dependabot's name", async () => {
    const dir = tmpRepo({ "package.json": PACKAGE });
    writeFileSync(join(dir, "package.json"), PACKAGE.replace("^5.0.0", "^5.3.0"));
    // Squash merge: Dependabot authored it, GitHub committed it.
    git(dir, "-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", "commit", "-qam", "Bump chalk (#12)", "--author", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>");
    writeFileSync(join(dir, "package.json"), PACKAGE.replace("^5.0.0", "^5.4.0"));
    git(dir, "-c", "user.name=dependabot[bot]", "-c", "user.email=dependabot@example.org", "commit", "-qam", "Bump chalk");
    const { findings, outcome } = await runRule(rule, dir);
    assert.equal(outcome, "fail");
    assert.equal(findings[0]?.message, "no Dependabot, Renovate or other dependency update tool is configured, yet the project has npm dependencies");
  });

  it("says a shallow clone cannot show Dependabot's commits", async () => {
    const origin = tmpRepo({ "package.json": PACKAGE });
    git(origin, "commit", "-q", "--allow-empty", "-m", "second");
    const dir = tmpFolder();
    git(dir, "clone", "-q", "--depth", "1", `file://${origin}`, "clone");
    const { findings } = await runRule(rule, join(dir, "clone"));
    assert.match(findings[0]?.message ?? "", /npm dependencies \(a shallow clone: commits Dependabot made without a configuration file, which Scorecard also counts, cannot be seen\)$/);
    assert.equal(findings[0]?.confidence, "medium");
  });

  it("counts workflows only when they use actions", async () => {
    const dir = tmpDir({ ".github/workflows/lint.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n" });
    assert.deepEqual((await runRule(rule, dir)).findings.map((f) => [f.severity, f.evidence["ecosystems"]]), [["info", []]]);
  });
});
