import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { storedZip } from "../../../bench/lib/stored-zip.js";
import { rule } from "../../../src/rules/models/keras-lambda.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const tf = (rel: string): Buffer => readFileSync(`${fixtureDir("models/samples", "tensorflow")}/${rel}`);

describe("models/keras-lambda", () => {
  it("finds Lambda layers in .keras archives, .h5 files and SavedModels' keras_metadata.pb", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"]]), [
      ["import-gadget.keras", null],
      ["legacy.h5", "lambda"],
      ["model.keras", "lambda"],
      ["savedmodel/keras_metadata.pb", "lambda"],
    ]);
  });

  it("reports a config that rebuilds a gadget from another module as critical; Keras's builtins functions and custom packages are not", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const gadget = findings.find((f) => f.locations[0]?.path === "import-gadget.keras");
    assert.equal(gadget?.severity, "critical");
    assert.equal(gadget?.evidence["import"], "os.system");
    assert.deepEqual((await runRule(rule, fixtureDir(rule.meta.id, "good"))).findings, []);
  });

  it("reports a Lambda layer of keras_metadata.pb once, though the model's config lists it too", async () => {
    const { findings } = await run({ "m/keras_metadata.pb": tf("dangerous/keras_metadata.pb"), "n/keras_metadata.pb": tf("benign/tf2/keras_metadata.pb") });
    assert.deepEqual(findings.map((f) => f.message), ["m/keras_metadata.pb has a Lambda layer (lambda): loading the model runs the Python code stored in it"]);
  });

  it("says it could not judge a keras_metadata.pb that is cut short", async () => {
    assert.equal((await run({ "m/keras_metadata.pb": tf("malformed/keras_metadata.pb") })).outcome, "incomplete");
  });

  it("says it could not judge a .keras file that is not an archive", async () => {
    const { outcome } = await run({ "m.keras": "not a zip" });
    assert.equal(outcome, "incomplete");
  });

  it("finds a Lambda layer of an .h5 file hidden behind JSON escapes or whitespace, as Keras's json.loads reads it", async () => {
    const h5 = (layer: string): string => `\x89HDF\r\n\x1a\n{"class_name": "Sequential", "config": {"layers": [${layer}]}}`;
    const { findings } = await run({
      "escaped-value.h5": h5('{"class_name": "\\u004cambda", "config": {"name": "a"}}'),
      "escaped-key.h5": h5('{"cl\\u0061ss_name": "Lambda", "config": {"name": "b"}}'),
      "spaces.h5": h5(`{"class_name":${" ".repeat(300)}"Lambda", "config": {"name": "c"}}`),
      "newlines.h5": h5('{"class_name"\n\n\n\n\n\n:\n\n\n\n\n\n"Lambda", "config": {"name": "d"}}'),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"]]).sort(), [
      ["escaped-key.h5", "b"],
      ["escaped-value.h5", "a"],
      ["newlines.h5", "d"],
      ["spaces.h5", "c"],
    ]);
  });

  it("finds a Lambda layer of an .h5 file that straddles the 4 MiB read boundary, once", async () => {
    const layer = `{"class_name":${" ".repeat(2000)}"Lambda", "config": {"name": "edge"}}`;
    const head = Buffer.alloc(4 * 1024 * 1024 - 1000);
    Buffer.from("\x89HDF\r\n\x1a\n", "latin1").copy(head);
    const { findings } = await run({ "m.h5": Buffer.concat([head, Buffer.from(layer), Buffer.alloc(5 * 1024 * 1024)]) });
    assert.deepEqual(findings.map((f) => f.evidence["layer"]), ["edge"]);
  });

  it("reports a TFOpLambda layer that calls a file or Python op of the tf API, not one that does arithmetic", async () => {
    const meta = (fn: string): string => JSON.stringify({ class_name: "Functional", config: { layers: [{ class_name: "TFOpLambda", config: { name: `tf.${fn}`, function: fn } }] } });
    const zip = (config: string): Buffer => storedZip([["config.json", Buffer.from(config)]]);
    const h5 = (config: string): string => `\x89HDF\r\n\x1a\n${config}`;
    const { findings } = await run({ "io.keras": zip(meta("io.write_file")), "py.keras": zip(meta("compat.v1.py_func")), "math.keras": zip(meta("math.add")), "io.h5": h5(meta("io.read_file")), "math.h5": h5(meta("math.add")) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["import"], f.severity]).sort(), [
      ["io.h5", "tf.io.read_file", "critical"],
      ["io.keras", "tf.io.write_file", "critical"],
      ["py.keras", "tf.compat.v1.py_func", "critical"],
    ]);
  });

  it("judges every config.json of a .keras archive: Keras opens the name through zipfile, which takes the last of duplicates", async () => {
    const config = (layer: string): Buffer => Buffer.from(JSON.stringify({ class_name: "Sequential", config: { layers: [{ class_name: layer, config: { name: "l" } }] } }));
    const { findings } = await run({ "m.keras": storedZip([["config.json", config("Dense")], ["config.json", config("Lambda")]]) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["m.keras", "high"]]);
  });

  it("opens config.json as Python's zipfile names it: an entry named config.json, a NUL, then more is config.json", async () => {
    const config = Buffer.from(JSON.stringify({ class_name: "Sequential", config: { layers: [{ class_name: "Lambda", config: { name: "l" } }] } }));
    const { findings } = await run({ "m.keras": storedZip([["config.json\u0000X", config]]) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["m.keras", "high"]]);
  });

  it("keeps a config's gadget among the findings kept for the file, after hundreds of Lambda layers", async () => {
    const layers = Array.from({ length: 250 }, (_, i) => ({ class_name: "Lambda", config: { name: `l${i}` } }));
    layers.push({ module: "os", class_name: "function", config: "system", registered_name: null } as never);
    const config = Buffer.from(JSON.stringify({ class_name: "Sequential", config: { layers } }));
    const { findings } = await run({ "m.keras": storedZip([["config.json", config]]) });
    assert.ok(findings.some((f) => f.severity === "critical"), `${findings.length} findings, none critical`);
  });

  it("reports a Python lambda a Keras 3 config holds outside a Lambda layer (an activation, an initializer), which deserialize_keras_object loads wherever it is", async () => {
    const lambda = { class_name: "__lambda__", config: { value: "4wEAAAAAAAAA" } };
    const dense = (field: string): Buffer => Buffer.from(JSON.stringify({ module: "keras", class_name: "Sequential", config: { name: "s", layers: [{ module: "keras.layers", class_name: "Dense", config: { name: "d", units: 2, [field]: lambda } }] } }));
    // A Lambda layer's own lambda is the layer's finding, not a second one.
    const layer = Buffer.from(JSON.stringify({ class_name: "Sequential", config: { layers: [{ class_name: "Lambda", config: { name: "l", function: { class_name: "__lambda__", config: { code: "4wEA", defaults: null, closure: null } } } }] } }));
    // Keras 3 finds `"module": "keras", "class_name": "layers.Lambda"` as keras.layers.Lambda.
    const dotted = Buffer.from(JSON.stringify({ class_name: "Sequential", config: { layers: [{ module: "keras", class_name: "layers.Lambda", config: { name: "m" } }] } }));
    const { findings } = await run({ "act.keras": storedZip([["config.json", dense("activation")]]), "init.keras": storedZip([["config.json", dense("kernel_initializer")]]), "layer.keras": storedZip([["config.json", layer]]), "dotted.keras": storedZip([["config.json", dotted]]) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["layer"]]).sort(), [
      ["act.keras", "high", "d"],
      ["dotted.keras", "high", "m"],
      ["init.keras", "high", "d"],
      ["layer.keras", "high", "l"],
    ]);
    assert.match(findings.find((f) => f.locations[0]?.path === "act.keras")?.message ?? "", /config holds a Python lambda in d: loading the model with safe_mode=False runs/);
  });

  it("does not take a layer named Lambda in another field for a Lambda layer", async () => {
    const { findings } = await run({ "m.h5": '\x89HDF\r\n\x1a\n{"class_name": "Dense", "config": {"name": "Lambda"}}' });
    assert.deepEqual(findings, []);
  });

  it("reports a lookup layer or tokenizer whose vocabulary is a path (read from the loading machine on load, CVE-2025-12058), not one that holds its vocabulary", async () => {
    const layer = (cls: string, config: Record<string, unknown>): Buffer =>
      storedZip([["config.json", Buffer.from(JSON.stringify({ module: "keras", class_name: "Sequential", config: { name: "s", layers: [{ module: "keras.layers", class_name: cls, config: { name: "v", ...config } }] } }))]]);
    const h5 = (vocabulary: unknown): string => `\x89HDF\r\n\x1a\n${JSON.stringify({ class_name: "Sequential", config: { layers: [{ class_name: "StringLookup", config: { name: "l", vocabulary } }] } })}`;
    const { findings } = await run({
      "path.keras": layer("StringLookup", { vocabulary: "/etc/passwd" }),
      "bucket.keras": layer("TextVectorization", { vocabulary: "gs://bucket/vocab.txt" }),
      "bpe.keras": layer("BytePairTokenizer", { vocabulary: null, merges: "/home/u/.ssh/id_rsa" }),
      "list.keras": layer("StringLookup", { vocabulary: ["a", "b"] }),
      "none.keras": layer("IntegerLookup", { vocabulary: null }),
      "dense.keras": layer("Dense", { vocabulary: "not a lookup layer" }),
      "path.h5": h5("/etc/passwd"),
      "list.h5": h5(["a"]),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["file"]]).sort(), [
      ["bpe.keras", "high", "/home/u/.ssh/id_rsa"],
      ["bucket.keras", "high", "gs://bucket/vocab.txt"],
      ["path.h5", "high", "/etc/passwd"],
      ["path.keras", "high", "/etc/passwd"],
    ]);
    assert.match(findings.find((f) => f.locations[0]?.path === "path.keras")?.message ?? "", /^path\.keras: layer v reads "\/etc\/passwd" when the model is loaded/);
  });

  it("finds an .h5 pair padded with whitespace of any length, within a chunk, across chunks and across a chunk that is all whitespace; never one broken by other bytes", async () => {
    const magic = Buffer.from("\x89HDF\r\n\x1a\n", "latin1");
    const MiB = 1024 * 1024;
    // The pad sits between the key and its colon, and again between the colon and the value.
    const lambda = (pad: Buffer, name: string): Buffer => Buffer.concat([Buffer.from('{"class_name"'), pad, Buffer.from(":"), pad, Buffer.from(`"Lambda", "config": {"name": "${name}"}}`)]);
    const spaces = (n: number): Buffer => Buffer.alloc(n, 0x20);
    const { findings } = await run({
      "short.h5": Buffer.concat([magic, lambda(spaces(5000), "short")]),
      "long.h5": Buffer.concat([magic, Buffer.alloc(3 * MiB), lambda(spaces(6 * MiB), "long")]),
      "broken.h5": Buffer.concat([magic, Buffer.alloc(3 * MiB), lambda(Buffer.concat([spaces(2 * MiB), Buffer.from([1, 2, 3]), spaces(2 * MiB)]), "broken")]),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"]]).sort(), [
      ["long.h5", "long"],
      ["short.h5", "short"],
    ]);
  });

  it("finds an .h5 pair whose value or closing quote falls in the next 4 MiB chunk, once", async () => {
    const magic = Buffer.from("\x89HDF\r\n\x1a\n", "latin1");
    const at = (text: string, cut: number): Buffer => {
      // The text is placed so that its byte `cut` is the first byte of the second chunk.
      const head = Buffer.alloc(4 * 1024 * 1024 - cut);
      magic.copy(head);
      return Buffer.concat([head, Buffer.from(text), Buffer.alloc(5 * 1024 * 1024)]);
    };
    const layer = '{"class_name": "Lambda", "config": {"name": "edge"}}';
    const vocab = '{"class_name": "StringLookup", "config": {"name": "v", "vocabulary": "/a/rather/long/path/to/a/vocabulary/file.txt"}}';
    const { findings } = await run({
      "split-value.h5": at(layer, layer.indexOf("bda")),
      "split-quote.h5": at(layer, layer.indexOf('", "config"')),
      "split-vocab.h5": at(vocab, vocab.indexOf('"}}')),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["layer"] ?? f.evidence["file"]]).sort(), [
      ["split-quote.h5", "edge"],
      ["split-value.h5", "edge"],
      ["split-vocab.h5", "/a/rather/long/path/to/a/vocabulary/file.txt"],
    ]);
  });
});
