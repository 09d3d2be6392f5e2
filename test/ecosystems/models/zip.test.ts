import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { bytesSource, entryBytes, readZipDirectory, ZipError } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";

describe("zip reader", () => {
  it("lists entries and reads deflated ones", async () => {
    const src = bytesSource(readFileSync(`${fixtureDir("models/samples", "dangerous")}/arrays.npz`));
    const entries = await readZipDirectory(src);
    assert.deepEqual(entries.map((e) => [e.name, e.method]), [["a.npy", 8], ["b.npy", 8]]);
    assert.equal((await entryBytes(src, entries[0]!, 1 << 20))[0], 0x93);
  });

  it("refuses a truncated archive with a clear reason", async () => {
    const bytes = readFileSync(`${fixtureDir("models/samples", "dangerous")}/nested.zip`);
    await assert.rejects(readZipDirectory(bytesSource(bytes.subarray(0, bytes.length - 30))), (e: unknown) => e instanceof ZipError && e.kind === "malformed");
    await assert.rejects(readZipDirectory(bytesSource(new Uint8Array(10))), /no end of central directory/);
  });
});
