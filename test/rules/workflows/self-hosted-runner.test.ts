import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/self-hosted-runner.js";
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

  it("sees self-hosted through a matrix and runner groups' labels; GitHub-hosted runners are quiet", async () => {
    const matrix = await one("name: M\non: push\njobs:\n  m:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, self-hosted]\n    steps:\n      - run: make\n");
    assert.deepEqual(where(matrix.findings), [[8, 29]]);
    const hosted = await one("name: G\non: pull_request\njobs:\n  g:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n");
    assert.deepEqual(hosted.findings, []);
  });
});
