import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/self-hosted-runner.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/self-hosted-runner", () => {
  it("is high where outsiders can trigger the workflow, low otherwise, pointing at the label", async () => {
    const pr = await one("name: H\non: pull_request\njobs:\n  h:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n");
    assert.deepEqual(where(pr.findings), [[5, 15]]);
    assert.equal(pr.findings[0]?.severity, "high");
    const push = await one("name: H\non: push\njobs:\n  h:\n    runs-on: self-hosted\n    steps:\n      - run: make\n");
    assert.equal(push.findings[0]?.severity, "low");
  });

  it("leaves a runner only the project's own code reaches to the auditor persona, as zizmor does; one a fork's code reaches stays", async () => {
    const regular = ruleRunner(rule, "regular");
    const push = await regular({ ".github/workflows/ci.yml": "name: H\non: push\njobs:\n  h:\n    runs-on: self-hosted\n    steps:\n      - run: make\n" });
    assert.deepEqual(push.findings, []);
    assert.equal(push.outcome, "pass");
    const pr = await regular({ ".github/workflows/ci.yml": "name: H\non: pull_request\njobs:\n  h:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n" });
    assert.deepEqual(where(pr.findings), [[5, 15]]);
  });

  it("is low where outsiders start the run but the job runs only the base repository's code, high once it fetches the fork's", async () => {
    const stats = await one("name: S\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  s:\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: python3 upload_stats.py\n");
    assert.deepEqual(stats.findings.map((f) => f.severity), ["low"]);
    assert.match(stats.findings[0]?.message ?? "", /outsiders can trigger \(workflow_run\), though the job runs only the base repository's code$/);
    const head = await one("name: S\non: pull_request_target\njobs:\n  s:\n    runs-on: self-hosted\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n");
    assert.deepEqual(head.findings.map((f) => f.severity), ["high"]);
    const sameRepo = await one("name: S\non: pull_request\njobs:\n  s:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: self-hosted\n    steps:\n      - run: make\n");
    assert.deepEqual(sameRepo.findings.map((f) => f.severity), ["low"]);
  });

  it("sees self-hosted through a matrix and runner groups' labels; GitHub-hosted runners are quiet", async () => {
    const matrix = await one("name: M\non: push\njobs:\n  m:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, self-hosted]\n    steps:\n      - run: make\n");
    assert.deepEqual(where(matrix.findings), [[8, 29]]);
    const hosted = await one("name: G\non: pull_request\njobs:\n  g:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n");
    assert.deepEqual(hosted.findings, []);
  });

  it("sees self-hosted chosen by a runs-on expression that every run of the repository takes, a fork's pull request's too", async () => {
    const pr = (runsOn: string) => one(`name: E\non: pull_request\njobs:\n  e:\n    runs-on: ${runsOn}\n    steps:\n      - run: make test\n`);
    const owner = await pr("${{ github.repository_owner == 'acme' && 'self-hosted' || 'ubuntu-latest' }}");
    assert.deepEqual(owner.findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.confidence]), [[5, 14, "high", "medium"]]);
    assert.match(owner.findings[0]?.message ?? "", /can run on a self-hosted runner/);
    const list = await pr(`\${{ fromJSON(vars.BIG && '["self-hosted", "gpu"]' || '"ubuntu-latest"') }}`);
    assert.equal(list.findings.length, 1);
    // An expression that sends forks' pull requests (or pull requests at all) to GitHub's runners keeps them off the machine.
    const forks = await pr("${{ github.event.pull_request.head.repo.fork && 'ubuntu-latest' || 'self-hosted' }}");
    const pushes = await pr("${{ github.event_name == 'push' && 'self-hosted' || 'ubuntu-latest' }}");
    assert.deepEqual([forks.findings, pushes.findings], [[], []]);
  });

  it("is medium when a maintainer's label lets pull requests onto the machine (polars' remote benchmark)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "label-gated"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[12, "medium"]]);
    assert.match(findings[0]?.message ?? "", /once a maintainer lets the job run/);
  });
});
