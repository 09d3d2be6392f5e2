import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/undocumented-permissions.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/undocumented-permissions", () => {
  it("reports each write scope without a comment on its line or the line above, as information", async () => {
    const { findings } = await one("name: P\non: push\npermissions:\n  contents: read\n  issues: write\n  # approves and merges\n  pull-requests: write\njobs:\n  j:\n    runs-on: ubuntu-latest\n    permissions:\n      packages: write # pushes the image\n      statuses: write\n    steps:\n      - run: make\n");
    assert.deepEqual(where(findings), [[5, 3], [13, 7]]);
    assert.deepEqual(findings.map((f) => f.severity), ["info", "info"]);
  });

  it("ignores read scopes and blocks without write", async () => {
    const { findings, outcome } = await one("name: P\non: push\npermissions:\n  contents: read\n  actions: read\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
    assert.deepEqual([findings, outcome], [[], "pass"]);
  });
});
