import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { enc, getOrMissing } from "./lib/forge.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import type { Forge } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "workflows/ref-confusion",
    title: "Action ref that names both a branch and a tag",
    severity: "medium",
    confidence: "high",
    check: "Action-Trust",
    rationale:
      "When an action's repository has a branch and a tag with the same name, `@v1` could mean either. Someone who can push a branch (a collaborator, a compromised bot) can create one named like a release tag and change what every workflow using that tag runs, without touching the tag itself.",
    remediation: "Pin the action by commit SHA, and ask its maintainers to delete the branch that shadows the tag.",
    references: [
      { title: "zizmor: ref-confusion", url: "https://docs.zizmor.sh/audits/#ref-confusion" },
      { title: "GitHub: Security hardening, using third-party actions", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions" },
    ],
    network: true,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const forge = ctx.forge as Forge;
    const seen = new Map<string, Promise<boolean>>();
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const u = s.uses;
      if (u.kind !== "repository" || u.refKind !== "symbolic" || !u.ref || !u.owner || !u.repo) continue;
      const key = `${u.owner}/${u.repo}@${u.ref}`.toLowerCase();
      let v = seen.get(key);
      if (!v) {
        const base = `/repos/${enc(u.owner)}/${enc(u.repo)}/git/ref`;
        v = Promise.all([getOrMissing(forge, `${base}/heads/${encodeURIComponent(u.ref)}`), getOrMissing(forge, `${base}/tags/${encodeURIComponent(u.ref)}`)]).then(([h, t]) => h !== undefined && t !== undefined);
        seen.set(key, v);
      }
      if (!(await v)) continue;
      ctx.report({ message: `\`${usesDisplay(u)}\` in ${s.where} names both a branch and a tag \`${u.ref}\` in ${u.owner}/${u.repo}: whoever pushes that branch changes what runs`, locations: [at(s.path, u.raw.span)], snippet: clip(u.raw.value, 200), key, fix: `uses: ${u.name}@<commit SHA> # ${u.ref}` });
    }
  },
};
