import { ASSESSMENT_VERSION, type Assessment, type CheckResult, type Diagnostic, type RuleResult } from "../core/assessment.js";
import { CHECKS } from "../core/check.js";
import type { Finding, FindingInput, FindingStatus, Location } from "../core/finding.js";
import { fingerprints } from "../core/fingerprint.js";
import { parseGithubRemote } from "../core/forge.js";
import { GithubForge } from "../forge/github.js";
import type { Policy, PolicyException } from "../core/policy.js";
import type { Rule } from "../core/rule.js";
import { scoreCheck, totalScore } from "../core/score.js";
import { SEVERITIES, type Severity } from "../core/severity.js";
import { parseSuppression, suppresses } from "../core/suppression.js";
import { evaluateGate, triage } from "../core/triage.js";
import { VERSION } from "../version.js";
import { Workspace, type ReadLimits } from "../workspace/workspace.js";
import { runRules, type RuleRun } from "./run-rules.js";

/** Everything a scan needs; the CLI builds this from flags and files. */
export interface ScanOptions {
  path: string;
  /** How the target is named in reports (the path as the user typed it). */
  displayPath?: string;
  policy: Policy;
  rules: readonly Rule[];
  /** Network rules run only with this: the forge API to use (GitHub's, or a mirror or test server). */
  online?: { githubApiUrl: string; token?: string };
  baseline?: ReadonlySet<string>;
  baselinePath?: string;
  /** The clock, injectable for deterministic output and exception expiry tests. */
  now?: Date;
  ruleTimeoutMs?: number;
  concurrency?: number;
  limits?: Partial<ReadLimits>;
  /** Called as each rule finishes, with how long it took (progress lines, `--timings`). */
  onRuleDone?: (ruleId: string, done: number, total: number, ms: number) => void;
}

/** Scans a checkout and returns the assessment: findings, statuses, scores and the gate verdict. */
export async function scan(opts: ScanOptions): Promise<Assessment> {
  const now = opts.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const offline = opts.online === undefined;
  const ws = await Workspace.open(opts.path, { exclude: opts.policy.exclude, ...(opts.limits ? { limits: opts.limits } : {}) });
  const forge = opts.online ? connectForge(ws, opts.online) : undefined;
  const runs = await runRules(ws, opts.rules, {
    offline,
    now,
    ...forge,
    policy: opts.policy,
    ruleTimeoutMs: opts.ruleTimeoutMs ?? 60_000,
    concurrency: opts.concurrency ?? 8,
    ...(opts.onRuleDone ? { onRuleDone: (r: RuleRun, d: number, t: number) => opts.onRuleDone?.(r.rule.meta.id, d, t, r.ms) } : {}),
  });

  const raw = runs.flatMap((run) => toFindings(run, opts.policy));
  const suppressions = await inlineSuppressions(ws, raw);
  const triaged = triage(raw, { policy: opts.policy, today, suppressions, ...(opts.baseline ? { baseline: opts.baseline } : {}) });
  const findings = triaged.findings.sort(compareFindings);

  const ruleResults = runs.map((run) => ruleResult(run, opts.policy, findings));
  const graded = new Map(opts.rules.flatMap((r) => (r.meta.scoring ? [[r.meta.id, r.meta.scoring.perFinding] as const] : [])));
  const checks: CheckResult[] = CHECKS.flatMap((c): CheckResult[] => {
    const rules = ruleResults.filter((r) => r.check === c.id);
    return rules.length === 0 ? [] : [scoreCheck(c, rules, findings.filter((f) => f.check === c.id), graded)];
  });
  const score = totalScore(checks);
  const gate = evaluateGate(opts.policy, findings, checks, score, triaged.expired);

  const diagnostics = scanDiagnostics(ws.diagnostics, opts, triaged.unused, findings, ruleResults);

  return {
    schemaVersion: ASSESSMENT_VERSION,
    tool: { name: "assay", version: VERSION },
    target: { path: opts.displayPath ?? opts.path, vcs: ws.vcs, commit: ws.head },
    generatedAt: now.toISOString(),
    offline,
    policy: { source: opts.policy.source ?? null, baseline: opts.baselinePath ?? null },
    summary: summarise(findings, ws.files.length, score, ruleResults),
    gate,
    checks,
    rules: ruleResults,
    findings,
    diagnostics,
  };
}

/** What the scan has to say besides findings: input problems, stale triage data, rules that failed. */
function scanDiagnostics(workspace: readonly Diagnostic[], opts: ScanOptions, unused: readonly PolicyException[], findings: readonly Finding[], rules: readonly RuleResult[]): Diagnostic[] {
  const out: Diagnostic[] = [...workspace];
  for (const e of unused) {
    out.push({ level: "note", code: "unused-exception", message: `exception for ${e.rule} matches no finding; remove it if the risk is gone`, ...(opts.policy.source ? { path: opts.policy.source, line: e.line } : {}) });
  }
  if (opts.baseline && opts.baseline.size > 0) {
    const present = new Set(findings.map((f) => f.fingerprint));
    const stale = [...opts.baseline].filter((fp) => !present.has(fp)).length;
    if (stale > 0) {
      out.push({ level: "note", code: "stale-baseline", message: `${stale} baseline entr${stale === 1 ? "y matches" : "ies match"} no finding any more (fixed, or the code changed)`, ...(opts.baselinePath ? { path: opts.baselinePath } : {}), hint: "run `assay baseline` to record the current state" });
    }
  }
  for (const r of rules.filter((x) => x.outcome === "error")) {
    out.push({ level: "error", code: "rule-error", message: `rule ${r.id} ${r.reason ?? "failed"}`, ruleId: r.id, hint: "this is a bug in assay; the other rules still ran" });
  }
  return out.sort(compareDiagnostics);
}

/** The forge client for the checkout's `origin`, or why there is none. */
function connectForge(ws: Workspace, online: NonNullable<ScanOptions["online"]>): { forge: GithubForge } | { noForgeReason: string } {
  if (ws.remote === null) return { noForgeReason: "the checkout has no `origin` remote, so its forge repository is unknown" };
  const repository = parseGithubRemote(ws.remote);
  if (!repository) return { noForgeReason: "the `origin` remote is not on GitHub, the only forge assay reads so far" };
  return { forge: new GithubForge(repository, { apiUrl: online.githubApiUrl, ...(online.token ? { token: online.token } : {}) }) };
}

function toFindings(run: RuleRun, policy: Policy): Finding[] {
  const meta = run.rule.meta;
  const inputs = run.record.findings;
  const fps = fingerprints(meta.id, inputs);
  const override = policy.rules[meta.id]?.severity;
  return inputs.map((f: FindingInput, i): Finding => {
    const finding: Finding = {
      ruleId: meta.id,
      check: meta.check,
      severity: override ?? f.severity ?? meta.severity,
      confidence: f.confidence ?? meta.confidence,
      message: f.message,
      locations: (f.locations ?? []).map(cleanLocation),
      evidence: { ...(f.evidence ?? {}) },
      fingerprint: fps[i] as string,
      status: "open",
    };
    if (f.snippet !== undefined) finding.snippet = f.snippet;
    if (f.fix !== undefined) finding.fix = f.fix;
    if (meta.fixable && f.edits !== undefined && f.edits.length > 0) finding.edits = f.edits.map((e) => ({ ...e }));
    return finding;
  });
}

function cleanLocation(l: Location): Location {
  const out: Location = { path: l.path.replace(/\\/g, "/").replace(/^\.\//, "") };
  for (const k of ["startLine", "startColumn", "endLine", "endColumn"] as const) {
    const v = l[k];
    if (typeof v === "number" && Number.isInteger(v) && v >= 1) out[k] = v;
  }
  return out;
}

/** Finds `assay: ignore[rule] reason` on a finding's line or the line above it. */
async function inlineSuppressions(ws: Workspace, findings: readonly Finding[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of findings) {
    const loc = f.locations[0];
    if (!loc?.startLine) continue;
    const file = await ws.readText(loc.path);
    if (!file || !file.text.includes("assay:")) continue;
    for (const line of [loc.startLine, loc.startLine - 1]) {
      const s = line >= 1 ? parseSuppression(file.lineText(line)) : undefined;
      if (s && suppresses(s, f.ruleId)) {
        out.set(f.fingerprint, s.reason);
        break;
      }
    }
  }
  return out;
}

function ruleResult(run: RuleRun, policy: Policy, findings: readonly Finding[]): RuleResult {
  const m = run.rule.meta;
  const r: RuleResult = {
    id: m.id, title: m.title, check: m.check, severity: policy.rules[m.id]?.severity ?? m.severity, confidence: m.confidence,
    network: m.network, rationale: m.rationale, remediation: m.remediation, references: [...m.references],
    assessmentSection: m.assessmentSection, outcome: run.outcome, findings: findings.filter((f) => f.ruleId === m.id).length,
  };
  if (run.reason !== undefined) r.reason = run.reason;
  return r;
}

function summarise(findings: readonly Finding[], files: number, score: number | null, rules: readonly RuleResult[]): Assessment["summary"] {
  const byStatus: Record<FindingStatus, number> = { open: 0, baselined: 0, suppressed: 0, excepted: 0, "vex:not_affected": 0 };
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === "open") openBySeverity[f.severity]++;
  }
  return { score, files, findings: { total: findings.length, open: byStatus.open, byStatus, openBySeverity }, ruleErrors: rules.filter((r) => r.outcome === "error").length };
}

function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  return cmp(la?.path ?? "", lb?.path ?? "") || (la?.startLine ?? 0) - (lb?.startLine ?? 0) || (la?.startColumn ?? 0) - (lb?.startColumn ?? 0) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return cmp(a.path ?? "", b.path ?? "") || (a.line ?? 0) - (b.line ?? 0) || cmp(a.code, b.code) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
