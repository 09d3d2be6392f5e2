import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/concurrency-limits.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/concurrency-limits", () => {
  it("reports pull request workflows without a concurrency group (at on:), and groups that never cancel", async () => {
    const none = await one("name: P\non: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
    assert.deepEqual(where(none.findings), [[2, 1]]);
    const bare = await one("name: P\non: pull_request\nconcurrency: ci-${{ github.ref }}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
    assert.deepEqual(where(bare.findings), [[3, 1]]);
  });

  it("stays quiet with cancel-in-progress (true or an explicit false), per-job groups, and workflows not run by pull requests", async () => {
    const cancel = await one("name: P\non: pull_request\nconcurrency:\n  group: g\n  cancel-in-progress: false\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
    const jobs = await one("name: P\non: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: g\n      cancel-in-progress: true\n    steps:\n      - run: make\n");
    const push = await one("name: P\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
    assert.deepEqual([cancel.findings, jobs.findings, push.findings], [[], [], []]);
  });
});
