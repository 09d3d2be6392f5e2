import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { decodeLz4 } from "../../../src/ecosystems/models/lz4.js";
import { scanPickle } from "../../../src/ecosystems/models/pickle.js";
import { fixtureDir } from "../../helpers/run-rule.js";

// Written by the lz4 command-line tool (test/fixtures/models/generate.py): a pickle across two frames
// with a skippable frame between them, the second of linked 64 KiB blocks with block checksums and its size.
const file = readFileSync(`${fixtureDir("models/samples", "benign")}/lz4.joblib`);

describe("LZ4 frame decoder", () => {
  it("decodes frames one after another, past a skippable frame, into the whole pickle they hold", () => {
    const r = decodeLz4(file, 1 << 24);
    assert.equal(r.error, undefined);
    assert.equal(r.capped, false);
    const scan = scanPickle(r.bytes);
    assert.deepEqual([scan.streams, scan.error, scan.trailing], [1, undefined, 0]);
    // Matches carry the vocabulary's strings from block to block: the last token is there in full.
    const text = Buffer.from(r.bytes).toString("latin1");
    assert.ok(text.includes("token96") && text.endsWith("."));
  });

  it("stops at the cap with what it decoded, and at a break with the bytes before it", () => {
    const whole = decodeLz4(file, 1 << 24).bytes;
    const capped = decodeLz4(file, 70_000);
    assert.equal(capped.capped, true);
    assert.deepEqual(capped.bytes, whole.subarray(0, 70_000));
    const cut = decodeLz4(file.subarray(0, file.length - 3000), 1 << 24);
    assert.match(cut.error ?? "", /cut short|past the end/);
    assert.deepEqual(cut.bytes, whole.subarray(0, cut.bytes.length));
  });

  it("reads literals, overlapping matches and stored blocks as the block format defines them", () => {
    // One frame (version 1, independent blocks, no checksums), 64 KiB blocks; header checksum byte not checked.
    const frame = (...blocks: number[][]): Uint8Array => Uint8Array.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, ...blocks.flat(), 0, 0, 0, 0]);
    const block = (bytes: number[], stored = false): number[] => [bytes.length & 255, bytes.length >> 8, 0, stored ? 0x80 : 0, ...bytes];
    // "ab", then a match 2 back of 4 + 6 bytes ("ababababab"), then the last literals "!".
    const r = decodeLz4(frame(block([0x26, 0x61, 0x62, 0x02, 0x00, 0x10, 0x21]), block([0x78, 0x79], true)), 1024);
    assert.equal(r.error, undefined);
    assert.equal(Buffer.from(r.bytes).toString("latin1"), "abababababab!xy");
  });

  it("survives hostile input", () => {
    const head = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];
    assert.match(decodeLz4(Buffer.from("not lz4 at all"), 1 << 20).error ?? "", /not an LZ4 frame/);
    // A match before the start of the output, a frame made against a dictionary, a wrong version.
    assert.match(decodeLz4(Uint8Array.from([...head, 3, 0, 0, 0, 0x00, 0x05, 0x00, 0, 0, 0, 0]), 1 << 20).error ?? "", /before the start/);
    assert.match(decodeLz4(Uint8Array.from([0x04, 0x22, 0x4d, 0x18, 0x61, 0x40, 0, 0, 0, 0, 0x82]), 1 << 20).error ?? "", /dictionary/);
    assert.match(decodeLz4(Uint8Array.from([0x04, 0x22, 0x4d, 0x18, 0xa0, 0x40, 0x82]), 1 << 20).error ?? "", /version/);
    // A length of 255s running past its block, and a block that claims more than there is.
    assert.match(decodeLz4(Uint8Array.from([...head, 4, 0, 0, 0, 0xf0, 255, 255, 255, 0, 0, 0, 0]), 1 << 20).error ?? "", /past the end/);
    assert.match(decodeLz4(Uint8Array.from([...head, 0xff, 0xff, 0, 0, 1]), 1 << 20).error ?? "", /cut short/);
    // A tiny match repeated to fill the cap (a decompression bomb) stops there.
    const bomb = [...head, 10, 0, 0, 0, 0x1f, 0x61, 0x01, 0x00, 255, 255, 255, 255, 255, 0x10, 0, 0, 0, 0];
    const r = decodeLz4(Uint8Array.from(bomb), 1000);
    assert.equal(r.capped, true);
    assert.equal(r.bytes.length, 1000);
    for (let seed = 1; seed < 40; seed++) {
      const junk = new Uint8Array(2048);
      let x = seed;
      for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      junk.set(head, 0);
      assert.ok(decodeLz4(junk, 1 << 16).bytes.length <= 1 << 16);
    }
  });
});
