import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanModelSource } from "../../../src/ecosystems/models/walk.js";
import { bytesSource, type RangeSource } from "../../../src/ecosystems/models/zip.js";

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
});
