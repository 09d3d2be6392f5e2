import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import { actionParser, isActionPath, isWorkflowPath, loadActions, loadWorkflows, walkSteps, workflowFiles, workflowParser, type Action, type CallFrame, type Job, type Step, type UnfollowedCall, type Workflow } from "../../../ecosystems/github-actions/index.js";
import type { RuleContext } from "../../types.js";
import { unfollowedReasons } from "../../../core/unfollowed.js";
import { jobEvents } from "./job-events.js";
import { readUpstreams } from "./upstream.js";

/** One step in the context it runs in: a workflow job's step, or a composite action's step. */
export interface Site {
  /** The file that holds the step (a workflow, or an action.yml). */
  file: string;
  yaml: YamlFile;
  /** The workflow whose triggers start the run; undefined for an action audited on its own. */
  root: Workflow | undefined;
  /** The workflow whose job runs the step (a called reusable workflow, or `root`). */
  workflow: Workflow | undefined;
  job: Job | undefined;
  /** The composite action that holds the step, when it is one. */
  action: Action | undefined;
  step: Step;
  /** The steps around it (its job's, or its action's), in order. */
  steps: readonly Step[];
  /** The calls that led here, outermost first. */
  via: readonly CallFrame[];
}

/** What the family audits: every workflow, every action, and every step in the contexts it runs in. */
export interface Inputs {
  workflows: Workflow[];
  actions: Action[];
  sites: Site[];
}

/** What every rule of one scan shares: the parsed files, the files that failed, and the step sites. */
interface Loaded {
  workflows: Workflow[];
  actions: Action[];
  failed: string[];
  sites: Site[];
  /** Local calls whose steps could not be walked, said to every rule: what they run is not judged. */
  unfollowed: { path: string; line: number; column: number; message: string }[];
}

/** Unfollowed calls named at most, per scan: a hostile workflow may make thousands. */
const MAX_UNFOLLOWED = 20;

// The same for every rule of one scan: computed once per inventory.
const memo = new WeakMap<object, Promise<Loaded>>();

/**
 * Loads the workflows and actions and the step sites, once per scan. Each rule still asks for the
 * files that could not be parsed, so its own result records them and is incomplete, never a pass.
 */
export async function loadInputs(ctx: RuleContext): Promise<Inputs> {
  let loaded = memo.get(ctx.files);
  const first = !loaded;
  if (!loaded) {
    loaded = load(ctx);
    memo.set(ctx.files, loaded);
  }
  const l = await loaded;
  for (const u of l.unfollowed) ctx.incomplete(u.message, { path: u.path, line: u.line, column: u.column });
  if (!first) {
    for (const path of l.failed) {
      if (isWorkflowPath(path)) await ctx.parse(path, workflowParser);
      else await ctx.parse(path, actionParser);
    }
  }
  return { workflows: l.workflows, actions: l.actions, sites: l.sites };
}

async function load(ctx: RuleContext): Promise<Loaded> {
  const workflows = await loadWorkflows(ctx);
  readUpstreams(workflows);
  const actions = await loadActions(ctx);
  const ok = new Set<string>([...workflows.map((w) => w.path), ...actions.map((a) => a.path)]);
  const failed = [...workflowFiles(ctx), ...ctx.index.named("action.yml"), ...ctx.index.named("action.yaml")].map((f) => f.path).filter((p) => !ok.has(p) && (isActionPath(p) || isWorkflowPath(p)));
  const calls: UnfollowedCall[] = [];
  const sites = await collectSites(ctx, actions, calls);
  return { workflows, actions, failed, sites, unfollowed: (await unfollowedReasons(ctx, calls)).slice(0, MAX_UNFOLLOWED) };
}

const byRoot = new WeakMap<readonly Site[], Map<Workflow | undefined, Site[]>>();

/** The sites of each triggering workflow (undefined: actions audited on their own), grouped once. */
export function sitesByRoot(sites: readonly Site[]): Map<Workflow | undefined, Site[]> {
  let m = byRoot.get(sites);
  if (!m) {
    m = new Map();
    for (const s of sites) {
      const list = m.get(s.root);
      if (list) list.push(s);
      else m.set(s.root, [s]);
    }
    byRoot.set(sites, m);
  }
  return m;
}

// The reusable workflow each calling job runs, as the walk resolved it (`./…`, `$/…`, or this repository's own full
// name, which needs the origin remote): taint follows `needs.<job>.outputs` into it without resolving the call again.
const called = new WeakMap<Job, Workflow>();

/** The reusable workflow from this repository that a job calls, when the walk followed the call into it. */
export function calledWorkflowOf(job: Job): Workflow | undefined {
  return called.get(job);
}

async function collectSites(ctx: RuleContext, actions: readonly Action[], unfollowed: UnfollowedCall[]): Promise<Site[]> {
  const out: Site[] = [];
  for await (const v of walkSteps(ctx, undefined, unfollowed)) {
    // Each workflow frame's job called the workflow of the next workflow frame, or, for the last, the step's own.
    let inner = v.workflow;
    for (let i = v.via.length - 1; i >= 0; i--) {
      const f = v.via[i] as CallFrame;
      if (f.kind !== "workflow") continue;
      called.set(f.job, inner);
      inner = f.workflow;
    }
    out.push({
      file: v.action?.path ?? v.workflow.path,
      yaml: v.action?.yaml ?? v.workflow.yaml,
      root: v.root,
      workflow: v.workflow,
      job: v.job,
      action: v.action,
      step: v.step,
      steps: v.action ? v.action.runs.steps : v.job.steps,
      via: v.via,
    });
  }
  // Every composite action also on its own: it may be used by other repositories, with any input.
  // Not one kept under .github/ that this repository's workflows use: that is their helper, and
  // its inputs are what those callers pass (terraform's equivalence-test action, given constants).
  const reached = new Set(out.map((s) => s.action?.path).filter((p): p is string => p !== undefined));
  for (const a of actions) {
    if (a.path.startsWith(".github/") && reached.has(a.path)) continue;
    for (const step of a.runs.steps) out.push({ file: a.path, yaml: a.yaml, root: undefined, workflow: undefined, job: undefined, action: a, step, steps: a.runs.steps, via: [] });
  }
  return out;
}

/** Says the rule does not apply when there is nothing to audit; true when it applies. */
export function applies(ctx: RuleContext, inputs: Inputs, what = "GitHub Actions workflows or actions"): boolean {
  if (inputs.workflows.length > 0 || inputs.actions.length > 0) return true;
  // Files that exist but could not be parsed keep the rule incomplete (recorded by the reads), not "not applicable".
  ctx.notApplicable(`no ${what} in this repository`);
  return false;
}

/**
 * The events that can start the run a site belongs to and reach its job (none for an action on its own): a job
 * limited by `if: github.event_name == …`, or called from one, never runs for the others.
 */
export function eventsOf(site: Site): readonly string[] {
  let events: readonly string[] = site.root?.events ?? [];
  for (const frame of site.via) if (frame.kind === "workflow") events = jobEvents(frame.job, frame.workflow.jobs, events);
  return site.job ? jobEvents(site.job, site.workflow?.jobs ?? [], events) : events;
}
