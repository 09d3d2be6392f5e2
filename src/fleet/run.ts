import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import type { Rule } from "../core/rule.js";
import { planRun, type Plan } from "./plan.js";
import { ScanQueue, type QueueSettings } from "./queue.js";
import { rulesetHash } from "./ruleset.js";
import { ScanSlot, sweepScratch, type ScannerLimits } from "./scanner.js";
import type { FleetDb } from "./store.js";
import { waitOut, work, type WorkEvent } from "./worker.js";

/** Settings of a run or a worker. */
export interface WorkerSettings {
  workers: number;
  queue: QueueSettings;
  limits: ScannerLimits;
  /** Where clones go (each scan process gets its own folder under it). */
  scratch: string;
  onEvent?: (e: WorkEvent) => void;
  /** Called with each scan process's pid as it starts. */
  onSpawn?: (pid: number) => void;
}

/** What a run did. */
export interface RunSummary {
  plan: Plan;
  scanned: number;
  failed: number;
  /** Failures the queue will not retry. */
  failedFinal: number;
  ms: number;
  /** Peak resident memory of any scan process, in KiB. */
  peakWorkerRssKb: number;
}

/** The file a run keeps current so `fleet status` can show progress while the embedded store is locked. */
export const PROGRESS_FILE = "run-progress.json";

/**
 * `fleet run`: plan (ls-remote every repository, queue what changed), then work with `workers`
 * scan processes until the queue is empty. In embedded mode this process owns the database, so a
 * job still marked running belongs to a run that died: it is failed at once and retried.
 */
export async function runFleet(db: FleetDb, rules: readonly Rule[], settings: WorkerSettings & { retryFailed?: boolean; rescan?: boolean; lsRemoteConcurrency?: number; lsRemoteOnly?: boolean }): Promise<RunSummary> {
  const started = Date.now();
  const ruleset = rulesetHash(rules);
  const queue = await ScanQueue.open(db.sql, settings.queue, { supervise: true });
  const progressPath = db.location.databaseUrl === undefined ? join(db.location.dir, PROGRESS_FILE) : undefined;
  const summary: RunSummary = { plan: { queued: 0, unchanged: 0, deferred: 0, unreachable: 0, ms: 0 }, scanned: 0, failed: 0, failedFinal: 0, ms: 0, peakWorkerRssKb: 0 };
  let lastWrite = 0;
  const progress = (force = false) => {
    if (!progressPath || (!force && Date.now() - lastWrite < 1_000)) return;
    lastWrite = Date.now();
    const tmp = `${progressPath}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ pid: process.pid, startedAt: new Date(started).toISOString(), updatedAt: new Date().toISOString(), ...summary }));
    renameSync(tmp, progressPath);
  };
  const slots: ScanSlot[] = [];
  try {
    if (db.location.databaseUrl === undefined) {
      for (const id of await queue.active(db.sql)) await queue.fail(id, "the run that held this job ended before finishing it");
    }
    summary.plan = await planRun(db.sql, queue, { ruleset, concurrency: settings.lsRemoteConcurrency ?? 32, lsRemoteOnly: Boolean(settings.lsRemoteOnly), ...(settings.retryFailed ? { retryFailed: true } : {}), ...(settings.rescan ? { rescan: true } : {}) });
    progress(true);
    mkdirSync(settings.scratch, { recursive: true, mode: 0o700 });
    sweepScratch(settings.scratch);
    for (let i = 0; i < settings.workers; i++) {
      const slot = new ScanSlot(settings.scratch, i, settings.limits);
      slot.onSpawn = settings.onSpawn;
      slots.push(slot);
    }
    await work({
      sql: db.sql,
      queue,
      slots,
      until: "drain",
      onEvent: (e) => {
        if (e.type === "scanned") summary.scanned++;
        if (e.type === "failed") {
          summary.failed++;
          if (e.final) summary.failedFinal++;
        }
        progress();
        settings.onEvent?.(e);
      },
    });
  } finally {
    for (const s of slots) summary.peakWorkerRssKb = Math.max(summary.peakWorkerRssKb, s.peakRssKb);
    await Promise.all(slots.map((s) => s.stop()));
    await queue.stop();
    summary.ms = Date.now() - started;
    progress(true);
  }
  return summary;
}

/** How long a stopping worker waits for the queue to stop before it goes anyway. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * `fleet worker`: the same loop against a shared PostgreSQL until `signal` aborts; any number of
 * these, on any number of machines, share the queue.
 */
export async function runWorker(db: FleetDb, settings: WorkerSettings, signal: AbortSignal): Promise<{ peakWorkerRssKb: number }> {
  // The database may go down while pg-boss starts (its schema, the queue): wait that out like any outage.
  const queue = await waitOut(() => ScanQueue.open(db.sql, settings.queue, { supervise: true, onError: () => undefined }), () => signal.aborted, settings.onEvent);
  if (!queue) return { peakWorkerRssKb: 0 };
  mkdirSync(settings.scratch, { recursive: true, mode: 0o700 });
  sweepScratch(settings.scratch);
  const slots = Array.from({ length: settings.workers }, (_, i) => {
    const s = new ScanSlot(settings.scratch, i, settings.limits);
    s.onSpawn = settings.onSpawn;
    return s;
  });
  try {
    await work({ sql: db.sql, queue, slots, until: signal, ...(settings.onEvent ? { onEvent: settings.onEvent } : {}) });
  } finally {
    await Promise.all(slots.map((s) => s.stop()));
    // pg-boss waits for its own loops to stop; one stuck on a dropped connection must not keep a stopped worker alive.
    await Promise.race([queue.stop().catch(() => undefined), sleep(SHUTDOWN_GRACE_MS, undefined, { ref: false })]);
  }
  return { peakWorkerRssKb: Math.max(0, ...slots.map((s) => s.peakRssKb)) };
}
