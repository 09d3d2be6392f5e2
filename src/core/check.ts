import type { Severity } from "./severity.js";

/** A check groups rules and is scored 0-10, like a Scorecard check. */
export interface CheckMeta {
  id: string;
  title: string;
  /** How much this check weighs in the total score. */
  risk: Severity;
  description: string;
}

/**
 * Every check assay scores. Families add their checks here, so a policy naming a check can be
 * validated before any rule runs.
 */
export const CHECKS: readonly CheckMeta[] = [
  { id: "Security-Policy", title: "Security policy", risk: "medium", description: "The project tells people how to report vulnerabilities privately and what to expect." },
  { id: "License", title: "Licence", risk: "low", description: "The project declares a recognised open-source licence." },
  { id: "Dependency-Update-Tool", title: "Dependency update tool", risk: "high", description: "A bot (Dependabot, Renovate) proposes dependency updates for every ecosystem the project uses." },
  { id: "Code-Owners", title: "Code owners", risk: "low", description: "A CODEOWNERS file names reviewers for the code, with paths that exist." },
  { id: "SAST", title: "Static analysis", risk: "medium", description: "Static application security testing runs in CI." },
  { id: "Fuzzing", title: "Fuzzing", risk: "medium", description: "The project is fuzzed (OSS-Fuzz, ClusterFuzzLite or native fuzz targets)." },
  { id: "Binary-Artifacts", title: "Binary artifacts", risk: "high", description: "No executables or compiled artifacts are checked in, where nobody can review them." },
  { id: "Security-Insights", title: "Security Insights", risk: "low", description: "A machine-readable SECURITY-INSIGHTS.yml describes the project's security facts." },
  { id: "Signed-Releases", title: "Signed releases", risk: "high", description: "Releases are signed or carry provenance attestations." },
  { id: "CII-Best-Practices", title: "OpenSSF Best Practices", risk: "low", description: "The project takes part in the OpenSSF Best Practices Badge programme." },
  { id: "Maintained", title: "Maintained", risk: "high", description: "Commits landed in the last 90 days: someone is there to fix a vulnerability." },
  { id: "Branch-Protection", title: "Branch protection", risk: "high", description: "The default branch is protected from force pushes and unreviewed changes (needs the forge's API)." },
  { id: "Code-Review", title: "Code review", risk: "high", description: "Changes are reviewed before they merge (needs the forge's API)." },
];

/** Finds a check by id. */
export function findCheck(id: string): CheckMeta | undefined {
  return CHECKS.find((c) => c.id === id);
}
