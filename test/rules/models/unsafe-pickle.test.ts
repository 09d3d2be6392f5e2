import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { deflateSync } from "node:zlib";
import { rule } from "../../../src/rules/models/unsafe-pickle.js";
import { storedZip } from "../../../bench/lib/stored-zip.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tarGz } from "../../helpers/tar.js";

const run = ruleRunner(rule);
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const samples = (kind: string): Record<string, Uint8Array> => {
  const dir = fixtureDir("models/samples", kind);
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(`${dir}/${f}`)]));
};

describe("models/unsafe-pickle", () => {
  it("reports the dangerous import of each bad fixture, inside archives too", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["entry"], f.evidence["import"]]), [
      ["checkpoints/model.pt", "critical", "checkpoints/model.pt!archive/data.pkl", "commands.check_output"],
      ["model.pkl", "critical", "model.pkl", "posix.system"],
    ]);
    assert.equal(findings[1]!.message, "model.pkl imports posix.system: posix gives the loader process execution");
  });

  it("finds every dangerous sample: protocols 0-5, memoised names, a second stream, zips, nested zips, joblib, npy and npz", async () => {
    for (const [name, bytes] of Object.entries(samples("dangerous"))) {
      const { findings } = await run({ [name]: bytes });
      assert.ok(findings.some((f) => f.severity === "critical"), `${name}: ${findings.map((f) => f.message).join("; ") || "no finding"}`);
    }
  });

  it("stays quiet on real-world-shaped benign files (state dicts, legacy checkpoints, numpy, plain data); library classes are medium", async () => {
    const { findings } = await run(samples("benign"));
    // scikit-learn's estimator is built by scikit-learn's own code: medium, as picklescan and modelscan raise no issue for it; joblib's
    // array wrapper is data (the joblib file's raw array bytes spell `cos\nsystem`, which must not be read as an import).
    // A Lightning checkpoint (Namespace, a path, an AttributeDict, OmegaConf's containers), a TorchScript archive (its __torch__
    // classes), training_args.bin and a fp16 checkpoint named after its folder say nothing; XGBoost's classes are medium too.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"], f.evidence["import"]]), [
      ["estimator.joblib", "medium", "library", "sklearn.linear_model._base.LinearRegression"],
      ["xgboost.pkl", "medium", "library", "xgboost.sklearn.XGBClassifier"],
      ["xgboost.pkl", "medium", "library", "xgboost.core.Booster"],
    ]);
    assert.match(findings[0]?.message ?? "", /is a class of scikit-learn: loading the file rebuilds that object with the library's own code \(no known gadget\)/);
  });

  it("reports truncated and malformed streams; a zip bomb or an encrypted pickle entry, which it cannot read whole, makes it incomplete, naming the cap", async () => {
    const { findings, outcome, assessment } = await run(samples("malformed"));
    const byFile = Object.fromEntries(findings.map((f) => [f.locations[0]?.path, f.message]));
    assert.match(byFile["garbage.pkl"] ?? "", /unreadable at byte 12 \(byte 0xff is not a pickle opcode\)/);
    assert.match(byFile["truncated-benign.pkl"] ?? "", /ends before its STOP opcode/);
    for (const f of findings) assert.equal(f.severity, "medium");
    // The findings fail the rule; the entries it could not read are named as what it also could not judge.
    assert.equal(outcome, "fail");
    const reason = assessment.rules[0]?.reason ?? "";
    assert.match(reason, /bomb\.zip!model\/data\.pkl model\/data\.pkl inflates more than 500:1 \(a zip bomb\): what it holds was not read whole/);
    assert.match(reason, /encrypted\.zip!model\.pkl model\.pkl is encrypted/);
  });

  it("reports an unknown import as suspicious, not critical", async () => {
    const pkl = Buffer.from("\x80\x02cmypackage.model\nNet\nq\x00)\x81q\x01.", "latin1");
    const { findings } = await run({ "net.pkl": pkl });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["import"]]), [["high", "mypackage.model.Net"]]);
  });

  it("reports a class of the project's own code (a module of this repository, or __main__) a step lower, naming where it is defined", async () => {
    const pkl = (module: string): Buffer => Buffer.from(`\x80\x02c${module}\nNet\nq\x00)\x81q\x01.`, "latin1");
    const py = new TextEncoder().encode("class Net: pass\n");
    // A function by its name (`__main__.system`) is looked up in the loading script, which may have imported os's: high.
    const fn = Buffer.from("\x80\x02c__main__\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85R.", "latin1");
    const { findings } = await run({ "a.pkl": pkl("mypackage.model"), "b.pkl": pkl("__main__"), "c.pkl": pkl("models.yolo"), "d.pkl": pkl("other.thing"), "e.pkl": fn, "src/mypackage/model.py": py, "models/yolo/__init__.py": py, "vendor/other.py": py });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["a.pkl", "medium"], ["b.pkl", "medium"], ["c.pkl", "medium"], ["d.pkl", "high"], ["e.pkl", "high"]]);
    assert.match(findings[0]?.message ?? "", /\(this repository's own code, src\/mypackage\/model\.py\)$/);
    assert.match(findings[1]?.message ?? "", /\(the saving script's own code\)$/);
  });

  it("reports a STACK_GLOBAL on computed values as critical (Python's pickler never writes one)", async () => {
    // The module name comes out of a REDUCE (`str("a")`), not a literal string.
    const pkl = Buffer.from("\x80\x04\x8c\x08builtins\x8c\x03str\x93\x8c\x01a\x85R\x8c\x01c\x93.", "latin1");
    const { findings } = await run({ "x.pkl": pkl });
    assert.ok(findings.some((f) => f.evidence["kind"] === "computed" && f.severity === "critical"), findings.map((f) => f.message).join("; "));
  });

  it("reports an import whose names came after the cap on kept strings as a limit, not as computed", async () => {
    // 65 MiB of distinct 1 KiB strings (each popped) fill the string arena; the literal names after them are not kept.
    const item = Buffer.concat([Buffer.from([0x58, 0x00, 0x04, 0x00, 0x00]), Buffer.alloc(1024, 0x61), Buffer.from("0")]);
    const body = Buffer.alloc(item.length * 65 * 1024);
    for (let o = 0; o < body.length; o += item.length) item.copy(body, o);
    const pkl = Buffer.concat([Buffer.from([0x80, 0x04]), body, Buffer.from("\x8c\x0bcollections\x8c\x0bOrderedDict\x93)R.", "latin1")]);
    const { findings } = await run({ "vocab.pkl": pkl });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["kind"]]), [["medium", "limit"]]);
  });

  it("judges a gadget imported after thousands of repeated safe imports, and names the cap on distinct ones", async () => {
    const payload = "cos\nsystem\n(S'id'\ntR.";
    const repeated = Buffer.from(`${"ccollections\nOrderedDict\n0".repeat(10_001)}${payload}`, "latin1");
    let distinct = "";
    for (let i = 0; i < 10_001; i++) distinct += `cmypkg.m${i}\nC\n0`;
    const { findings } = await run({ "repeated.pkl": repeated, "distinct.pkl": Buffer.from(`${distinct}${payload}`, "latin1") });
    assert.deepEqual(findings.filter((f) => f.severity !== "high").map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [
      ["distinct.pkl", "medium", "limit"],
      ["repeated.pkl", "critical", "dangerous"],
    ]);
  });

  it("keeps a gadget imported after hundreds of unlisted classes among the findings kept for the file", async () => {
    // Past 200 findings in one file the engine only counts the rest: the critical one must come first.
    let classes = "";
    for (let i = 0; i < 300; i++) classes += `cmypkg.m${i}\nC\n0`;
    const { findings } = await run({ "model.pkl": Buffer.from(`${classes}cos\nsystem\n(S'id'\ntR.`, "latin1") });
    assert.ok(findings.some((f) => f.severity === "critical" && f.evidence["import"] === "os.system"), `${findings.length} findings, none critical`);
  });

  it("reads an .npy header however far it is padded past the first 64 KiB (np.load with allow_pickle takes any length)", async () => {
    const dict = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
    const len = 200_000;
    const header = Buffer.concat([Buffer.from("\x93NUMPY\x02\x00", "latin1"), u32(len), Buffer.from(`${dict}${" ".repeat(len - dict.length - 1)}\n`)]);
    const npy = Buffer.concat([header, Buffer.from("\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.", "latin1")]);
    const { findings } = await run({ "padded.npy": npy });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["import"]]), [["critical", "posix.system"]]);
  });

  it("reads an entry flagged as encrypted whose bytes are a pickle that starts with an unusual opcode", async () => {
    // PyTorch's reader ignores the flag; the pickle pushes and pops True before its payload.
    const data = Buffer.from("\x880cos\nsystem\n(S'id'\ntR.", "latin1");
    const n = Buffer.from("archive/data.pkl");
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0]), n, data]);
    const central = Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(0), n]);
    const zip = Buffer.concat([local, central, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0]), u32(central.length), u32(local.length), Buffer.from([0, 0])]);
    const { findings } = await run({ "model.pt": zip });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["import"]]), [["critical", "os.system"]]);
  });

  it("sniffs an .npz entry named like a PyTorch storage: np.load opens every entry by its name", async () => {
    const npy = Buffer.concat([Buffer.from("\x93NUMPY\x01\x00\x76\x00", "latin1"), Buffer.from(`${"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }".padEnd(117)}\n`), Buffer.from("\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.", "latin1")]);
    const benign = Buffer.from("\x80\x02}q\x00.", "latin1");
    // Stored entries one after another, then the central directory and the end record.
    const entries: [string, Buffer][] = [["archive/data.pkl", benign], ["archive/data/0", npy]];
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const [name, data] of entries) {
      const n = Buffer.from(name);
      const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0]), n, data]);
      centrals.push(Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(offset), n]));
      locals.push(local);
      offset += local.length;
    }
    const cd = Buffer.concat(centrals);
    const zip = Buffer.concat([...locals, cd, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 2, 0, 2, 0]), u32(cd.length), u32(offset), Buffer.from([0, 0])]);
    const { findings } = await run({ "arrays.npz": zip, "model.pt": zip });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["entry"]]), [["arrays.npz", "critical", "arrays.npz!archive/data/0"]]);
  });

  it("ignores .bin and .dat files that are not pickles", async () => {
    const { findings, outcome } = await run({ "firmware.bin": new Uint8Array([0, 1, 2, 3, 0xff]), "table.dat": "1 2 3\n" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("scans the other names torch.save, pickle and joblib output goes by: .pth.tar, AllenNLP's .th, gensim's .model, .pkl.z, .joblib.xz and .joblib.lz4", async () => {
    const evil = Buffer.from("\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00id\x85R.", "latin1");
    const dir = fixtureDir("models/samples", "dangerous");
    const { findings } = await run({
      "model_best.pth.tar": readFileSync(`${dir}/torch-zip.pt`),
      "serialization/best.th": evil,
      "word2vec.model": evil,
      "clf.pkl.z": deflateSync(evil),
      "clf.joblib.xz": readFileSync(`${dir}/xz.joblib`),
      "clf.joblib.lz4": readFileSync(`${dir}/lz4.joblib`),
      // SentencePiece's tokenizer.model is a protobuf: not a pickle, and left alone.
      "tokenizer.model": Buffer.from([0x0a, 0x0b, 0x0a, 0x05, 0x3c, 0x75, 0x6e, 0x6b, 0x3e, 0x15, 0x00, 0x00, 0x00, 0x00, 0x18, 0x02]),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [
      ["clf.joblib.lz4", "critical"],
      ["clf.joblib.xz", "critical"],
      ["clf.pkl.z", "critical"],
      ["model_best.pth.tar", "critical"],
      ["serialization/best.th", "critical"],
      ["word2vec.model", "critical"],
    ]);
  });

  it("scans .data and .dill files as picklescan and modelscan do", async () => {
    const evil = Buffer.from("\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00id\x85R.", "latin1");
    const { findings } = await run({ "train.data": evil, "model.dill": evil });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["model.dill", "critical"], ["train.data", "critical"]]);
  });

  it("stays quiet on a .bin, .dat or .data that only starts like a pickle, unless it imports a gadget", async () => {
    const { findings } = await run({
      "kernel.bin": Buffer.concat([Buffer.from("K\x01c\xe9\xa7\n\xb1\x02\n\xff"), Buffer.alloc(64, 7)]),
      "version.dat": "Version 2.1\n",
      "iris.data": "(5.1, 3.5)\n",
      "zlib.bin": Buffer.from([0x78, 0x9c, 0xff, 0xff, 0x00]),
      "half.bin": Buffer.from("\x80\x02cos\nsystem\n\xff\xff", "latin1"),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"]]), [["half.bin", "critical", "os.system"]]);
  });

  it("reports a gadget in a later stream that breaks after it (legacy PyTorch reads five), and stays quiet on raw bytes after the last stream", async () => {
    // The legacy format: magic number, protocol version, sys_info, then the payload stream, cut by a byte that is no opcode.
    const magic = "\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19.\x80\x02M\xe9\x03.";
    const evil = Buffer.from(`${magic}\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R\xff`, "latin1");
    const storages = Buffer.from(`${magic}\x80\x02}q\x00.(K\x01K\x02csomething\nelse\n\xff`, "latin1");
    const { findings } = await run({ "model.pt": evil, "weights.bin": evil, "ok.pt": storages });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"]]), [["model.pt", "critical", "os.system"], ["weights.bin", "critical", "os.system"]]);
    assert.match(findings[0]!.message, /in pickle stream 3, which breaks after it/);
  });

  it("reads a pickle that starts with an opcode Python's pickler never starts with (the unpickler takes any), in files and archives", async () => {
    // A float, a set or True pushed and popped, then the payload: pickle.load runs it all the same.
    const payload = "0cos\nsystem\n(S'id'\ntR.";
    const zip = (name: string, data: Buffer): Buffer => {
      // One stored entry: local header, data, central directory, end record.
      const n = Buffer.from(name);
      const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0]), n, data]);
      const central = Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(0), n]);
      return Buffer.concat([local, central, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0]), u32(central.length), u32(local.length), Buffer.from([0, 0])]);
    };
    const { findings } = await run({
      "float.pkl": Buffer.from(`G${"\x00".repeat(8)}${payload}`, "latin1"),
      "set.bin": Buffer.from(`\x8f${payload}`, "latin1"),
      "true.pt": Buffer.from(`\x88${payload}`, "latin1"),
      "text-float.pth": `F1.5\n${payload}`,
      "archive.pt": zip("archive/data.pkl", Buffer.from(`G${"\x00".repeat(8)}${payload}`, "latin1")),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"]]), [
      ["archive.pt", "critical", "os.system"],
      ["float.pkl", "critical", "os.system"],
      ["set.bin", "critical", "os.system"],
      ["text-float.pth", "critical", "os.system"],
      ["true.pt", "critical", "os.system"],
    ]);
  });

  it("stays quiet on text whose first line is no number where a pickle would want one, whatever it spells later", async () => {
    // `L` and `F` start a LONG and a FLOAT, which Python refuses to convert: the unpickler stops there.
    const { findings } = await run({ "notes.data": "Lorem ipsum\ncos\nsystem\n(S'id'\ntR.", "Fabric.pt": "Fabric\n0cos\nsystem\n(S'id'\ntR.", "platforms.dat": "a,b\nios\nandroid\n" });
    assert.deepEqual(findings, []);
  });

  it("does not judge a Git LFS pointer in place of a model, and is incomplete for it", async () => {
    const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
    const { findings, outcome } = await run({ "model.pt": pointer, "weights.pkl": pointer });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });

  it("leaves page templates (.pt), Python path files (.pth), SPSS and IDL files (.sav) and TensorFlow V1 checkpoints (.ckpt) alone, unless their bytes are a pickle", async () => {
    const { findings } = await run({
      "skins/main.pt": '<html xmlns:tal="http://xml.zope.org/namespaces/tal">\n<p tal:content="here/title">Title</p>\n</html>\n',
      "site/distutils-precedence.pth": "import os; var = 'SETUPTOOLS_USE_DISTUTILS'\n",
      "survey.sav": Buffer.concat([Buffer.from("$FL2@(#) SPSS DATA FILE"), Buffer.alloc(64)]),
      // IDL save files, plain and compressed (a zlib stream after the record header).
      "idl/scalar.sav": Buffer.concat([Buffer.from([0x53, 0x52, 0x00, 0x04, 0, 0, 0, 0x0a, 0, 0, 0x04, 0x44]), Buffer.alloc(64)]),
      "idl/compressed.sav": Buffer.concat([Buffer.from([0x53, 0x52, 0x00, 0x06, 0, 0, 0, 0x0a, 0, 0, 0, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0, 0x78, 0x9c]), Buffer.from("c`\x18\x05\ngarbage\n", "latin1")]),
      "text-pickle.pt": "cos\nsystem\n(S'id'\ntR.",
      "garbage.pt": Buffer.from([0x00, 0xff, 0x10, 0x20]),
      // A TensorFlow V1 checkpoint: a LevelDB table, whose 48-byte footer ends with the table magic.
      "tf1/model.ckpt": Buffer.concat([Buffer.alloc(120, 0), Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])]),
      "broken.ckpt": Buffer.alloc(128, 0),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["broken.ckpt", "medium"], ["garbage.pt", "medium"], ["text-pickle.pt", "critical"]]);
  });

  it("leaves a .npy with a broken header to models/malformed-model, and is incomplete for it", async () => {
    const { findings, outcome } = await run({ "a.npy": "not an array\n", "b.npy": Buffer.from("\x93NUMPY\x09\x00", "latin1") });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });

  it("names the compression of a joblib file it cannot open (zstd) instead of calling it malformed; an LZ4 frame cut short is malformed; a compressed .bin is not a model", async () => {
    const { findings, assessment } = await run({ "a.joblib": Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7]), "b.pkl": Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]), "data.bin": Buffer.from("BZh91AY&SY", "latin1") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [["a.joblib", "medium", "malformed"]]);
    assert.match(findings[0]!.message, /could not be decompressed whole \(cut short\)/);
    // A pickle assay cannot decompress is unread evidence: the rule is incomplete for it.
    assert.match(assessment.rules[0]?.reason ?? "", /b\.pkl is compressed with zstd, which assay cannot open/);
  });

  it("reads a joblib file on through zlib streams written one after another, as joblib's reader does", async () => {
    // The pickle runs across the two streams: the first holds its start, the second the payload and STOP.
    const pkl = Buffer.from("\x80\x02}q\x00(X\x01\x00\x00\x00aK\x01X\x01\x00\x00\x00bcposix\nsystem\nX\x02\x00\x00\x00id\x85Ru.", "latin1");
    const file = Buffer.concat([deflateSync(pkl.subarray(0, 20)), deflateSync(pkl.subarray(20)), Buffer.from("trailing bytes joblib ignores")]);
    const { findings } = await run({ "model.joblib": file });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["import"]]), [["critical", "posix.system"]]);
  });

  it("names a 7z archive in a model's place (nullifAI's wrapper) whose packed stream holds no pickle; pytorch_model.bin promises a checkpoint, another .bin does not", async () => {
    const seven = Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), Buffer.alloc(56, 1)]);
    const { findings } = await run({ "pytorch_model.bin": seven, "model.pt": seven, "other.bin": seven, "pytorch_model-00001-of-00002.bin": "not a checkpoint at all\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [
      ["model.pt", "medium", "limit"],
      ["pytorch_model-00001-of-00002.bin", "medium", "malformed"],
      ["pytorch_model.bin", "medium", "limit"],
    ]);
    assert.match(findings[0]!.message, /is a 7z archive, which torch\.load cannot open/);
  });

  it("decompresses xz, .lzma, bzip2 and 7z (LZMA and LZMA2) and judges the pickles inside; a cut xz stream is judged as far as it goes", async () => {
    const dir = fixtureDir("models/samples", "dangerous");
    const xz = readFileSync(`${dir}/xz.joblib`);
    const { findings } = await run({
      "a.joblib": xz,
      "cut.joblib": xz.subarray(0, xz.length - 40),
      "b.joblib": readFileSync(`${dir}/lzma.joblib`),
      "c.pt": readFileSync(`${dir}/seven-zip.pt`),
      "pytorch_model.bin": readFileSync(`${dir}/pytorch_model-7z-lzma.bin`),
      // A .bin is decompressed only when its first bytes then read as a pickle.
      "payload.bin": readFileSync(`${dir}/bz2.joblib`),
      // picklescan opens .7z files too; one that holds no pickle says nothing.
      "d.7z": readFileSync(`${dir}/seven-zip.pt`),
      "e.7z": Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), Buffer.alloc(56, 1)]),
    });
    assert.deepEqual(findings.filter((f) => f.severity === "critical").map((f) => [f.locations[0]?.path, f.evidence["import"]]), [
      ["a.joblib", "posix.system"],
      ["b.joblib", "posix.system"],
      ["c.pt", "posix.system"],
      ["cut.joblib", "posix.system"],
      ["d.7z", "posix.system"],
      ["payload.bin", "posix.system"],
      ["pytorch_model.bin", "posix.system"],
    ]);
    assert.equal(findings.find((f) => f.locations[0]?.path === "c.pt")?.evidence["entry"], "c.pt!7z");
    assert.equal(findings.filter((f) => f.locations[0]?.path === "e.7z").length, 0);
  });

  it("reads PyTorch's tar checkpoints; a broken tar is reported when its name promises a model, and its members read before the break are judged", async () => {
    const dir = fixtureDir("models/samples", "dangerous");
    const evil = readFileSync(`${dir}/torch-tar.pt`);
    const benign = readFileSync(`${fixtureDir("models/samples", "benign")}/torch-tar.pt`);
    // Break the third header, after sys_info (a header and one block) and the pickle member (a header at 1024, its size in octal at 124): the pickle before it still counts.
    const broken = (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      const size = Number.parseInt(c.subarray(1024 + 124, 1024 + 135).toString("latin1"), 8);
      const at = 1024 + 512 + Math.ceil(size / 512) * 512 + 1;
      c[at] = (c[at] as number) ^ 0x20;
      return c;
    };
    const { findings } = await run({ "evil.bin": broken(evil), "ok.bin": broken(benign), "ok.pt": broken(benign) });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]).sort(), [
      ["evil.bin", "critical", "dangerous"],
      ["ok.pt", "medium", "malformed"],
    ]);
  });

  it("reads PyTorch's tar checkpoints written with pre-POSIX (V7) headers, which Python's tarfile opens without a magic", async () => {
    // Each header loses its ustar magic and the fields after it, and gets its checksum again.
    const v7 = (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      for (let at = 0; at + 512 <= c.length && c[at] !== 0; ) {
        const size = Number.parseInt(c.subarray(at + 124, at + 135).toString("latin1"), 8);
        c.fill(0, at + 257, at + 512);
        c.fill(0x20, at + 148, at + 156);
        let sum = 0;
        for (let i = at; i < at + 512; i++) sum += c[i] as number;
        c.write(`${sum.toString(8).padStart(6, "0")}\0 `, at + 148, "latin1");
        at += 512 + Math.ceil(size / 512) * 512;
      }
      return c;
    };
    const evil = v7(readFileSync(`${fixtureDir("models/samples", "dangerous")}/torch-tar.pt`));
    const benign = v7(readFileSync(`${fixtureDir("models/samples", "benign")}/torch-tar.pt`));
    assert.equal(evil.subarray(257, 262).toString("latin1"), "\0\0\0\0\0");
    const { findings } = await run({ "pytorch_model.bin": evil, "ok.pt": benign });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["format"]]), [["pytorch_model.bin", "critical", "tar"]]);
  });

  it("judges NeMo's .nemo files: the checkpoint inside the tar", async () => {
    const payload = Buffer.from("\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.", "latin1");
    const nemo = tarGz([{ name: "model_config.yaml", data: "a: 1\n" }, { name: "model_weights.ckpt", data: storedZip([["model_weights/data.pkl", payload]]) }]);
    const { findings } = await run({ "models/asr.nemo": nemo });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"], f.evidence["format"]]), [["models/asr.nemo", "critical", "posix.system", "tar"]]);
  });

  it("is not applicable without pickle-based files", async () => {
    assert.equal((await run({ "model.safetensors": new Uint8Array(16) })).outcome, "not-applicable");
  });
  it("reports what a stream that only may be a pickle computes or imports before it breaks, a step lower, and a pickle in front of a zip archive as any pickle", async () => {
    const computed = Buffer.from("\x80\x04\x8c\x08builtins\x8c\x03str\x93\x8c\x01a\x85R\x8c\x01c\x93\xff", "latin1");
    const unlisted = Buffer.from("\x80\x04\x8c\x0dpkg_resources\x8c\x10EntryPoint.parse\x93\x8c\x0dx = os:system\x85R0\xff", "latin1");
    const n = Buffer.from("archive/data.pkl");
    const data = Buffer.from("\x80\x02}q\x00.", "latin1");
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0]), n, data]);
    const central = Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(data.length), Buffer.from([n.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(0), n]);
    const zip = Buffer.concat([local, central, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0]), u32(central.length), u32(local.length), Buffer.from([0, 0])]);
    const polyglot = Buffer.concat([Buffer.from("\x880\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.", "latin1"), zip]);
    // A library class before the break is a step lower again: low.
    const library = Buffer.from("\x80\x04\x8c\x14sklearn.svm._classes\x8c\x03SVC\x93)R0\xff", "latin1");
    const { findings } = await run({ "computed.bin": computed, "unlisted.bin": unlisted, "polyglot.pt": polyglot, "polyglot.pkl": polyglot, "svm.bin": library });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"], f.evidence["brokeAt"] ?? null]), [
      ["computed.bin", "high", "computed", 27],
      ["polyglot.pkl", "critical", "dangerous", null],
      ["polyglot.pt", "critical", "dangerous", null],
      ["svm.bin", "low", "library", 33],
      ["unlisted.bin", "medium", "suspicious", 54],
    ]);
  });

  it("reports an EXT import in a pickle, and takes one at the start of float weights named .data or .bin for the break it is", async () => {
    // float16 weights whose first bytes read as EXT2 then STOP: the registry is empty unless the loading program fills it.
    const weights = Buffer.concat([Buffer.from([0x83, 0x2b, 0xd0, 0x2e]), Buffer.from(new Float32Array([0.25, -1.5, 3]).buffer)]);
    const { findings } = await run({ "model.onnx_data.data": weights, "weights.bin": weights, "model.pkl": Buffer.from("\x80\x02\x82\x01X\x02\x00\x00\x00id\x85R.", "latin1") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [["model.pkl", "high", "suspicious"]]);
  });

  it("is incomplete for a pickle entry it cannot read (a compression method it does not know), never passed", async () => {
    const n = Buffer.from("archive/data.pkl");
    const data = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 93, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(46), Buffer.from([n.length, 0, 0, 0]), n, data]);
    const central = Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0, 93, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(data.length), u32(46), Buffer.from([n.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), u32(0), n]);
    const zip = Buffer.concat([local, central, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0]), u32(central.length), u32(local.length), Buffer.from([0, 0])]);
    const { findings, outcome, assessment } = await run({ "model.pt": zip });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /model\.pt!archive\/data\.pkl archive\/data\.pkl uses compression method 93, which assay does not read: what it holds was not read whole/);
  });

  it("shows terminal escapes in an import's names inert, and says a .pkl is empty", async () => {
    const { findings } = await run({ "model.pkl": Buffer.from("\x80\x02cos\x1b[2K\r\x1b[1A\nsystem\n)R.", "latin1"), "empty.pkl": "" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["empty.pkl", "medium"], ["model.pkl", "high"]]);
    assert.match(findings[0]!.message, /empty\.pkl is empty \(0 bytes\)/);
    assert.ok(!/[\u0000-\u001f]/.test(findings[1]!.message), findings[1]!.message);
    assert.match(findings[1]!.message, /imports os\\e\[2K\\r\\e\[1A\.system/);
  });

  it("stays quiet on stdlib values Python's pickler writes through builtins.type (type(None)) and Python 3.13's pathlib._local paths", async () => {
    // pickle.dumps({"t": type(None), "p": pathlib.PurePosixPath("/a")}, 2) as 3.11 writes it, and a PosixPath as 3.13 writes it.
    const noneType = Buffer.from("\x80\x02}q\x00X\x01\x00\x00\x00tq\x01c__builtin__\ntype\nq\x02N\x85q\x03Rq\x04s.", "latin1");
    const path313 = Buffer.from("\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x0epathlib._local\x94\x8c\tPosixPath\x94\x93\x94\x8c\x01/\x94\x8c\x01a\x94\x86\x94R\x94.", "latin1");
    const { findings } = await run({ "none-type.pkl": noneType, "path.pkl": path313, "unlink.pkl": Buffer.from("\x80\x04\x8c\x0epathlib._local\x8c\x0bPath.unlink\x93.", "latin1") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"]]), [["unlink.pkl", "critical", "pathlib._local.Path.unlink"]]);
  });

  it("reports a FRAME longer than Python's unpicklers accept as unreadable, and still judges the import behind it", async () => {
    const file = Buffer.concat([Buffer.from([0x80, 0x04, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x80]), Buffer.from("cos\nsystem\n\x8c\x02id\x85R.", "latin1")]);
    const { findings } = await run({ "model.pkl": file, "weights.bin": file });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [
      ["model.pkl", "critical", "dangerous"],
      ["model.pkl", "medium", "malformed"],
    ]);
    assert.match(findings[1]!.message, /unreadable at byte 2 \(FRAME length 9223372036854775808 exceeds what Python's unpicklers accept/);
  });

  it("leaves a .bin alone whose GLOBAL names bytes that are not UTF-8 (Python refuses them before importing anything)", async () => {
    const { findings } = await run({ "not_a_pickle.bin": Buffer.from("cmod\n\xf8\n", "latin1"), "model.pkl": Buffer.from("cmod\n\xf8\n(tR.", "latin1") });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["kind"]]), [["model.pkl", "medium", "malformed"]]);
  });

  it("judges dill's _load_type by the type it loads: a checkpoint saved with dill (type(None), slice) is not critical for it, a code constructor is", async () => {
    // A YOLO-style checkpoint as dill writes it at protocol 2: a library class, then `_load_type('NoneType')` and `_load_type('slice')`.
    const checkpoint = Buffer.from(
      "\x80\x02}q\x00(X\x05\x00\x00\x00modelq\x01cultralytics.nn.tasks\nDetectionModel\nq\x02)\x81q\x03X\x01\x00\x00\x00tq\x04cdill._dill\n_load_type\nq\x05X\x08\x00\x00\x00NoneTypeq\x06\x85q\x07Rq\x08X\x01\x00\x00\x00sq\x09h\x05X\x05\x00\x00\x00sliceq\x0a\x85q\x0bRq\x0cK\x01K\x02N\x87q\x0dRq\x0eu.",
      "latin1",
    );
    const code = Buffer.from("\x80\x02cdill._dill\n_load_type\nq\x00X\x08\x00\x00\x00CodeTypeq\x01\x85q\x02Rq\x03.", "latin1");
    const { findings } = await run({ "yolo.pt.pkl": checkpoint, "code.pkl": code });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["import"]]), [
      ["code.pkl", "critical", "dill._dill._load_type"],
      ["yolo.pt.pkl", "medium", "ultralytics.nn.tasks.DetectionModel"],
    ]);
    assert.match(findings[0]!.message, /_load_type is called for CodeType: dill's type table hands the loader code, function, module or file constructors/);
  });
});
