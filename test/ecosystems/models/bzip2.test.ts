import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { decodeBzip2 } from "../../../src/ecosystems/models/bzip2.js";
import { scanPickle } from "../../../src/ecosystems/models/pickle.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const file = readFileSync(`${fixtureDir("models/samples", "benign")}/bz2.joblib`);

describe("bzip2 decoder", () => {
  it("decodes streams written one after another into the whole pickle they hold", () => {
    // The fixture's pickle is split across two streams of different block sizes: read to its STOP with no break, it is whole.
    const r = decodeBzip2(file, 1 << 24);
    assert.equal(r.error, undefined);
    const scan = scanPickle(r.bytes);
    assert.deepEqual([scan.streams, scan.error, scan.trailing], [1, undefined, 0]);
  });

  it("stops at the cap with what it decoded, and at a break with the bytes before it", () => {
    const whole = decodeBzip2(file, 1 << 24).bytes;
    const capped = decodeBzip2(file, 500);
    assert.equal(capped.capped, true);
    assert.deepEqual(capped.bytes, whole.subarray(0, 500));
    const cut = decodeBzip2(file.subarray(0, file.length - 200), 1 << 24);
    assert.match(cut.error ?? "", /ends early|bad|out of range/);
    assert.deepEqual(cut.bytes, whole.subarray(0, cut.bytes.length));
  });

  it("survives hostile input", () => {
    assert.match(decodeBzip2(Buffer.from("BZh0"), 1 << 20).error ?? "", /block size/);
    assert.match(decodeBzip2(Buffer.from("not bzip2"), 1 << 20).error ?? "", /no bzip2 stream header/);
    for (let seed = 1; seed < 30; seed++) {
      const junk = new Uint8Array(2048);
      let x = seed;
      for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      junk.set([0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 0);
      assert.ok(decodeBzip2(junk, 1 << 16).bytes.length <= 1 << 16);
    }
  });
});
