import type { Rule } from "../core/rule.js";
import { rule as securityPolicy } from "./repo/security-policy.js";
import { rule as securityPolicyContact } from "./repo/security-policy-contact.js";
import { rule as securityPolicySupportedVersions } from "./repo/security-policy-supported-versions.js";
import { rule as securityPolicyDisclosureTimeline } from "./repo/security-policy-disclosure-timeline.js";
import { rule as license } from "./repo/license.js";
import { rule as codeowners } from "./repo/codeowners.js";
import { rule as codeownersInvalidPaths } from "./repo/codeowners-invalid-paths.js";
import { rule as securityInsights } from "./repo/security-insights.js";
import { rule as dependencyUpdateTool } from "./repo/dependency-update-tool.js";
import { rule as dependencyUpdateCoverage } from "./repo/dependency-update-coverage.js";
import { rule as sast } from "./repo/sast.js";
import { rule as fuzzing } from "./repo/fuzzing.js";
import { rule as binaryArtifacts } from "./repo/binary-artifacts.js";
import { rule as signedReleases } from "./repo/signed-releases.js";
import { rule as maintained } from "./repo/maintained.js";
import { rule as bestPracticesBadge } from "./repo/best-practices-badge.js";
import { rule as branchProtection } from "./repo/branch-protection.js";
import { rule as codeReview } from "./repo/code-review.js";

/** Every rule assay ships, in a stable order. A family adds its rules here. */
export const RULES: readonly Rule[] = [
  securityPolicy,
  securityPolicyContact,
  securityPolicySupportedVersions,
  securityPolicyDisclosureTimeline,
  license,
  codeowners,
  codeownersInvalidPaths,
  securityInsights,
  dependencyUpdateTool,
  dependencyUpdateCoverage,
  sast,
  fuzzing,
  binaryArtifacts,
  signedReleases,
  maintained,
  bestPracticesBadge,
  branchProtection,
  codeReview,
];
