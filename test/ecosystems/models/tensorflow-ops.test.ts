import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, it } from "node:test";
import { escapingPath, unsafeOps } from "../../../src/ecosystems/models/tensorflow-ops.js";
import { readGraphDef, readSavedModel, type TfAttr, type TfModel, type TfNode, type TfSaver, type TfScope } from "../../../src/ecosystems/models/tensorflow.js";
import { bytesSource } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const dir = fixtureDir("models/samples", "tensorflow");
const load = async (rel: string): Promise<TfModel> => {
  const src = bytesSource(readFileSync(`${dir}/${rel}`));
  return rel.endsWith("saved_model.pb") ? readSavedModel(src) : readGraphDef(src);
};
const node = (name: string, op: string, inputs: string[] = [], attrs: Record<string, TfAttr> = {}): TfNode => ({ name, op, inputs, attrs });
const str = (...strings: string[]): Record<string, TfAttr> => ({ value: { strings } });
const fn = (name: string, args: string[], nodes: TfNode[]): TfScope => ({ name, args, nodes });
const model = (graph: TfNode[], functions: TfScope[] = [], saver?: TfSaver): TfModel => ({ format: "saved-model", nodes: 0, metaGraphs: [{ tags: ["serve"], graph: { name: "graph", args: [], nodes: graph }, functions, entryPoints: [], objectGraph: false, ...(saver ? { saver } : {}) }] });
const summary = (m: TfModel): string[][] => unsafeOps(m).map((o) => [o.scope, o.op, o.power, o.detail ?? ""]);
/** A saver function as tf.saved_model.save writes it: the path is its first argument. */
const tracedSave = fn("__inference__traced_save_9", ["file_prefix", "v"], [
  node("Const", "Const", [], str("_temp/part")),
  node("StringJoin", "StringJoin", ["file_prefix", "Const:output:0"]),
  node("SaveV2", "SaveV2", ["StringJoin:output:0", "names", "slices", "v"]),
]);

describe("unsafe TensorFlow ops", () => {
  it("stays quiet on ordinary SavedModels (TF 1 and TF 2 savers, tf.print to stderr) and frozen graphs", async () => {
    for (const rel of ["benign/tf2/saved_model.pb", "benign/tf1/saved_model.pb", "benign/frozen_graph.pb", "benign/deep-unknown-field/saved_model.pb"]) assert.deepEqual(unsafeOps(await load(rel)), [], rel);
  });

  it("leaves out the input pipeline a TF 1 training graph kept but no signature or init op reaches", async () => {
    const m = await load("benign/tf1-training-graph/saved_model.pb");
    assert.ok(m.metaGraphs[0]?.graph.nodes.some((n) => n.op === "TFRecordDataset"));
    assert.deepEqual(m.metaGraphs[0]?.entryPoints, ["head/predictions/probabilities:0"]);
    assert.deepEqual(unsafeOps(m), []);
  });

  it("names the op, the node, the function and what it touches in each dangerous sample", async () => {
    const want: Record<string, string[][]> = {
      "dangerous/save-slices/saved_model.pb": [["__inference___call___290", "SaveSlices", "writes-files", "the constant path '/tmp/x/.bashrc'"]],
      "dangerous/saver-called-with-constant/saved_model.pb": [
        ["__inference__traced_save_355", "SaveV2", "writes-files", "the constant path '../../../home/user/.config/autostart/x'"],
        ["__inference__traced_save_355", "MergeV2Checkpoints", "writes-files", "the constant path '../../../home/user/.config/autostart/x'"],
      ],
      "dangerous/py-func/saved_model.pb": [["__inference___call___290", "PyFunc", "runs-python", "token 'pyfunc_0'"]],
      "dangerous/debug-identity/saved_model.pb": [["__inference___call___290", "DebugIdentityV3", "network", "debug_urls 'grpc://203.0.113.7:1111'"]],
      "dangerous/immutable-const/saved_model.pb": [["__inference___call___290", "ImmutableConst", "reads-files", "maps '/etc/shadow'"]],
      "dangerous/print-to-file/saved_model.pb": [["__inference___call___290", "PrintV2", "writes-files", "prints to 'file:///home/user/.bashrc'"]],
      "dangerous/matching-files.pb": [["graph", "MatchingFiles", "reads-files", "the constant path '/home/*/.ssh/id_*'"]],
      "dangerous/read-file-graph.pb": [["graph", "ReadFile", "reads-files", ""]],
      "dangerous/write-in-library.pb": [["__inference_map_fn_12", "WriteFile", "writes-files", ""]],
      "dangerous/tf1-write-file/saved_model.pb": [["graph", "WriteFile", "writes-files", "the constant path '/etc/cron.d/update'"]],
    };
    const files = readdirSync(`${dir}/dangerous`).flatMap((f) => (statSync(`${dir}/dangerous/${f}`).isDirectory() ? [`dangerous/${f}/saved_model.pb`] : f.endsWith(".pb") && f !== "keras_metadata.pb" ? [`dangerous/${f}`] : []));
    assert.deepEqual(files.sort(), Object.keys(want).sort());
    for (const [rel, ops] of Object.entries(want)) assert.deepEqual(summary(await load(rel)), ops, rel);
  });

  it("accepts the loader's path through placeholders, arguments, TF 1's PlaceholderWithDefault chain and pre-1.5 Const filenames", () => {
    const graph = [
      node("saver_filename", "Placeholder"),
      node("call_save", "StatefulPartitionedCall", ["saver_filename", "var"], { f: { funcs: ["__inference__traced_save_9"] } }),
      node("old/Const", "Const", [], str("model")),
      node("old/SaveV2", "SaveV2", ["old/Const", "n", "s", "var"]),
    ];
    assert.deepEqual(summary(model(graph, [tracedSave], { filenameTensor: "saver_filename:0", saveTensor: "call_save:0", restoreOp: "call_restore" })), []);
  });

  it("reports a saver reached in a way whose arguments are not followed, or a path computed by another op", () => {
    const viaDataset = model([node("in", "Placeholder"), node("ds", "MapDataset", ["in"], { f: { funcs: ["__inference__traced_save_9"] } })], [tracedSave]);
    assert.deepEqual(summary(viaDataset), [["__inference__traced_save_9", "SaveV2", "writes-files", "a path given by MapDataset node 'ds', whose arguments to '__inference__traced_save_9' assay does not follow"]]);
    const computed = model([node("p", "Const", [], str("x")), node("read", "ReadFile", ["p"]), node("restore", "RestoreV2", ["read", "n", "s"])]);
    assert.deepEqual(summary(computed), [["graph", "ReadFile", "reads-files", "the constant path 'x'"], ["graph", "RestoreV2", "reads-files", "a path computed by ReadFile node 'read'"]]);
    const dangling = model([node("save", "SaveV2", ["nowhere:0", "n", "s"])]);
    assert.deepEqual(summary(dangling), [["graph", "SaveV2", "writes-files", "a path from 'nowhere', which is not a node of the graph"]]);
  });

  it("follows the path through nested calls and If branches, and ends on recursion", () => {
    const outer = fn("outer", ["p"], [node("c", "PartitionedCall", ["p", "v"], { f: { funcs: ["__inference__traced_save_9"] } }), node("again", "StatefulPartitionedCall", ["p"], { f: { funcs: ["outer"] } })]);
    const evil = model([node("k", "Const", [], str("/etc/cron.d/x")), node("cond", "Placeholder"), node("if", "If", ["cond", "k"], { then_branch: { funcs: ["outer"] }, else_branch: { funcs: ["outer"] } })], [outer, tracedSave]);
    assert.deepEqual(summary(evil), [["__inference__traced_save_9", "SaveV2", "writes-files", "the constant path '/etc/cron.d/x'"]]);
    const fine = model([node("f", "Placeholder"), node("call", "StatefulPartitionedCall", ["f"], { f: { funcs: ["outer"] } })], [outer, tracedSave]);
    assert.deepEqual(summary(fine), []);
  });

  it("leaves inert uses of conditional ops alone and counts repeated ops once per scope", () => {
    const m = model([
      node("mm", "ImmutableConst", [], { memory_region_name: { s: "memmapped_package://weights" } }),
      node("print", "PrintV2", ["x"], { output_stream: { s: "stdout" } }),
      node("dbg", "DebugIdentityV2", ["x"]),
      node("r1", "ReadFile", ["a"]),
      node("r2", "ReadFile", ["b"]),
    ]);
    assert.deepEqual(unsafeOps(m).map((o) => [o.op, o.node, o.count]), [["ReadFile", "r1", 2]]);
  });

  it("reports every tfdbg op that publishes to debug_urls, and TF 1's queue readers", () => {
    const urls = (u: string): Record<string, TfAttr> => ({ debug_urls: { list: [u] } });
    const m = model([
      node("x", "Placeholder"),
      node("nan", "DebugNanCount", ["x"], urls("grpc://203.0.113.7:1111")),
      node("sum", "DebugNumericSummary", ["x"], urls("file:///home/user/.bashrc")),
      node("quiet", "DebugNanCount", ["x"]),
      node("reader", "WholeFileReaderV2"),
    ]);
    assert.deepEqual(summary(m), [
      ["graph", "DebugNanCount", "network", "debug_urls 'grpc://203.0.113.7:1111'"],
      ["graph", "DebugNumericSummary", "writes-files", "debug_urls 'file:///home/user/.bashrc'"],
      ["graph", "WholeFileReaderV2", "reads-files", ""],
    ]);
  });

  it("knows paths that leave the working directory", () => {
    for (const p of ["/etc/passwd", "..", "a/../../b", "C:\\Users", "~/.ssh", "gs://bucket/x", "file:///tmp/x", "\\\\host\\share"]) assert.ok(escapingPath(p), p);
    for (const p of ["model", "_temp/part", ".part", "_temp_8d4c/part", "variables/variables", "a..b"]) assert.ok(!escapingPath(p), p);
  });
});
