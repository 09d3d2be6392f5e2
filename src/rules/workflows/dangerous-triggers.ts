import type { Severity } from "../../core/severity.js";
import { findExpressions, type Action, type Job, type Step, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at, clip, Findings, onBlock, stepLabel } from "./lib/report.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { checkoutRefusal } from "./lib/checkout-guard.js";
import { evaluatedTaints } from "./lib/code-eval.js";
import { requiredTests } from "./lib/gate-tests.js";
import { jobEvents } from "./lib/job-events.js";
import { worstTaint } from "./lib/describe.js";
import { applies, eventsOf, loadInputs, type Site } from "./lib/sites.js";
import { sinksOf } from "./lib/steps.js";
import { parsedOnce, scopeOf, taintsOfExpr } from "./lib/taint.js";
import { secretsIn, tokenMayWrite } from "./lib/tokens.js";
import { insiderUpstream, outsiderEvents } from "./lib/upstream.js";
import { executesFrom, executesWorkspace, GATED_CLAUSE, gatedSeverity, gateOf, headContextIn, mergedOnly, mergedSha, ownBranchesGate, untrustedFetches, type UntrustedFetch } from "./lib/untrusted-code.js";

/** Triggers that run in the base repository's context while a fork (or a commenter) chose the code. */
const PRIVILEGED = ["pull_request_target", "workflow_run", "issue_comment"];

export const rule: Rule = {
  meta: {
    id: "workflows/dangerous-triggers",
    title: "Privileged workflow runs a fork's code",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "`pull_request_target`, `workflow_run` and `issue_comment` runs start in the base repository with its secrets and a token that can usually write, even when a fork's pull request triggered them. Checking out the pull request's head (or downloading what its run uploaded) and then building or running it hands that fork's author the secrets and the token: the \"pwn request\" behind many repository takeovers. Such a checkout or download is reported at the step, rated by what runs it and what is in reach. A privileged trigger with no such step is still reported once at the trigger, as zizmor does, at medium severity and medium confidence (zizmor says high: most such workflows are used safely, so here it stays below the default gate, and it takes one added step to make them unsafe); that warning does not lower the Dangerous-Workflow score, which, like Scorecard's, counts what a run does. zizmor's one exception is kept: a workflow whose only job is one `actions/labeler` step. Since July 2026 `actions/checkout` (v7, and the v4, v5 and v6 major tags) refuses a fork's head or merge commit, `refs/pull/…` or the fork's repository in `pull_request_target` and pull-request `workflow_run` runs unless the step sets `allow-unsafe-pr-checkout: true`: such a checkout is reported at medium (low when nothing runs it), below the default gate since the job stops there today, yet when a later step runs the code it still scores Dangerous-Workflow 0, as Scorecard (which does not know the guard) scores it; while one pinned to a SHA or full version of an older release (`@v4.2.2`, `# v4.2.2`), or to v3 or older, still fetches the fork's code. As in zizmor 1.31, `issue_comment` is warned of only when a job it runs lets any commenter through: a job whose own `if:` (or a job it needs) admits only a trusted author association (OWNER, MEMBER, COLLABORATOR; not CONTRIBUTOR), a label, a named actor, an environment or a branch of this repository is not one, while a step's `if:` guards only its step. A clone of the fork's repository (`git clone` of `head.repo.full_name` or `clone_url`, inline or through `env:`) counts as a checkout, as does an `actions/checkout` step that sets `allow-unsafe-pr-checkout: true` (its opt-in to a fork's code) with its `ref` or `repository` made of an expression other than a merged pull request's SHA, as does a composite action's checkout of an input its calling step sets to the head. A job's `if:` lowers the rating only when every way through it passes a maintainer's test (a label, a trusted author association, a named actor; an `environment:` too) and skips the job when every way through it requires a branch of this repository: `!contains(…labels.*.name, 'skip-ci')`, `label || synchronize` and `!(head.repo.full_name == github.repository)` gate nothing, and a condition that does not parse counts as none. A job's `if:` that starts with `!` unquoted is a YAML tag, not a condition (workflows/unsound-condition), and gates nothing. A pull request the job requires merged (`github.event.pull_request.merged == true`) checked out by SHA (`merge_commit_sha`, `head.sha`) is the code the maintainers merged, which no push can change, and is not reported; checked out by branch name (`head.ref`, the fork's repository without a SHA) it is still whatever the fork pushed since, and is.",
    remediation:
      "Build and test pull requests in a `pull_request` workflow (read-only token, no secrets). Keep the privileged part (labelling, commenting, publishing results) in a separate workflow that never executes the fork's code, passing data through artifacts it treats as untrusted. If a privileged job must look at the head, do not run anything from it, set `persist-credentials: false`, and gate it on a maintainer's approval (an environment with required reviewers).",
    references: [
      { title: "GitHub Security Lab: Preventing pwn requests", url: "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/" },
      { title: "OpenSSF Scorecard: Dangerous-Workflow", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#dangerous-workflow" },
      { title: "zizmor: dangerous-triggers", url: "https://docs.zizmor.sh/audits/#dangerous-triggers" },
      { title: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere", url: "https://cwe.mitre.org/data/definitions/829.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    const found = new Findings();
    // Root workflow and trigger pairs a finding about the fork's code already covers: that finding is the trigger's.
    const covered = new Set<string>();
    // The steps of each job as they run (composite actions expanded), per triggering workflow.
    const jobs = new Map<string, Site[]>();
    for (const site of inputs.sites) {
      // A workflow_run after workflows only people with push access start fetches no fork's artifacts or head.
      if (!site.root || !site.job || !outsiderEvents(eventsOf(site), site.root).some((e) => PRIVILEGED.includes(e))) continue;
      // Each call of a reusable workflow is its own run: what the calling job passes decides what it checks out.
      const calls = site.via.map((f) => (f.kind === "workflow" ? f.job.id : "")).join("/");
      const key = `${site.root.path}\u0000${calls}\u0000${site.workflow?.path}\u0000${site.job.id}`;
      jobs.set(key, [...(jobs.get(key) ?? []), site]);
    }
    for (const sites of jobs.values()) {
      const first = sites[0] as Site;
      const root = first.root as NonNullable<Site["root"]>;
      const job = first.job as NonNullable<Site["job"]>;
      const jobs = first.workflow?.jobs ?? [];
      // A called reusable workflow's job also waits for whatever gates the jobs that called it.
      const gate = [gateOf(job, jobs), ...first.via.map((f) => (f.kind === "workflow" ? gateOf(f.job, f.workflow.jobs) : undefined))].reduce<ReturnType<typeof gateOf>>((g, x) => (g === "same-repo" || x === "same-repo" ? "same-repo" : (g ?? x)), undefined);
      if (gate === "same-repo") continue;
      const steps = sites.map((s) => s.step);
      const events = outsiderEvents(eventsOf(first), first.root).filter((e) => PRIVILEGED.includes(e));
      const fetches = untrustedFetches(steps, events, jobs, { job, workflow: first.workflow, via: first.via, stepVia: sites.map((s) => s.via) });
      if (fetches.length > 0) for (const e of events) covered.add(`${root.path}\u0000${e}`);
      for (const fetch of fetches) {
        const site = sites.find((s) => s.step === fetch.step) as Site;
        const later = steps.slice(steps.indexOf(fetch.step) + 1);
        // An artifact unpacked beside the workspace (`path: site`) replaces none of the code later steps run: only a step
        // that runs something from that directory runs the fork's files; a trusted script reading them does not.
        const dir = fetch.dir;
        // Beside an artifact unpacked at the workspace's root, a later checkout into its own folder (`path: arrow`) lays
        // down the base branch's code: a build of that folder (`pip install -e arrow/dev/archery`) runs it, not the artifact.
        const laid = fetch.kind === "artifact" ? later.filter((s) => isAction(usesName(s.uses), "actions/checkout") && !headContextIn(s.with["ref"]?.value ?? "") && s.with["path"]).map((s) => checkoutDir(s.with["path"]?.value ?? "")).filter((d) => d !== "") : [];
        const runs = (step: Step): boolean => (dir === undefined ? executesWorkspace(step) && !laid.some((d) => usesOnly(step, d)) : executesFrom(step, dir));
        // A clone into its own folder is run by the fetching step only where that step runs something from the folder.
        const runner = later.find(runs) ?? (fetch.kind === "fetch" && (dir === undefined ? executesWorkspace(fetch.step) : executesFrom(fetch.step, dir)) ? fetch.step : undefined);
        const secrets = secretsIn(site.workflow, job);
        const writes = tokenMayWrite(site.workflow, job);
        const persisted = fetch.kind === "checkout" && !/^false$/i.test(fetch.step.with["persist-credentials"]?.value ?? "");
        // Nothing runs the fork's code and nothing worth taking is in reach (transformers' static-analysis gate, `permissions: {}`): low.
        let severity: Severity = runner ? (secrets.length > 0 || writes ? "critical" : "high") : secrets.length > 0 || writes ? "medium" : "low";
        if (gate === "approval") severity = gatedSeverity(severity);
        // The checkout fails today instead of fetching the fork's code: still the pattern, one pin or input away.
        const refusal = checkoutRefusal(fetch, events);
        if (refusal) severity = runner ? "medium" : "low";
        const what = fetch.kind === "artifact" ? `downloads the artifacts of the run that triggered it (${code(fetch.context)}), which a fork's pull request can have produced` : `${fetch.kind === "checkout" ? "checks out" : "fetches"} ${fetched(fetch)}`;
        const reach = [secrets.length > 0 ? `secrets (${secrets.slice(0, 3).join(", ")}${secrets.length > 3 ? ", …" : ""})` : "", writes ? "a token that may write" : "", persisted ? "the token saved in .git/config" : ""].filter(Boolean);
        const exec = runner ? `; ${runner === fetch.step ? "the same step" : stepLabel(runner)} then runs code from it${reach.length > 0 ? ` with ${reach.join(" and ")} in reach` : ""}` : reach.length > 0 ? `; ${reach.join(" and ")} ${reach.length > 1 ? "are" : "is"} in reach of any tool that reads it` : "";
        const gated = gate === "approval" ? ` (${GATED_CLAUSE}: code pushed after approval still runs)` : "";
        const refused = refusal ? `; ${refusal} refuses this checkout for a fork's pull request (GitHub's guard since July 2026), so the job stops there today, but pinning an older release or setting \`allow-unsafe-pr-checkout: true\` would bring the fork's code back` : "";
        // A merged pull request's commits by SHA are not reported; by branch name (or the fork's default branch) they are
        // whatever the fork pushed since, so the job's merged test does not make them the merged code.
        const afterMerge = fetch.kind !== "artifact" && !mergedSha(fetch.context) && mergedOnly(fetch.step, job, site.via);
        const mergedNote = afterMerge ? "; the job's test that the pull request was merged does not help: the fork can push to its branch after the merge, and a checkout by branch name takes whatever is there when the job runs" : "";
        // Where zizmor reports the same trigger (the workflow's `on:`): a repository that reviewed it there and wrote
        // `# zizmor: ignore[dangerous-triggers]` keeps that decision while nothing runs the fork's code.
        const trigger = !runner && root.path === site.file ? onBlock(root) : undefined;
        found.add(`${site.file}:${fetch.at.span.offset}:${root.path}`, {
          message: `${stepLabel(fetch.step)} of job \`${job.id}\` ${what} in a \`${events.join("`/`")}\` run of ${root.path}${exec}${gated}${mergedNote}${refused}`,
          locations: [at(site.file, fetch.span ?? fetch.at.span), ...(trigger ? [at(site.file, trigger)] : [])],
          snippet: clip(fetch.at.value, 200),
          severity,
          confidence: fetch.kind === "artifact" ? "medium" : "high",
          // Scorecard does not know the guard: its Dangerous-Workflow scores such a run 0, and so does this one.
          ...(refusal && runner ? { impact: "zero" as const } : {}),
          key: `${job.id}:${fetch.kind}:${fetch.context}`,
          evidence: { trigger: events.join(","), fetched: fetch.context, executedBy: runner ? stepName(runner) : null, secrets, tokenMayWrite: writes, gate: gate ?? null, refusedBy: refusal ?? null },
          fix: afterMerge
            ? "check out `github.event.pull_request.merge_commit_sha` (the merged code, fixed by its SHA) instead of the pull request's branch, and leave out `repository:`"
            : runner?.uses?.kind === "local" && !runner.uses.self
            ? `reference the action as \`${runner.uses.raw.value.trim().replace(/^\.\/?/, "$/")}\`: GitHub then reads it from this repository at the running commit, not from the fork's files in the workspace; better still, build the pull request in a \`pull_request\` workflow (read-only token, no secrets)`
            : "build the pull request in a `pull_request` workflow instead (read-only token, no secrets), and keep this privileged workflow to steps that never run the fork's code",
        });
      }
    }
    // Workflows where a step already runs outsiders' text as code: their trigger's warning must not say that none does.
    const runsText = new Set<string>();
    for (const site of inputs.sites) {
      // A job kept to the repository's own branches runs no outsider's text, whatever it expands.
      if (site.root && !runsText.has(site.root.path) && outsiderEvents(eventsOf(site), site.root).some((e) => PRIVILEGED.includes(e)) && !ownBranchesGate(site.job, site.workflow?.jobs ?? [], site.step, site.steps) && runsOutsiderText(site, inputs.actions)) runsText.add(site.root.path);
    }
    for (const wf of inputs.workflows) {
      for (const t of wf.triggers) {
        if (!PRIVILEGED.includes(t.event) || covered.has(`${wf.path}\u0000${t.event}`)) continue;
        if (t.event === "pull_request_target" && labelerOnly(wf)) continue;
        // zizmor (1.31) warns of `issue_comment` per job, for jobs whose own `if:` lets any commenter through: a job that
        // runs only for commenters with write access (author association OWNER, MEMBER or COLLABORATOR) is not one.
        const open = t.event === "issue_comment" ? unguardedJobs(wf, t.event) : undefined;
        if (open?.length === 0) continue;
        covered.add(`${wf.path}\u0000${t.event}`);
        const on = onBlock(wf);
        // After workflows only people with push access start, no fork's run leads here: said, at low, as zizmor still reports it.
        const upstream = t.event === "workflow_run" ? insiderUpstream(wf) : undefined;
        found.add(`${wf.path}:trigger:${t.event}`, {
          message: (upstream ? insiderRunMessage(wf.path, upstream) : triggerMessage(wf.path, t.event, runsText.has(wf.path))) + (open && open.length < wf.jobs.length ? `; ${open.map((j) => `\`${j.id}\``).join(", ")} ${open.length > 1 ? "run" : "runs"} for any commenter, with no job-level check that admits only trusted commenters (OWNER, MEMBER or COLLABORATOR, a label, a named actor)` : ""),
          // The trigger's own line first; the whole `on:` block too, where zizmor anchors this finding and its ignore
          // comments, and each job it reports on its own (so its ignore comments at a job hold).
          locations: [at(wf.path, t.span), ...(on && on.line !== t.span.line ? [at(wf.path, on)] : []), ...(open ?? []).map((j) => at(wf.path, j.span))],
          snippet: t.event,
          // zizmor rates the trigger alone high; here it is medium, below the default gate: nothing in the workflow runs
          // an outsider's code yet, and a warning every labeller or welcome bot trips must not fail every such repository's CI.
          severity: upstream ? "low" : "medium",
          confidence: "medium",
          // Scorecard's Dangerous-Workflow counts what a run does, not its trigger: a warning, not a dangerous workflow.
          impact: "none",
          key: `trigger:${t.event}`,
          evidence: { trigger: t.event, fetched: null },
          fix: TRIGGER_FIX[t.event] ?? "",
        });
      }
    }
    found.flush(ctx);
  },
};

/** Why each privileged trigger is risky on its own: who starts it, what of theirs it can run, who that is. */
const TRIGGER_RISK: Readonly<Record<string, { who: string; what: string; author: string }>> = {
  pull_request_target: { who: "a fork's pull request starts it in the base repository", what: "the pull request's code", author: "the fork's author" },
  workflow_run: { who: "it starts after another workflow's run, one a fork's pull request may have triggered,", what: "what that run produced (its artifacts, branch name, commit message)", author: "whoever opened that pull request" },
  issue_comment: { who: "anyone who can comment starts it", what: "the comment's text or the pull request's code", author: "the commenter" },
};

/** The privileged trigger's own warning: what it hands to whom, and whether anything here runs their text already. */
function triggerMessage(path: string, event: string, runsText: boolean): string {
  const r = TRIGGER_RISK[event] ?? { who: "outsiders can start it", what: "their code", author: "them" };
  if (runsText) return `${path} runs on \`${event}\`: ${r.who} with the repository's secrets and a token that can usually write, and a step here runs text from outside the project as code (workflows/template-injection reports where), which hands both to ${r.author}`;
  return `${path} runs on \`${event}\`: ${r.who} with the repository's secrets and a token that can usually write. No job here runs ${r.what} today, but one step that did, or one untrusted value expanded into a script, would hand both to ${r.author}`;
}

/** The warning for a `workflow_run` that follows only workflows people with push access start. */
function insiderRunMessage(path: string, upstream: readonly string[]): string {
  const names = upstream.map((n) => `\`${n}\``).join(", ");
  return `${path} runs on \`workflow_run\` after ${names}, which only people with push access start (no pull request, issue or comment trigger), so no fork's run leads here today; a pull request trigger added to ${upstream.length > 1 ? "one of them" : "it"} would hand this run's secrets and token to what that run produced (its artifacts, branch name and commit message)`;
}

/** What to do instead of, or around, each privileged trigger. */
const TRIGGER_FIX: Readonly<Record<string, string>> = {
  pull_request_target: "use `pull_request` unless the job needs to write to the pull request (labels, comments); if it does, give it only those `permissions:`, no secrets, and never check out or run `github.event.pull_request.head`",
  workflow_run: "treat everything from the triggering run (artifacts, `head_branch`, `head_sha`'s code) as untrusted data: never execute it, pass it to scripts through `env:`, and give the job only the `permissions:` it needs",
  issue_comment: "run privileged work only for commenters with write access (check `github.event.comment.author_association` or the collaborator permission first), never check out a pull request's head, and pass the comment's text through `env:`",
};

/** True when a step expands outsiders' text into its script, or evaluates a variable holding it as code. */
function runsOutsiderText(site: Site, actions: readonly Action[]): boolean {
  const scope = scopeOf(site, actions);
  if (evaluatedTaints(site, scope).some((t) => t.taint.capability === "arbitrary")) return true;
  return sinksOf(site.step).some((sink) =>
    findExpressions(sink.str.value).some((f) => {
      const e = parsedOnce(sink.str.node, f.inner);
      return e !== undefined && worstTaint(taintsOfExpr(scope, e, 0, f.inner))?.capability === "arbitrary";
    }),
  );
}

/**
 * The jobs `event` can run whose own condition (or a needed job's) does not keep out commenters without write access:
 * a trusted author association, a label, a named actor, an environment or a branch of this repository. A step's
 * `if:` guards only that step, so it does not count (zizmor's test of the same).
 */
function unguardedJobs(wf: Workflow, event: string): Job[] {
  const memo = new Map<Job, boolean[]>();
  return wf.jobs.filter((j) => jobEvents(j, wf.jobs, [event]).length > 0 && !jobGuarded(j, wf.jobs, 0, memo));
}

/** `memo` holds each (job, depth) answer: a job many others need is judged once per depth, not once per path to it. */
function jobGuarded(job: Job, jobs: readonly Job[], depth: number, memo: Map<Job, boolean[]>): boolean {
  const answers = memo.get(job) ?? [];
  memo.set(job, answers);
  const known = answers[depth];
  if (known !== undefined) return known;
  const cond = job.if?.value ?? "";
  const tests = requiredTests(cond, jobs);
  const guarded =
    tests.has("approval") ||
    tests.has("same-repo") ||
    job.environment !== undefined ||
    (depth <= 8 &&
      !/\b(?:always|failure|cancelled)\s*\(/.test(cond) &&
      job.needs.some((id) => {
        const needed = jobs.find((j) => j.id === id);
        return needed !== undefined && jobGuarded(needed, jobs, depth + 1, memo);
      }));
  answers[depth] = guarded;
  return guarded;
}

/** zizmor's one exception: a workflow that is one job whose one step is `actions/labeler`, the blessed use of `pull_request_target`. */
function labelerOnly(wf: Workflow): boolean {
  const [job, ...others] = wf.jobs;
  if (!job || others.length > 0 || job.uses || job.steps.length !== 1) return false;
  const step = job.steps[0] as Step;
  return isAction(usesName(step.uses), "actions/labeler");
}

/**
 * What a checkout or fetch takes, as the workflow writes it: the ref when the context is only part of it
 * (`refs/pull/${{ github.event.number }}/merge`, not a bare `github.event.number`), the fork's repository when
 * that is what names it, the command when a script fetches.
 */
function fetched(fetch: UntrustedFetch): string {
  const own = "(the pull request's own code)";
  if (fetch.command !== undefined) return `the pull request's code with \`${clip(fetch.command.trim(), 120)}\``;
  if (fetch.at === fetch.step.with["repository"]) return `the fork's repository ${code(fetch.context)} ${own}`;
  if (fetch.at === fetch.step.with["allow-unsafe-pr-checkout"]) return fetch.context;
  const value = fetch.at.value.trim();
  const bare = /^\$\{\{[\s\S]*\}\}$/.test(value) && value.indexOf("${{", 3) < 0;
  return `${bare || value.length > 160 ? code(fetch.context) : `\`${value}\``} ${own}`;
}

/** A context or ref in backticks; a description ("the pull request's ref") as it is. */
function code(context: string): string {
  return context.startsWith("the ") ? context : `\`${context}\``;
}

function stepName(step: Step): string {
  return step.name?.value ?? step.id?.value ?? `#${step.index + 1}`;
}

/** A checkout's `path:` as a folder name (`./arrow/` → `arrow`); empty for the workspace's root or an expression. */
function checkoutDir(path: string): string {
  const p = path.trim().replace(/^\.\/+/, "").replace(/\/+$/, "");
  return p === "." || p.includes("${{") ? "" : p.slice(0, 300);
}

/** True when what a step runs lives in folder `dir`: its working directory is there, or every path its script names is. */
function usesOnly(step: Step, dir: string): boolean {
  const inDir = (p: string): boolean => p === dir || p.startsWith(`${dir}/`);
  if (step.workingDirectory) return inDir(step.workingDirectory.value.trim().replace(/^\.\/+/, ""));
  const paths = (step.run?.value ?? "").match(/(?:\.{0,2}\/)?[A-Za-z0-9_.-]{1,100}\/[^\s"'`;|&)]{0,300}/g) ?? [];
  return paths.length > 0 && paths.every((p) => inDir(p.replace(/^\.\/+/, "")));
}
