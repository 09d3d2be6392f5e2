import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { decodeLzma, decodeLzma2, decodeXz } from "../../../src/ecosystems/models/lzma.js";
import { scanPickle } from "../../../src/ecosystems/models/pickle.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const benign = fixtureDir("models/samples", "benign");

describe("LZMA decoder", () => {
  it("decodes xz and .lzma files (matches, repeated distances and literals) into the whole pickle they hold", () => {
    // The fixtures' pickles are 100 KiB of a repetitive vocabulary: a pickle read to its STOP with no break is the whole of it.
    const xz = decodeXz(readFileSync(`${benign}/xz.joblib`), 1 << 24);
    assert.equal(xz.error, undefined);
    const fromXz = scanPickle(xz.bytes);
    assert.deepEqual([fromXz.streams, fromXz.error, fromXz.trailing], [1, undefined, 0]);
    // Python writes .lzma files with an unknown size (all ones) and an end marker.
    const alone = readFileSync(`${benign}/lzma.joblib`);
    assert.equal(alone.readBigUInt64LE(5), 0xffffffffffffffffn);
    const lz = decodeLzma(alone, 13, alone[0]!, 1 << 24);
    assert.equal(lz.error, undefined);
    const fromLzma = scanPickle(lz.bytes);
    assert.deepEqual([fromLzma.streams, fromLzma.error, fromLzma.trailing], [1, undefined, 0]);
  });

  it("stops at the cap with what it decoded, and at a break with the bytes before it", () => {
    const xz = readFileSync(`${benign}/xz.joblib`);
    const whole = decodeXz(xz, 1 << 24).bytes;
    const capped = decodeXz(xz, 4096);
    assert.equal(capped.capped, true);
    assert.deepEqual(capped.bytes, whole.subarray(0, capped.bytes.length));
    const cut = decodeXz(xz.subarray(0, 2000), 1 << 24);
    assert.match(cut.error ?? "", /ends early|runs past/);
    assert.ok(cut.bytes.length > 0);
    assert.deepEqual(cut.bytes, whole.subarray(0, cut.bytes.length));
  });

  it("survives hostile input: bad properties, garbage, control bytes and matches before the start", () => {
    assert.match(decodeLzma(new Uint8Array(64), 0, 250, 1 << 20).error ?? "", /properties/);
    assert.match(decodeLzma(new Uint8Array(64).fill(0xff), 0, 0x5d, 1 << 20).error ?? "", /does not start with 0/);
    assert.match(decodeLzma2(Uint8Array.from([0x10, 0, 0]), 0, 1 << 20).error ?? "", /control byte/);
    assert.match(decodeLzma2(Uint8Array.from([0x80, 0, 0, 0, 4, 0, 0, 0, 0, 0]), 0, 1 << 20).error ?? "", /before any properties/);
    for (let seed = 1; seed < 20; seed++) {
      const junk = new Uint8Array(4096);
      let x = seed;
      for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      junk[0] = 0;
      const r = decodeLzma(junk, 0, 0x5d, 1 << 16);
      assert.ok(r.bytes.length <= 1 << 16);
      decodeLzma2(Uint8Array.from([0xe0, 0x00, 0xff, 0x0f, 0xff, 0x5d, ...junk]), 0, 1 << 16);
    }
  });
});
