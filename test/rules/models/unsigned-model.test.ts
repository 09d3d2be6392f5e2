import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/unsigned-model.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("models/unsigned-model", () => {
  it("reports a model directory without a signature, with the command to sign it", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.fix, "model_signing sign sigstore models/classifier --signature models/classifier/model.sig");
  });

  it("counts a signature in a parent folder, and groups unsigned files by folder", async () => {
    const { findings } = await run({ "m/model.sig": "{}", "m/a/w.safetensors": "x", "n/a.onnx": "x", "n/b.gguf": "x", "README.md": "x" });
    assert.deepEqual(findings.map((f) => f.message), ["2 model files in n/ have no signature (no model.sig or detached signature in n/ or above)"]);
  });

  it("asks no signature of models in test and fixture folders, which the tests load and nobody downloads", async () => {
    const { findings } = await run({ "numpy/tests/data/ref.npz": "x", "src/testdata/tiny.onnx": "x", "fixtures/m.safetensors": "x", "models/prod.safetensors": "x" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["models/prod.safetensors"]);
    const only = await run({ "numpy/tests/data/ref.npz": "x", "test/fixtures/model.pkl": "x" });
    const result = only.assessment.rules.find((r) => r.id === rule.meta.id);
    assert.deepEqual([only.findings.length, result?.outcome, result?.reason], [0, "not-applicable", "no model files outside test folders (2 in test or fixture folders, which are not published for users to verify)"]);
  });

  it("does not count page templates or Python path files named .pt and .pth as models", async () => {
    const { findings } = await run({ "skins/view.pt": '<div tal:content="here/title"/>\n', "lib/easy-install.pth": "./src\n", "ckpt/model.pt": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]) });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["ckpt/model.pt"]);
  });

  it("counts .pb files only when they are TensorFlow graphs, not protobuf test data", async () => {
    const tf = (rel: string): Buffer => readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${rel}`);
    const { findings } = await run({ "export/saved_model.pb": "x", "frozen/graph.pb": tf("benign/frozen_graph.pb"), "testdata/person.pb": tf("benign/person.pb"), "testdata/fingerprint.pb": tf("benign/tf2/fingerprint.pb") });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["export/saved_model.pb", "frozen/graph.pb"]);
  });
});
