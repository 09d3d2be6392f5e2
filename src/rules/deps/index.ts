import type { Family } from "../types.js";
import { rule as vulnerableDependency } from "./vulnerable-dependency.js";
import { rule as maliciousPackage } from "./malicious-package.js";
import { rule as unpinnedRequirement } from "./unpinned-requirement.js";

/** Known vulnerabilities and malicious packages in locked dependencies, from the offline advisory store. */
export const family: Family = {
  id: "deps",
  title: "Dependencies",
  checks: [
    { id: "Vulnerabilities", title: "Vulnerabilities", risk: "high", description: "No locked dependency is at a version with a known, open vulnerability (graded like Scorecard's: 10 minus one point per vulnerability)." },
    { id: "Malicious-Packages", title: "Malicious packages", risk: "critical", description: "No lockfile pins a package that advisory databases list as malicious." },
    { id: "Locked-Dependencies", title: "Locked dependencies", risk: "medium", description: "Every requirement pins an exact version, so installs are reproducible and can be checked against advisories." },
  ],
  rules: [vulnerableDependency, maliciousPackage, unpinnedRequirement],
};
