import { isMap, isScalar, isSeq } from "yaml";
import { mapGet, mapPair, nodePosition, scalarString, seqItems, yamlParser, type YamlFile } from "../../core/yaml.js";
import type { RuleContext } from "../types.js";

// A small, typed view of GitHub Actions workflows for the repo/ rules (SAST, fuzzing, signed
// releases): which files are workflows, their triggers, jobs and steps with positions. The
// workflows/ family has a richer model; this one only reads what those rules need.

/** One step of a job: what it runs and where it is. */
export interface WorkflowStep {
  jobId: string;
  /** 0-based position in the job's `steps`. */
  index: number;
  name: string | undefined;
  /** The `uses` value as written (`owner/repo/path@ref`, `./local`, `docker://…`). */
  uses: string | undefined;
  /** The `run` script. */
  run: string | undefined;
  /** Scalar `with` inputs; non-scalar values are left out. */
  with: Readonly<Record<string, string>>;
  /** Scalar `env` values of the step. */
  env: Readonly<Record<string, string>>;
  /** The step's map node, for positions. */
  node: unknown;
}

/** One job: its steps, or the reusable workflow it calls. */
export interface WorkflowJob {
  id: string;
  /** A job-level `uses:` (a reusable workflow call). */
  uses: string | undefined;
  env: Readonly<Record<string, string>>;
  /** Scalar `permissions` entries (`id-token: write`); `"write-all"`/`"read-all"` under the key `*`. */
  permissions: Readonly<Record<string, string>>;
  /** `container` image, when the job runs in one. */
  container: string | undefined;
  steps: WorkflowStep[];
  node: unknown;
}

/** A parsed workflow file. */
export interface Workflow {
  path: string;
  yaml: YamlFile;
  name: string | undefined;
  /** Event names from `on:` (`push`, `release`, `workflow_dispatch`…). */
  events: string[];
  /** The `on:` value node (string, list or map). */
  on: unknown;
  env: Readonly<Record<string, string>>;
  permissions: Readonly<Record<string, string>>;
  jobs: WorkflowJob[];
}

const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

/** Paths of the workflow files GitHub runs (top level of .github/workflows only). */
export function workflowPaths(ctx: RuleContext): string[] {
  return ctx.files.filter((f) => f.kind === "file" && WORKFLOW_PATH.test(f.path)).map((f) => f.path);
}

/** True when `path` is a workflow file GitHub runs. */
export function isWorkflowPath(path: string): boolean {
  return WORKFLOW_PATH.test(path);
}

/** Parses every workflow; malformed ones (a diagnostic is recorded once) and non-mappings are skipped. */
export async function loadWorkflows(ctx: RuleContext): Promise<Workflow[]> {
  const out: Workflow[] = [];
  for (const path of workflowPaths(ctx)) {
    const wf = await loadWorkflow(ctx, path);
    if (wf) out.push(wf);
  }
  return out;
}

/** Models built once per parsed file: the YAML is cached by the workspace, the model here, so the rules that read workflows share both. */
const models = new WeakMap<YamlFile, Workflow | undefined>();

/** Parses one workflow file; undefined when unreadable, malformed or not a mapping. */
export async function loadWorkflow(ctx: RuleContext, path: string): Promise<Workflow | undefined> {
  const yaml = await ctx.parse(path, yamlParser);
  if (!yaml) return undefined;
  if (!models.has(yaml)) models.set(yaml, toWorkflow(path, yaml));
  return models.get(yaml);
}

/** Builds the workflow view of a parsed YAML document; undefined when the root is not a mapping. */
export function toWorkflow(path: string, yaml: YamlFile): Workflow | undefined {
  const root = yaml.doc.contents;
  if (!isMap(root)) return undefined;
  const on = mapGet(root, "on");
  const jobsNode = mapGet(root, "jobs");
  const jobs: WorkflowJob[] = [];
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      const id = scalarString(pair.key);
      if (id === undefined) continue;
      jobs.push(toJob(id, pair.value));
    }
  }
  return { path, yaml, name: scalarString(mapGet(root, "name")), events: eventNames(on), on, env: scalarMap(mapGet(root, "env")), permissions: permissionsOf(mapGet(root, "permissions")), jobs };
}

function toJob(id: string, node: unknown): WorkflowJob {
  const steps: WorkflowStep[] = [];
  seqItems(mapGet(node, "steps")).forEach((s, index) => {
    if (!isMap(s)) return;
    steps.push({
      jobId: id,
      index,
      name: scalarString(mapGet(s, "name")),
      uses: scalarString(mapGet(s, "uses")),
      run: scalarString(mapGet(s, "run")),
      with: scalarMap(mapGet(s, "with")),
      env: scalarMap(mapGet(s, "env")),
      node: s,
    });
  });
  const container = mapGet(node, "container");
  return {
    id,
    uses: scalarString(mapGet(node, "uses")),
    env: scalarMap(mapGet(node, "env")),
    permissions: permissionsOf(mapGet(node, "permissions")),
    container: scalarString(container) ?? scalarString(mapGet(container, "image")),
    steps,
    node,
  };
}

/** Every step of every job, in file order. */
export function allSteps(wf: Workflow): WorkflowStep[] {
  return wf.jobs.flatMap((j) => j.steps);
}

/** The action a `uses` names, lower-cased, without its `@ref` (`github/codeql-action/analyze`). */
export function actionName(uses: string): string {
  const at = uses.indexOf("@");
  return (at < 0 ? uses : uses.slice(0, at)).trim().toLowerCase();
}

/** The `@ref` of a `uses`, or undefined. */
export function actionRef(uses: string): string | undefined {
  const at = uses.indexOf("@");
  return at < 0 ? undefined : uses.slice(at + 1).trim();
}

/** 1-based line and column of a node (a step, a key's pair) in a workflow. */
export function positionOf(wf: Workflow, node: unknown): { line: number; column: number } {
  return nodePosition(wf.yaml, node as Parameters<typeof nodePosition>[1]);
}

/** Position of a top-level key (`on`, `jobs`), falling back to the document start. */
export function keyPosition(wf: Workflow, key: string): { line: number; column: number } {
  const pair = mapPair(wf.yaml.doc.contents, key);
  return pair ? nodePosition(wf.yaml, pair.key as Parameters<typeof nodePosition>[1]) : { line: 1, column: 1 };
}

/** Tag filters of a `push` trigger, when the workflow runs on pushed tags. */
export function pushesTags(wf: Workflow): boolean {
  const push = mapGet(wf.on, "push");
  return isMap(push) && (mapPair(push, "tags") !== undefined || mapPair(push, "tags-ignore") !== undefined);
}

function eventNames(on: unknown): string[] {
  if (isScalar(on)) {
    const s = scalarString(on);
    return s ? [s] : [];
  }
  if (isSeq(on)) return on.items.map(scalarString).filter((s): s is string => s !== undefined);
  if (isMap(on)) return on.items.map((p) => scalarString(p.key)).filter((s): s is string => s !== undefined);
  return [];
}

function scalarMap(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const k = scalarString(pair.key);
    const v = scalarString(pair.value);
    if (k !== undefined && v !== undefined) out[k] = v;
  }
  return out;
}

function permissionsOf(node: unknown): Record<string, string> {
  const whole = scalarString(node);
  return whole !== undefined ? { "*": whole } : scalarMap(node);
}
