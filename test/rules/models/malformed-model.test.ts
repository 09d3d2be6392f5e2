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

  it("reports safetensors whose tensors do not tile the data as their dtypes and shapes say, as the reference loader refuses them", async () => {
    const st = (header: Record<string, unknown>, data: number): Buffer => {
      let h = JSON.stringify(header);
      h += " ".repeat((8 - (h.length % 8)) % 8);
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(h.length));
      return Buffer.concat([len, Buffer.from(h), Buffer.alloc(data)]);
    };
    const f32 = (shape: number[], begin: number, end: number): Record<string, unknown> => ({ dtype: "F32", shape, data_offsets: [begin, end] });
    const { findings } = await run({
      "size.safetensors": st({ w: f32([8], 0, 16) }, 16),
      "gap.safetensors": st({ a: f32([2], 0, 8), b: f32([1], 12, 16) }, 16),
      "overlap.safetensors": st({ a: f32([4], 0, 16), b: f32([2], 8, 16) }, 16),
      "leftover.safetensors": st({ a: f32([2], 0, 8) }, 16),
      "array.safetensors": Buffer.concat([Buffer.from([8, 0, 0, 0, 0, 0, 0, 0]), Buffer.from("[]      ")]),
      // Keys out of offset order, a scalar, an empty tensor and sub-byte dtypes are all well formed.
      "fine.safetensors": st({ __metadata__: { format: "pt" }, b: { dtype: "BF16", shape: [2, 2], data_offsets: [8, 16] }, a: f32([2], 0, 8), s: { dtype: "I64", shape: [], data_offsets: [16, 24] }, e: f32([0], 24, 24), q: { dtype: "F4", shape: [4], data_offsets: [24, 26] } }, 26),
    });
    const byFile = Object.fromEntries(findings.map((f) => [f.locations[0]?.path, f.message]));
    assert.deepEqual(Object.keys(byFile).sort(), ["array.safetensors", "gap.safetensors", "leftover.safetensors", "overlap.safetensors", "size.safetensors"]);
    assert.match(byFile["size.safetensors"] ?? "", /spans 16 bytes, but its dtype and shape make 32/);
    assert.match(byFile["gap.safetensors"] ?? "", /starts at byte 12 of the data, where 8 was expected/);
    assert.match(byFile["leftover.safetensors"] ?? "", /cover 8 bytes of data, but the file holds 16/);
  });

  it("reads an .npy header padded past the first 64 KiB whole instead of calling it truncated", async () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }";
    const len = Buffer.alloc(4);
    len.writeUInt32LE(100_000);
    const header = Buffer.concat([Buffer.from("\x93NUMPY\x02\x00", "latin1"), len, Buffer.from(`${dict}${" ".repeat(100_000 - dict.length - 1)}\n`), Buffer.alloc(8)]);
    const { findings } = await run({ "padded.npy": header, "cut.npy": header.subarray(0, 80_000) });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["cut.npy"]);
  });

  it("reports an .npy or GGUF file cut short after a well-formed header: fewer data bytes than the header says", async () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }";
    const npy = Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", "latin1"), Buffer.from([118, 0]), Buffer.from(`${dict.padEnd(117)}\n`), Buffer.alloc(8000)]);
    const le = (n: number, bytes: number): Buffer => {
      const b = Buffer.alloc(bytes);
      b.writeUIntLE(n, 0, Math.min(bytes, 6));
      return b;
    };
    // One F32 tensor of 1024 elements (4 KiB) after the infos, padded to 32 bytes.
    const info = Buffer.concat([le(1, 8), Buffer.from("w"), le(1, 4), le(1024, 8), le(0, 4), le(0, 8)]);
    const head = Buffer.concat([Buffer.from("GGUF"), le(3, 4), le(1, 8), le(0, 8), info]);
    const gguf = Buffer.concat([head, Buffer.alloc((32 - (head.length % 32)) % 32), Buffer.alloc(4096)]);
    const { findings } = await run({ "ok.npy": npy, "cut.npy": npy.subarray(0, 1000), "ok.gguf": gguf, "cut.gguf": gguf.subarray(0, 2048) });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["cut.gguf", "cut.npy"]);
    assert.match(findings.find((f) => f.locations[0]?.path === "cut.npy")?.message ?? "", /holds 872 bytes of array data, but its header's shape and dtype \('<f8'\) make 8000: truncated/);
    assert.match(findings.find((f) => f.locations[0]?.path === "cut.gguf")?.message ?? "", /tensor w ends at byte \d+, past the end of the file \(2048 bytes\)/);
  });

  it("reports an ONNX model cut short or that is no ModelProto, and stays quiet on a well-formed one", async () => {
    const model = readFileSync(`${fixtureDir("models/onnx-custom-ops", "good")}/model.onnx`);
    const { findings } = await run({ "ok.onnx": model, "cut.onnx": model.subarray(0, model.length - 20), "text.onnx": "not a model\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["cut.onnx", "text.onnx"]);
    for (const f of findings) assert.match(f.message, /is not a well-formed ONNX model: /);
  });

  it("stays quiet on well-formed files", async () => {
    const b = fixtureDir("models/samples", "benign");
    const { findings } = await run({ "w.safetensors": readFileSync(`${b}/weights.safetensors`), "m.gguf": readFileSync(`${b}/model.gguf`), "a.npy": readFileSync(`${b}/floats.npy`) });
    assert.deepEqual(findings, []);
  });
});
