import type { FileEntry, FileSource, ReadOptions } from "../../core/files.js";
import { parseGithubRemote } from "../../core/forge.js";
import type { UnfollowedLocalCall } from "../../core/unfollowed.js";
import { actionParser, isActionPath, type Action } from "./action.js";
import type { Uses } from "./uses.js";
import { isWorkflowPath, workflowParser, type Job, type Step, type Workflow } from "./workflow.js";

/** How a step was reached from a workflow GitHub runs: reusable-workflow calls and composite actions. */
export type CallFrame =
  | { kind: "workflow"; workflow: Workflow; job: Job }
  | { kind: "action"; file: string; step: Step; action: Action };

/** One step in the context it runs in. */
export interface StepVisit {
  /** The workflow whose triggers start the run (where reachability is judged). */
  root: Workflow;
  /** The workflow file whose job runs the step (a called reusable workflow, or `root`). */
  workflow: Workflow;
  job: Job;
  /** The step itself: in `action` when it comes from a local composite action. */
  step: Step;
  action?: Action;
  /** The calls that led here, outermost first: empty for a step written in `root` itself. */
  via: CallFrame[];
}

/**
 * A local call (`uses: ./path`) the checkout holds nothing to follow for: no action.yml in the
 * folder, no reusable workflow at the path, or a path leaving the repository. What it runs is not
 * walked, so whoever walks says so.
 */
export type UnfollowedCall = UnfollowedLocalCall;

/** The record of a local call not followed. */
function unfollowedCall(file: string, uses: Uses, target: string | undefined): UnfollowedCall {
  return { file, line: uses.raw.span.line, column: uses.raw.span.column, uses: uses.raw.value, dynamic: uses.dynamic, target };
}

/** Calls followed before a chain is cut (local calls rarely nest more than two deep). */
const MAX_DEPTH = 16;

/** Workflow files GitHub runs: the top level of .github/workflows. */
export function workflowFiles(src: FileSource): FileEntry[] {
  return src.index.inFolder(".github/workflows").filter((f) => f.kind !== "submodule" && isWorkflowPath(f.path));
}

/** Every workflow file parsed (each once per scan); malformed ones are left out (and reported by the read). */
export async function loadWorkflows(src: FileSource, options?: ReadOptions): Promise<Workflow[]> {
  const out: Workflow[] = [];
  for (const f of workflowFiles(src)) {
    const wf = await src.parse(f.path, workflowParser, options);
    if (wf) out.push(wf);
  }
  return out;
}

/** Every action metadata file in the tree (`action.yml` / `action.yaml`), parsed. */
export async function loadActions(src: FileSource, options?: ReadOptions): Promise<Action[]> {
  const files = [...src.index.named("action.yml"), ...src.index.named("action.yaml")].filter((f) => f.kind !== "submodule" && isActionPath(f.path));
  const out: Action[] = [];
  for (const f of files.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const a = await src.parse(f.path, actionParser, options);
    if (a) out.push(a);
  }
  return out;
}

/** The repository path a local `uses: ./x` or `uses: $/x` names (both are relative to the repository root). */
export function localPath(uses: Uses): string | undefined {
  if (uses.kind !== "local") return undefined;
  const p = uses.raw.value.trim().replace(/^\$\/|^\.\/?/, "").replace(/\/+$/, "");
  return p.split("/").includes("..") ? undefined : p;
}

/**
 * The path of a reusable workflow a job calls from this same repository by its full name
 * (`acme/widget/.github/workflows/build.yml@main` in acme/widget, as cilium writes it), read from the
 * checkout; undefined for any other repository, and when the origin remote does not say which
 * repository this is. The checkout's file stands for the one at the ref, as for `./` calls.
 */
export function selfCalledPath(uses: Uses, src: Pick<FileSource, "repository"> | undefined): string | undefined {
  if (uses.kind !== "repository" || uses.dynamic || !uses.owner || !uses.repo) return undefined;
  const remote = src?.repository?.remote;
  const self = remote ? parseGithubRemote(remote) : undefined;
  if (!self || self.owner.toLowerCase() !== uses.owner.toLowerCase() || self.repo.toLowerCase() !== uses.repo.toLowerCase()) return undefined;
  const path = uses.subpath ?? "";
  return /^\.github\/workflows\/[^/]{1,200}\.ya?ml$/.test(path) ? path : undefined;
}

/** The repository path of the reusable workflow a job calls from this repository (`./…`, `$/…`, or its own full name). */
function calledPath(job: Job, src: Pick<FileSource, "repository"> | undefined): string | undefined {
  return job.uses ? (localPath(job.uses) ?? selfCalledPath(job.uses, src)) : undefined;
}

/** The paths of the reusable workflows the repository's own workflows call (`uses: ./…`, `$/…`, or its own full name). */
export function locallyCalledWorkflows(workflows: readonly Workflow[], src?: Pick<FileSource, "repository">): Set<string> {
  const out = new Set<string>();
  for (const w of workflows) for (const j of w.jobs) {
    const path = calledPath(j, src);
    if (path !== undefined) out.add(path);
  }
  return out;
}

/** The reusable workflow a job calls from this repository, parsed; undefined when it calls none or it cannot be read. */
export async function calledWorkflow(src: FileSource, job: Job, options?: ReadOptions): Promise<Workflow | undefined> {
  const path = calledPath(job, src);
  if (path === undefined || !src.has(path)) return undefined;
  return src.parse(path, workflowParser, options);
}

/** The local action a step uses (`./path` → `path/action.yml`), parsed. */
export async function usedAction(src: FileSource, step: Step, options?: ReadOptions): Promise<Action | undefined> {
  const dir = step.uses ? localPath(step.uses) : undefined;
  if (dir === undefined) return undefined;
  for (const name of ["action.yml", "action.yaml"]) {
    const path = dir === "" ? name : `${dir}/${name}`;
    if (src.has(path)) return src.parse(path, actionParser, options);
  }
  return undefined;
}

/**
 * Every step of every workflow in the context it runs in, following local reusable workflows
 * (`uses: ./.github/workflows/x.yml`, or this repository's own full name) and local composite actions (`uses: ./path`), with cycle
 * protection. A called workflow's steps are visited once from each caller and once on their own.
 * Each workflow's visits are gathered with plain async calls and then yielded: several rules walk
 * every step of every workflow, and nested async generators cost a promise per level per step.
 */
export async function* walkSteps(src: FileSource, options?: ReadOptions, unfollowed?: UnfollowedCall[]): AsyncGenerator<StepVisit> {
  for (const root of await loadWorkflows(src, options)) {
    const visits: StepVisit[] = [];
    await walkWorkflow(src, root, root, [], new Set([root.path]), options, visits, unfollowed);
    yield* visits;
  }
}

async function walkWorkflow(src: FileSource, root: Workflow, wf: Workflow, via: CallFrame[], seen: ReadonlySet<string>, options: ReadOptions | undefined, out: StepVisit[], unfollowed: UnfollowedCall[] | undefined): Promise<void> {
  for (const job of wf.jobs) {
    if (job.uses) {
      const called = await calledWorkflow(src, job, options);
      if (called && !seen.has(called.path) && via.length < MAX_DEPTH) {
        await walkWorkflow(src, root, called, [...via, { kind: "workflow", workflow: wf, job }], new Set([...seen, called.path]), options, out, unfollowed);
      } else if (unfollowed && (job.uses.kind === "local" || selfCalledPath(job.uses, src) !== undefined)) {
        // A call into this repository (`./…`, or its own full name) whose file the checkout lacks.
        const target = calledPath(job, src);
        if (target === undefined || !src.has(target)) unfollowed.push(unfollowedCall(wf.path, job.uses, target));
      }
      continue;
    }
    for (const step of job.steps) await walkStep(src, { root, workflow: wf, job, step, via }, seen, options, out, unfollowed);
  }
}

async function walkStep(src: FileSource, visit: StepVisit, seen: ReadonlySet<string>, options: ReadOptions | undefined, out: StepVisit[], unfollowed: UnfollowedCall[] | undefined): Promise<void> {
  out.push(visit);
  // Only a local `uses: ./path` leads anywhere: skip the lookup (and its promise) for the others.
  if (visit.step.uses?.kind !== "local") return;
  if (unfollowed) {
    const dir = localPath(visit.step.uses);
    const held = dir !== undefined && ["action.yml", "action.yaml"].some((n) => src.has(dir === "" ? n : `${dir}/${n}`));
    // Unless a checkout step of the job put another repository there (its action is that repository's, like any remote one).
    if (!held && !(dir !== undefined && checkedOutAt(visit.action?.runs.steps ?? visit.job.steps, dir))) unfollowed.push(unfollowedCall(visit.action?.path ?? visit.workflow.path, visit.step.uses, dir));
  }
  const action = await usedAction(src, visit.step, options);
  if (!action || seen.has(action.path) || visit.via.length >= MAX_DEPTH) return;
  const frame: CallFrame = { kind: "action", file: visit.action?.path ?? visit.workflow.path, step: visit.step, action };
  const next = new Set([...seen, action.path]);
  for (const step of action.runs.steps) await walkStep(src, { ...visit, step, action, via: [...visit.via, frame] }, next, options, out, unfollowed);
}

/**
 * True when one of `steps` is an actions/checkout that puts another tree where `dir` is: at a
 * `path:` that holds it, or over the whole workspace (`repository:` or `ref:` without `path:`).
 */
function checkedOutAt(steps: readonly Step[], dir: string): boolean {
  return steps.some((s) => {
    if (s.uses?.kind !== "repository" || s.uses.name.toLowerCase() !== "actions/checkout") return false;
    const path = s.with["path"]?.value.trim().replace(/^\.\/+/, "").replace(/\/+$/, "") ?? "";
    const other = (s.with["repository"]?.value.trim() ?? "") !== "" && !/^\$\{\{\s*github\.repository\s*\}\}$/.test(s.with["repository"]?.value.trim() ?? "");
    // Another revision (a pull request's head): its files, which the checkout under scan may lack, are what runs.
    const revision = (s.with["ref"]?.value.trim() ?? "") !== "";
    return path === "" ? other || revision : dir === path || dir.startsWith(`${path}/`);
  });
}
