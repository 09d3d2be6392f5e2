import type { Rule } from "../types.js";
import { bySeverity, findingFor, lockedMatches, reachability } from "./lib/matches.js";

export const rule: Rule = {
  meta: {
    id: "deps/vulnerable-dependency",
    title: "Dependency with a known vulnerability",
    severity: "high",
    confidence: "high",
    check: "Vulnerabilities",
    rationale:
      "A locked dependency at a version an advisory database lists as vulnerable ships that vulnerability to every user of the project. Attackers scan for known vulnerable versions because exploits for them are public; a version bump is usually all it takes to close the hole.",
    remediation:
      "Upgrade the package to the fixed version the finding names (or later) and refresh the lockfile (`npm update pkg`, `cargo update -p pkg`, `poetry update pkg`…). Where upgrading a transitive dependency needs its parent to move, upgrade the parent or pin the fix with an override (`overrides`, `resolutions`, constraints). If the vulnerable code cannot be reached, record that as an OpenVEX statement (`assay vex`) so the decision is visible, or add an expiring exception to assay.yml.",
    references: [
      { title: "OSV schema: evaluation of affected versions", url: "https://ossf.github.io/osv-schema/#evaluation" },
      { title: "OpenSSF Scorecard: Vulnerabilities", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#vulnerabilities" },
      { title: "OpenVEX specification", url: "https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md" },
      { title: "CWE-1395: Dependency on Vulnerable Third-Party Component", url: "https://cwe.mitre.org/data/definitions/1395.html" },
    ],
    network: false,
    advisories: true,
    assessmentSection: "security-issue-resolution/vulnerability-response",
    scoring: { perFinding: 1 },
    options: {
      reachability: { type: "boolean", default: true, description: "Lower the severity one step when no first-party source imports the package (nor, for a transitive one, the direct dependency that brings it in)." },
    },
  },

  async run(ctx) {
    const found = await lockedMatches(ctx, "vulnerabilities");
    if (!found) return;
    const reached = await reachability(ctx, found.matches, found.lockfiles);
    const findings = found.matches.map((m) => findingFor(m, reached.get(m), { lowerUnreached: ctx.options.reachability === true }));
    for (const f of findings.sort(bySeverity)) ctx.report(f);
  },
};
