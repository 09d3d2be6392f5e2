import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { looksLikeTar, readTarEntries } from "../../../src/ecosystems/models/tar.js";
import { bytesSource, ZipError } from "../../../src/ecosystems/models/zip.js";
import { fixtureDir } from "../../helpers/run-rule.js";

describe("tar reader", () => {
  const tar = readFileSync(`${fixtureDir("models/samples", "benign")}/torch-tar.pt`);

  it("lists the members of PyTorch's tar checkpoints with where their bytes start", async () => {
    assert.equal(looksLikeTar(tar), true);
    const entries = await readTarEntries(bytesSource(tar));
    assert.deepEqual(entries.map((e) => e.name), ["sys_info", "pickle", "tensors", "storages"]);
    assert.equal(tar[entries[1]!.offset], 0x80);
  });

  it("refuses a header whose checksum is wrong, and a member cut short", async () => {
    assert.equal(looksLikeTar(tar.subarray(0, 100)), false);
    await assert.rejects(readTarEntries(bytesSource(tar.subarray(0, 512 + 10))), (e: unknown) => e instanceof ZipError && /truncated/.test(e.message));
    // The second header follows the first member's single block of data.
    const second = Buffer.from(tar);
    second[1024 + 1] = 0x7a;
    await assert.rejects(readTarEntries(bytesSource(second)), /checksum/);
  });
});
