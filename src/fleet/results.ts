import { gzipSync } from "node:zlib";
import type { Assessment } from "../core/assessment.js";
import { SCHEMA } from "./schema.js";
import type { Sql } from "./sql.js";

const S = SCHEMA;

/** How long a repository that failed waits before `fleet run` tries it again: 1 h, doubling, at most a week. */
export function backoffSeconds(failures: number): number {
  return Math.min(3600 * 2 ** Math.max(0, failures - 1), 7 * 24 * 3600);
}

/**
 * Records an assessment, its findings and check scores, and points the repository at it, in one
 * statement (atomic on either database without a transaction). A retried job that scanned the
 * same commit with the same rule set inserts nothing: the unique key keeps one row.
 */
export async function storeAssessment(sql: Sql, repositoryId: number, ruleset: string, commit: string, a: Assessment, scanMs: number): Promise<void> {
  const open = a.summary.findings.openBySeverity;
  const findings = a.findings.map((f) => ({
    fingerprint: f.fingerprint,
    rule_id: f.ruleId,
    check_id: f.check,
    severity: f.severity,
    status: f.status,
    message: f.message.slice(0, 2000),
    path: f.locations[0]?.path ?? null,
    line: f.locations[0]?.startLine ?? null,
  }));
  const checks = a.checks.map((c) => ({ check_id: c.id, title: c.title, risk: c.risk, status: c.status, score: c.score }));
  const document = gzipSync(JSON.stringify(a));
  await sql.query(
    `WITH ins AS (
       INSERT INTO ${S}.assessment (repository_id, commit, ruleset, tool_version, scanned_at, score, gate_passed, files, open_critical, open_high, open_medium, open_low, open_info, scan_ms, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (repository_id, commit, ruleset) DO NOTHING
       RETURNING id
     ), f AS (
       INSERT INTO ${S}.finding (assessment_id, fingerprint, rule_id, check_id, severity, status, message, path, line)
       SELECT ins.id, x.fingerprint, x.rule_id, x.check_id, x.severity, x.status, x.message, x.path, x.line
       FROM ins, jsonb_to_recordset($16::jsonb) AS x(fingerprint text, rule_id text, check_id text, severity text, status text, message text, path text, line integer)
       ON CONFLICT DO NOTHING
     ), c AS (
       INSERT INTO ${S}.check_result (assessment_id, check_id, title, risk, status, score)
       SELECT ins.id, x.check_id, x.title, x.risk, x.status, x.score
       FROM ins, jsonb_to_recordset($17::jsonb) AS x(check_id text, title text, risk text, status text, score real)
       ON CONFLICT DO NOTHING
     )
     UPDATE ${S}.repository SET state = 'ok', job_id = NULL, failures = 0, last_error = NULL, last_error_at = NULL, next_attempt_at = NULL, head = $2,
       last_assessment_id = COALESCE((SELECT id FROM ins), (SELECT id FROM ${S}.assessment WHERE repository_id = $1 AND commit = $2 AND ruleset = $3))
     WHERE id = $1`,
    [repositoryId, commit, ruleset, a.tool.version, a.generatedAt, a.summary.score, a.gate.passed, a.summary.files, open.critical, open.high, open.medium, open.low, open.info, Math.round(scanMs), document, JSON.stringify(findings), JSON.stringify(checks)],
  );
}

/** Marks a repository as being scanned by a job. */
export async function markRunning(sql: Sql, repositoryId: number, jobId: string): Promise<void> {
  await sql.query(`UPDATE ${S}.repository SET state = 'running', job_id = $2 WHERE id = $1`, [repositoryId, jobId]);
}

/**
 * Records why a repository could not be cloned or scanned. `final`: the queue will not retry this
 * job, so the repository waits out its back-off before the next `fleet run` tries it.
 */
export async function recordFailure(sql: Sql, repositoryId: number, error: string, final: boolean): Promise<void> {
  await sql.query(
    `UPDATE ${S}.repository SET state = $3, job_id = NULL, last_error = $2, last_error_at = now(),
       failures = failures + (CASE WHEN $4 THEN 1 ELSE 0 END),
       next_attempt_at = CASE WHEN $4 THEN now() + make_interval(secs => $5 * power(2, LEAST(failures, 7))) ELSE next_attempt_at END
     WHERE id = $1`,
    [repositoryId, error.slice(0, 1000), final ? "failed" : "retrying", final, backoffSeconds(1)],
  );
}
