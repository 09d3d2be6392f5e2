import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imitatedAction } from "../../../src/rules/workflows/lib/typosquat.js";
import { rule } from "../../../src/rules/workflows/typosquat-uses.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/typosquat-uses", () => {
  it("reports look-alikes of popular actions from other owners, at uses:", async () => {
    const { findings } = await one("name: T\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actoins/checkout@v4\n      - uses: action/setup-node@v4\n      - uses: docker/login-actoin@v3\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15]]);
    assert.deepEqual(findings.map((f) => f.evidence["imitates"]), ["actions/checkout", "actions/setup-node"]);
  });

  it("knows omissions, additions, swaps, neighbouring keys and reordered words, and leaves real actions and the owner's own repositories alone", () => {
    assert.equal(imitatedAction("actons/checkout"), "actions/checkout");
    assert.equal(imitatedAction("actionss/checkout"), "actions/checkout");
    assert.equal(imitatedAction("actiins/checkout"), "actions/checkout");
    assert.equal(imitatedAction("checkout/actions"), "actions/checkout");
    assert.equal(imitatedAction("actions/checkout"), undefined);
    assert.equal(imitatedAction("actions/checkuot"), undefined);
    assert.equal(imitatedAction("azure/setup-helm"), undefined);
    assert.equal(imitatedAction("my-org/checkout"), undefined);
  });
});
