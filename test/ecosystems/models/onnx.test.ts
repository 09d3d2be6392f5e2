import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { domainKind, locationEscape, MAX_SUBGRAPH_DEPTH, readOnnxModel } from "../../../src/ecosystems/models/onnx.js";
import { ProtobufError } from "../../../src/ecosystems/models/protobuf.js";
import { bytesSource, type RangeSource } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";
import { ld, vi } from "../../helpers/protobuf.js";

// Models written field by field, with onnx.proto's field numbers.
const cat = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
/** TensorProto: name 8, external_data 13 {key 1, value 2}, data_location 14. */
const externalTensor = (name: string, location: string, dataLocation = 1): Buffer => cat(vi(2, 1), ld(8, name), ld(13, cat(ld(1, "location"), ld(2, location))), vi(14, dataLocation));
/** NodeProto: name 3, op_type 4, attribute 5, domain 7. */
const onnxNode = (op: string, name: string, domain?: string, ...attrs: Buffer[]): Buffer => cat(ld(3, name), ld(4, op), ...attrs.map((a) => ld(5, a)), ...(domain !== undefined ? [ld(7, domain)] : []));
/** GraphProto: node 1, name 2, initializer 5. */
const onnxGraph = (nodes: Buffer[], initializers: Buffer[] = []): Buffer => cat(...nodes.map((n) => ld(1, n)), ld(2, "g"), ...initializers.map((t) => ld(5, t)));
/** ModelProto: ir_version 1, graph 7, opset_import 8, functions 25. */
const onnxModel = (graph: Buffer, functions: Buffer[] = []): Buffer => cat(vi(1, 8), ld(7, graph), ld(8, cat(ld(1, ""), vi(2, 17))), ...functions.map((f) => ld(25, f)));
/** AttributeProto: name 1, s 4, t 5, g 6. */
const graphAttr = (name: string, graph: Buffer): Buffer => cat(ld(1, name), ld(6, graph));

const read = (bytes: Buffer) => readOnnxModel(bytesSource(new Uint8Array(bytes)));
const fails = (kind: "malformed" | "limit", message: RegExp) => (e: unknown) => e instanceof ProtobufError && e.kind === kind && message.test(e.message);

describe("ONNX external data locations", () => {
  it("stays inside for plain names, subfolders and '..' that does not climb above the folder", () => {
    for (const p of ["model.onnx.data", "weights/w0.bin", "./w.bin", "a/../w.bin", "a\\..\\w.bin", "a/b/../../w.bin", "~/.ssh/id_rsa", "file:///etc/passwd", "C", "..w.bin", "w..bin"]) assert.equal(locationEscape(p), undefined, p);
  });

  it("reports absolute, Windows drive, UNC paths and '..' climbing out, also behind a subfolder or backslashes", () => {
    const cases: [string, string][] = [
      ["/etc/passwd", "absolute"],
      ["\\Windows\\win.ini", "absolute"],
      ["C:\\Users\\me\\.ssh\\id_rsa", "windows-drive"],
      ["c:secret.txt", "windows-drive"],
      ["\\\\attacker.example\\share\\w.bin", "unc"],
      ["//attacker.example/share/w.bin", "unc"],
      ["\\\\?\\C:\\secret", "unc"],
      ["../secret", "parent"],
      ["..\\..\\secret", "parent"],
      ["weights/../../etc/passwd", "parent"],
      ["a/./../b/../../x", "parent"],
      ["w.bin\u0000/../../../etc/passwd", "parent"],
      ["..\u0000w.bin", "parent"],
      ["*/_ORT_MEM_ADDR_/*", "memory-address"],
    ];
    for (const [p, want] of cases) assert.equal(locationEscape(p), want, p);
  });
});

describe("ONNX domains", () => {
  it("tells ONNX's, onnxruntime's, onnxruntime-extensions' and other domains apart", () => {
    assert.deepEqual(["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview", "ai.onnx.preview.training"].map(domainKind), Array(6).fill("standard"));
    assert.deepEqual(["com.microsoft", "com.microsoft.nchwc", "com.microsoft.experimental", "com.ms.internal.nhwc"].map(domainKind), Array(4).fill("runtime"));
    assert.equal(domainKind("ai.onnx.contrib"), "extensions");
    assert.equal(domainKind("trt.plugins"), "tensorrt");
    assert.equal(domainKind("com.example"), "custom");
    assert.equal(domainKind("Com.Microsoft"), "custom");
  });
});

describe("ONNX model reader", () => {
  it("finds escaping external data in initializers and in Constant tensors of nested subgraphs", async () => {
    const m = await readOnnxModel(bytesSource(new Uint8Array(readFileSync(`${fixtureDir("models/onnx-external-data", "bad")}/models/absolute.onnx`))));
    assert.deepEqual(m.escapingTensors.map((t) => [t.tensor, t.location, t.escape, t.role]), [["c", "/home/user/.ssh/id_rsa", "absolute", "attribute tensor"]]);
    assert.match(m.escapingTensors[0]!.scope, /node 'loop', attribute 'body' \(subgraph\), node 'secret', attribute 'value'/);
    assert.equal(m.externalCount, 1);
  });

  it("counts external data inside the folder without keeping it, and ignores locations of tensors that are not external", async () => {
    const m = await read(onnxModel(onnxGraph([onnxNode("Add", "add")], [externalTensor("w", "model.onnx.data"), externalTensor("v", "/etc/passwd", 0)])));
    assert.equal(m.externalCount, 1);
    assert.deepEqual(m.escapingTensors, []);
  });

  it("judges every location a tensor gives, not only the first", async () => {
    const t = Buffer.concat([ld(8, "w"), ld(13, Buffer.concat([ld(1, "location"), ld(2, "w.bin")])), ld(13, Buffer.concat([ld(1, "location"), ld(2, "../w.bin")])), vi(14, 1)]);
    const m = await read(onnxModel(onnxGraph([], [t])));
    assert.deepEqual(m.escapingTensors.map((x) => x.location), ["../w.bin"]);
  });

  it("reads external data in functions and training graphs, and sparse initializers", async () => {
    const fn = Buffer.concat([ld(1, "F"), ld(7, onnxNode("Constant", "c", undefined, Buffer.concat([ld(1, "value"), ld(5, externalTensor("fc", "/f"))]))), ld(10, "local")]);
    const training = ld(20, ld(2, onnxGraph([], [externalTensor("tw", "../t")])));
    const sparse = ld(15, Buffer.concat([ld(1, externalTensor("sv", "/s")), ld(2, externalTensor("si", "s.bin"))]));
    const m = await read(Buffer.concat([onnxModel(Buffer.concat([onnxGraph([]), sparse]), [fn]), training]));
    assert.deepEqual(m.escapingTensors.map((x) => [x.tensor, x.role]).sort(), [["fc", "attribute tensor"], ["sv", "sparse initializer"], ["tw", "initializer"]]);
  });

  it("lists non-standard operators with counts, folding ai.onnx into the standard domain and leaving out calls to the model's own functions", async () => {
    const fn = Buffer.concat([ld(1, "Gelu_impl"), ld(7, onnxNode("Erf", "e")), ld(7, onnxNode("Secret", "s", "com.example")), ld(10, "pkg.torch")]);
    const g = onnxGraph([onnxNode("Relu", "r", "ai.onnx"), onnxNode("FusedMatMul", "m", "com.microsoft"), onnxNode("Gelu_impl", "g1", "pkg.torch"), onnxNode("Gelu_impl", "g2", "pkg.torch"), onnxNode("Op", "a", "com.example"), onnxNode("Op", "", "com.example")]);
    const m = await read(onnxModel(g, [fn]));
    assert.deepEqual(m.ops.map((o) => [o.domain, o.opType, o.node, o.count]), [["com.microsoft", "FusedMatMul", "m", 1], ["com.example", "Op", "a", 2], ["com.example", "Secret", "s", 1]]);
    assert.deepEqual(m.functions, ["pkg.torch:Gelu_impl"]);
    assert.equal(m.nodes, 8);
  });

  it("keeps the module and class a PyOp names, one entry per class", async () => {
    const s = (name: string, v: string): Buffer => Buffer.concat([ld(1, name), ld(4, v)]);
    const g = onnxGraph([onnxNode("PyOp", "p1", "py", s("module", "m"), s("class_name", "A")), onnxNode("PyOp", "p2", "py", s("module", "m"), s("class_name", "B")), onnxNode("PyOp", "p3", "py", s("module", "m"), s("class_name", "A"))]);
    const m = await read(onnxModel(g));
    assert.deepEqual(m.ops.map((o) => [o.node, o.module, o.className, o.count]), [["p1", "m", "A", 2], ["p2", "m", "B", 1]]);
  });

  it("refuses empty files, models without a graph, truncated models and fields of the wrong wire type", async () => {
    await assert.rejects(read(Buffer.alloc(0)), fails("malformed", /is empty/));
    await assert.rejects(read(Buffer.concat([vi(1, 8), ld(8, Buffer.concat([ld(1, ""), vi(2, 17)]))])), fails("malformed", /has no graph/));
    const whole = onnxModel(onnxGraph([onnxNode("Add", "add")], [externalTensor("w", "w.bin")]));
    await assert.rejects(read(whole.subarray(0, whole.length - 5)), fails("malformed", /runs past the end|cut off|ends at byte/));
    await assert.rejects(read(Buffer.concat([vi(1, 8), vi(7, 3)])), fails("malformed", /ModelProto.graph at byte 2 has wire type 0/));
    await assert.rejects(read(Buffer.from("<html>not a model</html>")), (e: unknown) => e instanceof ProtobufError && e.kind === "malformed");
  });

  it("stops at the subgraph nesting cap with a limit, not a crash", async () => {
    let g = onnxGraph([onnxNode("Relu", "r")]);
    for (let i = 0; i <= MAX_SUBGRAPH_DEPTH; i++) g = onnxGraph([onnxNode("If", `if${i}`, undefined, graphAttr("then_branch", g))]);
    await assert.rejects(read(onnxModel(g)), fails("limit", /graphs nest deeper than 16/));
    let ok = onnxGraph([onnxNode("Relu", "r")]);
    for (let i = 0; i < MAX_SUBGRAPH_DEPTH; i++) ok = onnxGraph([onnxNode("If", `if${i}`, undefined, graphAttr("then_branch", ok))]);
    assert.equal((await read(onnxModel(ok))).nodes, MAX_SUBGRAPH_DEPTH + 1);
  });

  it("skips tensor bytes: a model with 16 MiB of raw weights is read a window at a time", async () => {
    const raw = Buffer.alloc(16 * 1024 * 1024, 7);
    const bytes = onnxModel(onnxGraph([onnxNode("Add", "add")], [Buffer.concat([ld(8, "w"), ld(9, raw)]), externalTensor("x", "../x")]));
    const src = bytesSource(new Uint8Array(bytes));
    let read = 0;
    const counted: RangeSource = { size: src.size, read: async (o, n) => ((read += n), src.read(o, n)) };
    const m = await readOnnxModel(counted);
    assert.deepEqual(m.escapingTensors.map((t) => t.tensor), ["x"]);
    assert.ok(read < 5 * 1024 * 1024, `read ${read} bytes`);
  });
});
