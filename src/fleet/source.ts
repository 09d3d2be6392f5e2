import { gunzipSync } from "node:zlib";
import type { Assessment } from "../core/assessment.js";
import { buildFleetReport, type FleetReport } from "./report-model.js";
import { SCHEMA } from "./schema.js";
import { openFleetDb, storeOwner, type FleetDb, type FleetLocation } from "./store.js";

/** What the dashboard reads: the fleet report and stored assessments. */
export interface FleetSource {
  /** The report, and a note when it is older than the store (an embedded run holds the store). */
  report(): Promise<{ report: FleetReport; note?: string }>;
  assessment(repositoryId: number): Promise<Assessment | undefined>;
  close(): Promise<void>;
}

/** The latest stored assessment of a repository, decompressed. */
export async function latestAssessment(db: FleetDb, repositoryId: number): Promise<Assessment | undefined> {
  const rows = await db.sql.query<{ document: Uint8Array }>(`SELECT a.document FROM ${SCHEMA}.assessment a JOIN ${SCHEMA}.repository r ON r.last_assessment_id = a.id WHERE r.id = $1`, [repositoryId]);
  const doc = rows[0]?.document;
  return doc ? (JSON.parse(gunzipSync(doc).toString("utf8")) as Assessment) : undefined;
}

/**
 * A source over PostgreSQL (one pool for the server's life, the report cached a few seconds), or
 * over the embedded store, which is one process's at a time: it is opened briefly when the
 * cached report is older than `ttlMs` and closed again, so `fleet run` can take it between
 * requests; while a run holds it, the last report is served with a note saying so.
 */
export async function openSource(location: FleetLocation, ruleset: string, ttlMs = location.databaseUrl ? 5_000 : 30_000): Promise<FleetSource> {
  let cached: { report: FleetReport; at: number } | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = chain.then(f, f);
    chain = p.catch(() => undefined);
    return p;
  };
  if (location.databaseUrl !== undefined) {
    const db = await openFleetDb(location, { command: "serve" });
    return {
      report: () =>
        serial(async () => {
          if (!cached || Date.now() - cached.at > ttlMs) cached = { report: await buildFleetReport(db.sql, { ruleset }), at: Date.now() };
          return { report: cached.report };
        }),
      assessment: (id) => latestAssessment(db, id),
      close: () => db.close(),
    };
  }
  const withStore = async <T>(f: (db: FleetDb) => Promise<T>): Promise<T | undefined> => {
    if (storeOwner(location.dir)) return undefined;
    const db = await openFleetDb(location, { command: "serve" });
    try {
      return await f(db);
    } finally {
      await db.close();
    }
  };
  return {
    report: () =>
      serial(async () => {
        if (cached && Date.now() - cached.at <= ttlMs) return { report: cached.report };
        const fresh = await withStore((db) => buildFleetReport(db.sql, { ruleset }));
        if (fresh) {
          cached = { report: fresh, at: Date.now() };
          return { report: fresh };
        }
        const owner = storeOwner(location.dir);
        const note = `\`assay fleet ${owner?.command ?? "run"}\` holds the store${owner ? ` since ${owner.since}` : ""}; this page shows the fleet as it was before.`;
        if (!cached) throw new Error(`${note.replace("; this page shows the fleet as it was before.", "")}; try again when it finishes`);
        return { report: cached.report, note };
      }),
    assessment: (id) => serial(() => withStore((db) => latestAssessment(db, id))),
    close: async () => undefined,
  };
}
