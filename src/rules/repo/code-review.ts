import { ForgeError } from "../../core/forge.js";
import { githubRepo } from "./lib/github-repo.js";
import { messageRecordsReview } from "./lib/review-evidence.js";
import type { Forge, Rule } from "../types.js";

/** Scorecard looks at the last 30 commits of the default branch. */
const RECENT = 30;

export const rule: Rule = {
  meta: {
    id: "repo/code-review",
    title: "Changes merge without review",
    severity: "medium",
    confidence: "medium",
    check: "Code-Review",
    rationale:
      "A second person reading each change is the main defence against a malicious or careless commit, including one pushed with a maintainer's stolen credentials; unreviewed changes reach users unseen. As OpenSSF Scorecard, the rule reads the default branch's last 30 commits from the forge, one change per merged pull request (else per commit), and scores the share reviewed, rounded down (9 of 10 scores 9): a pull request counts as reviewed when someone other than its author approved or merged it, a commit whose message records a review by someone other than its author (Gerrit's Reviewed-by, or an Approved-by or Acked-by trailer) or a Phabricator or Piper revision counts too; a bot's change that was approved is left out, one that was not counts against the score, and a history of bots alone is not graded.",
    remediation:
      "Require pull requests with at least one approving review for the default branch (a ruleset or branch protection rule), and review changes before merging, including the maintainers' own.",
    references: [
      { title: "OpenSSF Scorecard: Code-Review", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#code-review" },
      { title: "GitHub: About pull request reviews", url: "https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/about-pull-request-reviews" },
    ],
    network: true,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const gh = await githubRepo(ctx);
    if (!gh) return;
    const { forge, base, branch } = gh;
    const commits = await forge.get<CommitInfo[]>(`${base}/commits?sha=${encodeURIComponent(branch)}&per_page=${RECENT}`);
    if (!Array.isArray(commits) || commits.length === 0) return ctx.notApplicable("the default branch has no commits");
    // One changeset per merged pull request (its commits arrive together), else per direct commit.
    const changesets = new Map<string, { label: string; reviewed: Promise<boolean>; bot: boolean }>();
    // Gerrit, Phabricator and Piper record their reviews in the commit message, as Scorecard also accepts; a
    // Reviewed-by trailer counts when it names someone other than the commit's author.
    const offForge = commits.map((c) => messageRecordsReview(c.commit?.message ?? "", { name: c.commit?.author?.name ?? "", email: c.commit?.author?.email ?? "" }));
    const pullsOf = await Promise.all(commits.map((c, i) => (offForge[i] ? Promise.resolve([]) : forge.get<PullInfo[]>(`${base}/commits/${c.sha}/pulls`))));
    for (const [i, c] of commits.entries()) {
      if (offForge[i]) {
        changesets.set(c.sha, { label: c.sha.slice(0, 7), reviewed: Promise.resolve(true), bot: false });
        continue;
      }
      const pulls = pullsOf[i];
      const pr = (Array.isArray(pulls) ? pulls : []).find((p) => p.merged_at && p.base?.ref === branch);
      if (!pr) changesets.set(c.sha, { label: `${c.sha.slice(0, 7)} (pushed directly)`, reviewed: Promise.resolve(false), bot: isBot(c.author) });
      else if (!changesets.has(`#${pr.number}`)) changesets.set(`#${pr.number}`, { label: `#${pr.number}`, reviewed: approvedByOther(forge, base, pr), bot: isBot(pr.user) });
    }
    const all = await Promise.all([...changesets.values()].map(async (c) => ({ label: c.label, reviewed: await c.reviewed, bot: c.bot })));
    // As Scorecard: a bot's change that was approved is left out of the count, one that was not counts
    // against the score; with no human change at all there is nothing to grade.
    const results = all.filter((r) => !(r.bot && r.reviewed));
    if (!results.some((r) => !r.bot)) return ctx.notApplicable(`found no human activity in the last ${all.length} changes to \`${branch}\``);
    const unreviewed = results.filter((r) => !r.reviewed).map((r) => r.label);
    if (unreviewed.length === 0) return;
    // Scorecard's score is the reviewed share, rounded down: 9 of 10 scores 9.
    const score = Math.floor((10 * (results.length - unreviewed.length)) / results.length);
    const shown = unreviewed.length > 8 ? `${unreviewed.slice(0, 8).join(", ")} and ${unreviewed.length - 8} more` : unreviewed.join(", ");
    ctx.report({
      message: `${unreviewed.length} of the last ${results.length} changes to \`${branch}\` merged without an approving review: ${shown}`,
      evidence: { branch: branch, changes: results.length, unreviewed: unreviewed.slice(0, 30) },
      grade: score,
      severity: unreviewed.length * 2 > results.length ? "high" : "medium",
      key: "unreviewed",
    });
  },
};

interface CommitInfo {
  sha: string;
  commit?: { message?: string; author?: { name?: string; email?: string } };
  /** The GitHub account of the commit's author, when GitHub knows one. */
  author?: Account | null;
}

interface Account {
  login?: string;
  type?: string;
}

interface PullInfo {
  number: number;
  merged_at: string | null;
  user?: Account;
  base?: { ref?: string };
}

/** A GitHub App or bot account (Dependabot, Renovate): `type: "Bot"`, or a `[bot]` login. */
function isBot(a: Account | null | undefined): boolean {
  return a?.type === "Bot" || (a?.login?.endsWith("[bot]") ?? false);
}

/**
 * An approving review by someone other than the author, or, as Scorecard also counts it, a merge by
 * someone other than the author (who read the change to merge it). The merger is only on the pull
 * request itself, asked for when no review approves.
 */
async function approvedByOther(forge: Forge, base: string, pr: PullInfo): Promise<boolean> {
  const reviews = await forge.get<{ state?: string; user?: { login?: string } }[]>(`${base}/pulls/${pr.number}/reviews?per_page=100`);
  const author = pr.user?.login;
  if (author === undefined) return false;
  if (Array.isArray(reviews) && reviews.some((r) => r.state === "APPROVED" && r.user?.login !== undefined && r.user.login !== author)) return true;
  // A pull request the forge no longer shows has no merger to credit; any other error stops the rule (not available), as the reviews' do.
  const full = await forge.get<{ merged_by?: { login?: string } | null }>(`${base}/pulls/${pr.number}`).catch((e: unknown) => {
    if (e instanceof ForgeError && e.status === 404) return undefined;
    throw e;
  });
  const merger = full?.merged_by?.login;
  return merger !== undefined && merger !== author;
}
