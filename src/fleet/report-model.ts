import { isSeverity, SEVERITIES, severityRank, type Severity } from "../core/severity.js";
import { VERSION } from "../version.js";
import { SCHEMA } from "./schema.js";
import type { Sql } from "./sql.js";

/** Version of the fleet report document (schema/fleet-report.schema.json); bump the major on breaking changes. */
export const FLEET_REPORT_VERSION = "1.0.0";

/** A finding as the fleet report lists it. */
export interface FleetFinding {
  fingerprint: string;
  ruleId: string;
  check: string;
  severity: Severity;
  message: string;
  path: string | null;
  line: number | null;
}

/** Where a repository stands in the fleet. */
export type RepositoryState = "new" | "queued" | "running" | "ok" | "retrying" | "failed";

/** One repository: its latest assessment, its history, what changed since the one before. */
export interface FleetRepository {
  id: number;
  name: string;
  url: string;
  state: RepositoryState;
  /** The HEAD the last `fleet run` saw. */
  head: string | null;
  latest: {
    commit: string;
    scannedAt: string;
    score: number | null;
    gatePassed: boolean;
    toolVersion: string;
    ruleset: string;
    /** Assessed at the HEAD last seen and with this assay's rule set. */
    current: boolean;
    files: number;
    openBySeverity: Record<Severity, number>;
  } | null;
  previous: { commit: string; scannedAt: string; score: number | null } | null;
  /** Scores over time, oldest first (the last 20 assessments). */
  history: { scannedAt: string; commit: string; score: number | null }[];
  checks: { id: string; status: string; score: number | null }[];
  /** The latest assessment's open findings, most severe first (at most MAX_FINDINGS). */
  findings: FleetFinding[];
  findingsOmitted: number;
  /** Open findings that appeared (new) or went away (fixed) since the previous assessment, by fingerprint. */
  changes: { new: FleetFinding[]; fixed: FleetFinding[] };
  error: { message: string; at: string | null; failures: number; nextAttemptAt: string | null } | null;
}

/** The fleet report: the document `fleet report --format json` prints and every fleet view renders. */
export interface FleetReport {
  schemaVersion: string;
  tool: { name: "assay"; version: string };
  ruleset: string;
  generatedAt: string;
  summary: {
    repositories: number;
    assessed: number;
    /** Repositories whose last attempt failed (clone, scan, or ls-remote). */
    failing: number;
    /** Registered but never assessed yet. */
    pending: number;
    meanScore: number | null;
    openBySeverity: Record<Severity, number>;
    newFindings: number;
    fixedFindings: number;
  };
  /** Checks by their mean score over the latest assessments, worst first. */
  worstChecks: { id: string; title: string; risk: string; assessed: number; failing: number; meanScore: number }[];
  repositories: FleetRepository[];
}

const MAX_FINDINGS = 100;
const MAX_CHANGES = 100;
const HISTORY = 20;

type Ts = Date | string;
const iso = (t: Ts): string => (t instanceof Date ? t : new Date(t)).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

interface RepoRow {
  id: number;
  url: string;
  name: string;
  state: string;
  head: string | null;
  failures: number;
  last_error: string | null;
  last_error_at: Ts | null;
  next_attempt_at: Ts | null;
}
interface AssessmentRow {
  id: number | string;
  repository_id: number;
  commit: string;
  ruleset: string;
  tool_version: string;
  scanned_at: Ts;
  score: number | null;
  gate_passed: boolean;
  files: number;
  open_critical: number;
  open_high: number;
  open_medium: number;
  open_low: number;
  open_info: number;
  rn: number | string;
}
interface FindingRow {
  assessment_id: number | string;
  fingerprint: string;
  rule_id: string;
  check_id: string;
  severity: string;
  status: string;
  message: string;
  path: string | null;
  line: number | null;
}

/** Builds the fleet report from the database: a handful of set-based queries, whatever the fleet's size. */
export async function buildFleetReport(sql: Sql, opts: { ruleset: string; now?: Date; repositoryId?: number }): Promise<FleetReport> {
  const only = opts.repositoryId;
  const repos = await sql.query<RepoRow>(`SELECT id, url, name, state, head, failures, last_error, last_error_at, next_attempt_at FROM ${SCHEMA}.repository ${only === undefined ? "" : "WHERE id = $1"} ORDER BY name, id`, only === undefined ? [] : [only]);
  const assessments = await sql.query<AssessmentRow>(
    `SELECT * FROM (SELECT id, repository_id, commit, ruleset, tool_version, scanned_at, score, gate_passed, files, open_critical, open_high, open_medium, open_low, open_info,
       row_number() OVER (PARTITION BY repository_id ORDER BY id DESC) AS rn FROM ${SCHEMA}.assessment ${only === undefined ? "" : "WHERE repository_id = $1"}) x WHERE rn <= ${HISTORY}`,
    only === undefined ? [] : [only],
  );
  const byRepo = new Map<number, AssessmentRow[]>();
  for (const a of assessments) {
    const list = byRepo.get(a.repository_id) ?? [];
    list.push(a);
    byRepo.set(a.repository_id, list);
  }
  for (const list of byRepo.values()) list.sort((x, y) => Number(x.rn) - Number(y.rn));
  const latestIds = [...byRepo.values()].flatMap((l) => (l[0] ? [String(l[0].id)] : []));
  const previousIds = [...byRepo.values()].flatMap((l) => (l[1] ? [String(l[1].id)] : []));
  const findingRows = latestIds.length + previousIds.length === 0 ? [] : await sql.query<FindingRow>(`SELECT assessment_id, fingerprint, rule_id, check_id, severity, status, message, path, line FROM ${SCHEMA}.finding WHERE status = 'open' AND assessment_id = ANY($1::bigint[])`, [[...latestIds, ...previousIds]]);
  const findings = new Map<string, FleetFinding[]>();
  for (const f of findingRows) {
    const key = String(f.assessment_id);
    const list = findings.get(key) ?? [];
    list.push({ fingerprint: f.fingerprint, ruleId: f.rule_id, check: f.check_id, severity: isSeverity(f.severity) ? f.severity : "info", message: f.message, path: f.path, line: f.line });
    findings.set(key, list);
  }
  const checkRows = latestIds.length === 0 ? [] : await sql.query<{ assessment_id: number | string; check_id: string; title: string; risk: string; status: string; score: number | null }>(`SELECT assessment_id, check_id, title, risk, status, score FROM ${SCHEMA}.check_result WHERE assessment_id = ANY($1::bigint[]) ORDER BY check_id`, [latestIds]);
  const checks = new Map<string, { id: string; status: string; score: number | null }[]>();
  const worst = new Map<string, { id: string; title: string; risk: string; assessed: number; failing: number; sum: number }>();
  for (const c of checkRows) {
    const key = String(c.assessment_id);
    const list = checks.get(key) ?? [];
    list.push({ id: c.check_id, status: c.status, score: num(c.score) });
    checks.set(key, list);
    if (c.score === null || (c.status !== "scored" && c.status !== "incomplete")) continue;
    const w = worst.get(c.check_id) ?? { id: c.check_id, title: c.title, risk: c.risk, assessed: 0, failing: 0, sum: 0 };
    w.assessed++;
    w.sum += Number(c.score);
    if (Number(c.score) < 10) w.failing++;
    worst.set(c.check_id, w);
  }

  const bySeverity = (a: FleetFinding, b: FleetFinding) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId) || (a.path ?? "").localeCompare(b.path ?? "") || (a.line ?? 0) - (b.line ?? 0);
  let newTotal = 0;
  let fixedTotal = 0;
  const out: FleetRepository[] = repos.map((r) => {
    const list = byRepo.get(r.id) ?? [];
    const [latest, previous] = list;
    const open = latest ? [...(findings.get(String(latest.id)) ?? [])].sort(bySeverity) : [];
    const before = previous ? (findings.get(String(previous.id)) ?? []) : [];
    const nowFps = new Set(open.map((f) => f.fingerprint));
    const beforeFps = new Set(before.map((f) => f.fingerprint));
    const added = previous ? open.filter((f) => !beforeFps.has(f.fingerprint)) : [];
    const fixed = previous ? [...before].sort(bySeverity).filter((f) => !nowFps.has(f.fingerprint)) : [];
    newTotal += added.length;
    fixedTotal += fixed.length;
    const failed = r.state === "failed" || r.state === "retrying";
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      state: (["new", "queued", "running", "ok", "retrying", "failed"].includes(r.state) ? r.state : "new") as RepositoryState,
      head: r.head,
      latest: latest
        ? {
            commit: latest.commit,
            scannedAt: iso(latest.scanned_at),
            score: num(latest.score),
            gatePassed: latest.gate_passed,
            toolVersion: latest.tool_version,
            ruleset: latest.ruleset,
            current: latest.ruleset === opts.ruleset && (r.head === null || r.head === latest.commit),
            files: latest.files,
            openBySeverity: { critical: latest.open_critical, high: latest.open_high, medium: latest.open_medium, low: latest.open_low, info: latest.open_info },
          }
        : null,
      previous: previous ? { commit: previous.commit, scannedAt: iso(previous.scanned_at), score: num(previous.score) } : null,
      history: [...list].reverse().map((a) => ({ scannedAt: iso(a.scanned_at), commit: a.commit, score: num(a.score) })),
      checks: latest ? (checks.get(String(latest.id)) ?? []) : [],
      findings: open.slice(0, MAX_FINDINGS),
      findingsOmitted: Math.max(0, open.length - MAX_FINDINGS),
      changes: { new: added.slice(0, MAX_CHANGES), fixed: fixed.slice(0, MAX_CHANGES) },
      error: failed && r.last_error ? { message: r.last_error, at: r.last_error_at ? iso(r.last_error_at) : null, failures: r.failures, nextAttemptAt: r.next_attempt_at ? iso(r.next_attempt_at) : null } : null,
    };
  });

  const scored = out.flatMap((r) => (r.latest?.score !== null && r.latest?.score !== undefined ? [r.latest.score] : []));
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, out.reduce((n, r) => n + (r.latest?.openBySeverity[s] ?? 0), 0)])) as Record<Severity, number>;
  return {
    schemaVersion: FLEET_REPORT_VERSION,
    tool: { name: "assay", version: VERSION },
    ruleset: opts.ruleset,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    summary: {
      repositories: out.length,
      assessed: out.filter((r) => r.latest !== null).length,
      failing: out.filter((r) => r.error !== null).length,
      pending: out.filter((r) => r.latest === null && r.error === null).length,
      meanScore: scored.length === 0 ? null : Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 100) / 100,
      openBySeverity,
      newFindings: newTotal,
      fixedFindings: fixedTotal,
    },
    worstChecks: [...worst.values()]
      .map((w) => ({ id: w.id, title: w.title, risk: w.risk, assessed: w.assessed, failing: w.failing, meanScore: Math.round((w.sum / w.assessed) * 100) / 100 }))
      .sort((a, b) => a.meanScore - b.meanScore || b.failing - a.failing || a.id.localeCompare(b.id)),
    repositories: out,
  };
}
