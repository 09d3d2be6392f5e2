import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/unsafe-tensorflow-ops.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { ld } from "../../helpers/protobuf.js";

const run = ruleRunner(rule);
const nodeDef = (name: string, op: string): Buffer => Buffer.concat([ld(1, name), ld(2, op)]);
const sample = (rel: string): Buffer => readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${rel}`);

describe("models/unsafe-tensorflow-ops", () => {
  it("keeps a file writer among the findings kept for the file, after hundreds of functions that read files", async () => {
    // A frozen GraphDef: a node, then a library of 250 functions with a ReadFile each, and a WriteFile in the last.
    const fns = Array.from({ length: 250 }, (_, i) => ld(1, Buffer.concat([ld(1, ld(1, `read_${i}`)), ld(3, nodeDef("r", "ReadFile"))])));
    fns.push(ld(1, Buffer.concat([ld(1, ld(1, "write")), ld(3, nodeDef("w", "WriteFile"))])));
    const graph = Buffer.concat([ld(1, nodeDef("input", "Placeholder")), ld(2, Buffer.concat(fns))]);
    const { findings } = await run({ "frozen.pb": graph });
    assert.ok(findings.some((f) => f.severity === "critical" && f.evidence["op"] === "WriteFile"), `${findings.length} findings, none critical`);
  });

  it("reports ReadFile in the graph and WriteFile in a library function, and not the saver", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["op"], f.evidence["scope"]]), [
      ["exported/1/saved_model.pb", "critical", "WriteFile", "__inference___call___290"],
      ["exported/1/saved_model.pb", "high", "ReadFile", "graph"],
    ]);
    assert.equal(findings[0]!.message, "exported/1/saved_model.pb: WriteFile node 'WriteFile' in function '__inference___call___290' writes files when the model runs: the constant path '/root/.ssh/authorized_keys'");
  });

  it("finds graphs in .pb files of any name, by their bytes", async () => {
    const { findings } = await run({ "models/graph.pb": sample("dangerous/read-file-graph.pb"), "export/model.pb": sample("dangerous/save-slices/saved_model.pb") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["op"], f.evidence["format"]]), [
      ["export/model.pb", "SaveSlices", "saved-model"],
      ["models/graph.pb", "ReadFile", "graph-def"],
    ]);
  });

  it("is not applicable when the .pb files are other protobuf data", async () => {
    const { findings, outcome } = await run({ "testdata/person.pb": sample("benign/person.pb"), "m/fingerprint.pb": sample("benign/tf2/fingerprint.pb"), "m/keras_metadata.pb": sample("benign/tf2/keras_metadata.pb") });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "not-applicable");
  });

  it("never passes a SavedModel it cannot read whole", async () => {
    for (const rel of ["malformed/truncated/saved_model.pb", "malformed/length-past-end/saved_model.pb", "malformed/long-varint/saved_model.pb", "malformed/wrong-wire/saved_model.pb"]) {
      const { outcome } = await run({ "m/saved_model.pb": sample(rel) });
      assert.equal(outcome, "incomplete", rel);
    }
  });

  it("stays quiet on benign SavedModels, frozen graphs and deeply nested unknown fields", async () => {
    const { findings, outcome } = await run({ "a/saved_model.pb": sample("benign/tf2/saved_model.pb"), "b/saved_model.pb": sample("benign/tf1/saved_model.pb"), "c/frozen.pb": sample("benign/frozen_graph.pb"), "d/saved_model.pb": sample("benign/deep-unknown-field/saved_model.pb") });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });
});
