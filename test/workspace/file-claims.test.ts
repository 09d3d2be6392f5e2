// Shared claims on a scan's files: every file is claimed once, by whichever thread asks first; a
// thread shut out before it joins scans nothing; a stopped thread's chunks can be found again.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { FileClaims } from "../../src/workspace/file-claims.js";

describe("FileClaims", () => {
  it("hands out every file once, in chunks, the last one short", () => {
    const claims = new FileClaims(70, 32, 2);
    assert.deepEqual([...claims.ranges(0)], [
      [0, 32],
      [32, 64],
      [64, 70],
    ]);
    assert.equal(claims.take(1), undefined, "nothing left for another thread");
    assert.deepEqual(new FileClaims(0, 32, 1).take(0), undefined);
  });

  it("knows which thread claimed which chunk", () => {
    const claims = new FileClaims(100, 10, 3);
    const got = [claims.take(0), claims.take(2), claims.take(1), claims.take(2)];
    assert.deepEqual(got, [
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
    ]);
    assert.deepEqual(claims.claimedBy(2), [
      [10, 20],
      [30, 40],
    ]);
    assert.deepEqual(claims.claimedBy(1), [[20, 30]]);
  });

  it("shuts out a thread only before it joins", () => {
    const claims = new FileClaims(10, 4, 3);
    assert.equal(claims.join(1), true);
    assert.equal(claims.shutOut(1), false, "joined: it is scanning and must be waited for");
    assert.equal(claims.shutOut(2), true, "not joined: it will scan nothing");
    assert.equal(claims.join(2), false);
  });

  it("gives each file to exactly one of several threads claiming at once", async () => {
    const files = 60_000;
    const claims = new FileClaims(files, 3, 3);
    // The threads start claiming together: each waits on `go` once it has loaded the module.
    const go = new Int32Array(new SharedArrayBuffer(4));
    const url = new URL("../../src/workspace/file-claims.ts", import.meta.url).href;
    const code = `
      const { workerData, parentPort } = await import("node:worker_threads");
      const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});
      register();
      const { FileClaims } = await import(${JSON.stringify(url)});
      const c = new FileClaims(workerData.files, 3, 3, workerData.buffer);
      c.join(workerData.slot);
      parentPort.postMessage("ready");
      Atomics.wait(new Int32Array(workerData.go), 0, 0);
      let n = 0;
      for (const [from, to] of c.ranges(workerData.slot)) n += to - from;
      parentPort.postMessage(n);`;
    const ready: Promise<void>[] = [];
    const counts = [1, 2].map(
      (slot) =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(code, { eval: true, workerData: { files, buffer: claims.buffer, slot, go: go.buffer } });
          ready.push(new Promise((r) => w.once("message", () => r())));
          w.on("message", (n: unknown) => {
            if (typeof n === "number") void w.terminate().then(() => resolve(n));
          });
          w.once("error", reject);
        }),
    );
    await Promise.all(ready);
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    let mine = 0;
    for (const [from, to] of claims.ranges(0)) mine += to - from;
    const [one, two] = await Promise.all(counts);
    const seen = new Uint8Array(files);
    for (const slot of [0, 1, 2]) for (const [from, to] of claims.claimedBy(slot)) for (let i = from; i < to; i++) seen[i]! += 1;
    assert.equal(mine + one! + two!, files);
    assert.ok(seen.every((x) => x === 1), "every file claimed once");
    assert.ok(mine > 0 && one! + two! > 0, `the threads raced: ${mine}, ${one}, ${two}`);
  });
});
