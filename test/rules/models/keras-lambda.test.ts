import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/keras-lambda.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("models/keras-lambda", () => {
  it("finds Lambda layers in .keras archives and .h5 files", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"]]), [
      ["legacy.h5", "lambda"],
      ["model.keras", "lambda"],
    ]);
  });

  it("says it could not judge a .keras file that is not an archive", async () => {
    const { outcome } = await run({ "m.keras": "not a zip" });
    assert.equal(outcome, "incomplete");
  });

  it("does not take a layer named Lambda in another field for a Lambda layer", async () => {
    const { findings } = await run({ "m.h5": '\x89HDF\r\n\x1a\n{"class_name": "Dense", "config": {"name": "Lambda"}}' });
    assert.deepEqual(findings, []);
  });
});
