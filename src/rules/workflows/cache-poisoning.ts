import type { Job, Step, Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { CACHE_AWARE, lookup, PUBLISH_COMMAND, PUBLISHERS, usesName, type CacheControl } from "./lib/actions-data.js";
import { at, clip, stepLabel } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";
import { gateOf, untrustedFetches } from "./lib/untrusted-code.js";

export const rule: Rule = {
  meta: {
    id: "workflows/cache-poisoning",
    title: "Cache restored where a poisoned cache becomes a release",
    severity: "high",
    confidence: "medium",
    check: "Dangerous-Workflow",
    rationale:
      "GitHub Actions caches are shared by every workflow run on a branch, and any job with the repository's token can write one. A job that restores a cache and then builds a release runs whatever a poisoned cache entry holds. A `pull_request_target` or `workflow_run` job that runs a fork's code writes the base branch's cache with that code in control, poisoning what later releases restore. Caching turns one compromised job into compromised releases.",
    remediation:
      "Do not restore caches in jobs that publish (packages, images, GitHub releases) or in privileged jobs that run a fork's code: remove the cache step or turn the action's cache off there (`cache: ''`, `lookup-only: true`, `enable-cache: false`), and build releases from a clean state.",
    references: [
      { title: "Adnan Khan: The Monsters in Your Build Cache, GitHub Actions cache poisoning", url: "https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/" },
      { title: "GitHub: Caching dependencies, restrictions for accessing a cache", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/caching-dependencies-to-speed-up-workflows#restrictions-for-accessing-a-cache" },
      { title: "zizmor: cache-poisoning", url: "https://docs.zizmor.sh/audits/#cache-poisoning" },
      { title: "CWE-349: Acceptance of Extraneous Untrusted Data With Trusted Data", url: "https://cwe.mitre.org/data/definitions/349.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const seq of sequences(inputs.workflows, [])) {
      const wf = seq.workflow as Workflow;
      const scenario = scenarioOf(wf, seq.job, seq.steps);
      if (!scenario) continue;
      for (const step of seq.steps) {
        const hit = lookup(CACHE_AWARE, step);
        if (!hit) continue;
        const state = cacheState(step, hit[1]);
        if (state === "off") continue;
        ctx.report({
          message: `${stepLabel(step)} of ${sequenceLabel(seq)} restores a cache (${hit[0]}${state === "maybe" ? ", depending on an expression" : ""}) in a job that ${scenario}`,
          locations: [at(seq.path, (step.uses?.raw ?? step).span)],
          snippet: clip(step.uses?.raw.value ?? "", 120),
          confidence: state === "maybe" ? "low" : "medium",
          key: `${seq.job?.id}:${hit[0]}:${step.index}`,
          evidence: { action: hit[0], scenario },
          fix: fixFor(hit[0], hit[1]),
        });
      }
    }
  },
};

/** Why a job's cache matters: it publishes, runs for releases, or lets a fork's code write the base branch's cache. */
function scenarioOf(wf: Workflow, job: Job | undefined, steps: readonly Step[]): string | undefined {
  const publisher = steps.find((s) => PUBLISHERS.has(usesName(s.uses) ?? "") || (s.run !== undefined && PUBLISH_COMMAND.test(s.run.value)));
  if (publisher) return `publishes (${stepLabel(publisher)})`;
  for (const t of wf.triggers) {
    if (t.event === "release") return "runs on `release`, where published artifacts are built";
    if (t.event === "push" && ("tags" in t.filters || (t.filters["branches"] ?? []).some((b) => /release/i.test(b.value)))) return "runs on pushed release tags or branches, where published artifacts are built";
  }
  // A privileged run writes the base branch's cache scope; that matters only once it runs a fork's code. One that
  // builds the base branch alone restores and saves what push runs do (zizmor does not report it either).
  const privileged = wf.events.filter((e) => e === "pull_request_target" || e === "workflow_run" || e === "issue_comment");
  const fetch = privileged.length > 0 && gateOf(job, wf.jobs) !== "same-repo" ? untrustedFetches(steps, privileged, wf.jobs)[0] : undefined;
  if (fetch) return `runs on \`${privileged.join("`/`")}\` and ${fetch.kind === "artifact" ? "downloads the triggering run's artifacts" : "checks out the pull request's code"} (${stepLabel(fetch.step)}), so a fork's code can write the base branch's cache scope`;
  return undefined;
}

function cacheState(step: Step, c: CacheControl): "on" | "off" | "maybe" {
  if (c.mode === "always" || !c.input) return "on";
  const key = Object.keys(step.with).find((k) => k.toLowerCase() === c.input);
  const raw = key ? (step.with[key]?.value ?? "").trim() : undefined;
  if (raw !== undefined && raw.includes("${{")) return "maybe";
  const v = raw?.toLowerCase();
  if (c.mode === "opt-out") return v !== undefined && (c.values ?? []).includes(v) ? "off" : "on";
  if (v === undefined || v === "" || v === "false") return "off";
  return !c.values || c.values.includes(v) ? "on" : "off";
}

function fixFor(name: string, c: CacheControl): string {
  if (c.mode === "always" || !c.input) return `remove the ${name} step from this job`;
  if (c.mode === "opt-out") return `set \`${c.input}: ${c.values?.[0] ?? "true"}\` on ${name} in this job, or remove the step`;
  return `remove \`${c.input}:\` from ${name} in this job`;
}
