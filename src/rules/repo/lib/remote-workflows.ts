// Reusable workflows of other repositories (`uses: owner/repo/.github/workflows/x.yml@ref`): what
// they run is not in the checkout, so a rule that finds nothing in the steps it can read must not
// say the workflow runs nothing. Like a local call the checkout cannot follow (see
// core/unfollowed.ts, as repo/signed-releases uses it), such a call leaves the verdict incomplete.

import { calledWorkflow, selfCalledPath, type Job, type Workflow } from "../../../ecosystems/github-actions/index.js";
import type { UnfollowedReason } from "../../../core/unfollowed.js";
import type { RuleContext } from "../../types.js";

/** Local reusable workflows followed from a root before the chain is cut (as the step walk does). */
const MAX_DEPTH = 16;

/**
 * A workflow's events, a push filtered on tags only read as `push (tags)`: that is a release run, not
 * one on changes.
 */
export function eventsOf(wf: Workflow): string[] {
  return wf.triggers.map((t) => {
    const tagsOnly = t.event === "push" && ("tags" in t.filters || "tags-ignore" in t.filters) && !("branches" in t.filters || "branches-ignore" in t.filters);
    return tagsOnly ? "push (tags)" : t.event;
  });
}

/** Reusable workflows of another repository that are known not to test or analyse code (provenance generators). */
const KNOWN_ELSEWHERE = /^slsa-framework\/slsa-github-generator\//i;

/** A job calling a reusable workflow of another repository. */
export interface RemoteCall {
  /** The workflow whose job makes the call. */
  workflow: Workflow;
  job: Job;
  /** The `uses:` value as written. */
  uses: string;
}

/**
 * The jobs that call a reusable workflow of another repository, in the workflows that run on one
 * of `events` and in the local reusable workflows they call; each call once. A call to this
 * repository by its own name is read from the checkout, not listed.
 */
export async function remoteWorkflowCalls(ctx: RuleContext, workflows: readonly Workflow[], events: ReadonlySet<string>): Promise<RemoteCall[]> {
  const out: RemoteCall[] = [];
  // Each workflow is read once, however many callers reach it: a hostile diamond of calls stays linear.
  const visited = new Set<string>();
  const visit = async (wf: Workflow, depth: number): Promise<void> => {
    if (visited.has(wf.path)) return;
    visited.add(wf.path);
    for (const job of wf.jobs) {
      if (!job.uses) continue;
      if (job.uses.kind === "repository" && selfCalledPath(job.uses, ctx) === undefined) {
        if (!KNOWN_ELSEWHERE.test(job.uses.raw.value.trim())) out.push({ workflow: wf, job, uses: job.uses.raw.value.trim() });
        continue;
      }
      if (depth >= MAX_DEPTH) continue;
      const called = await calledWorkflow(ctx, job, { optional: true });
      if (called) await visit(called, depth + 1);
    }
  };
  for (const wf of workflows) if (eventsOf(wf).some((e) => events.has(e))) await visit(wf, 0);
  return out;
}

/** Why a rule could not judge each call: where it is, and what the called workflow may do that the checkout cannot show. */
export function remoteCallReasons(calls: readonly RemoteCall[], what: string): UnfollowedReason[] {
  return calls.map((c) => {
    const span = c.job.uses?.raw.span ?? c.job.span;
    return { path: c.workflow.path, line: span.line, column: span.column, message: `job ${c.job.id} calls ${c.uses.slice(0, 200)}, a reusable workflow in another repository that cannot be read offline, so whether it ${what} cannot be judged` };
  });
}
