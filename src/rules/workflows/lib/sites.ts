import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import { loadActions, loadWorkflows, walkSteps, type Action, type CallFrame, type Job, type Step, type Workflow } from "../../../ecosystems/github-actions/index.js";
import type { RuleContext } from "../../types.js";

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

// The walk is the same for every rule of one scan: computed once per inventory.
const memo = new WeakMap<object, Promise<Site[]>>();

/**
 * Loads the workflows and actions (each rule records its own unreadable files this way, so a
 * malformed one makes every rule that needs it incomplete) and the step sites, shared per scan.
 */
export async function loadInputs(ctx: RuleContext): Promise<Inputs> {
  const workflows = await loadWorkflows(ctx);
  const actions = await loadActions(ctx);
  let sites = memo.get(ctx.files);
  if (!sites) {
    sites = collectSites(ctx, actions);
    memo.set(ctx.files, sites);
  }
  return { workflows, actions, sites: await sites };
}

async function collectSites(ctx: RuleContext, actions: readonly Action[]): Promise<Site[]> {
  const out: Site[] = [];
  for await (const v of walkSteps(ctx)) {
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
  for (const a of actions) {
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

/** The events that start the run a site belongs to (none for an action on its own). */
export function eventsOf(site: Site): readonly string[] {
  return site.root?.events ?? [];
}
