import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unsound-condition.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

describe("workflows/unsound-condition", () => {
  it("reports a block scalar keeping a line break and expressions mixed with text, at the if:", async () => {
    const { findings } = await one("name: U\non: push\njobs:\n  d:\n    if: |\n      ${{ github.ref == 'refs/heads/main' }}\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${{ success() }} && ${{ github.ref == 'refs/heads/main' }}\n        run: echo\n");
    assert.deepEqual(where(findings), [[5, 9], [9, 13]]);
    assert.match(findings[0]?.message ?? "", /keeps a trailing line break .* always true/);
  });

  it("fixes the block scalar by stripping the line break; the file parses and is no longer reported", async () => {
    const files = { ".github/workflows/ci.yml": "name: U\non: push\njobs:\n  d:\n    if: >\n      ${{ github.ref == 'refs/heads/main' }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n" };
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /if: >-\n/);
  });

  it("stays quiet on one fenced expression, bare expressions and stripped block scalars, and on composite actions' sound ones", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  d:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${{ github.event_name == 'push' }}\n        run: echo\n      - if: |-\n          ${{ always() }}\n        run: echo\n");
    assert.deepEqual(findings, []);
  });
});
