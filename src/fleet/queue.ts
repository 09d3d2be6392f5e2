import PgBoss from "pg-boss";
import type { Sql } from "./sql.js";

/** pg-boss keeps its tables in this schema, beside the results' (assay_fleet). */
export const QUEUE_SCHEMA = "assay_fleet_queue";
/** The one queue: a job is one repository to clone and scan. */
export const SCAN_QUEUE = "assay-scan";

/** What a scan job carries. */
export interface ScanJobData {
  repositoryId: number;
  url: string;
  name: string;
  /** The HEAD `fleet run` saw; the scan records the commit it actually cloned. */
  head: string;
  ruleset: string;
}

/** Retry and visibility settings of the queue. */
export interface QueueSettings {
  /** A job not completed this long after it was fetched is retried (its worker is presumed dead). */
  expireInSeconds: number;
  retryLimit: number;
  /** First retry after this; doubled on each further one (pg-boss's retryBackoff). */
  retryDelaySeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceIntervalSeconds: number;
}

export const DEFAULT_QUEUE: QueueSettings = { expireInSeconds: 30 * 60, retryLimit: 2, retryDelaySeconds: 30, maintenanceIntervalSeconds: 60 };

/** A job as a worker holds it. */
export interface ScanJob {
  id: string;
  data: ScanJobData;
  retryCount: number;
  retryLimit: number;
}

/** Counts by state: what is waiting, running and finished. */
export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
}

/**
 * The scan queue on pg-boss, over the fleet's own connection (PGlite or PostgreSQL): pg-boss
 * fetches with SKIP LOCKED, expires jobs whose worker vanished, and retries failures with
 * exponential back-off. Its `stately` policy keeps at most one queued job per repository.
 */
export class ScanQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly settings: QueueSettings,
    /** The connection pg-boss runs on: fetch runs through it to see the errors pg-boss drops. */
    private readonly db: PgBoss.Db,
  ) {}

  /** Starts pg-boss (creating or migrating its schema) and the queue. `supervise`: expire and archive jobs in this process. */
  static async open(sql: Sql, settings: QueueSettings, opts: { supervise: boolean; onError?: (e: Error) => void }): Promise<ScanQueue> {
    const boss = new PgBoss({
      db: sql.boss as PgBoss.Db,
      schema: QUEUE_SCHEMA,
      supervise: opts.supervise,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
      // Finished jobs leave the live table after a day and are deleted after a week: results live in assay_fleet.
      archiveCompletedAfterSeconds: 24 * 3600,
      deleteAfterDays: 7,
    });
    boss.on("error", (e) => opts.onError?.(e));
    await boss.start();
    const existing = await boss.getQueue(SCAN_QUEUE);
    if (!existing) {
      await boss.createQueue(SCAN_QUEUE, { name: SCAN_QUEUE, policy: "stately", retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true, expireInSeconds: settings.expireInSeconds }).catch(async (e: unknown) => {
        // Another worker created it first.
        if (!(await boss.getQueue(SCAN_QUEUE))) throw e;
      });
    }
    return new ScanQueue(boss, settings, sql.boss as PgBoss.Db);
  }

  /** Queues repositories to scan; one already waiting for the same repository is kept instead. */
  async enqueue(jobs: readonly ScanJobData[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 500) {
      await this.boss.insert(
        jobs.slice(i, i + 500).map((data) => ({
          name: SCAN_QUEUE,
          data,
          singletonKey: `repository-${data.repositoryId}`,
          retryLimit: this.settings.retryLimit,
          retryDelay: this.settings.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: this.settings.expireInSeconds,
        })),
      );
    }
  }

  /** The next job, or undefined when none is ready; rejects when the database cannot be reached. */
  async fetch(): Promise<ScanJob | undefined> {
    // pg-boss's fetch answers "no job" whatever went wrong, so a worker would poll an unreachable
    // database in silence: the statement runs through a connection that keeps the error.
    let failure: unknown;
    const db: PgBoss.Db = {
      executeSql: async (text, values) => {
        try {
          return await this.db.executeSql(text, values);
        } catch (e) {
          failure = e;
          throw e;
        }
      },
    };
    const jobs = await this.boss.fetch<ScanJobData>(SCAN_QUEUE, { batchSize: 1, includeMetadata: true, db });
    if (failure !== undefined) {
      // The next job's repository is being scanned by an earlier job (a second run queued it):
      // the stately policy refuses a second active one, so it waits until the first is done.
      if ((failure as { code?: string }).code === "23505") return undefined;
      throw failure;
    }
    const [job] = jobs;
    return job ? { id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit } : undefined;
  }

  async complete(id: string): Promise<void> {
    await this.boss.complete(SCAN_QUEUE, id);
  }

  /** Fails a job: pg-boss retries it after its back-off until its retries are spent. */
  async fail(id: string, error: string): Promise<void> {
    await this.boss.fail(SCAN_QUEUE, id, { error });
  }

  /** Jobs not finished yet (waiting, waiting to retry, running). */
  async pending(): Promise<number> {
    return this.boss.getQueueSize(SCAN_QUEUE, { before: "completed" });
  }

  /** Jobs by state, from pg-boss's own table. */
  async counts(sql: Sql): Promise<QueueCounts> {
    const rows = await sql.query<{ state: string; n: number }>(`SELECT state::text AS state, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = $1 GROUP BY state`, [SCAN_QUEUE]);
    const c: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0 };
    for (const r of rows) if (r.state in c) c[r.state as keyof QueueCounts] = r.n;
    return c;
  }

  /** The ids of running jobs (an embedded run that starts finds its dead predecessor's here). */
  async active(sql: Sql): Promise<string[]> {
    const rows = await sql.query<{ id: string }>(`SELECT id::text AS id FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'active'`, [SCAN_QUEUE]);
    return rows.map((r) => r.id);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: false });
  }
}
