import type { Rule } from "../types.js";

/** Scorecard's window: activity in the last 90 days. */
const WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `date` (ISO) to `now`. */
function ageOf(now: Date, date: string): number {
  return Math.floor((now.getTime() - Date.parse(date)) / DAY_MS);
}

export const rule: Rule = {
  meta: {
    id: "repo/maintained",
    title: "Too little recent activity to show the project is maintained",
    severity: "medium",
    confidence: "medium",
    check: "Maintained",
    rationale:
      "A project nobody commits to is unlikely to ship a fix when a vulnerability is reported, so its users stay exposed; OpenSSF Scorecard treats 90 days without activity as unmaintained, and a repository younger than 90 days as too new to judge (score 0); assay reads the repository's age from where its history starts (the older of a commit's author and commit dates, so a history rebased to add sign-offs keeps its age), which a shallow clone does not show. Scorecard also grades how many commits and maintainer issue comments landed (one a week scores 10), which needs the forge's API: here one commit in the window passes.",
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
    // The newest commit decides, so a shallow clone (CI's fetch-depth: 1) is enough for it. The walk
    // goes on only while commits are inside the window, to see whether the history starts there.
    let newest: string | undefined;
    let oldestInWindow: string | undefined;
    let olderSeen = false;
    for await (const c of ctx.history({ patches: false })) {
      newest ??= c.commitDate;
      // A rewritten history (a rebase adding Signed-off-by lines, re-signing every commit) gives
      // every commit a new commit date but keeps when it was written: the older of the two says
      // how long the project has been going.
      const written = Date.parse(c.authorDate) < Date.parse(c.commitDate) ? c.authorDate : c.commitDate;
      if (ageOf(ctx.now, written) > WINDOW_DAYS) {
        olderSeen = true;
        break;
      }
      oldestInWindow = written;
    }
    if (newest === undefined) return ctx.notApplicable("git returned no commits");
    const ageDays = ageOf(ctx.now, newest);
    // A history that starts inside the window: Scorecard scores a repository created in the last 90
    // days 0, as too young to show maintenance. A shallow clone cannot show where its history starts.
    const started = oldestInWindow === undefined ? -1 : ageOf(ctx.now, oldestInWindow);
    // (A history dated after the scan's clock, `--now` in the past, is not judged young.)
    if (!olderSeen && !ctx.repository.shallow && oldestInWindow !== undefined && started >= 0) {
      ctx.report({
        message: `the history starts ${started} days ago (first commit on ${oldestInWindow.slice(0, 10)}): under ${WINDOW_DAYS} days of activity is too little to show the project is maintained`,
        evidence: { firstCommit: oldestInWindow, daysSinceFirstCommit: started },
        key: "young",
        // A new project is not shown to be unmaintained, only not yet shown to be maintained: the
        // check scores 0 as Scorecard's does, and the finding ranks below real weaknesses.
        severity: "low",
        fix: `Nothing to change: keep committing, and the check passes once the history is ${WINDOW_DAYS} days old (from ${new Date(Date.parse(oldestInWindow) + WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10)}).`,
      });
      return;
    }
    if (ageDays <= WINDOW_DAYS) {
      // No date: the evidence must not change with every commit, or a committed self-assessment is always stale.
      // A shallow clone whose every commit is in the window may be a project younger than the window,
      // which a full clone scores 0: say what could not be seen rather than pass it silently.
      const unseen = ctx.repository.shallow && !olderSeen ? ` (a shallow clone: where the history starts, and so whether the project is younger than ${WINDOW_DAYS} days, cannot be seen; fetch the full history to judge it)` : "";
      ctx.evidence({ message: `commits landed in the last ${WINDOW_DAYS} days${unseen}` });
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
