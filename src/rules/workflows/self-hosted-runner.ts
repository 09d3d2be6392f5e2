import { isMap, isSeq } from "yaml";
import { mapEntries, mapGet } from "../../ecosystems/formats/yaml.js";
import { PRIVILEGED_OUTSIDER_EVENTS, str, UNPRIVILEGED_OUTSIDER_EVENTS, type Job, type Str, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";
import { gateOf, untrustedFetches } from "./lib/untrusted-code.js";
import { outsiderEvents } from "./lib/upstream.js";

export const rule: Rule = {
  meta: {
    id: "workflows/self-hosted-runner",
    title: "Job runs on a self-hosted runner",
    severity: "low",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "A self-hosted runner is a machine the project keeps: unlike GitHub's, it is not wiped after each job. Code a workflow runs there (a pull request's tests, an injected script) can stay behind, read what later jobs use, and reach the network it sits in. GitHub advises against self-hosted runners for public repositories, and a workflow forks can trigger is the worst case. A job only the project's own code reaches is reported in the auditor persona only, as zizmor does (whether the runner is ephemeral is not in the workflow); one a fork's code reaches, in every scan.",
    remediation:
      "Run public repositories' untrusted work on GitHub-hosted runners. If a self-hosted runner is needed, make it ephemeral (one job per fresh machine, `--ephemeral` or just-in-time runners), isolate its network, require approval for outside contributors' runs, and never let `pull_request` or `pull_request_target` workflows use it.",
    references: [
      { title: "GitHub: Self-hosted runner security", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners" },
      { title: "GitHub: Using just-in-time runners", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-just-in-time-runners" },
      { title: "zizmor: self-hosted-runner", url: "https://docs.zizmor.sh/audits/#self-hosted-runner" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      const events = outsiderEvents(wf.events, wf);
      const outsiders = events.filter((e) => PRIVILEGED_OUTSIDER_EVENTS.has(e) || UNPRIVILEGED_OUTSIDER_EVENTS.has(e));
      const privileged = events.filter((e) => PRIVILEGED_OUTSIDER_EVENTS.has(e));
      for (const job of wf.jobs) {
        const label = selfHosted(wf, job);
        if (!label) continue;
        const forkCode = runsForkCode(wf, job, privileged);
        // A maintainer's label, an author check or an environment stands between the fork and the machine, as
        // dangerous-triggers weighs it: the fork's code still runs there once approved, and after it.
        const approved = forkCode && gateOf(job, wf.jobs) === "approval";
        const reach = outsiders.length === 0 ? "" : forkCode ? `, in a workflow outsiders can trigger (${outsiders.join(", ")}): their code runs on your machine${approved ? " once a maintainer lets the job run (a label, an author check or an environment)" : ""}` : `, in a workflow outsiders can trigger (${outsiders.join(", ")}), though the job runs only the base repository's code`;
        // A label an expression chooses may be another in runs this reading of the condition did not foresee.
        const chosen = label.value.includes("${{");
        ctx.report({
          message: `job \`${job.id}\` in ${wf.path} ${chosen ? "can run" : "runs"} on a self-hosted runner (\`${clip(label.value, 60)}\`)${reach}`,
          locations: [at(wf.path, label.span)],
          severity: forkCode ? (approved ? "medium" : "high") : "low",
          ...(chosen ? { confidence: "medium" as const } : {}),
          // zizmor reports self-hosted runners to auditors only (it cannot tell an ephemeral one); a fork's
          // code on the project's machine is a concrete path, kept in every persona.
          ...(forkCode ? {} : { persona: "auditor" as const }),
          key: job.id,
          fix: forkCode ? "runs-on: ubuntu-latest   # or keep the self-hosted runner out of workflows forks can trigger" : "use ephemeral (just-in-time) self-hosted runners, or runs-on: ubuntu-latest",
        });
      }
    }
  },
};

/**
 * True when a fork's code can run in the job: a pull request's own run (unless the job is kept to the
 * base repository's branches), or a privileged run whose steps fetch the pull request's head or artifacts.
 * A privileged run that only runs the base branch's code (a `workflow_run` uploading stats) does not.
 */
function runsForkCode(wf: Workflow, job: Job, privileged: readonly string[]): boolean {
  if (gateOf(job, wf.jobs) === "same-repo") return false;
  if (wf.events.some((e) => UNPRIVILEGED_OUTSIDER_EVENTS.has(e))) return true;
  return privileged.length > 0 && untrustedFetches(job.steps, privileged, wf.jobs, { job, workflow: wf }).length > 0;
}

/** `'self-hosted'` (or `"self-hosted"` inside a `fromJSON('[…]')`) written in a `runs-on:` expression. */
const SELF_HOSTED_LITERAL = /(['"])self-hosted\1/i;
/**
 * What a `runs-on:` expression that tells forks' runs apart reads: the pull request's head repository, the event.
 * Such a choice (`head.repo.fork && 'ubuntu-latest' || 'self-hosted'`) keeps them off the machine, so it is left alone.
 */
const FORK_AWARE = /\b(?:head\.repo|fork|event_name|pull_request|head_ref)\b/;

/** The `self-hosted` label a job runs on, directly, through its matrix, or chosen by an expression. */
function selfHosted(wf: Workflow, job: Job): Str | undefined {
  const direct = job.runsOn.find((l) => l.value.trim().toLowerCase() === "self-hosted");
  if (direct) return direct;
  // `${{ github.repository == 'acme/widget' && 'self-hosted' || 'ubuntu-latest' }}`: true in every run of this
  // repository, a fork's pull request included (only runs in forks' own copies get GitHub's runners).
  const chosen = job.runsOn.find((l) => l.value.includes("${{") && SELF_HOSTED_LITERAL.test(l.value) && !FORK_AWARE.test(l.value));
  if (chosen) return chosen;
  const dynamic = job.runsOn.find((l) => /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)/.test(l.value));
  const key = dynamic ? /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)/.exec(dynamic.value)?.[1] : undefined;
  if (!key) return undefined;
  const matrix = mapGet(job.strategy, "matrix");
  const values: Str[] = [];
  const collect = (node: unknown): void => {
    const s = str(wf.yaml, node);
    if (s) values.push(s);
    else if (isSeq(node)) for (const i of node.items) collect(i);
  };
  for (const e of mapEntries(matrix)) {
    if (e.key === key) collect(e.value);
    else if (e.key === "include" && isSeq(e.value)) for (const item of e.value.items) if (isMap(item)) collect(mapGet(item, key));
  }
  return values.find((v) => v.value.trim().toLowerCase() === "self-hosted");
}
