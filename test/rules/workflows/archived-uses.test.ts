import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/archived-uses.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/archived-uses", () => {
  it("reports actions from archived repositories, including sub-actions, with the successor", async () => {
    const { findings } = await one("name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions-rs/toolchain@v1\n      - uses: Actions/Create-Release@v1\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15]]);
    assert.match(findings[0]?.message ?? "", /actions-rs\/toolchain, an archived repository .* use dtolnay\/rust-toolchain/);
  });

  it("stays quiet for maintained actions", async () => {
    const { findings } = await one("name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n");
    assert.deepEqual(findings, []);
  });
});
