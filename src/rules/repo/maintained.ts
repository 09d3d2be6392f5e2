import type { Rule, RuleContext } from "../types.js";

/** Scorecard's window: activity in the last 90 days. */
const WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Scorecard's full marks: one commit (or issue activity) a week over the window, 90 / 7 = 12 in whole weeks. */
const FULL_MARKS = Math.floor(WINDOW_DAYS / 7);
/** Scorecard reads the default branch's last 30 commits; more would not change the grade. */
const MAX_COMMITS = 30;

/**
 * Commits of HEAD's history, through merges too (Scorecard lists a branch's commits as `git log`
 * does, a pull request's own commits among them), that landed in the window: by commit date, when
 * they reached the branch, as Scorecard's listing dates them.
 */
async function commitsInWindow(ctx: RuleContext): Promise<number> {
  const from = ctx.now.getTime() - WINDOW_DAYS * DAY_MS;
  let n = 0;
  for await (const c of ctx.history({ patches: false, headOnly: true, after: new Date(from) })) {
    const at = Date.parse(c.commitDate);
    if (at >= from && at <= ctx.now.getTime()) n++;
    if (n >= MAX_COMMITS) break;
  }
  return n;
}

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
      "A project nobody commits to is unlikely to ship a fix when a vulnerability is reported, so its users stay exposed. OpenSSF Scorecard grades activity over the last 90 days: about one commit or maintainer issue comment a week (12 in the window) scores 10, fewer score their share of 10 rounded down, none scores 0, and a repository younger than 90 days (or archived) scores 0. assay grades the commits git shows, counted as Scorecard counts them (every commit of the default branch's history, through merges, dated when it landed, at most the last 30); issue activity and whether the repository is archived are on the forge and not seen offline, so a project that answers issues but commits rarely scores lower here than in Scorecard. The repository's age is read from where its history starts (the older of a commit's author and commit dates, so a history rebased to add sign-offs keeps its age). A shallow clone (CI's default) shows only its newest commits: fewer than 12 read from it are graded as a lower bound, and the finding says to scan a full clone.",
    remediation:
      "If the project is maintained, land changes regularly (dependency updates count) and say so in the README; if it is not, archive the repository and say so, so users can move to a maintained alternative. Scan a full clone (`fetch-depth: 0` in GitHub Actions): a shallow one cannot show how much landed. Issue and review activity happen on the forge and cannot be seen from a checkout.",
    references: [
      { title: "OpenSSF Scorecard: Maintained", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained" },
      { title: "GitHub: Archiving repositories", url: "https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    // A repository walked without git has a history that cannot be read: not judged, never "not applicable".
    if (ctx.repository.historyUnreadable !== undefined) return ctx.incomplete(ctx.repository.historyUnreadable);
    if (ctx.repository.vcs !== "git") return ctx.notApplicable("not a git checkout: there is no history to judge");
    if (ctx.repository.head === null) return ctx.notApplicable("the repository has no commits yet");
    // The newest commit decides whether anything landed, so a shallow clone (CI's fetch-depth: 1) is
    // enough for it. The walk goes on only while commits are inside the window, to see whether the
    // history starts there.
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
        message: `the history starts ${started === 0 ? "today" : started === 1 ? "1 day ago" : `${started} days ago`} (first commit on ${oldestInWindow.slice(0, 10)}): under ${WINDOW_DAYS} days of activity is too little to show the project is maintained`,
        evidence: { firstCommit: oldestInWindow, daysSinceFirstCommit: started },
        key: "young",
        // A new project is not shown to be unmaintained, only not yet shown to be maintained: the
        // check scores 0 as Scorecard's does, and the finding ranks below real weaknesses.
        severity: "low",
        fix: `Nothing to change: keep committing, and the check passes once the history is ${WINDOW_DAYS} days old (from ${new Date(Date.parse(oldestInWindow) + WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10)}).`,
      });
      return;
    }
    if (ageDays > WINDOW_DAYS) {
      ctx.report({
        message: `the newest commit landed on ${newest.slice(0, 10)}, ${ageDays} days ago: nothing in the last ${WINDOW_DAYS} days`,
        evidence: { lastCommit: newest, daysSinceLastCommit: ageDays },
        // The date changes the message, not what was found: keep one fingerprint while it stays stale.
        key: "stale",
      });
      return;
    }
    const commits = await commitsInWindow(ctx);
    if (commits >= FULL_MARKS) {
      // A shallow clone deep enough to show the activity may still hide that the project is younger than
      // the window, which a full clone scores 0: say what could not be seen rather than pass it silently.
      const unseen = ctx.repository.shallow && !olderSeen ? ` (a shallow clone: where the history starts, and so whether the project is younger than ${WINDOW_DAYS} days, cannot be seen; fetch the full history to judge it)` : "";
      // No count or date: the evidence must not change with every commit, or a committed self-assessment is always stale.
      ctx.evidence({ message: `at least ${FULL_MARKS} commits (about one a week) landed in the last ${WINDOW_DAYS} days; issue activity, which Scorecard also counts, is not seen offline${unseen}` });
      return;
    }
    // A shallow clone (CI's default fetch-depth: 1) shows only its newest commits: more may have
    // landed than it holds. Its count is graded as what it is, a lower bound (hidden history never
    // raises a score), and said so; not incomplete, which would fail every default CI checkout's gate.
    const shallow = ctx.repository.shallow && !olderSeen;
    const score = Math.floor((10 * commits) / FULL_MARKS);
    const counted = `${commits} commit${commits === 1 ? "" : "s"}`;
    ctx.report({
      message: shallow
        ? `a shallow clone shows ${counted} in the last ${WINDOW_DAYS} days, where about one a week (${FULL_MARKS}) shows a maintained project: scored ${score} of 10 until the full history shows how many landed (issue activity, which Scorecard also counts, is not seen offline)`
        : `${counted} landed in the last ${WINDOW_DAYS} days, where about one a week (${FULL_MARKS}) shows a maintained project: scored ${score} of 10 (issue activity, which Scorecard also counts, is not seen offline)`,
      evidence: { commitsInWindow: commits, fullMarksAt: FULL_MARKS, shallow },
      grade: score,
      // Some activity is not neglect: below a stale repository's medium, and one fingerprint while the count moves.
      severity: "low",
      key: "activity",
      fix: shallow
        ? `Scan a full clone (\`fetch-depth: 0\` in actions/checkout) to grade every commit of the window; ${FULL_MARKS} in ${WINDOW_DAYS} days score 10.`
        : `Nothing to fix if the project is maintained: the score rises as commits land (${FULL_MARKS} in ${WINDOW_DAYS} days score 10; dependency updates count).`,
    });
  },
};
