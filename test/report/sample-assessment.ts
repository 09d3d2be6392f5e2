import { ASSESSMENT_VERSION, type Assessment, type CheckResult, type RuleResult } from "../../src/core/assessment.js";
import type { Finding, FindingStatus } from "../../src/core/finding.js";
import { totalScore } from "../../src/assessment/score.js";
import { SEVERITIES, type Severity } from "../../src/core/severity.js";

type RuleSpec = Pick<RuleResult, "id" | "title" | "check" | "severity" | "outcome"> & Partial<RuleResult>;

function rule(spec: RuleSpec): RuleResult {
  return {
    confidence: "high",
    network: false,
    rationale: `Why ${spec.title.toLowerCase()} matters. A second sentence that the terminal report leaves out.`,
    remediation: `Fix ${spec.title.toLowerCase()} this way. Then check it again.`,
    references: [{ title: "OpenSSF Scorecard", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md" }],
    assessmentSection: "secure-development-practices/development-pipeline",
    findings: 0,
    ...spec,
  };
}

const RULES: RuleResult[] = [
  rule({
    id: "repo/security-policy",
    title: "Security policy is missing",
    check: "Security-Policy",
    severity: "medium",
    outcome: "fail",
    rationale: "Without a security policy, people who find a vulnerability (e.g. a researcher) do not know how to report it privately. They may open a public issue instead.",
    remediation: "Add a SECURITY.md that names a private reporting channel. GitHub's private vulnerability reporting is the easiest.",
    assessmentSection: "security-issue-resolution/responsible-disclosure",
    findings: 1,
  }),
  rule({ id: "repo/security-policy-contact", title: "Security policy has no contact", check: "Security-Policy", severity: "low", confidence: "medium", outcome: "fail", findings: 1 }),
  rule({ id: "repo/license", title: "Licence is not recognised", check: "License", severity: "low", outcome: "pass" }),
  rule({ id: "repo/license-spdx", title: "Licence file disagrees with package metadata", check: "License", severity: "info", outcome: "off", reason: "turned off by the policy" }),
  rule({ id: "repo/dependency-update-tool", title: "No dependency update tool", check: "Dependency-Update-Tool", severity: "high", outcome: "fail", findings: 1 }),
  rule({ id: "repo/binary-artifacts", title: "Binary artifact checked in", check: "Binary-Artifacts", severity: "high", confidence: "low", outcome: "fail", findings: 3 }),
  rule({ id: "repo/branch-protection", title: "Default branch is not protected", check: "Branch-Protection", severity: "high", network: true, outcome: "not-available", reason: "needs the GitHub API; skipped offline" }),
  rule({ id: "repo/signed-releases", title: "Releases are not signed", check: "Signed-Releases", severity: "high", outcome: "not-applicable", reason: "the project publishes no releases" }),
  rule({ id: "repo/code-owners", title: "CODEOWNERS names missing paths", check: "Code-Owners", severity: "low", outcome: "error", reason: "TypeError: cannot read properties of undefined (reading 'owners')" }),
  rule({ id: "deps/known-vulnerability", title: "Dependency with a known vulnerability", check: "Vulnerabilities", severity: "high", outcome: "fail", findings: 2 }),
];

const CHECKS: CheckResult[] = [
  { id: "Security-Policy", title: "Security policy", risk: "medium", description: "The project tells people how to report vulnerabilities privately.", status: "scored", score: 0, reason: "failed: security policy is missing; security policy has no contact", rules: ["repo/security-policy", "repo/security-policy-contact"] },
  { id: "License", title: "Licence", risk: "low", description: "The project declares a recognised open-source licence.", status: "scored", score: 10, reason: "every rule passed", rules: ["repo/license", "repo/license-spdx"] },
  { id: "Dependency-Update-Tool", title: "Dependency update tool", risk: "high", description: "A bot proposes dependency updates.", status: "scored", score: 0, reason: "failed: no dependency update tool", rules: ["repo/dependency-update-tool"] },
  { id: "Binary-Artifacts", title: "Binary artifacts", risk: "high", description: "No executables are checked in.", status: "scored", score: 0, reason: "failed: binary artifact checked in", rules: ["repo/binary-artifacts"] },
  { id: "Vulnerabilities", title: "Known vulnerabilities", risk: "high", description: "Locked dependencies have no known vulnerabilities.", status: "scored", score: 0, reason: "failed: dependency with a known vulnerability", rules: ["deps/known-vulnerability"] },
  { id: "Branch-Protection", title: "Branch protection", risk: "high", description: "The default branch is protected.", status: "not-available", score: null, reason: "needs the GitHub API; skipped offline", rules: ["repo/branch-protection"] },
  { id: "Signed-Releases", title: "Signed releases", risk: "high", description: "Releases are signed.", status: "not-applicable", score: null, reason: "the project publishes no releases", rules: ["repo/signed-releases"] },
  { id: "Code-Owners", title: "Code owners", risk: "low", description: "A CODEOWNERS file names reviewers.", status: "error", score: null, reason: "rule repo/code-owners failed to run", rules: ["repo/code-owners"] },
];

type FindingSpec = Pick<Finding, "ruleId" | "message" | "fingerprint"> & Partial<Finding>;

function finding(spec: FindingSpec): Finding {
  const r = RULES.find((x) => x.id === spec.ruleId);
  if (!r) throw new Error(`sample: unknown rule ${spec.ruleId}`);
  return { check: r.check, severity: r.severity, confidence: r.confidence, locations: [], evidence: {}, status: "open", ...spec };
}

const FINDINGS: Finding[] = [
  finding({
    ruleId: "deps/known-vulnerability",
    severity: "critical",
    message: "lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm (command injection).",
    locations: [{ path: "package-lock.json", startLine: 120, startColumn: 5, endLine: 120, endColumn: 30 }],
    snippet: '"lodash": "4.17.20"',
    evidence: { package: "lodash", version: "4.17.20", advisories: ["GHSA-35jh-r3h4-6jhm"] },
    fix: "upgrade lodash to 4.17.21",
    fingerprint: "a1b2c3d4e5f60718",
  }),
  finding({
    ruleId: "deps/known-vulnerability",
    message: "minimist@1.2.5 is affected by GHSA-xvch-5gv4-984h.",
    locations: [{ path: "package-lock.json", startLine: 210, startColumn: 5 }],
    fingerprint: "b2c3d4e5f6071829",
    status: "vex:not_affected",
    statusReason: "vulnerable_code_not_in_execute_path (openvex.json)",
  }),
  finding({
    ruleId: "repo/binary-artifacts",
    message: "bin/tool.exe is a Windows executable.",
    locations: [{ path: "bin/tool.exe" }],
    evidence: { kind: "pe" },
    fingerprint: "c3d4e5f607182930",
  }),
  finding({
    ruleId: "repo/binary-artifacts",
    message: "vendor/libfoo.so is a shared library.",
    locations: [{ path: "vendor/libfoo.so" }],
    fingerprint: "d4e5f60718293041",
    status: "baselined",
    statusReason: "recorded in the baseline",
  }),
  finding({
    ruleId: "repo/binary-artifacts",
    message: "test/fixtures/app.jar is a Java archive.",
    locations: [{ path: "test/fixtures/app.jar" }],
    fingerprint: "e5f6071829304152",
    status: "suppressed",
    statusReason: "fixture for the jar parser",
  }),
  finding({
    ruleId: "repo/dependency-update-tool",
    message: "Dependabot is configured but does not cover the npm ecosystem.",
    locations: [
      { path: ".github/dependabot.yml", startLine: 5, startColumn: 3, endLine: 7, endColumn: 20 },
      { path: "package.json", startLine: 1, startColumn: 1 },
    ],
    fix: "add an `npm` entry under `updates:`",
    fingerprint: "f607182930415263",
  }),
  finding({
    ruleId: "repo/security-policy",
    message: "No SECURITY.md, .github/SECURITY.md or docs/SECURITY.md was found.",
    fingerprint: "0718293041526374",
  }),
  finding({
    ruleId: "repo/security-policy-contact",
    message: "SECURITY.md names no e-mail address or reporting URL.",
    locations: [{ path: "SECURITY.md", startLine: 3, startColumn: 1, endLine: 3, endColumn: 42 }],
    fingerprint: "1829304152637485",
    status: "excepted",
    statusReason: "contact is in the website footer (exception expires 2031-01-01)",
  }),
];

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] += 1;
  return out;
}

const STATUSES: readonly FindingStatus[] = ["open", "baselined", "suppressed", "excepted", "vex:not_affected"];

/** A realistic assessment covering every status, several severities, every check status and a failing gate. */
export function sampleAssessment(): Assessment {
  const findings = structuredClone(FINDINGS);
  const checks = structuredClone(CHECKS);
  const open = findings.filter((f) => f.status === "open");
  const score = totalScore(checks);
  return {
    schemaVersion: ASSESSMENT_VERSION,
    tool: { name: "assay", version: "0.1.0" },
    target: { path: ".", vcs: "git", commit: "4b825dc642cb6eb9a060e54bf8d69288fbee4904" },
    generatedAt: "2025-03-01T12:00:00.000Z",
    offline: true,
    policy: { source: "assay.yml", baseline: ".assay/baseline.json" },
    summary: {
      score,
      files: 42,
      findings: {
        total: findings.length,
        open: open.length,
        byStatus: countBy(STATUSES, findings.map((f) => f.status)),
        openBySeverity: countBy<Severity>(SEVERITIES, open.map((f) => f.severity)),
      },
      ruleErrors: RULES.filter((r) => r.outcome === "error").length,
    },
    gate: {
      passed: false,
      reasons: ["3 open findings at high severity or above", `score ${(score ?? 0).toFixed(1)} is below the minimum 7`],
      thresholds: { severity: "high", minScore: 7, checks: ["Security-Policy"], incomplete: true },
    },
    checks,
    rules: structuredClone(RULES),
    findings,
    diagnostics: [
      { level: "warning", code: "yaml-syntax", message: "malformed YAML: unexpected end of flow sequence", path: ".github/workflows/ci.yml", line: 12, column: 5, hint: "fix the YAML; rules that read this file skipped it" },
      { level: "note", code: "file-too-large", message: "skipped a file larger than 5 MiB", path: "assets/video.bin" },
      { level: "error", code: "rule-error", message: "rule repo/code-owners failed: TypeError: cannot read properties of undefined (reading 'owners')", ruleId: "repo/code-owners" },
    ],
  };
}

/** A fresh sample changed by `edit`, for tests that need hostile or edge-case content. */
export function sampleWith(edit: (a: Assessment) => void): Assessment {
  const a = sampleAssessment();
  edit(a);
  return a;
}
