import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { listRefs } from "./lib/forge.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import type { Forge } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "workflows/stale-action-refs",
    title: "Action pinned to a commit that is not a release",
    severity: "low",
    confidence: "medium",
    check: "Pinned-Dependencies",
    rationale:
      "A SHA that no tag points to is a commit between releases: code the maintainers may never have meant anyone to run, and which Dependabot and Renovate cannot relate to a version, so it is never updated (including when it has a known flaw).",
    remediation: "Pin the commit of a release tag instead, with the version as a comment: `uses: owner/repo@<sha of vX.Y.Z> # vX.Y.Z`.",
    references: [{ title: "zizmor: stale-action-refs", url: "https://docs.zizmor.sh/audits/#stale-action-refs" }],
    network: true,
    // zizmor's stale-action-refs is pedantic: the commit is pinned, only not a release's.
    persona: "pedantic",
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const forge = ctx.forge as Forge;
    const tags = new Map<string, ReturnType<typeof listRefs>>();
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const u = s.uses;
      if (u.kind !== "repository" || u.refKind !== "sha" || !u.ref || !u.owner || !u.repo) continue;
      const repo = `${u.owner}/${u.repo}`.toLowerCase();
      let list = tags.get(repo);
      if (!list) {
        list = listRefs(forge, u.owner, u.repo, "tags");
        tags.set(repo, list);
      }
      const all = await list;
      // A repository without tags has no releases to pin: nothing to compare against.
      if (all.length === 0 || all.some((t) => t.commit.sha.toLowerCase() === u.ref?.toLowerCase())) continue;
      ctx.report({ message: `\`${usesDisplay(u)}\` in ${s.where} pins a commit that no tag of ${repo} points to: not a release`, locations: [at(s.path, u.raw.span)], snippet: clip(u.raw.value, 200), key: `${repo}@${u.ref}`, fix: `uses: ${u.name}@<SHA of a release tag> # vX.Y.Z` });
    }
  },
};
