import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { judgeImport } from "../../../src/ecosystems/models/pickle-globals.js";
import { PickleScanner, scanPickle } from "../../../src/ecosystems/models/pickle.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const dir = fixtureDir("models/samples", "dangerous");
const imports = (b: Uint8Array): string[] => scanPickle(b).imports.map((i) => `${i.module}.${i.name}`);

describe("pickle opcode reader", () => {
  it("reads the same whatever the chunk size", () => {
    for (const f of readdirSync(dir).filter((x) => /\.(?:pkl|pickle|ckpt|dat|pth)$/.test(x))) {
      const bytes = readFileSync(`${dir}/${f}`);
      const whole = scanPickle(bytes);
      for (const size of [1, 2, 3, 7, 64]) {
        const s = new PickleScanner();
        for (let o = 0; o < bytes.length; o += size) s.feed(bytes.subarray(o, o + size));
        const r = s.end();
        assert.deepEqual([r.imports, r.streams, r.error, r.trailing], [whole.imports, whole.streams, whole.error, whole.trailing], `${f} in chunks of ${size}`);
      }
    }
  });

  it("resolves STACK_GLOBAL names through the memo, and protocol 0 text names", () => {
    assert.deepEqual(imports(readFileSync(`${dir}/memoised-stack-global.pkl`)), ["builtins.eval"]);
    assert.deepEqual(imports(readFileSync(`${dir}/proto0-unicode-memo.pkl`)), ["subprocess.call"]);
    assert.deepEqual(imports(readFileSync(`${dir}/proto0-inst.pkl`)), ["os.system"]);
  });

  it("reads several streams and stops quietly at raw data after the last one", () => {
    const r = scanPickle(readFileSync(`${dir}/torch-legacy.pth`));
    assert.equal(r.streams, 5);
    assert.equal(r.error, undefined);
    assert.ok(r.trailing > 0);
    assert.deepEqual(imports(readFileSync(`${dir}/hidden-second-stream.pkl`)), ["runpy.run_path"]);
  });

  it("reports truncation with the offset, and keeps the imports read before it", () => {
    const r = scanPickle(readFileSync(`${dir}/truncated.pkl`));
    assert.equal(r.truncated, true);
    assert.deepEqual(r.imports.map((i) => i.name), ["system"]);
  });

  it("skips big payloads without buffering them, and survives hostile input", () => {
    const big = new Uint8Array(9 + 8 + 1);
    big.set([0x80, 0x04, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    const s = new PickleScanner();
    s.feed(big);
    assert.equal(s.end().truncated, true);
    scanPickle(new Uint8Array(2_000_000).fill(0x28));
    scanPickle(new Uint8Array(2_000_000).fill(0x63));
    scanPickle(Buffer.from("\x80\x02" + "0".repeat(1_000_000) + ".", "latin1"));
  });

  it("judges imports: torch and numpy rebuilders are safe, gadgets dangerous, the rest suspicious", () => {
    for (const [m, n] of [["torch._utils", "_rebuild_tensor_v2"], ["torch", "BFloat16Storage"], ["collections", "OrderedDict"], ["numpy.core.multiarray", "_reconstruct"], ["numpy", "float32"], ["sklearn.tree._classes", "DecisionTreeClassifier"], ["__builtin__", "set"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["os", "system"], ["nt", "system"], ["builtins", "getattr"], ["__builtin__", "eval"], ["torch.hub", "load"], ["numpy.testing._private.utils", "runstring"], ["operator", "attrgetter"], ["torch", "load"], ["webbrowser", "open"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    assert.equal(judgeImport("__main__", "Net").verdict, "suspicious");
    assert.equal(judgeImport("sklearn.utils", "run_script").verdict, "suspicious");
  });
});
