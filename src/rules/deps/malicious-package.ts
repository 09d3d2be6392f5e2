import type { Rule } from "../types.js";
import { bySeverity, findingFor, lockedMatches } from "./lib/matches.js";

export const rule: Rule = {
  meta: {
    id: "deps/malicious-package",
    title: "Known malicious package in a lockfile",
    severity: "critical",
    confidence: "high",
    check: "Malicious-Packages",
    rationale:
      "Malicious packages (typosquats, hijacked releases, dependency-confusion payloads) run their code when they are installed or imported: stealing tokens, keys and cloud credentials from developer machines and CI. A lockfile that pins one means it was, or will be, installed.",
    remediation:
      "Remove the package from the manifest and the lockfile (and any cache or image built with it), check how it got there (a typo, a compromised maintainer, a confused internal name), and treat every machine and CI runner that installed it as compromised: rotate the credentials it could read.",
    references: [
      { title: "OpenSSF malicious-packages", url: "https://github.com/ossf/malicious-packages" },
      { title: "CWE-506: Embedded Malicious Code", url: "https://cwe.mitre.org/data/definitions/506.html" },
    ],
    network: false,
    advisories: true,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const found = await lockedMatches(ctx, "malicious");
    if (!found) return;
    for (const f of found.matches.map((m) => findingFor(m, undefined, { lowerUnreached: false })).sort(bySeverity)) ctx.report(f);
  },
};
