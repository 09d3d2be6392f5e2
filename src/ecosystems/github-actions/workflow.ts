import { isMap, isScalar, isSeq } from "yaml";
import { derivedParser, ParseFailure, type Parser } from "../../core/files.js";
import { deref, isEmptyNode, mapEntries, mapGet, mapPair, seqItems, yamlParser, type YamlFile } from "../formats/yaml.js";
import { nodeSpan, str, strList, strMap, taggedScalar, type Span, type Str } from "./located.js";
import { parseUses, type Uses } from "./uses.js";

// The GitHub Actions workflow model every family reads: triggers with their filters, permissions,
// jobs and steps, each scalar with its exact place in the file (down to the characters of a
// `run:` script), built once per file from the shared YAML parse.

/** `permissions:` at workflow or job level. */
export interface Permissions {
  span: Span;
  node: unknown;
  /** `read-all`, `write-all` (or an expression) when the whole block is one scalar. */
  all?: Str;
  /** Scope → `read` | `write` | `none`, when the block is a mapping; `{}` grants nothing. */
  scopes: Record<string, Str>;
}

/** One event under `on:`, with its filters. */
export interface Trigger {
  event: string;
  span: Span;
  /** `branches`, `branches-ignore`, `tags`, `tags-ignore`, `paths`, `paths-ignore`, `types`, `workflows`… as lists. */
  filters: Record<string, Str[]>;
  /** The event's mapping (for `workflow_dispatch`/`workflow_call` inputs, `schedule` crons). */
  node: unknown;
}

/** A job's or service's container. */
export interface Container {
  span: Span;
  image?: Str;
  credentials?: { username?: Str; password?: Str };
  env: Record<string, Str>;
  options?: Str;
}

/** One step of a job or of a composite action. */
export interface Step {
  /** The job it belongs to; undefined for a composite action's step. */
  jobId: string | undefined;
  /** 0-based position in its `steps`. */
  index: number;
  span: Span;
  node: unknown;
  id?: Str;
  name?: Str;
  uses?: Uses;
  run?: Str;
  shell?: Str;
  /** The condition; left unset when it is written with a YAML tag (see `ifTagged`), so nothing takes it for a guard. */
  if?: Str;
  /** An `if:` that starts with `!` unquoted (`if: !github.event.pull_request.head.repo.fork`), as written: GitHub refuses the file. */
  ifTagged?: Str;
  workingDirectory?: Str;
  /** Scalar `with:` inputs (non-scalar values are left out). */
  with: Record<string, Str>;
  /** `with:` written as one expression (`with: ${{ fromJSON(…) }}`): which inputs it sets is known only at run time. */
  withExpr?: Str;
  env: Record<string, Str>;
  /** `continue-on-error` as written. */
  continueOnError?: Str;
}

/** One job: its steps, or the reusable workflow it calls. */
export interface Job {
  id: string;
  /** The job's key in `jobs:`. */
  span: Span;
  node: unknown;
  name?: Str;
  needs: string[];
  /** The condition; left unset when it is written with a YAML tag (see `ifTagged`). */
  if?: Str;
  /** An `if:` that starts with `!` unquoted, as written: GitHub refuses the file. */
  ifTagged?: Str;
  /** `runs-on` labels (a scalar, a list, or a map's `labels`/`group`). */
  runsOn: Str[];
  runsOnNode: unknown;
  container?: Container;
  services: (Container & { id: string })[];
  environment?: { name?: Str; url?: Str; span: Span };
  /** The `strategy` node (matrix and its include/exclude), for rules that read matrix values. */
  strategy?: unknown;
  permissions?: Permissions;
  env: Record<string, Str>;
  /** A job-level `uses:` (a reusable workflow call) with its `with:` and `secrets:`. */
  uses?: Uses;
  with: Record<string, Str>;
  /** `secrets: inherit`, or the secrets passed by name. */
  secrets?: { inherit: true; span: Span } | { inherit: false; span: Span; values: Record<string, Str> };
  outputs: Record<string, Str>;
  steps: Step[];
  concurrency?: unknown;
  timeoutMinutes?: Str;
  /** `cache-mode` (`read`, `write`, `write-only`, `none`) as written: the Actions cache access the job gets. */
  cacheMode?: Str;
  defaults: { shell?: Str; workingDirectory?: Str };
}

/** A parsed workflow file. */
export interface Workflow {
  path: string;
  yaml: YamlFile;
  name?: Str;
  /** The events under `on:` in file order. */
  triggers: Trigger[];
  /** Event names from `on:` (`push`, `pull_request_target`, `workflow_call`…). */
  events: string[];
  /** The `on:` value node (string, list or map) and where its key is. */
  on: unknown;
  onSpan: Span | undefined;
  permissions?: Permissions;
  env: Record<string, Str>;
  defaults: { shell?: Str; workingDirectory?: Str };
  concurrency?: unknown;
  /** `cache-mode` at the top, as written; a job's own overrides it. */
  cacheMode?: Str;
  jobs: Job[];
}

const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

/** True when `path` is a workflow file GitHub runs (top level of .github/workflows only). */
export function isWorkflowPath(path: string): boolean {
  return WORKFLOW_PATH.test(path);
}

/** Builds the workflow model from a parsed YAML document; a root that is not a mapping is malformed. */
export function toWorkflow(path: string, y: YamlFile): Workflow {
  const root = deref(y.doc.contents);
  if (!isMap(root)) throw new ParseFailure("a workflow must be a mapping (name, on, jobs)", 1, 1);
  const on = mapGet(root, "on");
  const onPair = mapPair(root, "on");
  const jobs: Job[] = [];
  const jobsNode = mapGet(root, "jobs");
  if (!isEmptyNode(jobsNode) && !isMap(jobsNode)) refuse(y, jobsNode, "`jobs` must be a mapping of job ids to jobs");
  for (const e of mapEntries(jobsNode)) {
    if (!isMap(e.value)) refuse(y, isEmptyNode(e.value) ? e.pair.key : e.value, `job \`${e.key}\` must be a mapping (runs-on, steps, or uses)`);
    jobs.push(toJob(y, e.key, e.pair, e.value));
  }
  const name = str(y, mapGet(root, "name"));
  const permissions = permissionsOf(y, root);
  const concurrency = mapGet(root, "concurrency");
  const cacheMode = str(y, mapGet(root, "cache-mode"));
  const triggers = triggersOf(y, on);
  // GitHub runs a workflow only on the events its `on:` names; without any it refuses the file.
  if (triggers.length === 0) {
    const yes = onPair ? undefined : mapPair(root, "true");
    if (yes) refuse(y, yes.key, "the workflow has no `on:`: its `true:` key is what a YAML 1.1 tool writes for `on:`, which GitHub does not read as `on:`");
    refuse(y, onPair ? (isEmptyNode(onPair.value) ? onPair.key : onPair.value) : root, onPair ? "`on` names no event that triggers the workflow" : "the workflow has no `on:`, so no event triggers it");
  }
  return {
    path,
    yaml: y,
    ...(name ? { name } : {}),
    triggers,
    events: triggers.map((t) => t.event),
    on,
    onSpan: onPair ? nodeSpan(y, onPair.key) : undefined,
    ...(permissions ? { permissions } : {}),
    env: strMap(y, mapGet(root, "env")),
    defaults: defaultsOf(y, mapGet(root, "defaults")),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(cacheMode ? { cacheMode } : {}),
    jobs,
  };
}

/**
 * A workflow GitHub refuses to run ("Invalid workflow file") because a part has the wrong shape: a
 * parse failure at that part, so the checks reading it say which file and where rather than pass on
 * jobs or steps they never saw.
 */
function refuse(y: YamlFile, node: unknown, what: string): never {
  const at = nodeSpan(y, node);
  throw new ParseFailure(`${what}; GitHub refuses this workflow`, at.line, at.column);
}

/** The workspace parser for workflow files, built on the shared YAML parse. */
export const workflowParser: Parser<Workflow> = derivedParser("github-workflow", yamlParser, (y, file) => toWorkflow(file.path, y));

function triggersOf(y: YamlFile, on: unknown): Trigger[] {
  const n = deref(on);
  if (isScalar(n)) {
    const s = str(y, n);
    return s ? [{ event: s.value, span: s.span, filters: {}, node: undefined }] : [];
  }
  if (isSeq(n)) return strList(y, n).map((s) => ({ event: s.value, span: s.span, filters: {}, node: undefined }));
  return mapEntries(n).map((e) => {
    const filters: Record<string, Str[]> = {};
    for (const f of mapEntries(e.value)) filters[f.key] = strList(y, f.value);
    return { event: e.key, span: nodeSpan(y, e.pair.key), filters, node: e.value };
  });
}

function permissionsOf(y: YamlFile, owner: unknown): Permissions | undefined {
  const pair = mapPair(owner, "permissions");
  if (!pair) return undefined;
  const node = deref(pair.value);
  const all = str(y, node);
  return { span: nodeSpan(y, pair.key), node, ...(all ? { all } : {}), scopes: strMap(y, node) };
}

function defaultsOf(y: YamlFile, node: unknown): { shell?: Str; workingDirectory?: Str } {
  const run = mapGet(node, "run");
  const shell = str(y, mapGet(run, "shell"));
  const workingDirectory = str(y, mapGet(run, "working-directory"));
  return { ...(shell ? { shell } : {}), ...(workingDirectory ? { workingDirectory } : {}) };
}

function containerOf(y: YamlFile, node: unknown): Container | undefined {
  const n = deref(node);
  if (n === undefined || n === null) return undefined;
  const asString = str(y, n);
  if (asString) return { span: asString.span, image: asString, env: {} };
  if (!isMap(n)) return undefined;
  const image = str(y, mapGet(n, "image"));
  const creds = mapGet(n, "credentials");
  const username = str(y, mapGet(creds, "username"));
  const password = str(y, mapGet(creds, "password"));
  const options = str(y, mapGet(n, "options"));
  return {
    span: nodeSpan(y, n),
    ...(image ? { image } : {}),
    ...(creds !== undefined ? { credentials: { ...(username ? { username } : {}), ...(password ? { password } : {}) } } : {}),
    env: strMap(y, mapGet(n, "env")),
    ...(options ? { options } : {}),
  };
}

/** Builds one step (of a job, or of a composite action when `jobId` is undefined). */
export function toStep(y: YamlFile, jobId: string | undefined, index: number, node: unknown): Step {
  const get = (k: string): Str | undefined => str(y, mapGet(node, k));
  const usesStr = get("uses");
  const step: Step = { jobId, index, span: nodeSpan(y, node), node, with: strMap(y, mapGet(node, "with")), env: strMap(y, mapGet(node, "env")) };
  // Each field stored by name, in a fixed order: thousands of steps then share a few object shapes.
  const id = get("id");
  if (id) step.id = id;
  const name = get("name");
  if (name) step.name = name;
  const run = get("run");
  if (run) step.run = run;
  const shell = get("shell");
  if (shell) step.shell = shell;
  const condNode = mapGet(node, "if");
  const tagged = taggedScalar(y, condNode);
  const cond = tagged ? undefined : str(y, condNode);
  if (cond) step.if = cond;
  if (tagged) step.ifTagged = tagged;
  const workingDirectory = get("working-directory");
  if (workingDirectory) step.workingDirectory = workingDirectory;
  const continueOnError = get("continue-on-error");
  if (continueOnError) step.continueOnError = continueOnError;
  const withExpr = get("with");
  if (withExpr?.value.includes("${{")) step.withExpr = withExpr;
  if (usesStr) step.uses = parseUses(y, usesStr);
  return step;
}

function toJob(y: YamlFile, id: string, pair: unknown, node: unknown): Job {
  const get = (k: string): Str | undefined => str(y, mapGet(node, k));
  const stepsNode = mapGet(node, "steps");
  if (!isEmptyNode(stepsNode) && !isSeq(stepsNode)) refuse(y, stepsNode, `\`steps\` of job \`${id}\` must be a list`);
  const steps = seqItems(stepsNode).flatMap((s, index) => (isMap(s) ? [toStep(y, id, index, s)] : []));
  const runsOnNode = mapGet(node, "runs-on");
  const runsOn = isMap(runsOnNode) ? [...strList(y, mapGet(runsOnNode, "labels")), ...strList(y, mapGet(runsOnNode, "group"))] : strList(y, runsOnNode);
  const envNode = mapGet(node, "environment");
  const envName = str(y, envNode) ?? str(y, mapGet(envNode, "name"));
  const envUrl = str(y, mapGet(envNode, "url"));
  const services = mapEntries(mapGet(node, "services")).flatMap((e) => {
    const c = containerOf(y, e.value);
    return c ? [{ ...c, id: e.key }] : [];
  });
  const usesStr = get("uses");
  const secretsPair = mapPair(node, "secrets");
  const secretsNode = deref(secretsPair?.value);
  const container = containerOf(y, mapGet(node, "container"));
  const permissions = permissionsOf(y, node);
  const strategy = mapGet(node, "strategy");
  const concurrency = mapGet(node, "concurrency");
  const optional: Partial<Job> = {};
  const name = get("name");
  if (name) optional.name = name;
  const condNode = mapGet(node, "if");
  const tagged = taggedScalar(y, condNode);
  const cond = tagged ? undefined : str(y, condNode);
  if (cond) optional.if = cond;
  if (tagged) optional.ifTagged = tagged;
  const timeoutMinutes = get("timeout-minutes");
  if (timeoutMinutes) optional.timeoutMinutes = timeoutMinutes;
  const cacheMode = get("cache-mode");
  if (cacheMode) optional.cacheMode = cacheMode;
  return {
    id,
    span: nodeSpan(y, (pair as { key?: unknown }).key ?? node),
    node,
    ...optional,
    needs: strList(y, mapGet(node, "needs")).map((s) => s.value),
    runsOn,
    runsOnNode,
    ...(container ? { container } : {}),
    services,
    ...(envNode !== undefined ? { environment: { ...(envName ? { name: envName } : {}), ...(envUrl ? { url: envUrl } : {}), span: nodeSpan(y, envNode) } } : {}),
    ...(strategy !== undefined ? { strategy } : {}),
    ...(permissions ? { permissions } : {}),
    env: strMap(y, mapGet(node, "env")),
    ...(usesStr ? { uses: parseUses(y, usesStr) } : {}),
    with: strMap(y, mapGet(node, "with")),
    ...(secretsPair
      ? { secrets: str(y, secretsNode)?.value === "inherit" ? { inherit: true as const, span: nodeSpan(y, secretsPair.key) } : { inherit: false as const, span: nodeSpan(y, secretsPair.key), values: strMap(y, secretsNode) } }
      : {}),
    outputs: strMap(y, mapGet(node, "outputs")),
    steps,
    ...(concurrency !== undefined ? { concurrency } : {}),
    defaults: defaultsOf(y, mapGet(node, "defaults")),
  };
}

/** Every step of every job, in file order. */
export function allSteps(wf: Workflow): Step[] {
  return wf.jobs.flatMap((j) => j.steps);
}

/**
 * True when a `push` trigger filters on tags (the workflow runs on pushed tags). `tags-ignore: ['**']`
 * beside `branches:` is the usual way to say "branches only" (Bitcoin Core's CI): no tag runs it.
 */
export function pushesTags(wf: Workflow): boolean {
  const push = wf.triggers.find((t) => t.event === "push");
  if (push === undefined) return false;
  if ("tags" in push.filters) return true;
  const ignored = push.filters["tags-ignore"];
  return ignored !== undefined && !ignored.some((p) => p.value === "**" || p.value === "*");
}
