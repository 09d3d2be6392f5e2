import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { insideCheckout } from "../../src/workspace/inside-checkout.js";
import { tmpDir } from "../helpers/tmp-repo.js";

describe("insideCheckout", () => {
  it("follows links: a path inside (existing or not) is fine, a folder linking out or to nothing is not, and it says where", () => {
    const root = tmpDir({ "docs/a.md": "x" });
    const elsewhere = mkdtempSync(join(tmpdir(), "assay-elsewhere-"));
    symlinkSync(elsewhere, join(root, "out"));
    symlinkSync(join(root, "missing-target"), join(root, "dangling"));
    mkdirSync(join(root, "deep"));
    symlinkSync(join(root, "docs"), join(root, "deep", "in"));
    assert.deepEqual(insideCheckout(root, "docs/new/file.json"), { ok: true, path: join(root, "docs/new/file.json") });
    assert.deepEqual(insideCheckout(root, "deep/in/a.md"), { ok: true, path: join(root, "deep/in/a.md") });
    assert.deepEqual(insideCheckout(root, "out/x/y.json"), { ok: false, why: "is a symbolic link out of the checkout", at: "out" });
    assert.deepEqual(insideCheckout(root, "dangling"), { ok: false, why: "is a symbolic link to nothing", at: "dangling" });
    symlinkSync("ring-b", join(root, "ring-a"));
    symlinkSync("ring-a", join(root, "ring-b"));
    assert.deepEqual(insideCheckout(root, "ring-a"), { ok: false, why: "is a symbolic link that loops", at: "ring-a" });
  });
});
