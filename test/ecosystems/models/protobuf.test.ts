import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LEN, ProtobufError, ProtoReader, VARINT } from "../../../src/ecosystems/models/protobuf.js";
import { bytesSource } from "../../../src/ecosystems/models/zip.js";

const reader = (bytes: number[], limits = {}): ProtoReader => new ProtoReader(bytesSource(new Uint8Array(bytes)), limits);
const fails = (kind: "malformed" | "limit", message: RegExp) => (e: unknown) => e instanceof ProtobufError && e.kind === kind && message.test(e.message);

describe("protobuf wire reader", () => {
  it("lists varint, fixed and length-delimited fields, skipping payloads it is not asked for", async () => {
    // field 1 varint 300; field 2 "hi"; field 3 fixed64; field 4 fixed32; field 5 a nested message { 1: 1 }
    const r = reader([0x08, 0xac, 0x02, 0x12, 0x02, 0x68, 0x69, 0x19, 1, 2, 3, 4, 5, 6, 7, 8, 0x25, 1, 2, 3, 4, 0x2a, 0x02, 0x08, 0x01]);
    const fields = await r.fields(0, 25, 0);
    assert.deepEqual(fields.map((f) => [f.number, f.wire, f.value, f.start, f.length]), [[1, VARINT, 300, 1, 2], [2, LEN, 0, 5, 2], [3, 1, 0, 8, 8], [4, 5, 0, 17, 4], [5, LEN, 0, 23, 2]]);
    assert.equal(await r.text(fields[1]!), "hi");
    assert.deepEqual((await r.message(fields[4]!, 0)).map((f) => [f.number, f.value]), [[1, 1]]);
  });

  it("reads 10-byte varints (negative int64) and refuses longer ones", async () => {
    const neg = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert.equal((await reader(neg).fields(0, neg.length, 0)).length, 1);
    const long = [0x08, ...new Array<number>(11).fill(0xff), 0x01];
    await assert.rejects(reader(long).fields(0, long.length, 0), fails("malformed", /longer than 10 bytes/));
  });

  it("refuses a varint cut off, a length past the end, groups, field 0 and bad wire types, naming the byte", async () => {
    await assert.rejects(reader([0x08, 0x80]).fields(0, 2, 0), fails("malformed", /varint at byte 1 is cut off/));
    await assert.rejects(reader([0x08, 0x01, 0x12, 0x05, 0x61]).fields(0, 5, 0), fails("malformed", /field of 5 bytes at byte 2 runs past the end/));
    await assert.rejects(reader([0x0b, 0x0c]).fields(0, 2, 0), fails("malformed", /wire type 3 at byte 0 is a proto2 group/));
    await assert.rejects(reader([0x0e]).fields(0, 1, 0), fails("malformed", /wire type 6 at byte 0 is not a protobuf wire type/));
    await assert.rejects(reader([0x00, 0x01]).fields(0, 2, 0), fails("malformed", /field number 0/));
    await assert.rejects(reader([0x19, 1, 2]).fields(0, 3, 0), fails("malformed", /8-byte field at byte 0 runs past/));
  });

  it("keeps a nested length inside its enclosing message, not just the file", async () => {
    // field 1 { field 2 of 4 bytes } but the outer message is 3 bytes long
    const r = reader([0x0a, 0x03, 0x12, 0x04, 0x61, 0x62, 0x63, 0x64]);
    const [outer] = await r.fields(0, 5, 0);
    await assert.rejects(r.message(outer!, 0), fails("malformed", /runs past the end of its message \(byte 5\)/));
  });

  it("caps nesting depth, fields and value sizes", async () => {
    await assert.rejects(reader([0x08, 0x01]).fields(0, 2, 33), fails("malformed", /deeper than 32 levels/));
    await assert.rejects(reader([0x08, 0x01, 0x08, 0x01, 0x08, 0x01], { maxFields: 2 }).fields(0, 6, 0), fails("limit", /more than 2 fields/));
    // Per message as well as per file: one message of many empty fields is refused before it is all held.
    await assert.rejects(reader([0x0a, 0x00, 0x0a, 0x00, 0x0a, 0x00], { maxMessageFields: 2 }).fields(0, 6, 0), fails("limit", /message at byte 0 holds more than 2 fields/));
    assert.equal((await reader([0x0a, 0x00, 0x0a, 0x00], { maxMessageFields: 2 }).fields(0, 4, 0)).length, 2);
    const r = reader([0x12, 0x03, 0x61, 0x62, 0x63], { maxBytes: 2 });
    const [f] = await r.fields(0, 5, 0);
    await assert.rejects(r.bytes(f!), fails("limit", /over the/));
  });

  it("reads large payloads across windows", async () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 10);
    big.set([0x12, 0x80, 0x80, 0xc0, 0x01], 0); // field 2, 3 MiB
    big[5 + 3 * 1024 * 1024] = 0x18; // field 3 varint 7 after it
    big[6 + 3 * 1024 * 1024] = 0x07;
    const r = new ProtoReader(bytesSource(big.subarray(0, 7 + 3 * 1024 * 1024)));
    const fields = await r.fields(0, 7 + 3 * 1024 * 1024, 0);
    assert.deepEqual(fields.map((f) => [f.number, f.length]), [[2, 3 * 1024 * 1024], [3, 1]]);
    assert.equal((await r.bytes(fields[0]!)).length, 3 * 1024 * 1024);
  });
});
