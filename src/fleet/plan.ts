import { remoteHead } from "./git-remote.js";
import type { ScanJobData, ScanQueue } from "./queue.js";
import { recordFailure } from "./results.js";
import { SCHEMA } from "./schema.js";
import type { Sql } from "./sql.js";

/** What `fleet run` decided for each repository. */
export interface Plan {
  /** Queued for a scan: new, HEAD moved, or the rule set changed. */
  queued: number;
  /** Already assessed at this HEAD with this rule set. */
  unchanged: number;
  /** Failed before and still waiting out the back-off. */
  deferred: number;
  /** `git ls-remote` failed (recorded on the repository). */
  unreachable: number;
  ms: number;
}

interface Candidate {
  id: number;
  url: string;
  name: string;
  state: string;
  next_attempt_at: Date | string | null;
}

/**
 * Asks every repository's remote for its HEAD (`git ls-remote`, `concurrency` at a time, no clone)
 * and queues those without an assessment for that commit and rule set. Repositories that failed
 * wait out their back-off unless `retryFailed`; `rescan` queues everything.
 */
export async function planRun(sql: Sql, queue: ScanQueue, opts: { ruleset: string; concurrency: number; retryFailed?: boolean; rescan?: boolean; now?: Date; lsRemoteTimeoutMs?: number; lsRemoteOnly?: boolean }): Promise<Plan> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const repos = await sql.query<Candidate>(`SELECT id, url, name, state, next_attempt_at FROM ${SCHEMA}.repository ORDER BY id`);
  const plan: Plan = { queued: 0, unchanged: 0, deferred: 0, unreachable: 0, ms: 0 };
  const due = repos.filter((r) => {
    const wait = r.next_attempt_at === null ? false : new Date(r.next_attempt_at) > now;
    if (wait && !opts.retryFailed && !opts.rescan) plan.deferred++;
    return !wait || opts.retryFailed || opts.rescan;
  });
  const heads = new Map<number, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency, due.length)) }, async () => {
      while (next < due.length) {
        const r = due[next++] as Candidate;
        try {
          heads.set(r.id, await remoteHead(r.url, opts.lsRemoteTimeoutMs, { lsRemoteOnly: Boolean(opts.lsRemoteOnly) }));
        } catch (e) {
          plan.unreachable++;
          await recordFailure(sql, r.id, `ls-remote failed: ${e instanceof Error ? e.message : String(e)}`, true);
        }
      }
    }),
  );
  if (heads.size === 0) return { ...plan, ms: Date.now() - started };
  const ids = [...heads.keys()];
  const current = new Set(
    opts.rescan
      ? []
      : (
          await sql.query<{ repository_id: number; commit: string }>(
            `SELECT a.repository_id, a.commit FROM ${SCHEMA}.assessment a JOIN unnest($1::int[], $2::text[]) AS h(id, head) ON a.repository_id = h.id AND a.commit = h.head WHERE a.ruleset = $3`,
            [ids, ids.map((id) => heads.get(id)), opts.ruleset],
          )
        ).map((r) => r.repository_id),
  );
  const byId = new Map(due.map((r) => [r.id, r]));
  const jobs: ScanJobData[] = [];
  for (const [id, head] of heads) {
    const r = byId.get(id) as Candidate;
    if (current.has(id)) plan.unchanged++;
    else jobs.push({ repositoryId: id, url: r.url, name: r.name, head, ruleset: opts.ruleset });
  }
  await sql.query(
    `UPDATE ${SCHEMA}.repository r SET head = h.head, head_checked_at = now(), state = CASE WHEN h.queue THEN 'queued' WHEN r.state IN ('failed', 'retrying') THEN 'ok' ELSE r.state END
     FROM unnest($1::int[], $2::text[], $3::boolean[]) AS h(id, head, queue) WHERE r.id = h.id`,
    [ids, ids.map((id) => heads.get(id)), ids.map((id) => !current.has(id))],
  );
  await queue.enqueue(jobs);
  plan.queued = jobs.length;
  return { ...plan, ms: Date.now() - started };
}
