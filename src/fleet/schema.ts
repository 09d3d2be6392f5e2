import type { Sql } from "./sql.js";

/** The schema the fleet's results live in (pg-boss keeps its queue in its own, QUEUE_SCHEMA). */
export const SCHEMA = "assay_fleet";
/** Bumped when the tables change; `migrate` refuses a store written by a newer assay. */
export const SCHEMA_VERSION = 1;

// Results are keyed by repository, commit and rule set, so a retried job never writes a second
// row: the writer inserts with ON CONFLICT DO NOTHING. Every assessment is kept (history); its
// JSON is stored gzip-compressed, and what the report and dashboard query is extracted beside it.
const TABLES = `
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.repository (
  id serial PRIMARY KEY,
  url text NOT NULL UNIQUE,
  name text NOT NULL,
  source text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  head text,
  head_checked_at timestamptz,
  state text NOT NULL DEFAULT 'new',
  job_id text,
  failures integer NOT NULL DEFAULT 0,
  last_error text,
  last_error_at timestamptz,
  next_attempt_at timestamptz,
  last_assessment_id bigint
);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.assessment (
  id bigserial PRIMARY KEY,
  repository_id integer NOT NULL REFERENCES ${SCHEMA}.repository(id) ON DELETE CASCADE,
  commit text NOT NULL,
  ruleset text NOT NULL,
  tool_version text NOT NULL,
  scanned_at timestamptz NOT NULL,
  score real,
  gate_passed boolean NOT NULL,
  files integer NOT NULL,
  open_critical integer NOT NULL,
  open_high integer NOT NULL,
  open_medium integer NOT NULL,
  open_low integer NOT NULL,
  open_info integer NOT NULL,
  scan_ms integer,
  document bytea NOT NULL,
  UNIQUE (repository_id, commit, ruleset)
);
CREATE INDEX IF NOT EXISTS assessment_repository ON ${SCHEMA}.assessment (repository_id, id DESC);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.finding (
  assessment_id bigint NOT NULL REFERENCES ${SCHEMA}.assessment(id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  rule_id text NOT NULL,
  check_id text NOT NULL,
  severity text NOT NULL,
  status text NOT NULL,
  message text NOT NULL,
  path text,
  line integer,
  PRIMARY KEY (assessment_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.check_result (
  assessment_id bigint NOT NULL REFERENCES ${SCHEMA}.assessment(id) ON DELETE CASCADE,
  check_id text NOT NULL,
  title text NOT NULL,
  risk text NOT NULL,
  status text NOT NULL,
  score real,
  PRIMARY KEY (assessment_id, check_id)
);
`;

/** Creates the results schema when it is missing; concurrent workers may all call it. */
export async function migrate(sql: Sql): Promise<void> {
  const rows = await sql
    .query<{ value: string }>(`SELECT value FROM ${SCHEMA}.meta WHERE key = 'schema_version'`)
    .catch(() => [] as { value: string }[]);
  const found = rows[0] ? Number(rows[0].value) : 0;
  if (found > SCHEMA_VERSION) throw new Error(`the fleet database was written by a newer assay (schema ${found}, this one knows ${SCHEMA_VERSION})`);
  if (found === SCHEMA_VERSION) return;
  // An advisory lock serialises two workers creating the schema at once on a fresh server.
  await sql.exec(`BEGIN; SELECT pg_advisory_xact_lock(7243100019); ${TABLES} INSERT INTO ${SCHEMA}.meta VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value; COMMIT;`);
}
