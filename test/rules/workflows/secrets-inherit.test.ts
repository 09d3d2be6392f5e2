import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/secrets-inherit.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/secrets-inherit", () => {
  it("reports `secrets: inherit` on a reusable workflow call, at the key", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n");
    assert.deepEqual(where(findings), [[6, 5]]);
    assert.match(findings[0]?.message ?? "", /calls \.\/\.github\/workflows\/x\.yml with `secrets: inherit`, handing it every secret/);
  });

  it("stays quiet for secrets passed by name", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n    secrets:\n      TOKEN: ${{ secrets.TOKEN }}\n");
    assert.deepEqual(findings, []);
  });
});
