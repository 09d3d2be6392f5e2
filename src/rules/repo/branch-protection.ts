import { ForgeError } from "../../core/forge.js";
import { githubRepo } from "./lib/github-repo.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/branch-protection",
    title: "Default branch is not protected",
    severity: "high",
    confidence: "high",
    check: "Branch-Protection",
    rationale:
      "Without protection anyone with write access, or a stolen token, can force-push over the default branch's history, delete it, or push changes nobody reviewed, and every release and user pulling from it gets them. Rulesets can be read with any token, classic branch protection's settings only with an admin's: a setting neither shows leaves the rule incomplete, not passed.",
    remediation:
      "Protect the default branch with a ruleset (Settings → Rules → Rulesets) or a branch protection rule: block force pushes and deletion, require a pull request with at least one approving review, and require the CI status checks to pass. A ruleset can be checked with any token; a classic rule only with one that has admin rights on the repository (run `--online` with such a token, or move the rule to a ruleset).",
    references: [
      { title: "OpenSSF Scorecard: Branch-Protection", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#branch-protection" },
      { title: "GitHub: About rulesets", url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets" },
      { title: "GitHub: About protected branches", url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches" },
    ],
    network: true,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const gh = await githubRepo(ctx);
    if (!gh) return;
    const { forge, base, branch } = gh;
    if (gh.archived) return ctx.notApplicable("the repository is archived: nothing can be pushed to it");
    const b = encodeURIComponent(branch);
    const [state, rules, classic] = await Promise.all([
      forge.get<{ protected?: boolean }>(`${base}/branches/${b}`),
      forge.get<RulesetRule[]>(`${base}/rules/branches/${b}`).catch(orUndefined),
      // Classic protection details need an admin token; without one GitHub answers 403 or 404.
      forge.get<ClassicProtection>(`${base}/branches/${b}/protection`).catch(orUndefined),
    ]);
    const active = Array.isArray(rules) ? rules : [];
    const evidence = { branch, rulesets: active.length, classicDetailsVisible: classic !== undefined };
    if (!state.protected && active.length === 0) {
      ctx.report({ message: `the default branch \`${branch}\` has no protection: force pushes, deletion and unreviewed pushes are all allowed`, evidence, key: "unprotected" });
      return;
    }
    const has = (type: string) => active.some((r) => r.type === type);
    const rulesetReviews = Math.max(0, ...active.filter((r) => r.type === "pull_request").map((r) => r.parameters?.required_approving_review_count ?? 0));
    const classicReviews = classic?.required_pull_request_reviews?.required_approving_review_count ?? (classic?.required_pull_request_reviews ? 1 : 0);
    // Each setting is judged only when it can be seen: a ruleset that sets it, or classic details.
    if (!has("non_fast_forward") && classic?.allow_force_pushes?.enabled === true) {
      ctx.report({ message: `the default branch \`${branch}\` allows force pushes, which can rewrite released history`, evidence, key: "force-push", severity: "high" });
    }
    if (!has("deletion") && classic?.allow_deletions?.enabled === true) {
      ctx.report({ message: `the default branch \`${branch}\` can be deleted`, evidence, key: "deletion", severity: "medium" });
    }
    if (rulesetReviews === 0 && classic !== undefined && classicReviews === 0) {
      ctx.report({ message: `changes to \`${branch}\` need no approving review before they merge`, evidence, key: "no-review", severity: "medium" });
    }
    if (!has("required_status_checks") && classic !== undefined && !classic.required_status_checks) {
      ctx.report({ message: `changes to \`${branch}\` can merge without passing status checks`, evidence, key: "no-status-checks", severity: "low" });
    }
    // Settings that no ruleset sets and only an admin token can read (classic protection): the
    // branch is not shown protected against what cannot be seen.
    if (classic === undefined) {
      const unseen = [
        has("non_fast_forward") ? undefined : "force pushes",
        has("deletion") ? undefined : "deletion",
        rulesetReviews > 0 ? undefined : "pushes without an approving review",
        has("required_status_checks") ? undefined : "merges without passing status checks",
      ].filter((x): x is string => x !== undefined);
      if (unseen.length > 0) ctx.incomplete(`\`${branch}\` is protected, but no ruleset shows whether it blocks ${unseen.join(", ")}: classic branch protection says, and only a token with admin rights on the repository can read it`);
    }
  },
};

/** One rule of the rulesets that apply to a branch (GET /repos/{owner}/{repo}/rules/branches/{branch}). */
interface RulesetRule {
  type: string;
  parameters?: { required_approving_review_count?: number };
}

/** Classic branch protection as an admin sees it (GET .../branches/{branch}/protection). */
interface ClassicProtection {
  required_pull_request_reviews?: { required_approving_review_count?: number };
  required_status_checks?: unknown;
  allow_force_pushes?: { enabled?: boolean };
  allow_deletions?: { enabled?: boolean };
}

/** Settings the token may not see are unknown, not failures; other forge errors still propagate. */
function orUndefined(e: unknown): undefined {
  if (e instanceof ForgeError && (e.code === "not-found" || e.code === "forbidden" || e.code === "unauthorized")) return undefined;
  throw e;
}
