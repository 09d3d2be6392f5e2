// `npx tsx bench/report.bench.ts`: what rendering a large assessment costs, per format. 20,000
// findings (`BENCH_FINDINGS` changes it) shaped as the deploy family's (a message, a location,
// evidence, a fix and an edit each; a few messages clipped with "…", as real ones are) are saved
// once; then each format is rendered in a fresh process, the JIT cold as in one `assay scan`,
// and encoded as UTF-8 as the CLI writes it. CPU time of that alone, median of 3; no target:
// the rows are there to compare a change against (render before and after, and `cmp` the output).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ASSESSMENT_VERSION, type Assessment } from "../src/core/assessment.js";
import type { Finding } from "../src/core/finding.js";
import { FORMATS, render, type Format } from "../src/report/index.js";

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 20_000);

function assessment(n: number): Assessment {
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 2 === 0 ? "Deployment" : "StatefulSet";
    const path = `k8s/bundle-${Math.floor(i / 200)}.yaml`;
    findings.push({
      ruleId: `deploy/rule-${i % 12}`,
      check: "Secure-Defaults",
      severity: i % 5 === 0 ? "high" : "medium",
      confidence: "high",
      message: `${kind}/svc-${i}: container app sets no securityContext.runAsNonRoot, so it may run as root [CN8-1; PSS restricted]${i % 2_000 === 0 ? " and more…" : ""}`,
      locations: [{ path, startLine: 20 + (i % 180), startColumn: 7 }],
      evidence: { resource: `${kind}/svc-${i}`, source: "manifest", principle: "CN8-1 Make security a design requirement", control: "PSS restricted" },
      fingerprint: (i * 2654435761).toString(16).padStart(32, "0").slice(-32),
      status: "open",
      fix: "securityContext:\n  runAsNonRoot: true",
      edits: [{ path, offset: 370 + i, replace: "", with: "\n      securityContext:\n        runAsNonRoot: true" }],
    });
  }
  const rules = Array.from({ length: 12 }, (_, r) => ({
    id: `deploy/rule-${r}`, title: `Rule ${r}`, check: "Secure-Defaults", severity: "medium" as const, confidence: "high" as const, network: false,
    rationale: "Why it matters.", remediation: "How to fix it.", references: [{ title: "Kubernetes: Pod Security Standards", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" }],
    assessmentSection: "secure-development-practices/development-pipeline" as const, outcome: "fail" as const, findings: Math.ceil(n / 12),
  }));
  return {
    schemaVersion: ASSESSMENT_VERSION,
    tool: { name: "assay", version: "bench" },
    target: { path: "/tmp/bench", vcs: "none", commit: null },
    generatedAt: "2026-06-01T00:00:00.000Z",
    offline: true,
    policy: { source: null, baseline: null },
    summary: { score: 2.5, files: 100, findings: { total: n, open: n, byStatus: { open: n, baselined: 0, suppressed: 0, excepted: 0, "vex:not_affected": 0 }, openBySeverity: { critical: 0, high: n / 5, medium: n - n / 5, low: 0, info: 0 } }, ruleErrors: 0 },
    gate: { passed: false, reasons: [`${n} open findings`], thresholds: { severity: "high", minScore: null, checks: [], incomplete: true } },
    checks: [{ id: "Secure-Defaults", title: "Secure defaults", risk: "high", description: "Workloads run with secure defaults.", status: "scored", score: 2.5, reason: "failed", rules: rules.map((r) => r.id) }],
    rules,
    findings,
    diagnostics: [],
  };
}

/** CPU milliseconds of rendering `format` (and encoding it) in a fresh process. */
function coldCpu(file: string, format: Format): number {
  const out = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], { encoding: "utf8", env: { ...process.env, BENCH_REPORT_FILE: file, BENCH_REPORT_FORMAT: format } });
  return Number(out.trim().split("\n").pop());
}

if (process.env.BENCH_REPORT_FILE) {
  const a = JSON.parse(readFileSync(process.env.BENCH_REPORT_FILE, "utf8")) as Assessment;
  const u = process.cpuUsage();
  Buffer.from(render(a, process.env.BENCH_REPORT_FORMAT as Format), "utf8");
  const d = process.cpuUsage(u);
  console.log(String((d.user + d.system) / 1000));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "assay-bench-report-"));
try {
  const file = join(dir, "assessment.json");
  writeFileSync(file, JSON.stringify(assessment(FINDINGS)));
  console.log("| measure | result |\n|---|---|");
  for (const format of FORMATS) {
    const runs = [coldCpu(file, format), coldCpu(file, format), coldCpu(file, format)].sort((x, y) => x - y);
    console.log(`| ${FINDINGS.toLocaleString("en")} findings rendered as ${format} and encoded, fresh process (CPU, median of 3) | ${(runs[1] as number).toFixed(0)} ms |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
