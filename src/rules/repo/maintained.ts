import type { Rule } from "../types.js";

/** Scorecard's window: activity in the last 90 days. */
const WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export const rule: Rule = {
  meta: {
    id: "repo/maintained",
    title: "No commits in the last 90 days",
    severity: "medium",
    confidence: "medium",
    check: "Maintained",
    rationale:
      "A project nobody commits to is unlikely to ship a fix when a vulnerability is reported, so its users stay exposed; OpenSSF Scorecard treats 90 days without activity as unmaintained.",
    remediation:
      "If the project is maintained, land changes regularly (dependency updates count) and say so in the README; if it is not, archive the repository and say so, so users can move to a maintained alternative. Issue and review activity happen on the forge and cannot be seen from a checkout.",
    references: [
      { title: "OpenSSF Scorecard: Maintained", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained" },
      { title: "GitHub: Archiving repositories", url: "https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/communication-channels",
  },

  async run(ctx) {
    if (ctx.repository.vcs !== "git") return ctx.notApplicable("not a git checkout: there is no history to judge");
    if (ctx.repository.head === null) return ctx.notApplicable("the repository has no commits yet");
    // Only the newest commit matters, so a shallow clone (CI's fetch-depth: 1) is enough.
    let newest: string | undefined;
    for await (const c of ctx.history({ patches: false })) {
      newest = c.commitDate;
      break;
    }
    if (newest === undefined) return ctx.notApplicable("git returned no commits");
    const ageDays = Math.floor((ctx.now.getTime() - Date.parse(newest)) / DAY_MS);
    if (ageDays <= WINDOW_DAYS) {
      // No date: the evidence must not change with every commit, or a committed self-assessment is always stale.
      ctx.evidence({ message: `commits landed in the last ${WINDOW_DAYS} days` });
      return;
    }
    ctx.report({
      message: `the newest commit landed on ${newest.slice(0, 10)}, ${ageDays} days ago: nothing in the last ${WINDOW_DAYS} days`,
      evidence: { lastCommit: newest, daysSinceLastCommit: ageDays },
      // The date changes the message, not what was found: keep one fingerprint while it stays stale.
      key: "stale",
    });
  },
};
