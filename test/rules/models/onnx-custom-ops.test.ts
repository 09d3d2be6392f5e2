import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/onnx-custom-ops.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { ld } from "../../helpers/protobuf.js";

const run = ruleRunner(rule);
/** NodeProto { name 3, op_type 4, domain 7 } */
const node = (op: string, name: string, domain: string): Buffer => ld(1, Buffer.concat([ld(3, name), ld(4, op), ld(7, domain)]));
/** ModelProto { graph 7 } */
const model = (...nodes: Buffer[]): Buffer => ld(7, Buffer.concat(nodes));

describe("models/onnx-custom-ops", () => {
  it("reports an unknown domain (medium), onnxruntime-extensions' domain (low) and a PyOp naming a Python class (high), not com.microsoft", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["domain"], f.evidence["ops"]]), [
      ["custom.onnx", "medium", "com.example.secret", ["Decrypt"]],
      ["pyop.onnx", "high", "pyop_domain", ["PyOp"]],
      ["tokenizer.onnx", "low", "ai.onnx.contrib", ["GPT2Tokenizer"]],
    ]);
    assert.equal(findings[1]!.message, "pyop.onnx: PyOp node 'py' in the graph, domain 'pyop_domain', names the Python module 'mymodule' and class 'Runner': onnxruntime built with language interop ops imports and calls them when the model runs, so the model chooses the Python code that runs");
    assert.equal(findings[0]!.message, "custom.onnx: operator 'Decrypt' of domain 'com.example.secret' (first node 'decrypt' in the graph) is not built into ONNX or onnxruntime: the model loads only after the program registers a custom-op library for the domain, native code the model does not carry");
  });

  it("gives one finding per domain, listing its operators and counting nodes", async () => {
    const { findings } = await run({ "m.onnx": model(node("A", "a1", "x.ops"), node("B", "b1", "x.ops"), node("A", "a2", "x.ops"), node("C", "c", "y.ops")) });
    assert.deepEqual(findings.map((f) => [f.evidence["domain"], f.evidence["ops"], f.evidence["nodes"]]), [["x.ops", ["A", "B"], 3], ["y.ops", ["C"], 1]]);
    assert.match(findings[0]!.message, /operators 'A', 'B' of domain 'x\.ops' \(first node 'a1' in the graph, 3 nodes in all\) are not built into/);
  });

  it("words TensorRT plugins apart (low) and passes ONNX's preview domain", async () => {
    const { findings } = await run({ "m.onnx": model(node("FlexAttention", "f", "ai.onnx.preview"), node("DisentangledAttention_TRT", "d", "trt.plugins")) });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["domain"]]), [["low", "trt.plugins"]]);
    assert.match(findings[0]!.message, /is a TensorRT plugin: it runs only in TensorRT/);
  });

  it("finds custom operators inside subgraphs and model-local functions", async () => {
    // If node { attribute 5: AttributeProto { name 1, g 6: GraphProto { node } } }; FunctionProto { name 1, node 7, domain 10 } at ModelProto 25.
    const ifNode = ld(1, Buffer.concat([ld(3, "if"), ld(4, "If"), ld(5, Buffer.concat([ld(1, "then_branch"), ld(6, node("Hidden", "h", "evil.ops"))]))]));
    const fn = ld(25, Buffer.concat([ld(1, "F"), ld(7, Buffer.concat([ld(3, "f"), ld(4, "Inner"), ld(7, "fn.ops")])), ld(10, "local")]));
    const { findings } = await run({ "m.onnx": Buffer.concat([model(ifNode, node("F", "call", "local")), fn]) });
    assert.deepEqual(findings.map((f) => [f.evidence["domain"], f.evidence["scope"]]), [["evil.ops", "the graph, node 'if', attribute 'then_branch' (subgraph)"], ["fn.ops", "function 'local:F'"]]);
  });

  it("never passes a model it cannot read", async () => {
    const good = readFileSync(`${fixtureDir(rule.meta.id, "good")}/model.onnx`);
    const { findings, outcome } = await run({ "m.onnx": good.subarray(0, good.length - 2) });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });

  it("passes standard and onnxruntime operators and calls to the model's own functions", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });
});
