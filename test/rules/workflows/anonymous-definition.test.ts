import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/anonymous-definition.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { run } = workflowRunner(rule);

describe("workflows/anonymous-definition", () => {
  it("reports workflows and actions without a name, at the top of the file", async () => {
    const { findings } = await run({ ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n", "action.yml": "description: d\nruns:\n  using: node20\n  main: a.js\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), [".github/workflows/ci.yml", "action.yml"]);
    assert.deepEqual(where(findings), [[1, 1], [1, 1]]);
  });

  it("stays quiet for named ones (jobs may be unnamed)", async () => {
    const { findings } = await run({ ".github/workflows/ci.yml": "name: CI\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" });
    assert.deepEqual(findings, []);
  });
});
