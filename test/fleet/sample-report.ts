import type { FleetFinding, FleetReport, FleetRepository } from "../../src/fleet/report-model.js";

const sha = (c: string) => c.repeat(40).slice(0, 40);

function finding(over: Partial<FleetFinding> = {}): FleetFinding {
  return { fingerprint: "fp-1", ruleId: "repo/security-policy", check: "Security-Policy", severity: "medium", message: "no SECURITY.md", path: null, line: null, ...over };
}

function repo(id: number, name: string, over: Partial<FleetRepository> = {}): FleetRepository {
  return {
    id,
    name,
    url: `https://git.example.org/${name}.git`,
    state: "ok",
    head: sha("a"),
    latest: { commit: sha("a"), scannedAt: "2026-11-02T10:00:00.000Z", score: 6.2, gatePassed: true, toolVersion: "0.1.0", ruleset: "0123456789abcdef", current: true, files: 42, openBySeverity: { critical: 0, high: 1, medium: 1, low: 0, info: 0 } },
    previous: { commit: sha("b"), scannedAt: "2026-11-01T10:00:00.000Z", score: 5.1 },
    history: [
      { scannedAt: "2026-10-31T10:00:00.000Z", commit: sha("c"), score: 4.0 },
      { scannedAt: "2026-11-01T10:00:00.000Z", commit: sha("b"), score: 5.1 },
      { scannedAt: "2026-11-02T10:00:00.000Z", commit: sha("a"), score: 6.2 },
    ],
    checks: [
      { id: "Security-Policy", status: "scored", score: 0 },
      { id: "Binary-Artifacts", status: "scored", score: 9 },
      { id: "Branch-Protection", status: "not-available", score: null },
    ],
    findings: [finding({ fingerprint: "fp-2", ruleId: "repo/binary-artifacts", check: "Binary-Artifacts", severity: "high", message: "tool.exe is a Windows executable", path: "bin/tool.exe" }), finding()],
    findingsOmitted: 0,
    changes: { new: [finding({ fingerprint: "fp-2", ruleId: "repo/binary-artifacts", check: "Binary-Artifacts", severity: "high", message: "tool.exe is a Windows executable", path: "bin/tool.exe" })], fixed: [finding({ fingerprint: "fp-3", ruleId: "repo/license", check: "License", severity: "low", message: "no licence file" })] },
    error: null,
    ...over,
  };
}

/** A fleet report with the cases renderers must handle: a scored repository with changes, a failing one, one never assessed. */
export function sampleFleetReport(): FleetReport {
  return {
    schemaVersion: "1.0.0",
    tool: { name: "assay", version: "0.1.0" },
    ruleset: "0123456789abcdef",
    generatedAt: "2026-11-02T12:00:00.000Z",
    summary: { repositories: 3, assessed: 1, failing: 1, pending: 1, meanScore: 6.2, openBySeverity: { critical: 0, high: 1, medium: 1, low: 0, info: 0 }, newFindings: 1, fixedFindings: 1 },
    worstChecks: [
      { id: "Security-Policy", title: "Security policy", risk: "medium", assessed: 1, failing: 1, meanScore: 0 },
      { id: "Binary-Artifacts", title: "Binary artifacts", risk: "high", assessed: 1, failing: 1, meanScore: 9 },
    ],
    repositories: [
      repo(1, "acme/widgets"),
      repo(2, "acme/broken", { state: "failed", latest: null, previous: null, history: [], checks: [], findings: [], changes: { new: [], fixed: [] }, error: { message: "clone failed: fatal: repository not found", at: "2026-11-02T10:00:00.000Z", failures: 2, nextAttemptAt: "2026-11-02T12:00:00.000Z" } }),
      repo(3, "acme/fresh", { state: "new", head: null, latest: null, previous: null, history: [], checks: [], findings: [], changes: { new: [], fixed: [] } }),
    ],
  };
}

/** Text an attacker controls (repository names, messages, paths), aimed at HTML, Markdown and terminals. */
export const HOSTILE = `</td><script>alert(1)</script><img src=x onerror="fetch('https://evil.example/')">[x](https://evil.example)|\u001b[31m\u202e`;
