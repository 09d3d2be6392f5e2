// Code from a fork in a privileged run: a checkout of the pull request's head, a fetch of its ref,
// or an artifact the (possibly fork-triggered) run uploaded; and whether later steps execute it.
import type { Severity } from "../../../core/severity.js";
import { accessPath, contextAccesses, findExpressions, parseExpression, type CallFrame, type Job, type Span, type Step, type Str, type Trigger } from "../../../ecosystems/github-actions/index.js";
import { isAction, usesName } from "./actions-data.js";
import { requiredTests } from "./gate-tests.js";
import { runsWorkspaceCode } from "./runs-code.js";
import { lineAt, sameRepoLines } from "./same-repo-guard.js";
import { fileWrites, shellVariables } from "./shell.js";

/** Contexts that name the untrusted head of a pull request or of the run that triggered this one. */
const HEAD_CONTEXTS = [
  "github.event.pull_request.head.sha",
  "github.event.pull_request.head.ref",
  "github.event.pull_request.head.repo.full_name",
  "github.event.pull_request.merge_commit_sha",
  "github.event.pull_request.number",
  "github.event.number",
  "github.head_ref",
  "github.event.workflow_run.head_sha",
  "github.event.workflow_run.head_branch",
  "github.event.workflow_run.head_commit.id",
  "github.event.workflow_run.head_repository.full_name",
  "github.event.workflow_run.pull_requests.*.head.sha",
  "github.event.workflow_run.pull_requests.*.head.ref",
  "github.event.workflow_run.pull_requests.*.number",
  "github.event.issue.number",
  "github.event.check_suite.head_sha",
];

/** A project's own checkout action kept in a subfolder (`protocolbuffers/protobuf-ci/checkout`): it takes `ref:` as actions/checkout does. */
const CHECKOUT_LIKE = /^[\w.-]{1,100}\/[\w.-]{1,100}\/(?:[\w.-]{1,100}\/){0,4}checkout$/i;

/** Actions whose outputs name a pull request's head from a comment (issue_comment workflows). */
const HEAD_FROM_COMMENT_ACTIONS = ["xt0rted/pull-request-comment-branch", "alessbell/pull-request-comment-branch", "gotson/pull-request-comment-branch"];

/** Actions that check out a pull request's own code into the workspace, by its number (r-lib's, for comment bots). */
const PR_CHECKOUT_ACTIONS = ["r-lib/actions/pr-fetch"];

/** What a script that computes a pull request's head (its SHA, branch or ref) mentions. */
const HEAD_PRODUCER = /\bhead\.(?:sha|ref)\b|\bhead(?:RefOid|RefName|_sha|_branch)\b|refs\/pull\/|\b(?:gh|hub)[ \t]+pr[ \t]+checkout\b/;

/**
 * The untrusted-head context an expression text refers to, if any: directly, or through a job's output or a
 * step's output whose script computes the head (`core.setOutput("sha", pr.head.sha)` in a github-script step).
 */
export function headContextIn(text: string, steps: readonly Step[] = [], jobs: readonly Job[] = [], depth = 0, env?: EnvLookup, inputs?: InputLookup, seen: Map<string, number> = new Map()): string | undefined {
  if (depth > 4) return undefined;
  for (const f of findExpressions(text)) {
    const e = parseExpression(f.inner);
    if (!e) continue;
    const stack = [e];
    for (let n = 0; stack.length > 0 && n < 1000; n++) {
      const cur = stack.pop();
      if (!cur) break;
      const parts = accessPath(cur);
      if (parts) {
        const p = parts.join(".");
        if (HEAD_CONTEXTS.includes(p)) return p;
        // `env.PR_REF`: what the variable was set from, at the step, by an earlier step's GITHUB_ENV write, or at the job or workflow.
        if (parts[0] === "env" && parts[1] && env) {
          const value = env(parts[1]);
          const inner = value === undefined ? undefined : headContextIn(value, steps, jobs, depth + 1);
          if (inner) return inner;
        }
        // `inputs.<name>` of a called reusable workflow or composite action: what the caller passes (protobuf's `safe-checkout`).
        if (parts[0] === "inputs" && parts[1] && inputs) {
          const given = inputs(parts[1]);
          const inner = given ? headContextIn(given.value, given.steps, given.jobs, depth + 1, given.env, given.outer) : undefined;
          if (inner) return inner;
        }
        // `steps.<id>.outputs.head_ref` of an action that resolves a comment's pull request, or of a script that computes the head.
        if (parts[0] === "steps" && parts[2] === "outputs" && parts[3]) {
          const src = steps.find((s) => s.id?.value === parts[1]);
          if (src && HEAD_FROM_COMMENT_ACTIONS.some((a) => isAction(usesName(src.uses), a))) return p;
          const script = src?.run?.value ?? (isAction(usesName(src?.uses), "actions/github-script") ? src?.with["script"]?.value : undefined);
          if (script && HEAD_PRODUCER.test(script) && script.includes(parts[3]) && outputMayBeHead(script, parts[3])) return p;
        }
        // `needs.<job>.outputs.<name>`: what that job's output is made of.
        if (parts[0] === "needs" && parts[2] === "outputs" && parts[3]) {
          const job = jobs.find((j) => j.id === parts[1]);
          const key = job ? Object.keys(job.outputs).find((k) => k.toLowerCase() === parts[3]?.toLowerCase()) : undefined;
          const value = job && key !== undefined ? job.outputs[key] : undefined;
          // Each job output is read once from each depth (again only from a shallower one): outputs that name each
          // other would otherwise make this walk exponential in its depth bound.
          const at = `${job?.id}\u0000${key}`;
          if (job && value && (seen.get(at) ?? Infinity) > depth) {
            seen.set(at, depth);
            if (headContextIn(value.value, job.steps, jobs, depth + 1, undefined, undefined, seen)) return p;
          }
        }
        continue;
      }
      if (cur.kind === "call") stack.push(...cur.args);
      else if (cur.kind === "binary") stack.push(cur.left, cur.right);
      else if (cur.kind === "not") stack.push(cur.operand);
      else if (cur.kind === "index") stack.push(cur.object, cur.index);
      else if (cur.kind === "property" || cur.kind === "filter") stack.push(cur.object);
    }
  }
  return undefined;
}

/** A base-branch value: the commit or branch a pull request targets, which is trusted code. */
const BASE_PRODUCER = /\bbase\.(?:sha|ref)\b|\bbase(?:RefOid|RefName|_sha|_ref|_branch)\b/;

/**
 * Whether a script's output `name` may carry the head: false only when every line that sets it
 * (`core.setOutput('base', …)`, `echo "base=…" >> "$GITHUB_OUTPUT"`) reads the base and not the head
 * (scorecard's scdiff sets `base` from `base.sha` beside `head` from `head.sha`). A value set
 * through a variable, or returned as `result`, is judged by the whole script, as before.
 */
function outputMayBeHead(script: string, name: string): boolean {
  const lines = script.split("\n");
  const setters = lines.map((line, i) => [line, i] as const).filter(([line]) => setsOutput(line, name));
  if (setters.length === 0) return true;
  // A setter that runs only when the head is a branch of this repository hands on no fork's code.
  const same = sameRepoLines(script);
  return setters.some(([line, i]) => !same.has(i) && (HEAD_PRODUCER.test(line) || !BASE_PRODUCER.test(line)));
}

/** True when a line sets the step output `name`, by github-script's `core.setOutput` or a GITHUB_OUTPUT line (or the old `::set-output`). */
function setsOutput(line: string, name: string): boolean {
  for (const q of ["'", '"', "`"]) if (line.includes(`setOutput(${q}${name}${q}`) || line.includes(`setOutput( ${q}${name}${q}`)) return true;
  if (line.includes("::set-output name=") && line.includes(`name=${name}::`)) return true;
  if (!line.includes("GITHUB_OUTPUT")) return false;
  const at = line.indexOf(`${name}=`);
  return at >= 0 && !/[A-Za-z0-9_-]/.test(line[at - 1] ?? "");
}

/** The text a variable of the `env` context was set from (an expression, or the shell line that wrote it); undefined when unset. */
export type EnvLookup = (name: string) => string | undefined;

/** Where `env.<name>` is set for a step, innermost first (step, earlier GITHUB_ENV writes, job, workflow). */
export interface EnvScope {
  job?: { env: Record<string, Str>; if?: Str | undefined; steps?: readonly Step[] } | undefined;
  workflow?: { env: Record<string, Str> } | undefined;
  /** The calls that led to the job, whose `with:` gives a called reusable workflow's `inputs.<name>`. */
  via?: readonly CallFrame[] | undefined;
  /** The calls that led to each of the steps, when they differ (a composite action's steps carry its call): by index. */
  stepVia?: readonly (readonly CallFrame[])[] | undefined;
}

/** What a caller passes as an input, with the steps, jobs, env and outer inputs its expressions are read against; undefined when nothing. */
export type InputLookup = (name: string) => { value: string; steps: readonly Step[]; jobs: readonly Job[]; env: EnvLookup | undefined; outer: InputLookup | undefined } | undefined;

/**
 * The inputs of the innermost call among `via`, as its caller passes them: a reusable workflow's from the calling
 * job's `with:`, a composite action's from the calling step's `with:` (or the input's default), as template-injection
 * reads them. `scope` is the job's (its steps and env hold a composite action's calling step); `jobs` its workflow's.
 */
export function inputLookup(via: readonly CallFrame[], end = via.length, jobs: readonly Job[] = [], scope: EnvScope = {}): InputLookup | undefined {
  const i = end - 1;
  const f = via[i];
  if (!f) return undefined;
  const find = (map: Record<string, Str>, name: string): Str | undefined => {
    const key = Object.keys(map).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : map[key];
  };
  if (f.kind === "workflow") {
    return (name) => {
      const given = find(f.job.with, name);
      return given === undefined ? undefined : { value: given.value, steps: [], jobs: f.workflow.jobs, env: undefined, outer: inputLookup(via, i) };
    };
  }
  // A composite action's caller is the step that uses it: in the action that holds it, or in the job.
  const prev = via[i - 1];
  const callerSteps = prev?.kind === "action" ? prev.action.runs.steps : (scope.job?.steps ?? []);
  return (name) => {
    const given = find(f.step.with, name);
    if (given !== undefined) return { value: given.value, steps: callerSteps, jobs, env: envLookup(f.step, callerSteps, scope), outer: inputLookup(via, i, jobs, scope) };
    const def = f.action.inputs.find((x) => x.name.toLowerCase() === name.toLowerCase())?.default;
    return def === undefined ? undefined : { value: def.value, steps: [], jobs, env: undefined, outer: undefined };
  };
}

/**
 * The `env` context of `step`: its own `env:`, then the last earlier step that wrote the name to GITHUB_ENV (with that
 * step's own variables the write expands: `echo "REF=$HEAD" >> "$GITHUB_ENV"`), then the job's and the workflow's `env:`.
 */
export function envLookup(step: Step, steps: readonly Step[], scope: EnvScope = {}): EnvLookup {
  // Expressions read contexts case-insensitively (`env.pr_ref` is `PR_REF`), and accessPath lowercases the names.
  const get = (map: Record<string, Str> | undefined, name: string): string | undefined => {
    const key = Object.keys(map ?? {}).find((k) => k.toLowerCase() === name);
    return key === undefined ? undefined : map?.[key]?.value;
  };
  return (wanted) => {
    const name = wanted.toLowerCase();
    const own = get(step.env, name);
    if (own !== undefined) return own;
    for (let i = Math.min(steps.indexOf(step), steps.length) - 1; i >= 0 && i >= steps.length - 500; i--) {
      const earlier = steps[i] as Step;
      const write = fileWrites(earlier.run?.value ?? "").filter((w) => w.target === "GITHUB_ENV" && w.names.some((n) => n.toLowerCase() === name)).pop();
      if (!write) continue;
      const set = write.names.find((n) => n.toLowerCase() === name) as string;
      // A heredoc may set several names: keep the lines that set this one (`NAME=…`), or all when none says.
      const lines = write.content.split("\n").filter((l) => l.includes(`${set}=`) || l.includes(`${set}<<`));
      const content = lines.length > 0 ? lines.join("\n") : write.content;
      return [content, ...shellVariables(content).filter((v) => v !== set).map((v) => earlier.env[v]?.value ?? "")].join("\n");
    }
    return get(scope.job?.env, name) ?? get(scope.workflow?.env, name);
  };
}

/** How a step brings untrusted code into the workspace, if it does. */
export interface UntrustedFetch {
  step: Step;
  kind: "checkout" | "fetch" | "artifact";
  /** The key or script the evidence is in. */
  at: Str;
  /** The line inside `at` that names the fork's run, when `at` is a whole script. */
  span?: Span;
  /** The command that fetches, when `at` is a whole script (`gh pr checkout ${{ github.event.issue.number }}`). */
  command?: string;
  context: string;
  /** Where an artifact is unpacked or a checkout or clone put, as written (`site`, `${{ runner.temp }}/a`); undefined for the workspace's root. */
  dir?: string;
}

// `hub pr checkout` is the older hub CLI's spelling of `gh pr checkout` (jupyterlab's snapshot bot still uses it).
const FETCH_COMMAND = /\b(?:(?:gh|hub)[ \t]+pr[ \t]+checkout|git[ \t]+(?:fetch|checkout|pull|switch|clone)\b[^\n]{0,200}?(?:pull\/|refs\/pull|FETCH_HEAD|head\.(?:sha|ref)|HEAD_SHA|HEAD_REF|PR_NUMBER))/;

const FETCH_COMMAND_ALL = new RegExp(FETCH_COMMAND.source, "g");

/** A clone (`git clone`, `gh repo clone`), to the end of its line. */
const CLONE_COMMAND_ALL = /\b(?:git[ \t]+clone|gh[ \t]+repo[ \t]+clone)\b[^\n]{0,500}/g;

/** Contexts naming a fork's repository (the pull request's head, or the triggering run's): a clone of one gets its code. */
const HEAD_REPO_CONTEXTS: ReadonlySet<string> = new Set(["full_name", "clone_url", "ssh_url", "git_url", "html_url"].flatMap((k) => [`github.event.pull_request.head.repo.${k}`, `github.event.workflow_run.head_repository.${k}`]));

/** `git clone` options that take a value as the next word. */
const CLONE_VALUE_OPTIONS = /^(?:-b|--branch|-o|--origin|-c|--config|--depth|--reference|--reference-if-able|--filter|-j|--jobs|--template|--separate-git-dir|-u|--upload-pack|--shallow-since|--shallow-exclude|--server-option|--bundle-uri)$/;

/**
 * The fork's repository a clone at `at` in `script` copies (`git clone "https://github.com/$HEAD_REPO.git" pr` with
 * `HEAD_REPO: ${{ github.event.pull_request.head.repo.full_name }}`, or the expression inline), with the folder it
 * clones into when the command names one plainly; undefined when the clone names no fork.
 */
function headClone(script: string, at: number, env: EnvLookup): { context: string; dir?: string } | undefined {
  // The command with its continuation lines (`\` at a line's end), up to the next command.
  let end = at;
  for (let lines = 0; lines < 8; lines++) {
    const nl = script.indexOf("\n", end);
    if (nl < 0) {
      end = script.length;
      break;
    }
    end = nl;
    if (!/\\\s*$/.test(script.slice(at, nl))) break;
    end = nl + 1;
  }
  const command = script.slice(at, Math.min(end, at + 2000)).replace(/\\\n/g, " ");
  const words = (command.split(/\s*(?:&&|\|\||[;|])\s*/)[0] ?? "").match(/"[^"]*"|'[^']*'|(?:\$\{\{[^}]{0,300}\}\}|\S)+/g) ?? [];
  const args: string[] = [];
  for (let i = words[0] === "gh" ? 3 : 2; i < words.length && args.length < 2; i++) {
    const w = words[i] as string;
    if (CLONE_VALUE_OPTIONS.test(w)) i++;
    else if (w === "--") continue;
    else if (!w.startsWith("-")) args.push(w.replace(/^["']|["']$/g, ""));
  }
  const repo = args[0];
  if (repo === undefined) return undefined;
  const named = (text: string): string | undefined => {
    for (const f of findExpressions(text)) {
      const e = parseExpression(f.inner);
      const hit = e ? contextAccesses(e).map((a) => a.parts.join(".")).find((p) => HEAD_REPO_CONTEXTS.has(p)) : undefined;
      if (hit) return hit;
    }
    return undefined;
  };
  let context = named(repo);
  for (const m of repo.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,80})/g)) {
    if (context) break;
    const value = env(m[1] as string);
    context = value === undefined ? undefined : named(value);
  }
  if (!context) return undefined;
  const dir = args[1] === undefined || /[$`]/.test(args[1]) ? undefined : args[1].replace(/^\.\/+/, "").replace(/\/+$/, "").slice(0, 300);
  return { context, ...(dir && dir !== "." ? { dir } : {}) };
}

/** Where GitHub serves a repository's files by ref: a fork's commits are reachable there through the base repository too. */
const RAW_HOSTS = ["https://raw.githubusercontent.com/", "https://github.com/", "https://cdn.jsdelivr.net/gh/"];

/**
 * The head context a script's file URL is built from (`https://raw.githubusercontent.com/o/r/$PR_SHA/x.js`,
 * with `PR_SHA: ${{ github.event.pull_request.head.sha }}`, deno's PR title check): a fork's file fetched
 * by its commit, which runs wherever the script runs it. Undefined when no such URL names the head.
 */
function headUrl(script: string, env: EnvLookup, steps: readonly Step[], jobs: readonly Job[]): string | undefined {
  for (const host of RAW_HOSTS) {
    for (let at = script.indexOf(host); at >= 0 && at < 100_000; at = script.indexOf(host, at + host.length)) {
      let end = at + host.length;
      while (end < script.length && end - at < 500) {
        // An expression's spaces are part of the URL it builds.
        const close = script.startsWith("${{", end) ? script.indexOf("}}", end) : -1;
        if (close > 0 && close - end < 300) end = close + 2;
        else if (/[\s"'`<>|;&)]/.test(script[end] as string)) break;
        else end++;
      }
      const url = script.slice(at, end);
      if (host === "https://github.com/" && !url.includes("/raw/")) continue;
      const direct = headContextIn(url, steps, jobs);
      if (direct) return direct;
      for (const m of url.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,80})/g)) {
        const value = env(m[1] as string);
        const ctx = value === undefined ? undefined : headContextIn(value, steps, jobs);
        if (ctx) return ctx;
      }
    }
  }
  return undefined;
}

/**
 * Commits of a pull request named by SHA: its merge commit and its head as the event saw it. Until the merge they hold
 * the fork's code; once it is merged, the same commits are what the maintainers merged (the merge commit and, for a
 * merge-commit merge, the head are on the base branch), and no push can change what a SHA names. A branch name
 * (`head.ref`) or the fork's repository without one of these SHAs is still the fork's: it can push after the merge.
 */
const MERGED_SHAS: ReadonlySet<string> = new Set(["github.event.pull_request.merge_commit_sha", "github.event.pull_request.head.sha"]);

/** True when `context` names a commit of the pull request by SHA, code the maintainers merged once the pull request is. */
export function mergedSha(context: string): boolean {
  return MERGED_SHAS.has(context);
}

/**
 * True when a step runs only for a merged pull request: its condition, its job's, or that of a job or step calling it
 * requires `github.event.pull_request.merged` (the merge commit is then on the base branch).
 */
export function mergedOnly(step: Step, job: EnvScope["job"], via: readonly CallFrame[]): boolean {
  const conds = [step.if, job?.if, ...via.map((f) => (f.kind === "workflow" ? f.job.if : f.step.if))];
  return conds.some((c) => c !== undefined && requiredTests(c.value).has("merged"));
}

/** `refs/pull/<expression>/merge` or `…/head`: a pull request's code, whichever expression names its number. */
const PULL_REF = /refs\/pull\/\$\{\{[^}\n]{1,200}\}\}\/(?:merge|head)\b/;

/**
 * Finds the steps of a job that bring code from a pull request's head into the workspace. `jobs` (the
 * workflow's) lets a ref made of another job's output be traced to the head it was computed from.
 */
export function untrustedFetches(steps: readonly Step[], events: readonly string[], jobs: readonly Job[] = [], scope: EnvScope = {}): UntrustedFetch[] {
  const out: UntrustedFetch[] = [];
  for (const [index, step] of steps.entries()) {
    const name = usesName(step.uses);
    const via = scope.stepVia?.[index] ?? scope.via ?? [];
    // A step that runs only for a branch of this repository (`if: github.event.pull_request.head.repo.fork == false`)
    // fetches no fork's code, as the same test on its job would keep the whole job from forks.
    if (step.if && requiredTests(step.if.value, jobs, steps).has("same-repo")) continue;
    // After a merge, the pull request's commits named by SHA are merged code, not the fork's.
    const trusted = (ctx: string): boolean => mergedSha(ctx) && mergedOnly(step, scope.job, via);
    if (isAction(name, "actions/checkout") || CHECKOUT_LIKE.test(name ?? "")) {
      const contextOf = (key: string): string | undefined => {
        const v = step.with[key];
        return v ? (headContextIn(v.value, steps, jobs, 0, envLookup(step, steps, scope), inputLookup(via, via.length, jobs, scope)) ?? (key === "ref" && PULL_REF.test(v.value) ? v.value.trim().slice(0, 200) : undefined)) : undefined;
      };
      // Checked out into its own folder (`path: pr`), the fork's files replace none of the workspace's: only a
      // step that runs something from that folder runs them. A path named by an expression may be anywhere.
      const path = step.with["path"]?.value;
      const dir = path === undefined || path.includes("${{") ? undefined : unpackDir(path);
      // The fork's repository at a merged SHA is that merged commit: the SHA, not the repository, names the code.
      const refCtx = contextOf("ref");
      const pinned = refCtx !== undefined && trusted(refCtx);
      for (const key of ["repository", "ref"]) {
        const v = step.with[key];
        const ctx = key === "ref" ? refCtx : pinned ? undefined : contextOf(key);
        // `ref: refs/pull/${{ … }}/merge` or `…/head` (the merge includes the fork's code too).
        if (v && ctx && !trusted(ctx) && (key === "repository" || !/^github\.event\.(?:pull_request\.number|number|issue\.number)$/.test(ctx) || /refs\/pull\//.test(v.value))) {
          out.push({ step, kind: "checkout", at: v, context: ctx, ...(dir ? { dir } : {}) });
          break;
        }
      }
      // actions/checkout's opt-in to a fork's code (v7): whatever expression names the ref, the step says it fetches
      // one. With no `ref:` or `repository:` made of an expression it checks out the base's own commit (or one named
      // literally), and a merged pull request's SHA is merged code: the opt-in then changes nothing.
      const optIn = step.with["allow-unsafe-pr-checkout"];
      const named = ["ref", "repository"].some((k) => step.with[k]?.value.includes("${{") === true);
      if (out[out.length - 1]?.step !== step && named && !pinned && optIn?.value.trim().toLowerCase() === "true" && events.some((e) => e === "pull_request_target" || e === "workflow_run")) {
        out.push({ step, kind: "checkout", at: optIn, context: "the pull request's code (the step sets `allow-unsafe-pr-checkout: true`)", ...(dir ? { dir } : {}) });
      }
      continue;
    }
    if (PR_CHECKOUT_ACTIONS.some((a) => isAction(name, a))) {
      out.push({ step, kind: "checkout", at: step.uses?.raw as Str, context: "the pull request's ref" });
      continue;
    }
    if (step.run) {
      const script = step.run.value;
      const fetches = [...script.matchAll(FETCH_COMMAND_ALL)].slice(0, 200);
      const clones = [...script.matchAll(CLONE_COMMAND_ALL)].slice(0, 50);
      // A fetch that runs only when the head is a branch of this repository (the script tests it first) brings no fork's code.
      // Guards and line numbers only for a script that fetches: most run steps do not.
      const same = fetches.length > 0 || clones.length > 0 ? sameRepoLines(script) : undefined;
      const env = clones.length > 0 ? envLookup(step, steps, scope) : undefined;
      const clone = env && clones.map((c) => (same?.has(lineAt(script, c.index)) ? undefined : { at: c.index, end: c.index + (c[0] as string).trimEnd().length, ...headClone(script, c.index, env) })).find((c) => c?.context !== undefined);
      if (clone?.context) {
        out.push({ step, kind: "fetch", at: step.run, span: step.run.spanOf(clone.at, clone.end), command: script.slice(clone.at, clone.end), context: clone.context, ...(clone.dir ? { dir: clone.dir } : {}) });
        continue;
      }
      const ctx = headContextIn(script, steps, jobs);
      const m = fetches.find((f) => !same?.has(lineAt(script, f.index)));
      // The match may end at `refs/pull` (the first alternative to complete), so a ref is named either way.
      if (m && (ctx ? !trusted(ctx) : /(?:gh|hub)[ \t]+pr[ \t]+checkout/.test(m[0]) || /pull\/|refs\/pull$/.test(m[0]))) {
        // The fetching line, not the whole script: a long build script names the one command to change.
        const line = lineAround(script, m.index);
        out.push({ step, kind: "fetch", at: step.run, span: step.run.spanOf(line[0], line[1]), command: script.slice(line[0], line[1]), context: ctx ?? "the pull request's ref" });
        continue;
      }
    }
    const url = step.run ? headUrl(step.run.value, envLookup(step, steps, scope), steps, jobs) : undefined;
    if (step.run && url) {
      out.push({ step, kind: "fetch", at: step.run, context: url });
      continue;
    }
    // The download GitHub Security Lab's guide shows: github-script listing the triggering run's artifacts and writing one to a file.
    const script = isAction(name, "actions/github-script") ? step.with["script"] : undefined;
    const runIdGiven = (text: string): boolean => text.includes("workflow_run");
    if (events.includes("workflow_run") && script && script.value.includes("downloadArtifact") && (runIdGiven(script.value) || Object.values(step.env).some((v) => runIdGiven(v.value)))) {
      const named = script.value.indexOf("workflow_run");
      const line = named >= 0 ? lineAround(script.value, named) : undefined;
      out.push({ step, kind: "artifact", at: script, context: "github.event.workflow_run.id", ...(line ? { span: script.spanOf(line[0], line[1]) } : {}) });
      continue;
    }
    if (events.includes("workflow_run") && (isAction(name, "actions/download-artifact") || isAction(name, "dawidd6/action-download-artifact"))) {
      const runId = step.with["run-id"] ?? step.with["run_id"];
      const dir = unpackDir(step.with["path"]?.value);
      if (runId && /workflow_run\.id/.test(runId.value)) out.push({ step, kind: "artifact", at: runId, context: "github.event.workflow_run.id", ...(dir ? { dir } : {}) });
      else if (isAction(name, "dawidd6/action-download-artifact") && !runId && !step.with["workflow"]) out.push({ step, kind: "artifact", at: step.uses?.raw as Str, context: "the triggering run's artifacts", ...(dir ? { dir } : {}) });
    }
  }
  return out;
}

/** The [start, end) of the text of the line holding `index`, leading indentation left out. */
function lineAround(text: string, index: number): [number, number] {
  let start = text.lastIndexOf("\n", index) + 1;
  while (start < index && (text[start] === " " || text[start] === "\t")) start++;
  const nl = text.indexOf("\n", index);
  return [start, nl === -1 ? text.length : nl];
}

/** The directory an artifact is unpacked into, trimmed (`./site/` → `site`); undefined for the workspace's root. */
function unpackDir(path: string | undefined): string | undefined {
  const p = (path ?? "").trim().replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (p === "" || p === "." || /^(?:\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)$/.test(p)) return undefined;
  return p.slice(0, 300);
}

/**
 * True when a step runs code from an artifact unpacked into `dir`: a local action inside it, a build run
 * there (`working-directory`, `cd dir && npm install`), a file of it run as a program (`bash dir/post.sh`,
 * `./dir/tool`, `source dir/env`) or loaded by github-script (`require('./dir/x.js')`). A trusted script given one of its files to read (`node report.js dir/a.json`) does not.
 */
export function executesFrom(step: Step, dir: string): boolean {
  const inDir = (p: string): boolean => {
    const q = p.trim().replace(/^\.\/+/, "");
    return q === dir || q.startsWith(`${dir}/`);
  };
  // `$/path` is read from the repository at the running commit, not from the workspace.
  if (step.uses?.kind === "local") return !step.uses.self && inDir(step.uses.raw.value);
  if (scriptModules(step).some(inDir)) return true;
  // An action that builds or runs the workspace's code does so in the folder an input names (`context: pr`,
  // `working-directory: pr`), or runs a command given to it there (`command: cd pr && make`).
  if (!step.run && step.uses?.kind === "repository" && !isAction(usesName(step.uses), "actions/github-script") && executesWorkspace(step)) {
    const command = COMMAND_INPUTS.get(usesName(step.uses) ?? "");
    return Object.entries(step.with).some(([k, v]) => inDir(v.value) || (k.toLowerCase() === command && programIn(dir).test(v.value)));
  }
  if (!step.run || !runsWorkspaceCode(step.run.value)) return false;
  if (step.workingDirectory && inDir(step.workingDirectory.value)) return true;
  return programIn(dir).test(step.run.value);
}

const programMemo = new Map<string, RegExp>();

/** The directory named where a command is, after an interpreter or `cd`, or as `-C`/`--prefix`: its files run, not read. */
function programIn(dir: string): RegExp {
  const hit = programMemo.get(dir);
  if (hit) return hit;
  const name = dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Bounded repetitions only: a few flags between the interpreter and the path.
  const re = new RegExp(`(?:^|[;&|(\`]|\\b(?:bash|sh|zsh|source|node|python3?|ruby|perl|pwsh|deno|cd)[ \\t]{1,10}(?:-[^\\s]{1,40}[ \\t]{1,10}){0,5}|(?:^|[\\s;&|(])\\.[ \\t]{1,10}|-C[ \\t]{1,10}|--prefix[ \\t]{1,10})[ \\t]{0,10}["']?(?:\\.\\/)?${name}(?=[/\\s"';)]|$)`, "m");
  if (programMemo.size > 500) programMemo.clear();
  programMemo.set(dir, re);
  return re;
}

/** Actions that run code from the workspace (build scripts, package hooks, Dockerfiles). */
const EXECUTING_ACTIONS = [
  "docker/build-push-action",
  "github/codeql-action/autobuild",
  "gradle/gradle-build-action",
  "gradle/actions",
  "pre-commit/action",
  "cypress-io/github-action",
  "bahmutov/npm-install",
  "borales/actions-yarn",
  "actions/jekyll-build-pages",
  "peaceiris/actions-hugo",
  "pypa/cibuildwheel",
  "pyo3/maturin-action",
  "goreleaser/goreleaser-action",
  "golangci/golangci-lint-action",
];

/** Actions that run a shell command given as an input (`nick-fields/retry`'s `command`, an X server wrapper's `run`). */
const COMMAND_INPUTS: ReadonlyMap<string, string> = new Map([
  ["nick-fields/retry", "command"],
  ["nick-invision/retry", "command"],
  ["mathiasvr/command-output", "run"],
  ["coactions/setup-xvfb", "run"],
  ["gabrielbb/xvfb-action", "run"],
]);

/**
 * Setup actions that install the workspace's dependencies when asked, running its manifests' code: `bundler-cache:
 * true` runs `bundle install` (a Gemfile is Ruby), pnpm's `run_install` runs `pnpm install` (lifecycle scripts).
 */
const INSTALLING_INPUTS: ReadonlyMap<string, string> = new Map([
  ["ruby/setup-ruby", "bundler-cache"],
  ["pnpm/action-setup", "run_install"],
]);

/** True when a step runs code from the workspace (a build, a test, a script, a local action, a module a script loads). */
export function executesWorkspace(step: Step): boolean {
  if (step.uses?.kind === "local") return !step.uses.self;
  if (step.run) return runsWorkspaceCode(step.run.value);
  const name = usesName(step.uses);
  if (name === undefined) return false;
  const input = (key: string | undefined): string | undefined => (key === undefined ? undefined : Object.entries(step.with).find(([k]) => k.toLowerCase() === key)?.[1]?.value);
  const command = input(COMMAND_INPUTS.get(name));
  if (command !== undefined && runsWorkspaceCode(command)) return true;
  const install = input(INSTALLING_INPUTS.get(name))?.trim();
  if (install !== undefined && install !== "" && !/^false$/i.test(install)) return true;
  return EXECUTING_ACTIONS.some((a) => isAction(name, a)) || scriptModules(step).length > 0;
}

/**
 * The workspace files an `actions/github-script` step loads as code (`require('./.github/scripts/bot.js')`,
 * `` await import(`${process.env.GITHUB_WORKSPACE}/x.mjs`) ``), as paths relative to the workspace; packages
 * (`require('fs')`) are not files of the workspace.
 */
function scriptModules(step: Step): string[] {
  if (!isAction(usesName(step.uses), "actions/github-script")) return [];
  const script = step.with["script"]?.value ?? "";
  const out: string[] = [];
  for (const m of script.matchAll(/\b(?:require|import)\s{0,5}\(\s{0,5}[`'"]((?:\.{1,2}\/|\$\{\s{0,5}process\.env\.GITHUB_WORKSPACE\s{0,5}\}\/)[^`'"\n]{1,300})[`'"]/g)) {
    out.push((m[1] ?? "").replace(/^\$\{[^}]{1,60}\}\//, "").replace(/^\.\//, ""));
  }
  return out;
}

/** Actions that fail the job unless whoever started the run has write (or admin) access to the repository. */
const PERMISSION_CHECKS = ["skjnldsv/check-actor-permission", "prince-chrismc/check-actor-permissions-action", "lannonbr/repo-permission-check-action", "sushichop/action-repository-permission"];

/** True when a step stops the job for a starter without write access (nextcloud's `/compile` bot checks it first). */
function checksPermission(step: Step): boolean {
  const name = usesName(step.uses);
  if (/^true$/i.test(step.continueOnError?.value ?? "")) return false;
  // xt0rted/slash-command-action fails its step unless the commenter has `permission-level` (write by default).
  if (isAction(name, "xt0rted/slash-command-action")) return !/^\s*(?:read|none|triage)\s*$/i.test(step.with["permission-level"]?.value ?? "");
  return PERMISSION_CHECKS.some((a) => isAction(name, a));
}

/**
 * True when a step fails its job unless a label was just added (protobuf's `safe for tests`): its script tests
 * `github.event.label.name` in an expression and exits non-zero otherwise, as a label condition on the job would.
 */
function checksLabel(step: Step): boolean {
  const run = step.run?.value ?? "";
  return !/^true$/i.test(step.continueOnError?.value ?? "") && /\$\{\{[^}]{0,300}label\.name\s{0,5}==/.test(run) && /\bexit[ \t]+[1-9]/.test(run);
}

/**
 * True when a job asks GitHub for the starter's permission on the repository (the collaborator permission
 * API, by `gh api` or github-script) and can fail on the answer (`exit 1`, `throw`, `core.setFailed`):
 * the hand-written form of the checks above.
 */
function asksPermission(job: Job): boolean {
  const texts = job.steps.map((s) => s.run?.value ?? (isAction(usesName(s.uses), "actions/github-script") ? (s.with["script"]?.value ?? "") : ""));
  return texts.some((t) => /collaborators\/[^\s/]{1,200}\/permission|getCollaboratorPermissionLevel/.test(t)) && texts.some((t) => /\bexit[ \t]+[1-9]|\bthrow\b|core\.setFailed|process\.exit\([1-9]/.test(t));
}

/**
 * True when every run of a step passes a maintainer's gate of its own: its `if:` requires an earlier step's report
 * that the run's starter has write access (`steps.check.outputs.result == 'true'`, that step looking the permission
 * up in a script), a label, or another approval test. Read on the parsed condition: `|| github.event_name == …` or a
 * negation lets other runs through.
 */
export function stepGated(step: Step, steps: readonly Step[]): boolean {
  return requiredTests(step.if?.value ?? "", [], steps).has("approval");
}

/**
 * True when a step runs only for a pull request from a branch of this repository: its job's condition requires it, or
 * its own (`if: github.event.pull_request.head.repo.fork == false` on the step).
 */
export function ownBranchesGate(job: Job | undefined, jobs: readonly Job[], step: Step, steps: readonly Step[]): boolean {
  return gateOf(job, jobs) === "same-repo" || (step.if !== undefined && requiredTests(step.if.value, jobs, steps).has("same-repo"));
}

/** Activity types of issues, pull requests and discussions that only users with triage access or more can cause. */
const MAINTAINER_TYPES: ReadonlySet<string> = new Set(["labeled", "unlabeled", "assigned", "unassigned", "milestoned", "demilestoned", "pinned", "unpinned", "locked", "unlocked", "transferred", "category_changed"]);

/**
 * True when an event of a workflow starts only on activity a maintainer causes: its `types:` are all such
 * (`issues: {types: [labeled]}`), so the run waits for someone with triage access, as a label condition would.
 */
export function maintainerStarted(trigger: Trigger): boolean {
  const types = trigger.filters["types"] ?? [];
  return types.length > 0 && types.every((t) => MAINTAINER_TYPES.has(t.value.trim()));
}

/**
 * True when a job's condition limits it to the base repository's own branches or to a maintainer's approval
 * (a label, an author association, an actor check or allow-list, an environment, a step that fails without write
 * access, an earlier job's output reporting write access). A job runs only when the
 * jobs it needs ran, so it inherits their gate unless its condition runs it regardless (`always()`).
 */
export function gateOf(job: Job | undefined, jobs: readonly Job[] = [], depth = 0): "same-repo" | "approval" | undefined {
  if (!job) return computeGate(job, jobs, depth);
  // Read once per job and depth: jobs that each need many others (a hostile DAG) would otherwise make this walk
  // exponential in its depth bound.
  let memo = gateMemo.get(job);
  if (memo?.has(depth)) return memo.get(depth) ?? undefined;
  const gate = computeGate(job, jobs, depth);
  if (!memo) gateMemo.set(job, (memo = new Map()));
  memo.set(depth, gate ?? null);
  return gate;
}

const gateMemo = new WeakMap<Job, Map<number, "same-repo" | "approval" | null>>();

function computeGate(job: Job | undefined, jobs: readonly Job[], depth: number): "same-repo" | "approval" | undefined {
  const cond = job?.if?.value ?? "";
  // Only a test every run must pass limits the job: one alternative of an `||`, or a negated test, lets others through.
  const tests = requiredTests(cond, jobs);
  if (tests.has("same-repo")) return "same-repo";
  const own = tests.has("approval") || job?.environment || job?.steps.some(checksPermission) || job?.steps.some(checksLabel) || (job !== undefined && asksPermission(job)) ? "approval" : undefined;
  if (!job || depth > 8 || /\b(?:always|failure|cancelled)\s*\(/.test(cond)) return own;
  let inherited: "same-repo" | "approval" | undefined;
  for (const id of job.needs) {
    const gate = gateOf(jobs.find((j) => j.id === id), jobs, depth + 1);
    if (gate === "same-repo") return gate;
    inherited ??= gate;
  }
  return own ?? inherited;
}

/**
 * A finding's severity behind a maintainer's approval: one step lower (critical → high, high → medium), never below
 * medium, since what changes after the approval still runs. dangerous-triggers and template-injection share it.
 */
export function gatedSeverity(severity: Severity): Severity {
  return severity === "critical" ? "high" : severity === "high" ? "medium" : severity;
}

/** What a finding says of a job behind a maintainer's approval. */
export const GATED_CLAUSE = "the job waits for a label, an author check or an environment, which lowers but does not remove the risk";
