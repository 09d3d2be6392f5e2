import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { deflateSync, gunzipSync, gzipSync } from "node:zlib";
import { storedZip } from "../../../bench/lib/stored-zip.js";
import { rule } from "../../../src/rules/models/pickle-format.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tarGz } from "../../helpers/tar.js";

const run = ruleRunner(rule);
const benign = (f: string): Buffer => readFileSync(`${fixtureDir("models/samples", "benign")}/${f}`);

describe("models/pickle-format", () => {
  it("recommends safetensors for a PyTorch checkpoint", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.severity]), [["model.pt is a PyTorch zip checkpoint (a pickle): loading it can run code; publish safetensors instead", "low"]]);
  });

  it("reports pickles and object arrays, not float arrays or unrelated .bin files", async () => {
    const { findings } = await run({ "a.pkl": benign("plain-data.pkl"), "b.npy": benign("floats.npy"), "c.bin": new Uint8Array([1, 2, 3]), "legacy.pth": benign("legacy.pth"), "tar.pt": benign("torch-tar.pt") });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["a.pkl", "legacy.pth", "tar.pt"]);
  });

  it("reports a pickle in front of a zip archive, whatever its first opcode, and an .npy whose header it cannot read exactly as possibly holding objects", async () => {
    const zip = storedZip([["archive/data.pkl", Buffer.from("\x80\x02}q\x00.", "latin1")]]);
    const npy = (dict: string): Buffer => Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", "latin1"), Buffer.from([dict.length + 1, 0]), Buffer.from(`${dict}\n`)]);
    const { findings } = await run({
      "polyglot.pt": Buffer.concat([Buffer.from("\x880\x80\x02}q\x00.", "latin1"), zip]),
      "dup.npy": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'descr': '|O'}"),
      "named.npy": npy("{'descr': '\\N{LATIN CAPITAL LETTER O}', 'fortran_order': False, 'shape': (1,)}"),
      "floats.npy": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}"),
      "stub.pt": Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), zip]),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["format"]]), [
      ["dup.npy", "a NumPy object array (a pickle)"],
      ["named.npy", "a NumPy array that may hold objects (a pickle): its header is not a Python literal assay reads exactly (a \\N{…} escape (a character by name) is not read at character 11)"],
      ["polyglot.pt", "a pickle"],
    ]);
  });

  it("reports torch.save's archive whatever the file is named, and finds its data.pkl as torch.load does, without case", async () => {
    const archive = (pkl: string): Buffer => storedZip([[`archive/${pkl}`, Buffer.from("\x80\x02}q\x00.", "latin1")], ["archive/version", Buffer.from("3\n")]]);
    const { findings } = await run({ "model.pkl": archive("data.pkl"), "model.pickle": archive("data.pkl"), "upper.pt": archive("DATA.PKL"), "arrays.npz": archive("data.pkl"), "other.pt": archive("notes.txt") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["format"]]).sort(), [
      ["model.pickle", "a PyTorch zip checkpoint (a pickle)"],
      ["model.pkl", "a PyTorch zip checkpoint (a pickle)"],
      ["upper.pt", "a PyTorch zip checkpoint (a pickle)"],
    ]);
  });

  it("reports a compressed joblib file or pickle, which joblib.load and pandas.read_pickle decompress and unpickle; not other compressed data", async () => {
    const pkl = benign("plain-data.pkl");
    const { findings } = await run({ "model.joblib": deflateSync(pkl), "frame.pkl.gz": gzipSync(pkl), "vocab.pkl.xz": benign("xz.joblib"), "weights.bin": deflateSync(pkl), "notes.txt.gz": gzipSync("notes") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["format"]]), [
      ["frame.pkl.gz", "a pickle compressed with gzip (joblib.load and pandas.read_pickle unpickle it)"],
      ["model.joblib", "a pickle compressed with zlib (joblib.load and pandas.read_pickle unpickle it)"],
      ["vocab.pkl.xz", "a pickle compressed with xz (joblib.load and pandas.read_pickle unpickle it)"],
    ]);
  });

  it("reports a NeMo archive, plain or gzipped, as the torch checkpoint it holds; not a .nemo that is no tar", async () => {
    const gz = tarGz([{ name: "model_config.yaml", data: "a: 1\n" }, { name: "model_weights.ckpt", data: storedZip([["m/data.pkl", Buffer.from("\x80\x02}q\x00.", "latin1")]]) }]);
    const { findings } = await run({ "a.nemo": gz, "b.nemo": gunzipSync(gz), "c.nemo": Buffer.from("weights elsewhere\n") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["format"]]), [
      ["a.nemo", "a NeMo archive (a tar holding a torch.save checkpoint, which restore_from unpickles)"],
      ["b.nemo", "a NeMo archive (a tar holding a torch.save checkpoint, which restore_from unpickles)"],
    ]);
  });

  it("reports a .bin or .dat only when it reads as a pickle, not when it merely starts with a pickle's first byte", async () => {
    const { findings } = await run({
      "kernel.bin": Buffer.concat([Buffer.from("K\x01\xff"), Buffer.alloc(64, 7)]),
      "version.dat": "Version 2.1\n",
      "iris.data": "(5.1, 3.5)\n",
      "blob.bin": Buffer.from([0x80, 0x02, 0xad, 0x00, 0x13]),
      "pytorch_model.bin": benign("legacy.pth"),
      "table.data": benign("plain-data.pkl"),
      "site/setup-hooks.pth": "import os; os.environ.setdefault('X', '1')\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["pytorch_model.bin", "table.data"]);
    // An empty tuple and its STOP at the start of float weights is no pickle file; a protocol 0 pickle alone in one is.
    const floats = Buffer.concat([Buffer.from(").", "latin1"), Buffer.from(new Float32Array([0.5, -0.25, 1, 2]).buffer)]);
    const again = await run({ "weights.data": floats, "vocab.bin": Buffer.from("(lp0\nS'a'\np1\na.", "latin1") });
    assert.deepEqual(again.findings.map((f) => f.locations[0]?.path), ["vocab.bin"]);
  });
});
