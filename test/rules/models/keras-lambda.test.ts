import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/keras-lambda.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const tf = (rel: string): Buffer => readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${rel}`);

describe("models/keras-lambda", () => {
  it("finds Lambda layers in .keras archives, .h5 files and SavedModels' keras_metadata.pb", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"]]), [
      ["legacy.h5", "lambda"],
      ["model.keras", "lambda"],
      ["savedmodel/keras_metadata.pb", "lambda"],
    ]);
  });

  it("reports a Lambda layer of keras_metadata.pb once, though the model's config lists it too", async () => {
    const { findings } = await run({ "m/keras_metadata.pb": tf("dangerous/keras_metadata.pb"), "n/keras_metadata.pb": tf("benign/tf2/keras_metadata.pb") });
    assert.deepEqual(findings.map((f) => f.message), ["m/keras_metadata.pb has a Lambda layer (lambda): loading the model runs the Python code stored in it"]);
  });

  it("says it could not judge a keras_metadata.pb that is cut short", async () => {
    assert.equal((await run({ "m/keras_metadata.pb": tf("malformed/keras_metadata.pb") })).outcome, "incomplete");
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
