import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readKerasMetadata } from "../../../src/ecosystems/models/keras-metadata.js";
import { ProtobufError } from "../../../src/ecosystems/models/protobuf.js";
import { readGraphDef, readSavedModel, sniffTensorflow } from "../../../src/ecosystems/models/tensorflow.js";
import { bytesSource } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const sample = (kind: string, file: string): ReturnType<typeof bytesSource> => bytesSource(readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${kind}/${file}`));

describe("TensorFlow graph files", () => {
  it("reads a TF 2 SavedModel: tags, saver, the library's functions with their arguments and nodes", async () => {
    const m = await readSavedModel(sample("benign", "tf2/saved_model.pb"));
    const [mg] = m.metaGraphs;
    assert.deepEqual(mg?.tags, ["serve"]);
    assert.equal(mg?.objectGraph, true);
    assert.deepEqual(mg?.entryPoints, ["StatefulPartitionedCall:0"]);
    assert.deepEqual(mg?.saver, { filenameTensor: "saver_filename:0", saveTensor: "StatefulPartitionedCall_1:0", restoreOp: "StatefulPartitionedCall_2" });
    const save = mg?.functions.find((f) => f.name === "__inference__traced_save_355");
    assert.equal(save?.args[0], "file_prefix");
    const saveV2 = save?.nodes.find((n) => n.op === "SaveV2");
    assert.equal(saveV2?.inputs[0], "ShardedFilename:filename:0");
    assert.deepEqual(save?.nodes.find((n) => n.name === "Const_1")?.attrs["value"]?.strings, ["_temp/part"]);
    assert.deepEqual(mg?.graph.nodes.find((n) => n.name === "StatefulPartitionedCall_1")?.attrs["f"]?.funcs, ["__inference__traced_save_355"]);
  });

  it("reads a TF 1 SavedModel's graph and a frozen GraphDef", async () => {
    const tf1 = await readSavedModel(sample("benign", "tf1/saved_model.pb"));
    assert.ok(tf1.metaGraphs[0]?.graph.nodes.some((n) => n.name === "save/MergeV2Checkpoints"));
    const frozen = await readGraphDef(sample("benign", "frozen_graph.pb"));
    assert.deepEqual(frozen.metaGraphs[0]?.graph.nodes.map((n) => n.op), ["Placeholder", "Const", "MatMul", "Const", "BiasAdd", "Softmax"]);
  });

  it("tells SavedModels and GraphDefs from other protobuf data by their first fields", async () => {
    assert.equal(await sniffTensorflow(sample("benign", "tf2/saved_model.pb")), "saved-model");
    assert.equal(await sniffTensorflow(sample("benign", "frozen_graph.pb")), "graph-def");
    assert.equal(await sniffTensorflow(sample("benign", "person.pb")), undefined);
    assert.equal(await sniffTensorflow(sample("benign", "tf2/fingerprint.pb")), undefined);
    assert.equal(await sniffTensorflow(sample("benign", "tf2/keras_metadata.pb")), undefined);
    assert.equal(await sniffTensorflow(bytesSource(new Uint8Array(0))), undefined);
    assert.equal(await sniffTensorflow(bytesSource(new TextEncoder().encode("syntax = \"proto3\";\n"))), undefined);
  });

  it("skips a field no reader needs however deeply it nests", async () => {
    const m = await readSavedModel(sample("benign", "deep-unknown-field/saved_model.pb"));
    assert.equal(m.nodes, 43);
  });

  it("refuses malformed files with the byte where they break", async () => {
    const cases: [string, RegExp][] = [
      ["truncated/saved_model.pb", /field of \d+ bytes at byte 2 runs past the end of its message \(byte \d+\)/],
      ["length-past-end/saved_model.pb", /field of 1073741824 bytes at byte 2/],
      ["wrong-wire/saved_model.pb", /MetaGraphDef.graph_def at byte 4 has wire type 0/],
      ["long-varint/saved_model.pb", /varint at byte 3 is longer than 10 bytes/],
    ];
    for (const [file, message] of cases) await assert.rejects(readSavedModel(sample("malformed", file)), (e: unknown) => e instanceof ProtobufError && e.kind === "malformed" && message.test(e.message), file);
    await assert.rejects(readSavedModel(bytesSource(new Uint8Array([0x08, 0x01]))), /holds no meta graph/);
  });

  it("reads keras_metadata.pb objects with their JSON configs", async () => {
    const objects = await readKerasMetadata(sample("dangerous", "keras_metadata.pb"));
    assert.deepEqual(objects.map((o) => [o.nodePath, o.identifier]), [["root", "_tf_keras_sequential"], ["root.layer-0", "_tf_keras_layer"], ["root.layer-1", "_tf_keras_layer"]]);
    assert.equal((JSON.parse(objects[2]!.metadata) as { class_name: string }).class_name, "Lambda");
    await assert.rejects(readKerasMetadata(sample("malformed", "keras_metadata.pb")), (e: unknown) => e instanceof ProtobufError && e.kind === "malformed");
  });
});

describe("keras_metadata.pb with millions of empty objects", () => {
  it("is refused as past a limit, not held whole", async () => {
    const flat = new Uint8Array(2 * 1_000_001);
    for (let i = 0; i < flat.length; i += 2) flat[i] = 0x0a;
    await assert.rejects(readKerasMetadata(bytesSource(flat)), (e: unknown) => e instanceof ProtobufError && e.kind === "limit" && /more than 1000000 fields/.test(e.message));
  });
});
