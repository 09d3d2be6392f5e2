import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/secrets-inherit.js";
import { workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/secrets-inherit", () => {
  it("reports `secrets: inherit` on a reusable workflow call at the called workflow, as zizmor does, then at the `secrets:` key", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  call:\n    name: Call\n    uses: ./.github/workflows/x.yml\n    with:\n      a: 1\n    secrets: inherit\n");
    assert.deepEqual(findings[0]?.locations.map((l) => [l.startLine, l.startColumn]), [[6, 11], [9, 5]]);
    // A zizmor ignore on the `uses:` line, where zizmor reports it, holds.
    const ignored = await one("name: C\non: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml # zizmor: ignore[secrets-inherit]\n    secrets: inherit\n");
    assert.deepEqual(ignored.findings.map((f) => f.status), ["suppressed"]);
    assert.match(findings[0]?.message ?? "", /calls \.\/\.github\/workflows\/x\.yml with `secrets: inherit`, handing it every secret/);
  });

  it("stays quiet for secrets passed by name", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n    secrets:\n      TOKEN: ${{ secrets.TOKEN }}\n");
    assert.deepEqual(findings, []);
  });
});
