// The worker loop's own handling of a database that goes away, without a database: a connection
// that fails every statement stands for a server shutting down while the worker starts.
import assert from "node:assert/strict";
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
});
