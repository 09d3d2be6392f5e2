import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/secrets-outside-env.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/secrets-outside-env", () => {
  it("reports each secret once per job without an environment, at its first use", async () => {
    const { findings } = await one("name: D\non: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./a.sh\n        env:\n          A: ${{ secrets.DEPLOY_KEY }}\n          B: ${{ secrets.deploy_key }}\n          C: ${{ secrets.GITHUB_TOKEN }}\n");
    assert.deepEqual(where(findings), [[9, 18]]);
    assert.match(findings[0]?.message ?? "", /uses secret `DEPLOY_KEY` without/, "the name as the workflow writes it");
  });

  it("stays quiet with an environment, in reusable workflows, and on jobs that call one", async () => {
    const env = await one("name: D\non: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: prod\n    steps:\n      - run: ./a.sh\n        env:\n          A: ${{ secrets.KEY }}\n");
    const reusable = await one("name: R\non: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./a.sh\n        env:\n          A: ${{ secrets.KEY }}\n");
    const caller = await one("name: C\non: push\njobs:\n  c:\n    uses: ./.github/workflows/r.yml\n    secrets:\n      KEY: ${{ secrets.KEY }}\n");
    assert.deepEqual([env.findings, reusable.findings, caller.findings], [[], [], []]);
  });
});
