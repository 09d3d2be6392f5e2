import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { bytesSource, endsWithZip, entryBytes, looksLikeZip, readZipDirectory, ZipError } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";

describe("zip reader", () => {
  it("lists entries and reads deflated ones", async () => {
    const src = bytesSource(readFileSync(`${fixtureDir("models/samples", "dangerous")}/arrays.npz`));
    const entries = await readZipDirectory(src);
    assert.deepEqual(entries.map((e) => [e.name, e.method]), [["a.npy", 8], ["b.npy", 8]]);
    assert.equal((await entryBytes(src, entries[0]!, 1 << 20))[0], 0x93);
  });

  it("lists every entry the central directory holds when the end record counts fewer, as Python's zipfile (np.load) reads them", async () => {
    const zip = Buffer.from(readFileSync(`${fixtureDir("models/samples", "dangerous")}/arrays.npz`));
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
    zip.writeUInt16LE(1, end + 8);
    zip.writeUInt16LE(1, end + 10);
    assert.deepEqual((await readZipDirectory(bytesSource(zip))).map((e) => e.name), ["a.npy", "b.npy"]);
  });

  it("refuses a truncated archive with a clear reason", async () => {
    const bytes = readFileSync(`${fixtureDir("models/samples", "dangerous")}/nested.zip`);
    await assert.rejects(readZipDirectory(bytesSource(bytes.subarray(0, bytes.length - 30))), (e: unknown) => e instanceof ZipError && e.kind === "malformed");
    await assert.rejects(readZipDirectory(bytesSource(new Uint8Array(10))), /no end of central directory/);
  });

  it("opens an archive behind other bytes, shifting its offsets as Python's zipfile does", async () => {
    const zip = readFileSync(`${fixtureDir("models/samples", "dangerous")}/arrays.npz`);
    const shifted = bytesSource(Buffer.concat([Buffer.alloc(100, 0x41), zip]));
    assert.equal(await endsWithZip(shifted), true);
    const entries = await readZipDirectory(shifted);
    assert.deepEqual(entries.map((e) => e.name), ["a.npy", "b.npy"]);
    assert.equal((await entryBytes(shifted, entries[1]!, 1 << 20))[0], 0x93);
  });

  it("knows the spanning marker before a local header, and a file that only holds an end record somewhere", async () => {
    assert.equal(looksLikeZip(Buffer.from("PK\x07\x08PK\x03\x04", "latin1")), true);
    assert.equal(looksLikeZip(Buffer.from("PK\x07\x08abcd", "latin1")), false);
    // An end record followed by more bytes, or one whose central directory is not where it says, is not an archive.
    const zip = readFileSync(`${fixtureDir("models/samples", "dangerous")}/arrays.npz`);
    assert.equal(await endsWithZip(bytesSource(Buffer.concat([zip, Buffer.from("trailing")]))), false);
    const lying = Buffer.from(zip);
    lying.writeUInt32LE(7, lying.length - 22 + 12);
    assert.equal(await endsWithZip(bytesSource(lying)), false);
    assert.equal(await endsWithZip(bytesSource(Buffer.from("short"))), false);
  });
});
