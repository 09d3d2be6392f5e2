import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/obfuscation.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/obfuscation", () => {
  it("reports uses paths with ., .. or empty parts, and expressions that always give the same value", async () => {
    const { findings } = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/./init@v3\n      - uses: github/codeql-action//analyze@v3\n      - run: echo ${{ format('{0}', 'curl') }} ${{ !false }}\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15], [9, 19], [9, 48]]);
  });

  it("stays quiet for plain paths, literals, hashFiles and status functions", async () => {
    const { findings } = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/init@v3\n        if: ${{ always() }}\n      - run: echo ${{ 'x' }} ${{ 3 }} ${{ hashFiles('a') }} ${{ github.sha }}\n");
    assert.deepEqual(findings, []);
  });
});
