import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { deflateRawSync, gunzipSync } from "node:zlib";
import { storedZip } from "../../../bench/lib/stored-zip.js";
import { scanModelBytes, scanModelSource } from "../../../src/ecosystems/models/walk.js";
import { bytesSource, type RangeSource } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";
import { tarGz } from "../../helpers/tar.js";

const u16 = (n: number): Buffer => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** A zip of entries whose bytes are given as stored in the archive, with their method and inflated size (CRCs left 0). */
function rawZip(entries: { name: string; method: number; data: Buffer; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const n = Buffer.from(e.name, "latin1");
    const head = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), u16(e.method), Buffer.alloc(8), u32(e.data.length), u32(e.size), u16(n.length), u16(0), n]);
    central.push(Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0]), u16(e.method), Buffer.alloc(8), u32(e.data.length), u32(e.size), u16(n.length), Buffer.alloc(12), u32(offset), n]));
    locals.push(head, e.data);
    offset += head.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  return Buffer.concat([...locals, cd, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0]), u16(entries.length), u16(entries.length), u32(cd.length), u32(offset), u16(0)]);
}

const PAYLOAD = Buffer.from("\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.", "latin1");
const BENIGN = Buffer.from("\x80\x02}q\x00.", "latin1");
const summary = (findings: { kind: string; where: string; module?: string; name?: string; uninspected?: true; brokeAt?: number }[]): string[] =>
  findings.map((f) => `${f.kind} ${f.where}${f.module !== undefined ? ` ${f.module}.${f.name}` : ""}${f.uninspected ? " uninspected" : ""}${f.brokeAt !== undefined ? ` broke@${f.brokeAt}` : ""}`);

/** A source that counts the bytes read from it. */
function counted(bytes: Uint8Array): RangeSource & { bytesRead: number } {
  const inner = bytesSource(bytes);
  const src = {
    size: inner.size,
    bytesRead: 0,
    async read(o: number, l: number): Promise<Uint8Array> {
      const r = await inner.read(o, l);
      src.bytesRead += r.length;
      return r;
    },
  };
  return src;
}

describe("model walk", () => {
  it("stops reading a file at the first break when it may not be a pickle, and after the raw data that follows the last stream", async () => {
    // 20 MiB that start like a pickle (a dangerous import) and break at once: nothing after the break can run.
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    big.set(Buffer.from("cos\nsystem\n\xff", "latin1"));
    const bin = counted(big);
    const scan = await scanModelSource(bin, "weights.bin");
    assert.deepEqual(scan.findings.map((f) => [f.kind, `${f.module}.${f.name}`]), [["dangerous", "os.system"]]);
    assert.ok(bin.bytesRead < 10 * 1024 * 1024, `${bin.bytesRead} bytes read`);
    // A complete stream, then raw bytes (as after a legacy checkpoint's last stream).
    const legacy = new Uint8Array(20 * 1024 * 1024).fill(0xff);
    legacy.set(Buffer.from("\x80\x02}q\x00.", "latin1"));
    const pt = counted(legacy);
    assert.deepEqual((await scanModelSource(pt, "model.pt")).findings, []);
    assert.ok(pt.bytesRead < 10 * 1024 * 1024, `${pt.bytesRead} bytes read`);
  });

  it("judges a pickle in front of a zip archive as any pickle, whatever opcode it starts with: only a file starting with a local header is opened as a zip", async () => {
    const archive = storedZip([["archive/data.pkl", BENIGN], ["archive/version", Buffer.from("3\n")]]);
    for (const first of ["\x880", "G\x00\x00\x00\x00\x00\x00\x00\x000", "\x95\x10\x00\x00\x00\x00\x00\x00\x00", ""]) {
      for (const name of ["model.pt", "model.pkl", "weights.bin"]) {
        const scan = await scanModelBytes(Buffer.concat([Buffer.from(first, "latin1"), PAYLOAD, archive]), name);
        assert.deepEqual(summary(scan.findings), [`dangerous ${name} posix.system`], `${JSON.stringify(first)} ${name}`);
        assert.equal(scan.format, "zip");
      }
      // A class outside the safe list in the prefix is judged as in any pickle, not only gadgets.
      const unlisted = Buffer.from("\x80\x02cmypkg\nNet\nq\x00)\x81q\x01.", "latin1");
      assert.deepEqual(summary((await scanModelBytes(Buffer.concat([Buffer.from(first, "latin1"), unlisted, archive]), "model.pt")).findings), ["suspicious model.pt mypkg.Net"]);
    }
    // A stub that is no pickle (an executable's header) before the archive: only the archive is judged.
    assert.deepEqual((await scanModelBytes(Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), archive]), "model.pt")).findings, []);
  });

  it("keeps what a stream that only may be a pickle computes or imports before it breaks, marked with the break; text that cannot be an import stays quiet", async () => {
    // STACK_GLOBAL on a module name out of a REDUCE (`str("a")`), then a byte that is no opcode.
    const computed = Buffer.from("\x80\x04\x8c\x08builtins\x8c\x03str\x93\x8c\x01a\x85R\x8c\x01c\x93\xff", "latin1");
    const entryPoint = Buffer.from("\x80\x04\x8c\x0dpkg_resources\x8c\x10EntryPoint.parse\x93\x8c\x0dx = os:system\x85R0\xff", "latin1");
    assert.deepEqual(summary((await scanModelBytes(computed, "weights.bin")).findings), ["computed weights.bin broke@27"]);
    assert.deepEqual(summary((await scanModelBytes(entryPoint, "weights.bin")).findings), ["suspicious weights.bin pkg_resources.EntryPoint.parse broke@54"]);
    assert.match((await scanModelBytes(entryPoint, "weights.bin")).findings[0]?.message ?? "", /the stream then breaks at byte 54, after the loader has run it$/);
    // A page template named .pt holds the same payload after its text.
    const page = Buffer.concat([Buffer.from(`S'${"A".repeat(9000)}'\n0`), computed]);
    assert.deepEqual(summary((await scanModelBytes(page, "skins/page.pt")).findings), ["computed skins/page.pt broke@9032"]);
    // Text whose lines read as an INST or GLOBAL of names Python could not import, or as nothing: no finding.
    for (const text of ["class Foo:\n    pass\n", "iOS builds\nand more\n", "cat and dog\nlist\n"]) assert.deepEqual((await scanModelBytes(Buffer.from(text), "notes.bin")).findings, [], text);
    // A file named as a pickle is judged whole, as before: the break is its own finding.
    assert.deepEqual(summary((await scanModelBytes(computed, "model.pkl")).findings), ["computed model.pkl", "malformed model.pkl"]);
  });

  it("inflates the first bytes of a pickle entry that declares a bomb's ratio, and marks what it could not read as uninspected", async () => {
    // os.system in the first bytes, then 8 MiB of padding that deflates past 500:1.
    const padded = Buffer.concat([PAYLOAD.subarray(0, -1), Buffer.from("0", "latin1"), Buffer.alloc(8 * 1024 * 1024, 0x4e), Buffer.from(".")]);
    const bomb = rawZip([{ name: "archive/data.pkl", method: 8, data: deflateRawSync(padded, { level: 9 }), size: padded.length }]);
    assert.deepEqual(summary((await scanModelBytes(bomb, "model.pt")).findings), ["dangerous model.pt!archive/data.pkl posix.system", "limit model.pt!archive/data.pkl uninspected"]);
    // zstd (method 93), a method assay does not read; an undecodable deflate stream; a truncated entry.
    const zstd = rawZip([{ name: "archive/data.pkl", method: 93, data: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]), size: 46 }]);
    assert.deepEqual(summary((await scanModelBytes(zstd, "model.pt")).findings), ["limit model.pt!archive/data.pkl uninspected"]);
    const corrupt = rawZip([{ name: "archive/data.pkl", method: 8, data: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 46 }]);
    assert.deepEqual(summary((await scanModelBytes(corrupt, "model.pt")).findings), ["malformed model.pt!archive/data.pkl uninspected"]);
    // An entry whose name promises nothing is left alone when unreadable, as before.
    assert.deepEqual((await scanModelBytes(rawZip([{ name: "notes.txt", method: 93, data: Buffer.alloc(8), size: 8 }]), "bundle.zip")).findings, []);
    // A plain array compressed past the ratio (zeros) is read, and is no finding at all.
    const zeros = Buffer.concat([Buffer.from("\x93NUMPY\x01\x00\x76\x00", "latin1"), Buffer.from(`{'descr': '<f8', 'fortran_order': False, 'shape': (1048576,), }`.padEnd(117, " ") + "\n"), Buffer.alloc(8 * 1024 * 1024)]);
    assert.deepEqual((await scanModelBytes(rawZip([{ name: "zeros.npy", method: 8, data: deflateRawSync(zeros), size: zeros.length }]), "arrays.npz")).findings, []);
  });

  it("reads an entry where its central record says, as Python's zipfile and torch's reader do, when the local header disagrees", async () => {
    // One stored entry whose local header and central record differ in name, extra field length, method or CRC.
    const entry = (o: { central: string; local: string; extra?: Buffer; data: Buffer; method?: number; localMethod?: number }): Buffer => {
      const extra = o.extra ?? Buffer.alloc(0);
      const [cn, ln] = [Buffer.from(o.central), Buffer.from(o.local)];
      const head = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), u16(o.localMethod ?? 0), Buffer.alloc(8), u32(o.data.length), u32(o.data.length), u16(ln.length), u16(extra.length), ln, extra]);
      const cd = Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0]), u16(o.method ?? 0), Buffer.alloc(8), u32(o.data.length), u32(o.data.length), u16(cn.length), Buffer.alloc(12), u32(0), cn]);
      return Buffer.concat([head, o.data, cd, Buffer.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0]), u32(cd.length), u32(head.length + o.data.length), u16(0)]);
    };
    // A benign pickle in the local header's extra field, where a reader that trusted the central record's lengths would start.
    const decoy = Buffer.concat([Buffer.from([0x99, 0x99, BENIGN.length, 0]), BENIGN]);
    const cases: [string, Buffer][] = [
      ["renamed.pt", entry({ central: "archive/version", local: "archive/data.pkl", data: PAYLOAD })],
      ["extra.pt", entry({ central: "archive/data.pkl", local: "archive/data.pkl", extra: decoy, data: PAYLOAD })],
      ["method.pt", entry({ central: "archive/data.pkl", local: "archive/data.pkl", data: deflateRawSync(PAYLOAD), method: 8, localMethod: 0 })],
    ];
    for (const [name, zip] of cases) assert.deepEqual(summary((await scanModelBytes(zip, name)).findings).filter((f) => f.startsWith("dangerous")), [`dangerous ${name}!${name === "renamed.pt" ? "archive/version" : "archive/data.pkl"} posix.system`], name);
  });

  it("reads zip entry names as Python's zipfile does, cut at the first NUL", async () => {
    const scan = await scanModelBytes(storedZip([["archive/data.pkl\u0000junk", PAYLOAD]]), "model.pt");
    assert.deepEqual(summary(scan.findings), ["dangerous model.pt!archive/data.pkl posix.system"]);
  });

  it("judges an .npz entry by the header NumPy reads: the last of duplicate descr keys", async () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'descr': '|O', }";
    const header = Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", "latin1"), u16(dict.length + 1), Buffer.from(`${dict}\n`)]);
    const scan = await scanModelBytes(storedZip([["a.npy", Buffer.concat([header, PAYLOAD])]]), "arrays.npz");
    assert.deepEqual(summary(scan.findings), ["dangerous arrays.npz!a.npy posix.system"]);
  });

  it("reads a joblib file again as pickle.load and torch.load read it: what they import in the bytes joblib takes for array data counts", async () => {
    const bu = (t: string): string => `X${String.fromCharCode(t.length, 0, 0, 0)}${t}`;
    // A NumpyArrayWrapper of `n` items of `dtype`, as joblib pickles it: after its BUILD joblib reads the array's bytes (or an object array's own stream).
    const wrapper = (dtype: string, n: number): string =>
      `cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81}(${bu("subclass")}cnumpy\nndarray\n${bu("shape")}K${String.fromCharCode(n)}\x85${bu("order")}${bu("C")}` +
      `${bu("dtype")}cnumpy\ndtype\n${bu(dtype)}\x89\x88\x87R(K\x03${bu("|")}NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb${bu("allow_mmap")}\x89ub`;
    // 15 bytes of `u1` data to joblib; to pickle.load, a GLOBAL of builtins.eval, which the REDUCE after them calls.
    const raw = Buffer.from(`\x80\x02${wrapper("u1", 15)}cbuiltins\neval\n${bu("1")}\x85R.`, "latin1");
    // An object array's stream memoises builtins and dict from 0, as joblib reads it; pickle.load reads on in the same
    // memo, where they land at 2 and 3, so GET 0 and GET 1 fetch builtins and eval.
    const memo = Buffer.from(`\x80\x02${bu("builtins")}q\x00${bu("eval")}q\x0100${wrapper("O8", 1)}\x80\x02${bu("builtins")}\x94${bu("dict")}\x94\x30\x30h\x00h\x01\x93${bu("1")}\x85R..`, "latin1");
    for (const [bytes, name] of [[raw, "model.pkl"], [raw, "pytorch_model.bin"], [memo, "model.pkl"]] as const) {
      const findings = summary((await scanModelBytes(bytes, name)).findings);
      assert.deepEqual(findings, [`dangerous ${name} builtins.eval`], name);
    }
    // A computed import counts when something is called after it before the break, as a payload's is; numbers that merely hold a STACK_GLOBAL byte do not.
    const computed = (then: string): Buffer => Buffer.from(`\x80\x02${wrapper("u1", 29)}\x8c\x08builtins\x8c\x03str\x93\x8c\x01a\x85R\x8c\x01c\x93N\x85${then}\xff.`, "latin1");
    assert.deepEqual(summary((await scanModelBytes(computed("R"), "model.pkl")).findings), [`computed model.pkl broke@${computed("R").length - 2}`]);
    assert.deepEqual(summary((await scanModelBytes(computed("0"), "model.pkl")).findings), []);
    // Real joblib files break at once under the plain reading (an alignment count, raw numbers): nothing is said (joblib's wrapper is data).
    const benign = Buffer.from(`\x80\x02${wrapper("u1", 4)}\x00\x01\x02\x03.`, "latin1");
    assert.deepEqual(summary((await scanModelBytes(benign, "model.joblib")).findings), []);
  });

  it("reads a legacy checkpoint's raw storages as data even when a storage's size starts with an opcode: a name no module has breaks the stream there", async () => {
    const legacy = readFileSync(fixtureDir("models/samples", "benign") + "/legacy.pth");
    // A storage of 99 (0x63, `c`: GLOBAL) elements; its bytes hold two line ends, then bytes that read as opcodes to the end.
    const storage = Buffer.concat([Buffer.from([0x63, 0, 0, 0, 0, 0, 0, 0]), Buffer.from("<M\x1a\n\xb8ez\n", "latin1"), Buffer.alloc(40, 0x4e)]);
    // The fixture's own storages are its last 40 bytes: this one comes first in their place.
    assert.deepEqual(summary((await scanModelBytes(Buffer.concat([legacy.subarray(0, legacy.length - 40), storage]), "model.pth")).findings), []);
    // A storage of 0x93 (STACK_GLOBAL) elements: the stack holds nothing to import, so Python stops there; no computed import.
    const stackGlobal = Buffer.concat([Buffer.from([0x93, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(40, 0x4e)]);
    assert.deepEqual(summary((await scanModelBytes(Buffer.concat([legacy.subarray(0, legacy.length - 40), stackGlobal]), "model.pth")).findings), []);
    // A later stream that imports a name Python can import is judged as before.
    const payload = Buffer.concat([legacy.subarray(0, legacy.indexOf(Buffer.from([0x2e, 0x80, 0x02, 0x5d])) + 1), PAYLOAD]);
    assert.deepEqual(summary((await scanModelBytes(payload, "model.pth")).findings), ["dangerous model.pth posix.system"]);
  });

  it("takes __torch__ imports in a TorchScript archive's own pickles for its compiled classes, and nowhere else", async () => {
    // torch.jit.save's data.pkl: a module of class __torch__.Net (compiled from code/__torch__.py), memoised names and all.
    const scripted = Buffer.from("\x80\x02c__torch__\nNet\nq\x00)\x81q\x01}q\x02X\x08\x00\x00\x00trainingq\x03\x89sb.", "latin1");
    const source = Buffer.from("class Net(Module):\n  __parameters__ = []\n");
    const beside = (extra: [string, Buffer][]): Buffer => storedZip([["net/data.pkl", scripted], ["net/version", Buffer.from("3\n")], ...extra]);
    assert.deepEqual(summary((await scanModelBytes(beside([["net/code/__torch__.py", source], ["net/constants.pkl", BENIGN]]), "net.pt")).findings), []);
    assert.deepEqual(summary((await scanModelBytes(beside([["net/constants.pkl", BENIGN]]), "net.pt")).findings), []);
    // Without code/ or constants.pkl beside it, or under another root, the name is a Python import like any other.
    assert.deepEqual(summary((await scanModelBytes(beside([]), "net.pt")).findings), ["suspicious net.pt!net/data.pkl __torch__.Net"]);
    assert.deepEqual(summary((await scanModelBytes(beside([["other/code/__torch__.py", source], ["other/data.pkl", BENIGN]]), "net.pt")).findings), ["suspicious net.pt!net/data.pkl __torch__.Net"]);
    assert.deepEqual(summary((await scanModelBytes(scripted, "net.pkl")).findings), ["suspicious net.pkl __torch__.Net"]);
    // Every other import of the archive's pickles is judged as ever, and another pickle in it keeps its __torch__ imports.
    const payload = Buffer.concat([scripted.subarray(0, -1), Buffer.from("0", "latin1"), PAYLOAD.subarray(2)]);
    assert.deepEqual(summary((await scanModelBytes(storedZip([["net/data.pkl", payload], ["net/constants.pkl", PAYLOAD], ["net/code/__torch__.py", source], ["net/extra.pkl", scripted]]), "net.pt")).findings), [
      "dangerous net.pt!net/data.pkl posix.system",
      "dangerous net.pt!net/constants.pkl posix.system",
      "suspicious net.pt!net/extra.pkl __torch__.Net",
    ]);
  });

  it("reads a TorchScript archive's code/ for the file operators it calls: torch.save and torch.from_file, in __setstate__ or forward", async () => {
    const scripted = Buffer.from("\x80\x02c__torch__\nNet\nq\x00)\x81q\x01}q\x02X\x08\x00\x00\x00trainingq\x03\x89sb.", "latin1");
    const source = (body: string): Buffer => Buffer.from(`class Net(Module):\n  __parameters__ = []\n  training : bool\n  def forward(self: __torch__.Net, x: Tensor) -> Tensor:\n    return torch.relu(x)\n${body}`);
    const archive = (code: Buffer, root = "net/"): Buffer => storedZip([["net/data.pkl", scripted], ["net/constants.pkl", BENIGN], [`${root}code/__torch__.py`, code]]);
    // torch.jit.load runs __setstate__ as it rebuilds the module: aten::save writes the pickled tensor to the path given.
    const setstate = source("  def __setstate__(self: __torch__.Net, state: bool) -> None:\n    _0 = torch.save(torch.zeros([1]), \"/home/u/.bashrc\")\n    self.training = state\n    return None\n");
    const found = (await scanModelBytes(archive(setstate), "net.pt")).findings;
    assert.deepEqual(summary(found), ["dangerous net.pt!net/code/__torch__.py torch.save"]);
    assert.match(found[0]?.message ?? "", /line 7 in __setstate__: .* writes a file .* as torch\.jit\.load \(or torch\.load\) rebuilds the model$/);
    // A hand-written archive may name the op by its namespace; from_file reads any file into a tensor.
    const read = source("  def peek(self: __torch__.Net) -> Tensor:\n    return ops.aten.from_file(\"/etc/shadow\", False, 64)\n");
    assert.deepEqual(summary((await scanModelBytes(archive(read), "net.pt")).findings), ["dangerous net.pt!net/code/__torch__.py torch.from_file"]);
    // TorchScript's lexer takes blanks around the dots, and a call split across lines inside parentheses.
    const spaced = source("  def keep(self: __torch__.Net, x: Tensor) -> None:\n    _0 = (ops . aten . save\n      (x, \"/tmp/x\"))\n    return None\n");
    const spacedFound = (await scanModelBytes(archive(spaced), "net.pt")).findings;
    assert.deepEqual(summary(spacedFound), ["dangerous net.pt!net/code/__torch__.py torch.save"]);
    assert.match(spacedFound[0]?.message ?? "", /line 7 in keep: .* whenever its keep runs$/);
    // Tensor math, a method merely named save, and the same source outside a TorchScript archive are not findings.
    const benign = source("  def save_state(self: __torch__.Net, x: Tensor) -> Tensor:\n    return self.save(x) + torch.saved(x)\n");
    assert.deepEqual(summary((await scanModelBytes(archive(benign), "net.pt")).findings), []);
    assert.deepEqual(summary((await scanModelBytes(archive(setstate, "other/"), "net.pt")).findings), []);
  });

  it("walks a tar's members that are models in turn: a NeMo checkpoint (a zip in a tar, plain or gzipped) and a pickle in a .tar.gz", async () => {
    const checkpoint = storedZip([["model_weights/data.pkl", PAYLOAD], ["model_weights/version", Buffer.from("3\n")]]);
    const gz = tarGz([{ name: "model_config.yaml", data: "name: asr\n" }, { name: "./model_weights.ckpt", data: checkpoint }]);
    const plain = gunzipSync(gz);
    assert.deepEqual(summary((await scanModelBytes(plain, "asr.nemo")).findings), ["dangerous asr.nemo!./model_weights.ckpt!model_weights/data.pkl posix.system"]);
    assert.deepEqual(summary((await scanModelBytes(gz, "asr.nemo")).findings), ["dangerous asr.nemo!./model_weights.ckpt!model_weights/data.pkl posix.system"]);
    // A checkpoint under any name is found by its bytes; a pickle member named as one is judged whole.
    assert.deepEqual(summary((await scanModelBytes(tarGz([{ name: "weights", data: checkpoint }]), "bundle.bin")).findings), ["dangerous bundle.bin!weights!model_weights/data.pkl posix.system"]);
    assert.deepEqual(summary((await scanModelBytes(tarGz([{ name: "model.pkl", data: Buffer.from("not a pickle") }]), "bundle.nemo")).findings), ["malformed bundle.nemo!model.pkl"]);
    // Benign members, and a gzipped pickle (joblib's), read as before.
    assert.deepEqual(summary((await scanModelBytes(tarGz([{ name: "model_config.yaml", data: "a: 1\n" }, { name: "model_weights.ckpt", data: storedZip([["m/data.pkl", BENIGN]]) }]), "ok.nemo")).findings), []);
  });

  it("reports a pickle cut short as unreadable whatever its name: bytes that open with a PROTO and never break until they end", async () => {
    const cut = Buffer.from("\x80\x02}q\x00(X\x06\x00\x00\x00weightq\x01", "latin1");
    for (const name of ["model.bin", "train.dat", "model.pkl"]) assert.deepEqual(summary((await scanModelBytes(cut, name)).findings), [`malformed ${name}`], name);
    // Bytes that break before their end are some other data, as before.
    assert.deepEqual((await scanModelBytes(Buffer.concat([cut, Buffer.from([0xff, 0xff])]), "model.bin")).findings, []);
  });

  it("says a file named as a model is empty, and nothing of an empty .bin", async () => {
    assert.deepEqual(summary((await scanModelBytes(new Uint8Array(0), "model.pkl")).findings), ["malformed model.pkl"]);
    assert.match((await scanModelBytes(new Uint8Array(0), "model.pkl")).findings[0]?.message ?? "", /is empty \(0 bytes\)/);
    assert.deepEqual((await scanModelBytes(new Uint8Array(0), "data.bin")).findings, []);
  });
});
