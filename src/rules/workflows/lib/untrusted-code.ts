// Code from a fork in a privileged run: a checkout of the pull request's head, a fetch of its ref,
// or an artifact the (possibly fork-triggered) run uploaded; and whether later steps execute it.
import { accessPath, findExpressions, parseExpression, type Job, type Step, type Str } from "../../../ecosystems/github-actions/index.js";
import { isAction, usesName } from "./actions-data.js";

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

/** Actions whose outputs name a pull request's head from a comment (issue_comment workflows). */
const HEAD_FROM_COMMENT_ACTIONS = ["xt0rted/pull-request-comment-branch", "alessbell/pull-request-comment-branch", "gotson/pull-request-comment-branch"];

/** The untrusted-head context an expression text refers to, if any. */
export function headContextIn(text: string, steps: readonly Step[] = []): string | undefined {
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
        // `steps.<id>.outputs.head_ref` of an action that resolves a comment's pull request.
        if (parts[0] === "steps" && parts[2] === "outputs") {
          const src = steps.find((s) => s.id?.value === parts[1]);
          if (src && HEAD_FROM_COMMENT_ACTIONS.some((a) => isAction(usesName(src.uses), a))) return p;
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

/** How a step brings untrusted code into the workspace, if it does. */
export interface UntrustedFetch {
  step: Step;
  kind: "checkout" | "fetch" | "artifact";
  /** The key or script the evidence is in. */
  at: Str;
  context: string;
}

const FETCH_COMMAND = /\b(?:gh[ \t]+pr[ \t]+checkout|git[ \t]+(?:fetch|checkout|pull|switch)\b[^\n]{0,200}?(?:pull\/|refs\/pull|FETCH_HEAD|head\.(?:sha|ref)|HEAD_SHA|HEAD_REF|PR_NUMBER))/;

/** Finds the steps of a job that bring code from a pull request's head into the workspace. */
export function untrustedFetches(steps: readonly Step[], events: readonly string[]): UntrustedFetch[] {
  const out: UntrustedFetch[] = [];
  for (const step of steps) {
    const name = usesName(step.uses);
    if (isAction(name, "actions/checkout")) {
      for (const key of ["repository", "ref"]) {
        const v = step.with[key];
        const ctx = v ? headContextIn(v.value, steps) : undefined;
        // `ref: refs/pull/${{ … }}/merge` or `…/head` (the merge includes the fork's code too).
        if (v && ctx && (key === "repository" || !/^github\.event\.(?:pull_request\.number|number|issue\.number)$/.test(ctx) || /refs\/pull\//.test(v.value))) {
          out.push({ step, kind: "checkout", at: v, context: ctx });
          break;
        }
      }
      continue;
    }
    if (step.run) {
      const ctx = headContextIn(step.run.value, steps);
      const m = FETCH_COMMAND.exec(step.run.value);
      if (m && (ctx || /gh[ \t]+pr[ \t]+checkout/.test(m[0]) || /pull\//.test(m[0]))) {
        out.push({ step, kind: "fetch", at: step.run, context: ctx ?? "the pull request's ref" });
        continue;
      }
    }
    if (events.includes("workflow_run") && (isAction(name, "actions/download-artifact") || isAction(name, "dawidd6/action-download-artifact"))) {
      const runId = step.with["run-id"] ?? step.with["run_id"];
      if (runId && /workflow_run\.id/.test(runId.value)) out.push({ step, kind: "artifact", at: runId, context: "github.event.workflow_run.id" });
      else if (isAction(name, "dawidd6/action-download-artifact") && !runId && !step.with["workflow"]) out.push({ step, kind: "artifact", at: step.uses?.raw as Str, context: "the triggering run's artifacts" });
    }
  }
  return out;
}

const EXEC = /\b(?:npm|npx|yarn|pnpm|bun|node|deno|python3?|pip3?|pipx|poetry|uv|tox|nox|pytest|make|cmake|ninja|meson|gradlew?|mvnw?|ant|sbt|go|cargo|rustc|bundle|rake|ruby|gem|composer|php|dotnet|msbuild|nuget|swift|xcodebuild|mix|elixir|cabal|stack|docker|podman|bash|sh|zsh|pwsh|source|terraform|helm|ansible(?:-playbook)?|pre-commit|tsc|jest|vitest|eslint|webpack|vite)\b|(?:^|[\s;&|(])\.{1,2}\/|\$\(\s*cat\b/m;

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

/** True when a step runs code from the workspace (a build, a test, a script, a local action). */
export function executesWorkspace(step: Step): boolean {
  if (step.uses?.kind === "local") return true;
  if (step.run) return EXEC.test(step.run.value);
  const name = usesName(step.uses);
  return EXECUTING_ACTIONS.some((a) => isAction(name, a));
}

/** True when a job's condition limits it to the base repository's own branches or to a maintainer's approval. */
export function gateOf(job: Job | undefined): "same-repo" | "approval" | undefined {
  const cond = job?.if?.value ?? "";
  if (/head\.repo\.full_name\s*==\s*github\.repository|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name|head_repository\.full_name\s*==\s*github\.repository|github\.repository\s*==\s*github\.event\.workflow_run\.head_repository\.full_name|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork/.test(cond)) return "same-repo";
  if (/labels\.\*\.name|label\.name|author_association|github\.actor\s*==|environment/.test(cond) || job?.environment) return "approval";
  return undefined;
}
