// The worker loop's own handling of a database that goes away, without a database: a connection
// that fails every statement stands for a server shutting down while the worker starts.
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { describe, it } from "node:test";
import { runWorker } from "../../src/fleet/run.js";
import { DEFAULT_QUEUE } from "../../src/fleet/queue.js";
import type { Sql } from "../../src/fleet/sql.js";
import type { FleetDb } from "../../src/fleet/store.js";
import { waitOut, type WorkEvent } from "../../src/fleet/worker.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const down = (): Promise<never> => Promise.reject(new Error("the database system is shutting down"));

/** A connection to a server that refuses every statement. */
function unreachable(): FleetDb {
  const sql: Sql = { kind: "postgres", query: down, exec: down, boss: { executeSql: down }, close: async () => undefined };
  return { sql, location: { dir: tmpDir({}) } as FleetDb["location"], close: async () => undefined };
}

describe("fleet worker loop", () => {
  it("waits out a database that goes down while the queue opens, instead of failing with an internal error", async () => {
    const events: WorkEvent[] = [];
    const stop = new AbortController();
    const settings = { workers: 1, queue: DEFAULT_QUEUE, limits: {} as never, scratch: tmpDir({}), onEvent: (e: WorkEvent) => {
      events.push(e);
      stop.abort();
    } };
    const r = await runWorker(unreachable(), settings, stop.signal);
    assert.deepEqual(r, { peakWorkerRssKb: 0 });
    assert.equal(events[0]?.type, "waiting");
    assert.match(events[0]?.type === "waiting" ? events[0].error : "", /shutting down/);
  });

  it("retries a step with growing waits and says so each time", async () => {
    const waits: number[] = [];
    let calls = 0;
    const r = await waitOut(async () => (++calls < 3 ? down() : "ok"), () => false, (e) => void (e.type === "waiting" && waits.push(e.retryInMs)), 1);
    assert.equal(r, "ok");
    assert.deepEqual(waits, [1, 2]);
    assert.equal(await waitOut(down, () => true), undefined, "a stopped worker gives up at once");
  });

  // Without the signal both waitOut calls below hang (the first for ever, the second 30 s): the test's own timeout then fails it.
  it("gives up a step that never settles, and a wait between retries, once the worker is stopped", { timeout: 10_000 }, async () => {
    const stop = new AbortController();
    const hung = waitOut(() => new Promise<string>(() => undefined), () => stop.signal.aborted, undefined, 1, stop.signal);
    setTimeout(() => stop.abort(), 20);
    assert.equal(await hung, undefined, "a call on a dropped connection does not keep a stopped worker");
    const waiting = new AbortController();
    const retrying = waitOut(down, () => waiting.signal.aborted, undefined, 60_000, waiting.signal);
    setTimeout(() => waiting.abort(), 20);
    assert.equal(await retrying, undefined, "the wait before the next retry is cut short");
  });

  it("leaves no listener on the worker's signal after steps that settle (a worker polls for as long as it runs)", async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) assert.equal(await waitOut(async () => i, () => stop.signal.aborted, undefined, 1, stop.signal), i);
    assert.equal(getEventListeners(stop.signal, "abort").length, 0);
  });
});
