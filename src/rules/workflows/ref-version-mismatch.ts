import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { tagCommit } from "./lib/forge.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import type { Forge } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "workflows/ref-version-mismatch",
    title: "Version comment does not match the pinned commit",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "Reviewers read `uses: owner/repo@<sha> # v4.2.2` as \"version 4.2.2\". When the SHA is not that tag's commit, the comment hides what really runs: a stale pin Dependabot never bumped, or a commit slipped in under a trusted version's name.",
    remediation: "Set the SHA to the tag's commit (`git ls-remote https://github.com/OWNER/REPO refs/tags/vX.Y.Z`), or correct the comment to the version the SHA is.",
    references: [{ title: "zizmor: ref-version-mismatch", url: "https://docs.zizmor.sh/audits/#ref-version-mismatch" }],
    network: true,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const forge = ctx.forge as Forge;
    const memo = new Map<string, Promise<string | undefined>>();
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const u = s.uses;
      if (u.kind !== "repository" || u.refKind !== "sha" || !u.ref || !u.owner || !u.repo || !u.commentVersion) continue;
      const key = `${u.owner}/${u.repo}@${u.commentVersion}`.toLowerCase();
      let p = memo.get(key);
      if (!p) {
        p = tagCommit(forge, u.owner, u.repo, u.commentVersion);
        memo.set(key, p);
      }
      const tagSha = await p;
      if (tagSha === u.ref.toLowerCase()) continue;
      ctx.report({
        message: tagSha ? `\`${usesDisplay(u)}\` in ${s.where} says ${u.commentVersion}, but that tag of ${u.owner}/${u.repo} is commit ${tagSha.slice(0, 12)}, not the pinned one` : `\`${usesDisplay(u)}\` in ${s.where} says ${u.commentVersion}, but ${u.owner}/${u.repo} has no such tag`,
        locations: [at(s.path, u.raw.span)],
        snippet: clip(u.raw.value, 200),
        severity: tagSha ? "medium" : "low",
        key: `${u.owner}/${u.repo}@${u.ref}:${u.commentVersion}`.toLowerCase(),
        fix: tagSha ? `uses: ${u.name}@${tagSha} # ${u.commentVersion}` : "correct the comment to the version the SHA is",
      });
    }
  },
};
