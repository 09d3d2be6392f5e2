import type { Family } from "../../core/rule.js";
import { rule as securityPolicy } from "./security-policy.js";
import { rule as securityPolicyContact } from "./security-policy-contact.js";
import { rule as securityPolicySupportedVersions } from "./security-policy-supported-versions.js";
import { rule as securityPolicyDisclosureTimeline } from "./security-policy-disclosure-timeline.js";
import { rule as license } from "./license.js";
import { rule as licenseUnrecognised } from "./license-unrecognised.js";
import { rule as codeowners } from "./codeowners.js";
import { rule as codeownersInvalidPaths } from "./codeowners-invalid-paths.js";
import { rule as securityInsights } from "./security-insights.js";
import { rule as dependencyUpdateTool } from "./dependency-update-tool.js";
import { rule as dependencyUpdateCoverage } from "./dependency-update-coverage.js";
import { rule as sast } from "./sast.js";
import { rule as fuzzing } from "./fuzzing.js";
import { rule as ciTests } from "./ci-tests.js";
import { rule as binaryArtifacts } from "./binary-artifacts.js";
import { rule as signedReleases } from "./signed-releases.js";
import { rule as packaging } from "./packaging.js";
import { rule as sbom } from "./sbom.js";
import { rule as maintained } from "./maintained.js";
import { rule as bestPracticesBadge } from "./best-practices-badge.js";
import { rule as branchProtection } from "./branch-protection.js";
import { rule as codeReview } from "./code-review.js";

/** The posture of the repository itself, read from the checkout (and, online, from the forge). */
export const family: Family = {
  id: "repo",
  title: "Repository posture",
  checks: [
    { id: "Security-Policy", title: "Security policy", risk: "medium", description: "The project tells people how to report vulnerabilities privately and what to expect." },
    { id: "License", title: "Licence", risk: "low", description: "The project declares a recognised open-source licence." },
    { id: "Dependency-Update-Tool", title: "Dependency update tool", risk: "high", description: "A bot (Dependabot, Renovate) proposes dependency updates; ecosystems its configuration leaves out are reported, without lowering the score, as Scorecard scores the configuration alone." },
    { id: "Code-Owners", title: "Code owners", risk: "low", description: "A CODEOWNERS file names reviewers for the code, with paths that exist." },
    { id: "SAST", title: "Static analysis", risk: "medium", description: "Static application security testing runs in CI." },
    { id: "Fuzzing", title: "Fuzzing", risk: "medium", description: "The project is fuzzed (OSS-Fuzz, ClusterFuzzLite or native fuzz targets)." },
    { id: "CI-Tests", title: "Continuous-integration tests", risk: "low", description: "CI runs the project's tests on pull requests (or pushes)." },
    { id: "Binary-Artifacts", title: "Binary artifacts", risk: "high", description: "No executables or compiled artifacts are checked in, where nobody can review them." },
    { id: "Security-Insights", title: "Security Insights", risk: "low", description: "A machine-readable SECURITY-INSIGHTS.yml describes the project's security facts." },
    { id: "Signed-Releases", title: "Signed releases", risk: "high", description: "Releases carry provenance attestations (10) or at least signatures (8, as in Scorecard)." },
    { id: "Packaging", title: "Packaging", risk: "medium", description: "CI publishes the project as a package (npm, PyPI, Maven, NuGet, RubyGems, crates.io, a container image) that users install and update, as Scorecard recognises it." },
    { id: "SBOM", title: "Software bill of materials", risk: "medium", description: "An SBOM is attached to the releases (10) or at least kept at the repository root (5), named as Scorecard recognises." },
    { id: "CII-Best-Practices", title: "OpenSSF Best Practices", risk: "low", description: "The project takes part in the OpenSSF Best Practices Badge programme." },
    { id: "Maintained", title: "Maintained", risk: "high", description: "About one commit a week landed over the last 90 days (fewer score their share, as in Scorecard): someone is there to fix a vulnerability." },
    { id: "Branch-Protection", title: "Branch protection", risk: "high", description: "The default branch is protected from force pushes and unreviewed changes (needs the forge's API)." },
    { id: "Code-Review", title: "Code review", risk: "high", description: "Changes are reviewed before they merge, scored by the share of recent changes reviewed (needs the forge's API)." },
  ],
  rules: [
    securityPolicy,
    securityPolicyContact,
    securityPolicySupportedVersions,
    securityPolicyDisclosureTimeline,
    license,
    licenseUnrecognised,
    codeowners,
    codeownersInvalidPaths,
    securityInsights,
    dependencyUpdateTool,
    dependencyUpdateCoverage,
    sast,
    fuzzing,
    ciTests,
    binaryArtifacts,
    signedReleases,
    packaging,
    sbom,
    maintained,
    bestPracticesBadge,
    branchProtection,
    codeReview,
  ],
};
