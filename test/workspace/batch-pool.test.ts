import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BatchPool } from "../../src/workspace/batch-pool.js";

describe("BatchPool", () => {
  it("lends a buffer given back to the next batch that fits, and makes a new one only when none does", () => {
    const pool = new BatchPool(1024);
    const a = pool.take(1000);
    assert.equal(a.length, 1000);
    assert.ok(a.buffer.byteLength >= 1024, "made at least the usual batch's size");
    pool.give(a);
    const b = pool.take(900);
    assert.equal(b.buffer, a.buffer, "the same memory again");
    const c = pool.take(2000);
    assert.notEqual(c.buffer, a.buffer);
    assert.equal(pool.allocated, 2);
  });

  it("takes back memory a worker thread returned (a new buffer object for the same memory), but never memory it did not lend", () => {
    const pool = new BatchPool(1024);
    const lent = pool.take(100);
    // Moving it away detaches it here: given back so, it is dropped.
    const moved = structuredClone(lent, { transfer: [lent.buffer as ArrayBuffer] });
    pool.give(lent);
    assert.equal(pool.take(100).buffer === moved.buffer, false);
    pool.give(moved, true);
    assert.equal(pool.take(100).buffer, moved.buffer, "returned memory is lent again");
    // Node's small-Buffer pool is shared by unrelated buffers: lent out as a batch, it would be overwritten under them.
    const shared = Buffer.from("a small buffer from Node's pool");
    pool.give(shared);
    assert.notEqual(pool.take(10).buffer, shared.buffer);
  });

  it("keeps at most `keep` buffers, and none unusually large", () => {
    const pool = new BatchPool(100, 2);
    const huge = pool.take(9 * 1024 * 1024);
    pool.give(huge);
    assert.notEqual(pool.take(100).buffer, huge.buffer, "a 9 MiB buffer is left to the collector");
    const bs = [pool.take(100), pool.take(100), pool.take(100)];
    for (const b of bs) pool.give(b);
    const again = [pool.take(100), pool.take(100), pool.take(100)];
    assert.equal(new Set(again.map((b) => b.buffer)).size, 3);
    assert.equal(again.filter((b) => bs.some((x) => x.buffer === b.buffer)).length, 2, "two reused, the third made anew");
  });
});
