import { setTimeout as sleep } from "node:timers/promises";
import type { ScanJob, ScanQueue } from "./queue.js";
import { markRunning, recordFailure, storeAssessment } from "./results.js";
import type { ScanOutcome, ScanSlot } from "./scanner.js";
import type { Sql } from "./sql.js";

/** What a worker loop tells its caller as it goes (progress lines, the benchmark, tests). */
export type WorkEvent =
  | { type: "started"; job: ScanJob }
  | { type: "scanned"; job: ScanJob; outcome: Extract<ScanOutcome, { ok: true }> }
  | { type: "failed"; job: ScanJob; outcome: Extract<ScanOutcome, { ok: false }>; final: boolean }
  | { type: "waiting"; error: string; retryInMs: number };

/** When the loops stop: once the queue is empty (`fleet run`), or when the signal aborts (`fleet worker`). */
export interface WorkOptions {
  sql: Sql;
  queue: ScanQueue;
  slots: readonly ScanSlot[];
  /** `drain`: stop when no job is waiting, retrying or running anywhere. */
  until: "drain" | AbortSignal;
  pollMs?: number;
  onEvent?: (e: WorkEvent) => void;
}

/**
 * Runs a database step until it succeeds, waiting out outages with back-off (from `firstWaitMs`,
 * doubling, at most 30 s) and saying so each time; undefined once `stopped()` says to give up.
 */
export async function waitOut<T>(step: () => Promise<T>, stopped: () => boolean, onEvent?: (e: WorkEvent) => void, firstWaitMs = 500, signal?: AbortSignal): Promise<T | undefined> {
  for (let outage = 0; ; outage++) {
    try {
      // A call on a connection the server dropped while restarting may never settle: a stopped
      // worker does not wait for it (the job it may hold expires and is retried).
      return signal ? await unlessAborted(step(), signal) : await step();
    } catch (e) {
      if (stopped()) return undefined;
      const wait = Math.min(30_000, firstWaitMs * 2 ** Math.min(outage, 6));
      onEvent?.({ type: "waiting", error: e instanceof Error ? e.message : String(e), retryInMs: wait });
      await sleep(wait, undefined, signal ? { signal } : undefined).catch(() => undefined);
      if (stopped()) return undefined;
    }
  }
}

/**
 * `p`, or undefined as soon as `signal` aborts. The listener is removed once either settles: a
 * worker calls this for every poll, and listeners left on its one signal would pile up.
 */
async function unlessAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  let onAbort = (): void => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([p, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * The worker loop, the same in every mode: each slot fetches a job from the queue, clones and scans
 * in its process, stores the result, then completes the job. A job is completed only after its
 * result is stored, so a worker killed in between loses nothing (the job expires and is retried,
 * and the unique key makes the second store a no-op). A database or queue that goes away makes
 * the loop wait with back-off and resume; a result already computed is kept until it is stored.
 */
export async function work(opts: WorkOptions): Promise<void> {
  const pollMs = opts.pollMs ?? 1_000;
  const stopped = () => opts.until !== "drain" && opts.until.aborted;
  const signal = opts.until === "drain" ? undefined : opts.until;
  const persist = <T>(step: () => Promise<T>): Promise<T | undefined> => waitOut(step, stopped, opts.onEvent, undefined, signal);

  await Promise.all(
    opts.slots.map(async (slot) => {
      let idle = 0;
      while (!stopped()) {
        const job = await persist(() => opts.queue.fetch());
        if (job === undefined) {
          if (stopped()) break;
          if (opts.until === "drain" && (await persist(() => opts.queue.pending())) === 0) break;
          await sleep(Math.min(pollMs * 2 ** Math.min(idle++, 1), 2_000));
          continue;
        }
        idle = 0;
        await persist(() => markRunning(opts.sql, job.data.repositoryId, job.id));
        opts.onEvent?.({ type: "started", job });
        const outcome = await slot.scan({ id: job.id, url: job.data.url, name: job.data.name });
        if (outcome.ok) {
          const stored = await persist(() => storeAssessment(opts.sql, job.data.repositoryId, job.data.ruleset, outcome.commit, outcome.assessment, outcome.ms).then(() => true));
          if (!stored) break;
          await persist(() => opts.queue.complete(job.id));
          opts.onEvent?.({ type: "scanned", job, outcome });
        } else {
          const final = job.retryCount >= job.retryLimit;
          const error = `${outcome.stage === "clone" ? "clone failed" : outcome.stage === "scan" ? "scan failed" : "worker failed"}: ${outcome.error}`;
          await persist(() => recordFailure(opts.sql, job.data.repositoryId, error, final));
          await persist(() => opts.queue.fail(job.id, error));
          opts.onEvent?.({ type: "failed", job, outcome, final });
        }
      }
    }),
  );
}
