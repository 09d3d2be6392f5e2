import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/overprovisioned-secrets.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const env = (v: string) => `name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./s.sh\n        env:\n          X: ${v}\n`;

describe("workflows/overprovisioned-secrets", () => {
  it("reports toJSON(secrets) and computed secret names, at the expression", async () => {
    const a = await one(env("${{ toJSON(secrets) }}"));
    assert.deepEqual(where(a.findings), [[9, 18]]);
    const b = await one(env("${{ secrets[format('{0}_TOKEN', matrix.env)] }}"));
    assert.equal(b.findings.length, 1);
  });

  it("stays quiet for secrets named one by one, including with a literal index", async () => {
    const { findings } = await one(env("${{ secrets.API_TOKEN }} ${{ secrets['OTHER_TOKEN'] }}"));
    assert.deepEqual(findings, []);
  });
});
