import { ASSESSMENT_VERSION, type Assessment, type CheckResult, type Diagnostic, type GateResult, type InventorySummary, type RuleResult } from "../core/assessment.js";
import type { CheckMeta } from "../core/check.js";
import type { DependencyKind } from "../core/dependency.js";
import type { Finding, FindingStatus, Observation } from "../core/finding.js";
import { maskCredentials } from "../core/mask.js";
import type { Reference, RuleMeta, RuleOutcome } from "../core/rule.js";
import { SEVERITIES, type Severity } from "../core/severity.js";
import { scoreCheck, totalScore } from "./score.js";

/** A rule as it ran, as the assessment records it. */
export function ruleResult(meta: RuleMeta, outcome: RuleOutcome, reason: string | undefined, severity: Severity, findings: number, evidence: readonly Observation[] = [], dependencies?: ReadonlyMap<DependencyKind, number>, inherited?: ReadonlyMap<DependencyKind, number>): RuleResult {
  const r: RuleResult = {
    id: meta.id, title: meta.title, check: meta.check, severity, confidence: meta.confidence,
    network: meta.network, rationale: meta.rationale, remediation: meta.remediation, references: meta.references.map((x: Reference) => ({ ...x })),
    assessmentSection: meta.assessmentSection, outcome, findings,
  };
  if (reason !== undefined) r.reason = reason;
  // Evidence only backs a pass; a failing rule is explained by its findings.
  if (outcome === "pass" && evidence.length > 0) r.evidence = evidence.map((e) => ({ ...e }));
  if (dependencies && dependencies.size > 0 && outcome !== "not-applicable" && outcome !== "off") {
    r.dependencies = Object.fromEntries(dependencies);
    if (inherited && inherited.size > 0) r.inherited = Object.fromEntries(inherited);
  }
  return r;
}

/** Findings per rule id, counted in one pass (a scan has hundreds of rules and may have tens of thousands of findings). */
export function findingsPerRule(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** Scores every check that has rules, in the checks' declared order, and the total. */
export function scoreChecks(checks: readonly CheckMeta[], rules: readonly RuleResult[], findings: readonly Finding[], graded: ReadonlyMap<string, number>): { checks: CheckResult[]; score: number | null } {
  const results = checks.flatMap((c): CheckResult[] => {
    const mine = rules.filter((r) => r.check === c.id);
    return mine.length === 0 ? [] : [scoreCheck(c, mine, findings.filter((f) => f.check === c.id), graded)];
  });
  return { checks: results, score: totalScore(results) };
}

/** Counts for the summary: files, findings by status, open findings by severity, rule errors. */
export function summarise(findings: readonly Finding[], files: number, score: number | null, rules: readonly RuleResult[]): Assessment["summary"] {
  const byStatus: Record<FindingStatus, number> = { open: 0, baselined: 0, suppressed: 0, excepted: 0, "vex:not_affected": 0 };
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === "open") openBySeverity[f.severity]++;
  }
  return { score, files, findings: { total: findings.length, open: byStatus.open, byStatus, openBySeverity }, ruleErrors: rules.filter((r) => r.outcome === "error").length };
}

/** What the scan has to say besides findings, sorted: input problems, stale triage data, rules that failed. */
export function scanDiagnostics(input: { workspace: readonly Diagnostic[]; policySource?: string; unusedExceptions: readonly { rule: string; line: number }[]; baseline?: ReadonlySet<string>; baselineRules?: ReadonlyMap<string, string>; baselinePath?: string; findings: readonly Finding[]; movedBaseline?: readonly string[]; rules: readonly RuleResult[]; extra?: readonly Diagnostic[] }): Diagnostic[] {
  const out: Diagnostic[] = [...input.workspace, ...(input.extra ?? [])];
  for (const e of input.unusedExceptions) {
    out.push({ level: "note", code: "unused-exception", message: `exception for ${e.rule} matches no finding; remove it if the risk is gone`, ...(input.policySource ? { path: input.policySource, line: e.line } : {}) });
  }
  if (input.baseline && input.baseline.size > 0) {
    // Entries matched by a finding whose file moved are not stale either.
    const present = new Set([...input.findings.map((f) => f.fingerprint), ...(input.movedBaseline ?? [])]);
    // An entry is stale only when its rule ran to the end: not one left out (`--rule`, a family
    // turned off), failed or incomplete, which may have missed what the entry stands for.
    const judged = new Set(input.rules.filter((r) => r.outcome === "pass" || r.outcome === "fail" || r.outcome === "not-applicable").map((r) => r.id));
    const ruleOf = input.baselineRules;
    const stale = [...input.baseline].filter((fp) => !present.has(fp) && (ruleOf?.get(fp) === undefined || judged.has(ruleOf.get(fp) as string))).length;
    if (stale > 0) {
      out.push({ level: "note", code: "stale-baseline", message: `${stale} baseline entr${stale === 1 ? "y matches" : "ies match"} no finding any more (fixed, or the code changed)`, ...(input.baselinePath ? { path: input.baselinePath } : {}), hint: "run `assay baseline` to record the current state" });
    }
  }
  for (const r of input.rules.filter((x) => x.outcome === "error")) {
    out.push({ level: "error", code: "rule-error", message: `rule ${r.id} ${r.reason ?? "failed"}`, ruleId: r.id, hint: "this is a bug in assay; the other rules still ran" });
  }
  // Parse errors and notes may quote the files they are about; nothing credential-shaped leaves in clear.
  return out.map((d) => ({ ...d, message: maskCredentials(d.message) })).sort(compareDiagnostics);
}

/** Everything the assessment document holds, gathered by the pipeline. */
export interface AssessmentParts {
  target: Assessment["target"];
  generatedAt: Date;
  offline: boolean;
  policy: Assessment["policy"];
  files: number;
  gate: GateResult;
  checks: CheckResult[];
  score: number | null;
  rules: RuleResult[];
  findings: Finding[];
  diagnostics: Diagnostic[];
  toolVersion: string;
  inventory?: InventorySummary;
}

/** The one assessment document every renderer reads: findings sorted, summary computed. */
export function assemble(p: AssessmentParts): Assessment {
  const findings = [...p.findings].sort(compareFindings);
  return {
    schemaVersion: ASSESSMENT_VERSION,
    tool: { name: "assay", version: p.toolVersion },
    target: p.target,
    generatedAt: p.generatedAt.toISOString(),
    offline: p.offline,
    policy: p.policy,
    summary: summarise(findings, p.files, p.score, p.rules),
    gate: p.gate,
    checks: p.checks,
    rules: p.rules,
    findings,
    diagnostics: p.diagnostics,
    ...(p.inventory ? { inventory: p.inventory } : {}),
  };
}

/** Deterministic order: path, line, column, rule, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
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
