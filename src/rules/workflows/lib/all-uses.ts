import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import type { Action, Job, Step, Uses, Workflow } from "../../../ecosystems/github-actions/index.js";
import { stepKey } from "./report.js";

/** One `uses:` written in the repository: in a step (workflow or composite action) or a job calling a reusable workflow. */
export interface UsesSite {
  path: string;
  yaml: YamlFile;
  uses: Uses;
  step: Step | undefined;
  job: Job | undefined;
  workflow: Workflow | undefined;
  action: Action | undefined;
  /** "step 2 of job `build` in ci.yml", "job `call` in ci.yml", "step 1 of x/action.yml". */
  where: string;
  /** The same place for a finding's key: a step named by what it is ({@link stepKey}), never by its position. */
  id: string;
}

const memo = new WeakMap<readonly Workflow[], UsesSite[]>();

/** Every `uses:` of the repository's workflows and actions, in file order (listed once per scan). */
export function allUses(workflows: readonly Workflow[], actions: readonly Action[]): UsesSite[] {
  const hit = memo.get(workflows);
  if (hit) return hit;
  const out = collect(workflows, actions);
  memo.set(workflows, out);
  return out;
}

function collect(workflows: readonly Workflow[], actions: readonly Action[]): UsesSite[] {
  const out: UsesSite[] = [];
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      if (job.uses) {
        const where = `job \`${job.id}\` in ${wf.path}`;
        out.push({ path: wf.path, yaml: wf.yaml, uses: job.uses, step: undefined, job, workflow: wf, action: undefined, where, id: where });
      }
      for (const step of job.steps) if (step.uses) out.push({ path: wf.path, yaml: wf.yaml, uses: step.uses, step, job, workflow: wf, action: undefined, where: `step ${step.index + 1} of job \`${job.id}\` in ${wf.path}`, id: `step ${stepKey({ job, step, steps: job.steps })} in ${wf.path}` });
    }
  }
  for (const a of actions) {
    for (const step of a.runs.steps) if (step.uses) out.push({ path: a.path, yaml: a.yaml, uses: step.uses, step, job: undefined, workflow: undefined, action: a, where: `step ${step.index + 1} of ${a.path}`, id: `step ${stepKey({ step, steps: a.runs.steps })} of ${a.path}` });
  }
  return out;
}

/** How a `uses:` is shown: a SHA shortened, with the version its trailing comment names (`actions/checkout@11bd719… (v4.2.2)`). */
export function usesDisplay(u: Uses): string {
  if (u.kind !== "repository" || !u.ref) return u.raw.value.trim();
  if (u.refKind === "sha") return `${u.name}@${u.ref.slice(0, 7)}…${u.commentVersion ? ` (${u.commentVersion})` : ""}`;
  return `${u.name}@${u.ref}`;
}

/** True when `name` (owner/repo[/path], any case) matches a policy pattern: `*`, `owner/*`, `owner/repo`, `owner/repo/*`, `owner/repo/path`. */
export function matchesPattern(name: string, pattern: string): boolean {
  const n = name.toLowerCase();
  const p = pattern.trim().toLowerCase().replace(/@.*$/, "");
  if (p === "*" || p === "") return p === "*";
  if (p.endsWith("/*")) return n.startsWith(p.slice(0, -1));
  return n === p || n.startsWith(`${p}/`);
}
