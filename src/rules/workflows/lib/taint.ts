// Where the value of an expression comes from: follows `env:` indirection, step outputs written to
// GITHUB_OUTPUT, values written to GITHUB_ENV, job outputs (`needs.*.outputs`), matrix values, and
// inputs of local reusable workflows and composite actions back to the caller's `with:`, until it
// reaches a context someone outside the project controls. Bounded in depth; cycles end there.
import { isMap, isSeq } from "yaml";
import { mapEntries, mapGet, scalarString } from "../../../ecosystems/formats/yaml.js";
import {
  contextCapability,
  findExpressions,
  flowingAccesses,
  localPath,
  parseExpression,
  pathText,
  str,
  type Action,
  type CallFrame,
  type Expr,
  type Job,
  type Step,
  type Str,
  type Workflow,
} from "../../../ecosystems/github-actions/index.js";
import { isAction, outputIsTainted, usesName } from "./actions-data.js";
import { scriptOutputSource } from "./script-outputs.js";
import { expandedContent, fileWrites, passThroughText, RUNNER_VARIABLES, shellVariables } from "./shell.js";
import { calledWorkflowOf, type Site } from "./sites.js";
import { untrustedFetches } from "./untrusted-code.js";
import { insiderUpstream } from "./upstream.js";

/** An untrusted value reaching an expression: who controls it, where it starts, and the hops on the way. */
export interface Taint {
  /** `arbitrary`: outsiders write it; `input`: whoever runs or calls the workflow chose it; `payload`: an API caller sent it. */
  capability: "arbitrary" | "input" | "payload";
  /** The context it starts from (`github.event.issue.title`) or what produced it (`tj-actions/changed-files output`). */
  source: string;
  /** The hops, nearest first (`env.TITLE`, `steps.meta.outputs.title`). */
  via: string[];
  /** True when the source was inferred from what a script reads (an artifact's file), not named by a context. */
  inferred?: boolean;
  /** An `arbitrary` value GitHub gives a shape (a commit author's email): zizmor's `structured`, rated lower. */
  structured?: true;
  /**
   * An `input` the workflow or action never declares (`inputs.tittle`): a reusable workflow's caller cannot pass it
   * (GitHub refuses the call), and an action's caller is warned; most likely a typo that expands to nothing.
   */
  undeclared?: true;
}

/** Where an expression is evaluated: enough of a site to resolve env, steps, needs, matrix and inputs. */
export interface Scope {
  root: Workflow | undefined;
  workflow: Workflow | undefined;
  job: Job | undefined;
  action: Action | undefined;
  /** Steps of the job or action, and how many of them ran before the expression. */
  steps: readonly Step[];
  before: number;
  /** The `env:` of the step holding the expression (empty for job-level values). */
  stepEnv: Readonly<Record<string, Str>>;
  via: readonly CallFrame[];
  /** Local actions by folder, to follow a composite action's outputs. */
  actions?: ReadonlyMap<string, Action>;
}

const MAX_DEPTH = 6;

// One evaluation (a walk started at depth 0) expands each env value, job output, step output and matrix key once
// from each depth at most: values that name each other (`A: ${{ env.B }}${{ env.C }}`, `B: ${{ env.A }}…`) would
// otherwise make the walk exponential in MAX_DEPTH. A value reached again no shallower than before adds nothing the
// earlier visit did not (it saw at least as much of the chain); one reached shallower is expanded again, so a chain
// cut at MAX_DEPTH does not hide a value that a shorter path reaches.
let evaluation = 0;
const visits = new WeakMap<object, Map<string, { evaluation: number; depth: number }>>();

/** True when `node` (with `part`) is reached for the first time in the current evaluation, or shallower than before. */
function firstVisit(node: object, depth: number, part = ""): boolean {
  let m = visits.get(node);
  if (!m) {
    m = new Map();
    visits.set(node, m);
  }
  const seen = m.get(part);
  if (seen && seen.evaluation === evaluation && seen.depth <= depth) return false;
  m.set(part, { evaluation, depth });
  return true;
}

/** The scope of a step site; `actions` lets outputs of local composite actions be followed. */
export function scopeOf(site: Site, actions?: readonly Action[]): Scope {
  const i = site.steps.indexOf(site.step);
  return {
    root: site.root,
    workflow: site.workflow,
    job: site.job,
    action: site.action,
    steps: site.steps,
    before: i < 0 ? site.steps.length : i,
    stepEnv: site.step.env,
    via: site.via,
    ...(actions ? { actions: actionsByDir(actions) } : {}),
  };
}

const dirMemo = new WeakMap<readonly Action[], Map<string, Action>>();

function actionsByDir(actions: readonly Action[]): Map<string, Action> {
  let m = dirMemo.get(actions);
  if (!m) {
    m = new Map(actions.map((a) => [a.dir, a]));
    dirMemo.set(actions, m);
  }
  return m;
}

const exprCache = new WeakMap<object, Map<string, Expr | null>>();

/** Parses an expression once per scalar and text. */
export function parsedOnce(owner: object, text: string): Expr | undefined {
  let m = exprCache.get(owner);
  if (!m) {
    m = new Map();
    exprCache.set(owner, m);
  }
  let e = m.get(text);
  if (e === undefined) {
    e = parseExpression(text) ?? null;
    m.set(text, e);
  }
  return e ?? undefined;
}

/** Taints of every `${{ }}` in a text (an env value, a `with:` input, an output's value). */
export function taintsOfText(scope: Scope, text: string, depth = 0): Taint[] {
  if (depth > MAX_DEPTH || !text.includes("${{")) return [];
  if (depth === 0) evaluation++;
  const out: Taint[] = [];
  for (const f of findExpressions(text)) {
    const e = parseExpression(f.inner);
    if (e) out.push(...taintsOfExpr(scope, e, depth, f.inner));
  }
  return out;
}

/** Taints that reach the value of an expression; `text` (the expression's source) names the hops as written. */
export function taintsOfExpr(scope: Scope, e: Expr, depth = 0, text?: string): Taint[] {
  if (depth > MAX_DEPTH) return [];
  if (depth === 0) evaluation++;
  return flowingAccesses(e).flatMap((a) => taintsOfAccess(scope, a.parts, depth, text?.slice(a.start, a.end).replace(/\s+/g, "")));
}

/** Taints of one context access (`github.event.issue.title`, `env.X`, `steps.s.outputs.o`, `inputs.i`…). */
export function taintsOfAccess(scope: Scope, parts: readonly string[], depth = 0, raw?: string): Taint[] {
  if (depth > MAX_DEPTH) return [];
  if (depth === 0) evaluation++;
  const [root, a, b, c] = parts;
  const hop = (list: Taint[], via: string): Taint[] => list.map((t) => ({ ...t, via: [raw && raw.length <= 120 ? raw : via, ...t.via] }));
  switch (root) {
    case "github": {
      const { capability, structured } = contextCapability(parts);
      // After workflows only people with push access start, the triggering run's branch is one of this repository's.
      if (capability === "arbitrary" && insiderUpstream(scope.root) && isRunBranch(parts)) return [];
      if (capability === "arbitrary" || capability === "payload") return [{ capability, source: pathText(parts), via: [], ...(structured ? { structured } : {}) }];
      if (capability === "input" && parts.length >= 4) return inputTaint(scope, parts[3] as string, depth, raw ?? pathText(parts), raw);
      if (capability === "input" && parts.length === 3) return wholeInputsTaint(scope, depth, "github.event.inputs", raw);
      return [];
    }
    case "inputs":
      return a === undefined ? wholeInputsTaint(scope, depth, "inputs", raw) : inputTaint(scope, a, depth, raw ?? pathText(parts), raw);
    case "env":
      return a === undefined ? [] : hop(envTaint(scope, a, depth), `env.${a}`);
    case "steps":
      if (a === undefined || b !== "outputs" || c === undefined) return [];
      return hop(stepOutputTaint(scope, a, c, depth), `steps.${a}.outputs.${c}`);
    case "needs":
      if (a === undefined || b !== "outputs" || c === undefined) return [];
      return hop(jobOutputTaint(scope, a, c, depth), `needs.${a}.outputs.${c}`);
    // Only in a reusable workflow's `on.workflow_call.outputs`: the outputs of its own jobs.
    case "jobs":
      if (a === undefined || b !== "outputs" || c === undefined) return [];
      return hop(jobOutputTaint(scope, a, c, depth), `jobs.${a}.outputs.${c}`);
    case "matrix":
      return a === undefined ? [] : hop(matrixTaint(scope, a, depth), `matrix.${a}`);
    default:
      return [];
  }
}

/** A value of the environment by name: the step's env, then (for a composite action) its caller's, then the job's and the workflow's. */
function envValue(scope: Scope, name: string): { value: Str; scope: Scope } | undefined {
  const find = (env: Readonly<Record<string, Str>> | undefined): Str | undefined => {
    if (!env) return undefined;
    if (env[name]) return env[name];
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? env[key] : undefined;
  };
  const own = find(scope.stepEnv);
  if (own) return { value: own, scope: { ...scope, stepEnv: {} } };
  // A composite action's steps see the environment of the step that called it.
  for (let i = scope.via.length - 1; i >= 0; i--) {
    const f = scope.via[i] as CallFrame;
    if (f.kind !== "action") continue;
    const v = find(f.step.env);
    if (v) return { value: v, scope: callerScope(scope, i) };
  }
  const jobV = find(scope.job?.env);
  if (jobV) return { value: jobV, scope: { ...scope, stepEnv: {}, before: 0 } };
  const wfV = find(scope.workflow?.env);
  if (wfV) return { value: wfV, scope: { ...scope, stepEnv: {}, before: 0 } };
  return undefined;
}

function envTaint(scope: Scope, name: string, depth: number): Taint[] {
  const v = envValue(scope, name);
  if (v) return firstVisit(v.value, depth) ? taintsOfText(v.scope, v.value.value, depth + 1) : [];
  // Not declared in YAML: an earlier step may have written it to GITHUB_ENV.
  const out: Taint[] = [];
  for (const step of scope.steps.slice(0, scope.before)) {
    if (!step.run) continue;
    // Every write that sets the name (a multi-line value's opening line and the lines after it), once per step.
    const writes = fileWrites(step.run.value).filter((w) => w.target === "GITHUB_ENV" && w.names.some((n) => n.toLowerCase() === name.toLowerCase()));
    if (writes.length === 0 || !firstVisit(step, depth, `env:${name.toLowerCase()}`)) continue;
    for (const w of writes) out.push(...writtenTaint({ ...scope, stepEnv: step.env, before: scope.steps.indexOf(step) }, expandedContent(w), depth + 1, step.run.value));
  }
  return out;
}

/** Fields of `gh … --json` whose values have a fixed shape (numbers, SHAs, states, dates, URLs): no text a fork chose. */
const GH_FIXED_FIELDS = new Set(["number", "id", "databaseId", "url", "state", "isDraft", "closed", "locked", "mergeable", "mergeStateStatus", "reviewDecision", "headRefOid", "baseRefOid", "oid", "createdAt", "updatedAt", "closedAt", "mergedAt", "additions", "deletions", "changedFiles", "isCrossRepository", "maintainerCanModify"]);

/**
 * True when a write's text is the output of one `gh … --json <fields>` command asking only fixed-shape fields:
 * what lands in the file is the API's answer (`PR_NUMBER=123`), not the arguments that chose the pull request.
 */
function ghFixedOutput(content: string): boolean {
  const cmd = content.trim();
  if (!/^gh[ \t]/.test(cmd) || /[;|`]|&&|\$\(/.test(cmd.replace(/'[^'\n]{0,500}'/g, "''"))) return false;
  const fields = /--json[ \t=]{1,5}["']?([A-Za-z,]{1,300})/.exec(cmd)?.[1];
  return fields !== undefined && fields.split(",").every((f) => GH_FIXED_FIELDS.has(f));
}

/**
 * Text fields of a pull request or issue that GitHub's CLI prints (`gh pr view N --json headRefName`, `gh api
 * repos/o/r/pulls/N --jq .head.ref`), by the payload field they mirror: outsiders wrote them.
 */
const GH_TEXT_FIELDS: Readonly<Record<string, string>> = {
  headRefName: "github.event.pull_request.head.ref",
  title: "github.event.pull_request.title",
  body: "github.event.pull_request.body",
  ".head.ref": "github.event.pull_request.head.ref",
  ".head.label": "github.event.pull_request.head.label",
  ".title": "github.event.pull_request.title",
  ".body": "github.event.pull_request.body",
};

/** The outsiders' field a `gh pr view`/`gh issue view --json …` or a `gh api …/pulls|issues/… --jq …` in a written value prints, and the command; undefined when none. */
function ghTextOutput(content: string): { source: string; command: string } | undefined {
  if (!/\bgh[ \t]/.test(content)) return undefined;
  const view = /\bgh[ \t]{1,10}(pr|issue)[ \t]{1,10}view\b[^\n|;]{0,300}?--json[ \t=]{1,5}["']?([A-Za-z,]{1,300})/.exec(content);
  const field = view?.[2]?.split(",").find((f) => f in GH_TEXT_FIELDS && !f.startsWith("."));
  if (view && field) return { source: (GH_TEXT_FIELDS[field] as string).replace("pull_request", view[1] === "issue" ? "issue" : "pull_request"), command: `gh ${view[1]} view` };
  const api = /\bgh[ \t]{1,10}api[ \t]{1,10}[^\n|;]{0,300}?\/(pulls|issues)\/[^\n|;]{0,300}?(?:--jq|-q)[ \t=]{1,5}["']?(\.(?:head\.ref|head\.label|title|body))["']?(?=[\s)"']|$)/.exec(content);
  if (!api) return undefined;
  const source = GH_TEXT_FIELDS[api[2] as string] as string;
  return { source: api[1] === "issues" ? source.replace("pull_request", "issue") : source, command: "gh api" };
}

/** What a script assigns to a shell variable (`title=$(gh api …)`, `export X="…"`), the last assignment first; at most a few. */
function localAssignments(script: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^[ \\t]{0,40}(?:(?:local|export|readonly|declare(?:[ \\t]{1,10}-[A-Za-z]{1,5})?)[ \\t]{1,10})?${name}=([^\\n]{0,500})`, "gm");
  for (const m of script.slice(0, 100_000).matchAll(re)) {
    out.unshift(m[1] as string);
    if (out.length >= 5) break;
  }
  return out;
}

/**
 * Taints of what a script line writes: its expressions, the variables it expands (bound in `env:`, or assigned
 * earlier in `script`, the step's whole script), event payload reads, and pull request text read through `gh`.
 */
export function writtenTaint(scope: Scope, content: string, depth: number, script?: string, followed: Map<string, number> = new Map()): Taint[] {
  if (depth > MAX_DEPTH || ghFixedOutput(content)) return [];
  if (depth === 0) evaluation++;
  const out = taintsOfText(scope, content, depth);
  if (/\bGITHUB_EVENT_PATH\b/.test(content)) out.push({ capability: "arbitrary", source: "the event payload ($GITHUB_EVENT_PATH)", via: [] });
  const gh = ghTextOutput(content);
  if (gh) out.push({ capability: "arbitrary", source: gh.source, via: [gh.command], inferred: true });
  const artifact = artifactRead(scope, content);
  if (artifact) out.push({ capability: "arbitrary", source: `artifact:${artifact}`, via: [], inferred: true });
  // A variable passed as an argument to a program (`$(./deploy.sh "$BRANCH")`) is that program's data, not text in
  // what it prints: only variables the written text itself expands, or pipes through `echo`/`sed`/…, reach it.
  for (const v of shellVariables(passThroughText(content))) {
    if (v === "GITHUB_HEAD_REF") out.push({ capability: "arbitrary", source: "github.head_ref", via: ["$GITHUB_HEAD_REF"] });
    const bound = envValue(scope, v);
    if (bound) out.push(...taintsOfText(bound.scope, bound.value.value, depth + 1).map((t) => ({ ...t, via: [`$${v}`, ...t.via] })));
    // Each variable is followed once per write from each depth at most (again only from a shallower one, as
    // firstVisit does), and only a few in all: a hostile script of variables that name each other stays linear.
    else if (script && !RUNNER_VARIABLES.has(v) && (followed.get(v) ?? Infinity) > depth && (followed.has(v) || followed.size < 50)) {
      followed.set(v, depth);
      for (const rhs of localAssignments(script, v)) out.push(...writtenTaint(scope, rhs, depth + 1, script, followed).map((t) => ({ ...t, via: [`$${v}`, ...t.via] })));
    }
  }
  return out;
}

/**
 * A command substitution or command that reads a file's text or lists file names (`$(cat pr/number)`, `$(jq -r .sha
 * meta.json)`, `$(ls dist)`, `jq -r .title pr.json`, `for f in out/*`): what lands in the output is the file's.
 */
const FILE_READ = /\$\(\s{0,10}(?:<|(?:cat|jq|yq|head|tail|ls|find|sed|awk)\b)[^)\n]{0,300}|`\s{0,10}(?:cat|jq|ls)\b[^`\n]{0,300}|^\s{0,40}(?:echo[^\n|]{0,200}\|\s{0,10})?(?:cat|jq|yq|head|tail|ls|find)\b[^\n]{0,300}|\bfor\s{1,10}\w{1,40}\s{1,10}in\s{1,10}[^\n;]{0,200}\*/m;

/**
 * A jq filter whose last stage can only print a number, a boolean or one run of word characters (`.number | tonumber`,
 * `.sha | [scan("\\w+")][0]`, `test("^v[0-9]")`): whatever the file held, what lands in the output is no text to inject.
 */
const FIXED_SHAPE_JQ = /\|\s{0,10}(?:tonumber|length|test\([^()\n]{0,200}\)|\[\s{0,5}scan\(\s{0,5}"(?:\\\\[wd]|\[[\w\\-]{1,40}\])\+"\s{0,5}\)\s{0,5}\]\s{0,5}\[\s{0,5}0\s{0,5}\])\s{0,10}$/;

/**
 * True when every command substitution of a written value is such a jq read and nothing else in it expands
 * (`PR=$(jq '.number | tonumber' pr/event.json)`): the value is a number, a word or a boolean.
 */
export function onlyFixedShapeReads(content: string): boolean {
  const parts = content.replace(/\$\{?GITHUB_(?:ENV|OUTPUT|PATH)\}?/g, "").split("$(");
  if (parts.length < 2 || parts.length > 20 || /[`$]/.test(parts[0] ?? "")) return false;
  return parts.slice(1).every((p) => fixedShapeJq(p) && !/[`$]/.test(p));
}

/** True when a read starts with a jq command whose program (its first quoted argument) ends in a fixed-shape conversion. */
function fixedShapeJq(read: string): boolean {
  const program = /^[^\n]{0,60}?\bjq\b(?:\s{1,10}-{1,2}[\w-]{1,30}){0,6}\s{1,10}(?:'([^'\n]{1,400})'|"((?:[^"\\\n]|\\.){1,400})")/.exec(read);
  const text = program?.[1] ?? program?.[2]?.replace(/\\(.)/g, "$1");
  return text !== undefined && FIXED_SHAPE_JQ.test(text);
}

/**
 * What a `workflow_run` job's GITHUB_OUTPUT/GITHUB_ENV write reads from the triggering run's artifact (downloaded by an
 * earlier step of the job), clipped; undefined when it reads none. An artifact unpacked into a folder counts only when the
 * read names that folder; one unpacked at the workspace's root only when no checkout lays trusted files beside it.
 */
function artifactRead(scope: Scope, content: string): string | undefined {
  if (!scope.root?.events.includes("workflow_run") || insiderUpstream(scope.root)) return undefined;
  const read = FILE_READ.exec(content);
  // The match stops at the first `)`, inside a jq program's `scan(…)`: read the program from the command itself.
  if (!read || fixedShapeJq(content.slice(read.index, read.index + 600))) return undefined;
  const earlier = scope.steps.slice(0, scope.before);
  const fetch = untrustedFetches(earlier, ["workflow_run"]).find((f) => f.kind === "artifact");
  if (!fetch) return undefined;
  // FILE_READ stops before a command substitution's `)`: give it back, so the message quotes `$(cat pr/number)` whole.
  const closed = read[0].startsWith("$(") && content[read.index + read[0].length] === ")" ? `${read[0]})` : read[0];
  const text = closed.trim().slice(0, 120);
  if (fetch.dir !== undefined) return content.includes(fetch.dir) ? text : undefined;
  const checkedOut = earlier.some((s) => isAction(usesName(s.uses), "actions/checkout"));
  return checkedOut ? undefined : text;
}

function stepOutputTaint(scope: Scope, id: string, output: string, depth: number): Taint[] {
  const earlier = scope.steps.slice(0, scope.before);
  const step = earlier.find((s) => s.id?.value.toLowerCase() === id) ?? scope.steps.find((s) => s.id?.value.toLowerCase() === id);
  if (!step || !firstVisit(step, depth, `output:${output}`)) return [];
  if (outputIsTainted(step, output)) return [{ capability: "arbitrary", source: `${usesName(step.uses)} output \`${output}\``, via: [] }];
  // Followed through the script's assignments, not named by a context: as likely to be wrong as an artifact's read.
  const scripted = scriptOutputSource(step, output);
  if (scripted) return [{ capability: "arbitrary", source: scripted, via: [], inferred: true }];
  if (step.run) {
    const out: Taint[] = [];
    const writes = fileWrites(step.run.value).filter((w) => w.target === "GITHUB_OUTPUT");
    // A multi-line output (`name<<EOF`) takes every write of the step until its delimiter: take them all.
    const named = (w: { names: string[] }): boolean => w.names.some((n) => n.toLowerCase() === output);
    const multi = writes.some((w) => named(w) && /<</.test(w.content));
    const stepScope = { ...scope, stepEnv: step.env, before: scope.steps.indexOf(step) };
    for (const w of writes) if (multi || named(w)) out.push(...writtenTaint(stepScope, expandedContent(w), depth + 1, step.run.value));
    return out;
  }
  // A local composite action: its output's value, evaluated inside the action with this step as the caller.
  const dir = step.uses ? localPath(step.uses) : undefined;
  const action = dir === undefined ? undefined : scope.actions?.get(dir);
  if (action && !scope.via.some((f) => f.kind === "action" && f.action === action)) return actionOutputTaint({ ...scope, before: scope.steps.indexOf(step) }, step, action, output, depth);
  return [];
}

/** Taints of a local composite action's output, evaluated in the action with `step` as its caller. */
export function actionOutputTaint(scope: Scope, step: Step, action: Action, output: string, depth: number): Taint[] {
  const key = Object.keys(action.outputs).find((k) => k.toLowerCase() === output);
  const value = key === undefined ? undefined : action.outputs[key];
  if (!value) return [];
  const frame: CallFrame = { kind: "action", file: scope.action?.path ?? scope.workflow?.path ?? "", step, action };
  const inner: Scope = { ...scope, action, steps: action.runs.steps, before: action.runs.steps.length, stepEnv: {}, via: [...scope.via, frame] };
  return taintsOfText(inner, value.value, depth + 1);
}

function jobOutputTaint(scope: Scope, jobId: string, output: string, depth: number): Taint[] {
  const job = scope.workflow?.jobs.find((j) => j.id.toLowerCase() === jobId);
  if (job?.uses) return calledOutputTaint(scope, job, output, depth);
  const key = job ? Object.keys(job.outputs).find((k) => k.toLowerCase() === output) : undefined;
  const value = job && key !== undefined ? job.outputs[key] : undefined;
  if (!job || !value || !firstVisit(value, depth)) return [];
  return taintsOfText({ ...scope, job, steps: job.steps, before: job.steps.length, stepEnv: {} }, value.value, depth + 1);
}

/**
 * A job that calls a reusable workflow of this repository has the outputs that workflow declares under
 * `on.workflow_call.outputs` (`value: ${{ jobs.render.outputs.banner }}`): evaluated in the called workflow, with the
 * calling job as its caller, so its `inputs.*` lead back to what the job passes.
 */
function calledOutputTaint(scope: Scope, job: Job, output: string, depth: number): Taint[] {
  const called = calledWorkflowOf(job);
  const caller = scope.workflow;
  if (!called || !caller || scope.via.some((f) => f.kind === "workflow" && f.workflow === called)) return [];
  const declared = called.triggers.find((t) => t.event === "workflow_call")?.node;
  const entry = mapEntries(mapGet(declared, "outputs")).find((e) => e.key.toLowerCase() === output);
  const value = entry ? str(called.yaml, mapGet(entry.value, "value")) : undefined;
  if (!value || !firstVisit(value, depth)) return [];
  const inner: Scope = { root: scope.root, workflow: called, job: undefined, action: undefined, steps: [], before: 0, stepEnv: {}, via: [...scope.via, { kind: "workflow", workflow: caller, job }], ...(scope.actions ? { actions: scope.actions } : {}) };
  return taintsOfText(inner, value.value, depth + 1);
}

function matrixTaint(scope: Scope, key: string, depth: number): Taint[] {
  if (scope.job === undefined || scope.workflow === undefined || !firstVisit(scope.job, depth, `matrix:${key}`)) return [];
  const values = matrixValues(scope.workflow, scope.job, key);
  const at = { ...scope, stepEnv: {}, before: 0 };
  return values.flatMap((v) => (v.includes("${{") ? taintsOfText(at, v, depth + 1) : []));
}

const matrixMemo = new WeakMap<Job, Map<string, string[]>>();

/** The values a matrix key can take: its list, `include` entries, or the expression generating the matrix. */
function matrixValues(wf: Workflow, job: Job, key: string): string[] {
  let byKey = matrixMemo.get(job);
  if (!byKey) {
    byKey = new Map();
    matrixMemo.set(job, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const matrix = mapGet(job.strategy, "matrix");
  const y = wf.yaml;
  const values: string[] = [];
  const whole = matrix === undefined ? undefined : str(y, matrix);
  // `matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}`: the values are whatever that yields.
  if (whole) values.push(whole.value);
  else {
    const collect = (node: unknown): void => {
      const s = str(y, node);
      if (s) values.push(s.value);
      else if (isSeq(node)) for (const i of node.items) collect(i);
    };
    for (const e of mapEntries(matrix)) {
      if (e.key.toLowerCase() === key) collect(e.value);
      else if (e.key === "include") for (const item of isSeq(e.value) ? e.value.items : []) if (isMap(item)) for (const f of mapEntries(item)) if (f.key.toLowerCase() === key) collect(f.value);
    }
  }
  byKey.set(key, values);
  return values;
}

/** The scope of the caller at frame `i` (a composite action's calling step, or a reusable workflow's calling job). */
function callerScope(scope: Scope, i: number): Scope {
  const frame = scope.via[i] as CallFrame;
  const outer = scope.via.slice(0, i);
  if (frame.kind === "workflow") return { root: scope.root, workflow: frame.workflow, job: frame.job, action: undefined, steps: [], before: 0, stepEnv: {}, via: outer };
  // The calling step lives in the previous action of the chain, or in the job.
  let prevAction: Action | undefined;
  for (let k = i - 1; k >= 0; k--) {
    const f = scope.via[k] as CallFrame;
    if (f.kind === "action") {
      prevAction = f.action;
      break;
    }
    if (f.kind === "workflow") break;
  }
  const steps = prevAction ? prevAction.runs.steps : (scope.job?.steps ?? []);
  const at = steps.indexOf(frame.step);
  return { root: scope.root, workflow: scope.workflow, job: scope.job, action: prevAction, steps, before: at < 0 ? steps.length : at, stepEnv: frame.step.env, via: outer };
}

function inputTaint(scope: Scope, name: string, depth: number, source: string, raw?: string): Taint[] {
  const lower = name.toLowerCase();
  // Inside a composite action: the caller's `with:` (or the input's default).
  if (scope.action) {
    for (let i = scope.via.length - 1; i >= 0; i--) {
      const f = scope.via[i] as CallFrame;
      if (f.kind !== "action" || f.action !== scope.action) continue;
      const key = Object.keys(f.step.with).find((k) => k.toLowerCase() === lower);
      const given = key === undefined ? undefined : (f.step.with[key] as Str);
      if (given) return firstVisit(given, depth) ? taintsOfText(callerScope(scope, i), given.value, depth + 1).map((t) => ({ ...t, via: [raw ?? `inputs.${name}`, ...t.via] })) : [];
      const def = scope.action.inputs.find((x) => x.name.toLowerCase() === lower)?.default;
      return def && firstVisit(def, depth) ? taintsOfText(scope, def.value, depth + 1) : [];
    }
    // The action on its own: whoever uses it chooses the value.
    const declared = scope.action.inputs.some((x) => x.name.toLowerCase() === lower);
    return [{ capability: "input", source, via: [], ...(declared ? {} : { undeclared: true as const }) }];
  }
  // Typed inputs (boolean, number, choice) cannot carry code: GitHub refuses a call or dispatch whose value does not
  // fit the type, so whatever text a caller passes never reaches the called workflow's scripts.
  if (TYPED_INPUTS.has(inputType(scope.workflow, lower))) return [];
  // Inside a called reusable workflow: the calling job's `with:`.
  for (let i = scope.via.length - 1; i >= 0; i--) {
    const f = scope.via[i] as CallFrame;
    if (f.kind !== "workflow") continue;
    const key = Object.keys(f.job.with).find((k) => k.toLowerCase() === lower);
    const given = key === undefined ? undefined : (f.job.with[key] as Str);
    if (given && firstVisit(given, depth)) return taintsOfText(callerScope(scope, i), given.value, depth + 1).map((t) => ({ ...t, via: [raw ?? `inputs.${name}`, ...t.via] }));
    return [];
  }
  return [{ capability: "input", source, via: [], ...(inputDeclared(scope.workflow, lower) ? {} : { undeclared: true as const }) }];
}

/** At most this many inputs are followed for one access to the whole object. */
const MAX_WHOLE_INPUTS = 64;

/**
 * `inputs` or `github.event.inputs` as a whole (`toJSON(inputs)`): every input it holds, each judged as if named.
 * A composite action's are the ones its `action.yml` declares; a workflow's, those its `workflow_dispatch` and
 * `workflow_call` declare (`github.event.inputs` holds only the dispatch's, but a called workflow's caller fills the
 * same names). Typed inputs drop out as they do when named.
 */
function wholeInputsTaint(scope: Scope, depth: number, base: string, raw?: string): Taint[] {
  const names = scope.action ? scope.action.inputs.map((i) => i.name.toLowerCase()) : scope.workflow ? [...declaredInputs(scope.workflow).keys()] : [];
  return names.slice(0, MAX_WHOLE_INPUTS).flatMap((n) => inputTaint(scope, n, depth, `${base}.${n}`, raw));
}

/** Input types whose values GitHub checks against a fixed shape (`environment` names one of the repository's environments). */
const TYPED_INPUTS = new Set(["boolean", "number", "choice", "environment"]);

const inputTypes = new WeakMap<Workflow, Map<string, string>>();

/** The declared type of a `workflow_dispatch` or `workflow_call` input (`string` when undeclared, or untyped in either). */
export function inputType(wf: Workflow | undefined, name: string): string {
  return (wf ? declaredInputs(wf).get(name) : undefined) ?? "string";
}

/** True when the workflow's `workflow_dispatch` or `workflow_call` declares the input (`name` in lower case). */
function inputDeclared(wf: Workflow | undefined, name: string): boolean {
  return wf !== undefined && declaredInputs(wf).has(name);
}

/** Each input the workflow's `workflow_dispatch` and `workflow_call` declare, lower-cased, with its type. */
function declaredInputs(wf: Workflow): Map<string, string> {
  let types = inputTypes.get(wf);
  if (!types) {
    types = new Map();
    for (const t of wf.triggers) {
      if (t.event !== "workflow_dispatch" && t.event !== "workflow_call") continue;
      // An input both triggers declare is typed only when both type it: a call may pass text to a dispatch's boolean.
      for (const e of mapEntries(mapGet(t.node, "inputs"))) {
        const type = (scalarString(mapGet(e.value, "type")) ?? "string").toLowerCase();
        if (!types.has(e.key.toLowerCase()) || !TYPED_INPUTS.has(type)) types.set(e.key.toLowerCase(), type);
      }
    }
    inputTypes.set(wf, types);
  }
  return types;
}

/**
 * `github.event.workflow_run.head_branch` or a pull request's head ref in it (the triggering run's branch), or the
 * path of its workflow file: after a run only people with push access start, both are this repository's own.
 */
function isRunBranch(parts: readonly string[]): boolean {
  if (parts[0] !== "github" || parts[1] !== "event" || parts[2] !== "workflow_run") return false;
  const rest = parts.slice(3).join(".");
  return rest === "head_branch" || rest === "path" || /^pull_requests\.[^.]+\.head\.ref$/.test(rest) || /^referenced_workflows\.[^.]+\.path$/.test(rest);
}
