import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/models/malformed-model.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const dir = fixtureDir("models/samples", "malformed");
const malformed = Object.fromEntries(readdirSync(dir).filter((f) => /\.(?:safetensors|gguf)$/.test(f)).map((f) => [f, readFileSync(`${dir}/${f}`)]));

describe("models/malformed-model", () => {
  it("reports a safetensors header longer than the loaders accept", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => f.message), ["weights.safetensors declares a safetensors header of 1099511627776 bytes, over the 100 MB loaders accept"]);
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
