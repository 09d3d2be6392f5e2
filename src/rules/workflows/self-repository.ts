import type { TextEdit } from "../../core/finding.js";
import type { Step } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { allUses, type UsesSite } from "./lib/all-uses.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/self-repository",
    title: "Same-repository action or workflow referenced through the workspace (`./`), not `$/`",
    severity: "low",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "`uses: ./path` reads the action or reusable workflow from the runner's workspace: whatever an earlier step checked out or wrote there, which in a `pull_request_target` or `workflow_run` job can be a fork's code, and which is empty when nothing was checked out. The self-repository form `uses: $/path` (GitHub, July 2026) reads the same path from this repository at the commit that is running, needs no checkout, and cannot be swapped by the workspace; GitHub recommends it for actions and reusable workflows kept in the repository. (A reusable workflow called as `./.github/workflows/x.yml` is already this repository's file at the same commit; there the change is consistency, not safety.) zizmor's self-repository audit (1.30) reports every `./` reference, at low severity. Here a `./` path that lies inside what an earlier step of the same job checked out from another repository named as written (`actions/checkout` with `repository: owner/name`, at its `path:`) is not reported: `$/` would name a different action there. A `./` action under a checkout of a pull request's head is the fork's code; `$/` runs this repository's instead.",
    remediation:
      "Write `uses: $/.github/actions/build` instead of `uses: ./.github/actions/build` (and `uses: $/.github/workflows/reusable.yml` for a reusable workflow). `assay fix` rewrites the prefix. The `$/` form is not available on GitHub Enterprise Server; there, or while a linter still rejects it (actionlint 1.7.12), keep `./` and suppress this rule.",
    references: [
      { title: "GitHub: Adding an action from the same repository", url: "https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-pre-written-building-blocks-in-your-workflow" },
      { title: "GitHub changelog: Reference same-repository actions with self-repository syntax", url: "https://github.blog/changelog/2026-07-30-reference-same-repository-actions-with-self-repository-syntax/" },
      { title: "zizmor: self-repository", url: "https://docs.zizmor.sh/audits/#self-repository" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const u = s.uses;
      if (u.kind !== "local" || u.self || !u.name.startsWith("./")) continue;
      if (foreignCheckoutHolds(s)) continue;
      const suggested = `$/${u.name.slice(2)}`;
      const edit = prefixEdit(s);
      ctx.report({
        message: s.step
          ? `\`${clip(u.name, 120)}\` in ${s.where} reads the action from the workspace; \`${clip(suggested, 120)}\` reads it from this repository at the running commit, with no checkout`
          : `\`${clip(u.name, 120)}\` in ${s.where} calls a reusable workflow of this repository by the workspace-style \`./\` path; GitHub's self-repository form is \`${clip(suggested, 120)}\``,
        locations: [at(s.path, u.raw.span)],
        snippet: clip(u.raw.value, 200),
        key: `${s.id}:${u.name}`,
        fix: `uses: ${suggested}`,
        evidence: { uses: u.raw.value.trim().slice(0, 200) },
        ...(edit ? { edits: [edit] } : {}),
      });
    }
  },
};

/**
 * True when an earlier step of the same job or action checked out another repository, named as
 * written, into a folder that holds the `./` path: the action used is that repository's, which `$/`
 * (this repository at the running commit) would not name.
 */
function foreignCheckoutHolds(s: UsesSite): boolean {
  const steps: readonly Step[] | undefined = s.job?.steps ?? s.action?.runs.steps;
  if (!s.step || !steps) return false;
  const target = normalize(s.uses.name);
  for (const step of steps.slice(0, s.step.index)) {
    if (!isAction(usesName(step.uses), "actions/checkout")) continue;
    // Only a repository named as written is another one. This repository at another ref (a pull
    // request's head, say), or one an expression picks (a fork's), is exactly what `$/` avoids running.
    const repo = step.with["repository"]?.value.trim() ?? "";
    if (repo === "" || repo.includes("${{")) continue;
    const path = normalize(step.with["path"]?.value ?? "");
    // A checkout at the workspace root replaces every `./` path; one under a folder only that folder.
    if (path === "" || target === path || target.startsWith(`${path}/`)) return true;
  }
  return false;
}

/** A workspace-relative path without `./`, repeated or trailing slashes, for prefix comparison. */
function normalize(p: string): string {
  let out = p.trim();
  while (out.startsWith("./")) out = out.slice(2);
  while (out.endsWith("/")) out = out.slice(0, -1);
  return out === "." ? "" : out.replace(/\/{2,}/g, "/");
}

/** `./x` → `$/x` in place, when the scalar is written plain or quoted so that its text starts the span. */
function prefixEdit(s: UsesSite): TextEdit | undefined {
  const u = s.uses;
  const src = s.yaml.text.slice(u.raw.span.offset, u.raw.span.endOffset);
  const i = src.indexOf("./");
  // Only the first `./` of the value, with nothing but a quote or spaces before it.
  if (i < 0 || !/^["'\s]*$/.test(src.slice(0, i))) return undefined;
  return { path: s.path, offset: u.raw.span.offset, replace: src, with: `${src.slice(0, i)}$/${src.slice(i + 2)}` };
}
