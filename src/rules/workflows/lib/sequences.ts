import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import type { Action, Job, Step, Workflow } from "../../../ecosystems/github-actions/index.js";

/** A list of steps that run one after another in one file: a workflow job's, or a composite action's. */
export interface Sequence {
  path: string;
  yaml: YamlFile;
  workflow: Workflow | undefined;
  job: Job | undefined;
  action: Action | undefined;
  steps: readonly Step[];
}

/** Every step sequence written in the repository's workflows and actions. */
export function sequences(workflows: readonly Workflow[], actions: readonly Action[]): Sequence[] {
  const out: Sequence[] = [];
  for (const wf of workflows) for (const job of wf.jobs) if (job.steps.length > 0) out.push({ path: wf.path, yaml: wf.yaml, workflow: wf, job, action: undefined, steps: job.steps });
  for (const a of actions) if (a.runs.steps.length > 0) out.push({ path: a.path, yaml: a.yaml, workflow: undefined, job: undefined, action: a, steps: a.runs.steps });
  return out;
}

/** "job `build` in .github/workflows/ci.yml" or "composite action x/action.yml". */
export function sequenceLabel(s: Sequence): string {
  return s.job ? `job \`${s.job.id}\` in ${s.path}` : `composite action ${s.path}`;
}
