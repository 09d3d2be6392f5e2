import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { enc, getOrMissing, listRefs } from "./lib/forge.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import type { Forge } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "workflows/impostor-commit",
    title: "Pinned commit that is not in the action's repository",
    severity: "critical",
    confidence: "high",
    check: "Action-Trust",
    rationale:
      "GitHub serves a fork's commits under the parent repository's name, so `uses: actions/checkout@<sha>` runs a commit that exists only in somebody's fork of actions/checkout. A pull request that \"pins an action to a SHA\" can therefore smuggle in code the action's owners never published; the SHA looks exactly like a legitimate pin.",
    remediation: "Replace the SHA with the commit of a real release of the action (`git ls-remote https://github.com/OWNER/REPO refs/tags/vX.Y.Z`), and review who proposed the pin.",
    references: [
      { title: "Chainguard: What the fork? Imposter commits in GitHub Actions", url: "https://www.chainguard.dev/unchained/what-the-fork-imposter-commits-in-github-actions-and-ci-cd" },
      { title: "zizmor: impostor-commit", url: "https://docs.zizmor.sh/audits/#impostor-commit" },
    ],
    network: true,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const forge = ctx.forge as Forge;
    const verdicts = new Map<string, Promise<string | undefined>>();
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const u = s.uses;
      if (u.kind !== "repository" || u.refKind !== "sha" || !u.ref || !u.owner || !u.repo) continue;
      const key = `${u.owner}/${u.repo}@${u.ref}`.toLowerCase();
      let v = verdicts.get(key);
      if (!v) {
        v = judge(forge, u.owner, u.repo, u.ref.toLowerCase());
        verdicts.set(key, v);
      }
      const why = await v;
      if (!why) continue;
      ctx.report({ message: `\`${usesDisplay(u)}\` in ${s.where} ${why}`, locations: [at(s.path, u.raw.span)], snippet: clip(u.raw.value, 200), key: key, fix: `uses: ${u.name}@<SHA of a release tag of ${u.owner}/${u.repo}>` });
    }
  },
};

/** Why a pinned commit is not part of the repository, or undefined when a branch or tag reaches it. */
async function judge(forge: Forge, owner: string, repo: string, sha: string): Promise<string | undefined> {
  const base = `/repos/${enc(owner)}/${enc(repo)}`;
  const commit = await getOrMissing<{ sha?: string }>(forge, `${base}/commits/${sha}`);
  if (!commit) return `pins a commit GitHub does not know in ${owner}/${repo}`;
  const [tags, branches] = await Promise.all([listRefs(forge, owner, repo, "tags"), listRefs(forge, owner, repo, "branches")]);
  if ([...tags, ...branches].some((r) => r.commit.sha.toLowerCase() === sha)) return undefined;
  const info = await getOrMissing<{ default_branch?: string }>(forge, base);
  const heads = [info?.default_branch, ...tags.slice(0, 3).map((t) => t.name)].filter((x): x is string => typeof x === "string");
  for (const head of heads) {
    const cmp = await getOrMissing<{ status?: string }>(forge, `${base}/compare/${encodeURIComponent(head)}...${sha}`);
    if (cmp?.status === "behind" || cmp?.status === "identical") return undefined;
  }
  return `pins a commit that no branch or tag of ${owner}/${repo} contains: it comes from a fork (an impostor commit)`;
}
