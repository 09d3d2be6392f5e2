import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/onnx-external-data.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { ld } from "../../helpers/protobuf.js";

const run = ruleRunner(rule);
const fixture = (kind: string, rel: string): Buffer => readFileSync(`${fixtureDir(rule.meta.id, kind)}/${rel}`);
/** ModelProto { graph 7: GraphProto { initializer 5: TensorProto { name 8, external_data 13, data_location 14 = EXTERNAL } } } */
const modelReading = (...locations: string[]): Buffer =>
  ld(7, Buffer.concat(locations.map((l, i) => ld(5, Buffer.concat([ld(8, `w${i}`), ld(13, Buffer.concat([ld(1, "location"), ld(2, l)])), Buffer.from([0x70, 0x01])])))));

describe("models/onnx-external-data", () => {
  it("reports a location that climbs out through a subfolder and an absolute one in a Loop body's Constant", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["escape"], f.evidence["location"]]), [
      ["models/absolute.onnx", "high", "absolute", "/home/user/.ssh/id_rsa"],
      ["models/climb.onnx", "high", "parent", "weights/../../../../etc/passwd"],
    ]);
    assert.equal(findings[1]!.message, "models/climb.onnx: initializer 'w' in the graph reads its data from 'weights/../../../../etc/passwd', a path that climbs out of the model's folder with '..': loading the model reads a file outside it");
  });

  it("reports Windows drive and UNC paths and onnxruntime's memory tag, one finding per location", async () => {
    const { findings } = await run({ "m.onnx": modelReading("C:\\Users\\me\\secret.txt", "\\\\evil.example\\share\\w", "*/_ORT_MEM_ADDR_/*", "\\\\evil.example\\share\\w", "w.bin") });
    assert.deepEqual(findings.map((f) => [f.evidence["escape"], f.evidence["count"]]).sort(), [["memory-address", 1], ["unc", 2], ["windows-drive", 1]]);
    assert.match(findings.find((f) => f.evidence["escape"] === "unc")!.message, /and 1 more tensor from it/);
  });

  it("shows control characters in a location as escapes", async () => {
    const { findings } = await run({ "m.onnx": modelReading("../\u001b[31mx\nfake") });
    assert.equal(findings.length, 1);
    assert.doesNotMatch(findings[0]!.message, /[\u001b\n]/);
  });

  it("never passes a model it cannot read: truncated, not protobuf, or without a graph", async () => {
    const good = fixture("good", "model.onnx");
    for (const bytes of [good.subarray(0, good.length - 3), Buffer.from("not an onnx model at all"), Buffer.from([0x08, 0x08])]) {
      const { findings, outcome } = await run({ "m.onnx": bytes });
      assert.deepEqual(findings, []);
      assert.equal(outcome, "incomplete");
    }
  });

  it("is incomplete, not passed, for an ONNX model that is a Git LFS pointer", async () => {
    const { outcome } = await run({ "m.onnx": "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n" });
    assert.equal(outcome, "incomplete");
  });

  it("passes external data beside the model and in its subfolders, and is not applicable without .onnx files", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
    assert.equal((await run({ "model.pb": "x" })).outcome, "not-applicable");
  });
});
