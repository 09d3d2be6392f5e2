import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/malformed-model.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const dir = fixtureDir("models/samples", "malformed");
const malformed = Object.fromEntries(readdirSync(dir).filter((f) => /\.(?:safetensors|gguf)$/.test(f)).map((f) => [f, readFileSync(`${dir}/${f}`)]));

describe("models/malformed-model", () => {
  it("does not call a Git LFS pointer a malformed model; the rule is incomplete for it", async () => {
    const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
    const { findings, outcome } = await run({ "model.safetensors": pointer, "model.gguf": pointer, "a.npy": pointer, "export/saved_model.pb": pointer });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });

  it("reports a safetensors header longer than the loaders accept, and a truncated SavedModel", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => f.message), [
      "export/saved_model.pb is not a well-formed SavedModel: a field of 6133 bytes at byte 2 runs past the end of its message (byte 6098)",
      "weights.safetensors declares a safetensors header of 1099511627776 bytes, over the 100 MB loaders accept",
    ]);
  });

  it("reports malformed TensorFlow protobufs, and leaves other .pb files alone", async () => {
    const tf = (rel: string): Buffer => readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${rel}`);
    const files: Record<string, Buffer> = {
      "a/saved_model.pb": tf("malformed/long-varint/saved_model.pb"),
      "b/saved_model.pb": tf("malformed/wrong-wire/saved_model.pb"),
      "c/keras_metadata.pb": tf("malformed/keras_metadata.pb"),
      "d/frozen.pb": tf("dangerous/read-file-graph.pb").subarray(0, 300),
      "e/person.pb": tf("benign/person.pb"),
      "f/saved_model.pb": tf("benign/tf2/saved_model.pb"),
      "g/keras_metadata.pb": tf("benign/tf2/keras_metadata.pb"),
      "h/garbage.pb": Buffer.from([0xff, 0xff, 0xff]),
    };
    const { findings } = await run(files);
    assert.deepEqual(findings.map((f) => f.message), [
      "a/saved_model.pb is not a well-formed SavedModel: a varint at byte 3 is longer than 10 bytes",
      "b/saved_model.pb is not a well-formed SavedModel: MetaGraphDef.graph_def at byte 4 has wire type 0, not 2: the file is not the message it claims to be",
      "c/keras_metadata.pb is not a well-formed keras_metadata.pb: a field of 355 bytes at byte 494 runs past the end of its message (byte 845)",
      "d/frozen.pb is not a well-formed GraphDef: a field of 59 bytes at byte 275 runs past the end of its message (byte 300)",
    ]);
  });

  it("reports offsets past the data and impossible GGUF counts", async () => {
    const { findings } = await run(malformed);
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["bad-header.safetensors", "bad-offsets.safetensors", "bad.gguf"]);
    assert.match(findings.find((f) => f.locations[0]?.path === "bad-offsets.safetensors")!.message, /ends at byte 4096 of the data, past its end \(16 bytes\)/);
  });

  it("stays quiet on well-formed files", async () => {
    const b = fixtureDir("models/samples", "benign");
    const { findings } = await run({ "w.safetensors": readFileSync(`${b}/weights.safetensors`), "m.gguf": readFileSync(`${b}/model.gguf`), "a.npy": readFileSync(`${b}/floats.npy`) });
    assert.deepEqual(findings, []);
  });
});
