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
    // Bytes searched for commit marks: the output's size once, not once per chunk that arrives.
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
    assert.ok(searched <= 2 * total, `searched ${searched} bytes of ${total}`);
    for (const b of batches) assert.ok(b.toString("latin1").startsWith(PATCH_COMMIT_MARK), "each batch starts at a commit");
    assert.equal(batches.reduce((n, b) => n + marks(b), 0), 7, "every commit once");
    const big = batches.find((b) => b.includes("+line 199999\n"));
    assert.ok(big?.includes("+line 0\n") === true, "the big commit is in one batch");
    assert.equal(marks(big ?? Buffer.alloc(0)), 1);
  });
});
