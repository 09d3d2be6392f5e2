import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unredacted-secrets.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const env = (v: string) => `name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./s.sh\n        env:\n          X: ${v}\n`;

describe("workflows/unredacted-secrets", () => {
  it("reports fields taken out of a JSON secret, at the expression", async () => {
    const { findings } = await one(env("${{ fromJSON(secrets.CONFIG).db.password }} ${{ fromJSON(secrets.CONFIG)['user'] }}"));
    assert.deepEqual(findings.map((f) => f.locations[0]?.startColumn), [18, 62]);
    assert.deepEqual(where(findings)[0], [9, 18]);
  });

  it("stays quiet for whole secrets and fromJSON of other values", async () => {
    const { findings } = await one(env("${{ secrets.CONFIG }} ${{ fromJSON(needs.a.outputs.m).x }}"));
    assert.deepEqual(findings, []);
  });
});
