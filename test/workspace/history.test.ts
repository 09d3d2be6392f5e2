import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gitPatchBatches, PATCH_COMMIT_MARK } from "../../src/workspace/history.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";

const marks = (b: Buffer): number => b.toString("latin1").split(PATCH_COMMIT_MARK).length - 1;

describe("gitPatchBatches", () => {
  it("cuts only between commits, a commit far larger than the batch size staying whole", async () => {
    const dir = tmpRepo({ "a.txt": "a\n" });
    // Far past one pipe chunk, so the commit arrives in many pieces and marks can fall between them.
    writeFileSync(join(dir, "big.txt"), Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join("\n") + "\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "big");
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, `s${i}.txt`), `small ${i}\n`);
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", `small ${i}`);
    }
    // Bytes searched for commit and file marks: the output's size once per mark, not once per chunk that arrives.
    let searched = 0;
    const lastIndexOf = Buffer.prototype.lastIndexOf;
    Buffer.prototype.lastIndexOf = function (this: Buffer, ...args: Parameters<Buffer["lastIndexOf"]>) {
      searched += this.length;
      return lastIndexOf.apply(this, args);
    };
    const batches: Buffer[] = [];
    try {
      for await (const b of gitPatchBatches(dir, { allRefs: true, batchBytes: 64 })) batches.push(b);
    } finally {
      Buffer.prototype.lastIndexOf = lastIndexOf;
    }
    const total = batches.reduce((n, b) => n + b.length, 0);
    assert.ok(searched <= 3 * total, `searched ${searched} bytes of ${total}`);
    for (const b of batches) assert.ok(b.toString("latin1").startsWith(PATCH_COMMIT_MARK), "each batch starts at a commit");
    assert.equal(batches.reduce((n, b) => n + marks(b), 0), 7, "every commit once");
    const big = batches.find((b) => b.includes("+line 199999\n"));
    assert.ok(big?.includes("+line 0\n") === true, "the big commit is in one batch");
    assert.equal(marks(big ?? Buffer.alloc(0)), 1);
  });

  it("drops a file's patch past maxFilePatch as it streams, says which, and keeps the files and commits after it", async () => {
    const dir = tmpRepo({ "a.txt": "a\n" });
    writeFileSync(join(dir, "big.txt"), Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join("\n") + "\n");
    writeFileSync(join(dir, "later.txt"), "after the big file\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "big");
    const bigCommit = git(dir, "rev-parse", "HEAD").trim();
    writeFileSync(join(dir, "next.txt"), "next commit\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "next");
    const cuts: { commit: string; path: string }[] = [];
    const batches: Buffer[] = [];
    for await (const b of gitPatchBatches(dir, { allRefs: true, batchBytes: 64, maxFilePatch: 100_000, onCut: (c) => cuts.push(c) })) batches.push(b);
    assert.deepEqual(cuts, [{ commit: bigCommit, path: "big.txt" }]);
    const all = Buffer.concat(batches).toString("latin1");
    assert.ok(all.length < 200_000, `the patch is held only up to the cap: ${all.length} bytes`);
    assert.ok(all.includes("+line 0\n"));
    assert.ok(!all.includes("+line 99999\n"));
    assert.ok(all.includes("+after the big file") && all.includes("+next commit"), "the rest of the history is there");
    assert.equal(marks(Buffer.from(all, "latin1")), 3);
  });
});
