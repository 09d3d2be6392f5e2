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
    const { entries, error } = await readTarEntries(bytesSource(tar));
    assert.equal(error, undefined);
    assert.deepEqual(entries.map((e) => e.name), ["sys_info", "pickle", "tensors", "storages"]);
    assert.equal(tar[entries[1]!.offset], 0x80);
  });

  it("stops at a header whose checksum is wrong, or a member cut short, keeping the members read before", async () => {
    assert.equal(looksLikeTar(tar.subarray(0, 100)), false);
    const cut = await readTarEntries(bytesSource(tar.subarray(0, 512 + 10)));
    assert.ok(cut.error instanceof ZipError && /truncated/.test(cut.error.message));
    assert.deepEqual(cut.entries, []);
    // The second header follows the first member's single block of data.
    const second = Buffer.from(tar);
    second[1024 + 1] = 0x7a;
    const broken = await readTarEntries(bytesSource(second));
    assert.match(broken.error?.message ?? "", /checksum/);
    assert.deepEqual(broken.entries.map((e) => e.name), ["sys_info"]);
  });
});
