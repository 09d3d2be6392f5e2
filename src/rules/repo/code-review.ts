import { githubRepo } from "./lib/github-repo.js";
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
      "A second person reading each change is the main defence against a malicious or careless commit, including one pushed with a maintainer's stolen credentials; unreviewed changes reach users unseen.",
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
    const changesets = new Map<string, { label: string; reviewed: Promise<boolean> }>();
    const offForge = commits.map((c) => offForgeReview(c.commit?.message ?? ""));
    const pullsOf = await Promise.all(commits.map((c, i) => (offForge[i] ? Promise.resolve([]) : forge.get<PullInfo[]>(`${base}/commits/${c.sha}/pulls`))));
    for (const [i, c] of commits.entries()) {
      if (offForge[i]) {
        changesets.set(c.sha, { label: c.sha.slice(0, 7), reviewed: Promise.resolve(true) });
        continue;
      }
      const pulls = pullsOf[i];
      const pr = (Array.isArray(pulls) ? pulls : []).find((p) => p.merged_at && p.base?.ref === branch);
      if (!pr) changesets.set(c.sha, { label: `${c.sha.slice(0, 7)} (pushed directly)`, reviewed: Promise.resolve(false) });
      else if (!changesets.has(`#${pr.number}`)) changesets.set(`#${pr.number}`, { label: `#${pr.number}`, reviewed: approvedByOther(forge, base, pr) });
    }
    const results = await Promise.all([...changesets.values()].map(async (c) => ({ label: c.label, reviewed: await c.reviewed })));
    const unreviewed = results.filter((r) => !r.reviewed).map((r) => r.label);
    if (unreviewed.length === 0) return;
    const shown = unreviewed.length > 8 ? `${unreviewed.slice(0, 8).join(", ")} and ${unreviewed.length - 8} more` : unreviewed.join(", ");
    ctx.report({
      message: `${unreviewed.length} of the last ${results.length} changes to \`${branch}\` merged without an approving review: ${shown}`,
      evidence: { branch: branch, changes: results.length, unreviewed: unreviewed.slice(0, 30) },
      severity: unreviewed.length * 2 > results.length ? "high" : "medium",
      key: "unreviewed",
    });
  },
};

interface CommitInfo {
  sha: string;
  commit?: { message?: string };
}

interface PullInfo {
  number: number;
  merged_at: string | null;
  user?: { login?: string };
  base?: { ref?: string };
}

/** Gerrit and Phabricator record their reviews in the commit message, as Scorecard also accepts. */
function offForgeReview(message: string): boolean {
  return /^(Reviewed-on|Differential Revision|Reviewed-by):\s/m.test(message);
}

async function approvedByOther(forge: Forge, base: string, pr: PullInfo): Promise<boolean> {
  const reviews = await forge.get<{ state?: string; user?: { login?: string } }[]>(`${base}/pulls/${pr.number}/reviews?per_page=100`);
  const author = pr.user?.login;
  return Array.isArray(reviews) && reviews.some((r) => r.state === "APPROVED" && r.user?.login !== undefined && r.user.login !== author);
}
