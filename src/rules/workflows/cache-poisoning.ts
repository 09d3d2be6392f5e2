import { PRIVILEGED_OUTSIDER_EVENTS, type Job, type Span, type Step, type Str, type Workflow } from "../../ecosystems/github-actions/index.js";
import { asObject, jsonParser } from "../../ecosystems/formats/json.js";
import type { Rule, RuleContext } from "../types.js";
import { CACHE_AWARE, isAction, lookup, PUBLISH_COMMAND, PUBLISHERS, PUBLISHING_INPUT, usesName, type CacheControl } from "./lib/actions-data.js";
import { jobEvents } from "./lib/job-events.js";
import { at, clip, jobLabel, keyBlock, onBlock, stepLabel, stepRef } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";
import { gateOf, untrustedFetches } from "./lib/untrusted-code.js";
import { outsiderEvents } from "./lib/upstream.js";
import { versionOf } from "./lib/versions.js";

export const rule: Rule = {
  meta: {
    id: "workflows/cache-poisoning",
    title: "Cache restored where a poisoned cache becomes a release",
    severity: "high",
    confidence: "medium",
    check: "Dangerous-Workflow",
    rationale:
      "GitHub Actions caches are shared by every workflow run on a branch, and any job with the repository's token can write one. A job that restores a cache and then builds a release runs whatever a poisoned cache entry holds. Caching turns one compromised job into compromised releases. Runs outsiders start on the default branch (`pull_request_target`, `issue_comment`, `workflow_run` after a fork's pull request) get a read-only cache since June 2026, unless the workflow or job grants writes with `cache-mode: write` or `write-only`: then whatever such a run saves (a fork's build output, a script an injected command rewrote) is what later push and release runs restore. A job whose `cache-mode` is `none` or `write-only` restores nothing, so it is not reported for restoring. As in zizmor's audit, the caches counted are those of the actions that restore one (actions/cache, the setup-* actions with caching on, setup-buildx caching the buildx it downloads for `version:`); docker/build-push-action's `cache-from: type=gha` layer cache, in GitHub's own docker-publish starter workflow, is not reported (zizmor does not list it either).",
    remediation:
      "Do not restore caches in jobs that publish (packages, images, GitHub releases) or in privileged jobs that run a fork's code: remove the cache step or turn the action's cache off there (`cache: ''`, `lookup-only: true`, `enable-cache: false`), and build releases from a clean state. Do not set `cache-mode: write` or `write-only` on workflows or jobs that outsiders' events start; `cache-mode: none` on a release job keeps it off the cache entirely.",
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
    let manager: PackageManager | undefined;
    for (const seq of sequences(inputs.workflows, [])) {
      const wf = seq.workflow as Workflow;
      const mode = cacheModeOf(wf, seq.job);
      if (seq.job && mode) reportWriteGrant(ctx, wf, seq.job, mode);
      // The cache service refuses this job's restores: nothing a poisoned entry holds reaches it.
      if (mode?.mode === "none" || mode?.mode === "write-only") continue;
      const found = scenarioOf(wf, seq.steps);
      if (!found) continue;
      const { scenario, anchor } = found;
      for (const step of seq.steps) {
        const hit = lookup(CACHE_AWARE, step);
        if (!hit) continue;
        let state = cacheState(step, hit[1]);
        const auto = state === "off" && hit[0] === "actions/setup-node";
        if (auto) state = nodeAutoCache(step, (manager ??= await packageManagerOf(ctx)));
        const uvAuto = state === "off" && hit[0] === "astral-sh/setup-uv" && uvAutoCache(step, wf);
        if (uvAuto) state = "on";
        if (state === "off") continue;
        const maybe = auto && manager === "unread" ? ", if package.json (which could not be read) names a package manager" : ", depending on an expression";
        const how = auto && state === "on" ? ", on its own because package.json names its package manager" : uvAuto ? ", on its own: `enable-cache` defaults to `auto`, on for GitHub-hosted runners" : state === "maybe" ? maybe : hit[1].only ? `: ${hit[1].only.what}, cached unless \`${hit[1].input}: ${hit[1].values?.[0] ?? "false"}\`` : "";
        ctx.report({
          message: `${stepLabel(step)} of ${sequenceLabel(seq)} restores a cache (${hit[0]}${how}) in a job that ${scenario}`,
          // The action; then, as zizmor's finding spans them, the whole step and what makes the job publish (the
          // publishing step's `uses:`, or the release triggers at `on:`), so its ignore comments there still hold.
          locations: [at(seq.path, (step.uses?.raw ?? step).span), at(seq.path, step.span), ...(anchor ? [at(seq.path, anchor)] : [])],
          snippet: clip(step.uses?.raw.value ?? "", 120),
          confidence: state === "maybe" ? "low" : "medium",
          key: `${seq.job?.id}:${hit[0]}:${stepRef(step, seq.steps)}`,
          evidence: { action: hit[0], scenario },
          fix: auto ? `set \`package-manager-cache: false\` on ${hit[0]} in this job` : uvAuto ? `set \`enable-cache: false\` on ${hit[0]} in this job` : fixFor(hit[0], hit[1]),
        });
      }
    }
  },
};

/**
 * Why a job's restored cache matters: it publishes, or runs for releases;
 * `anchor` is where zizmor places that reason (the publishing step's `uses:`, the workflow's `on:`).
 */
function scenarioOf(wf: Workflow, steps: readonly Step[]): { scenario: string; anchor?: Span } | undefined {
  const publishes = (s: Step): boolean => (PUBLISHERS.has(usesName(s.uses) ?? "") && !localRelease(s)) || publishesByInput(s) || (s.run !== undefined && PUBLISH_COMMAND.test(s.run.value));
  const publisher = steps.find(publishes);
  if (publisher) return { scenario: `publishes (${stepLabel(publisher)})`, anchor: (publisher.uses?.raw ?? publisher).span };
  const on = onBlock(wf);
  const release = (scenario: string): { scenario: string; anchor?: Span } => (on ? { scenario, anchor: on } : { scenario });
  for (const t of wf.triggers) {
    if (t.event === "release") return release("runs on `release`, where published artifacts are built");
    if (t.event === "push" && "tags" in t.filters) return release("runs on pushed release tags, where published artifacts are built");
    // A branch named for releases (`release-*`) is a release only where the workflow publishes something:
    // cosign's tests run there too, and publish nothing.
    if (t.event === "push" && (t.filters["branches"] ?? []).some((b) => /release/i.test(b.value)) && wf.jobs.some((j) => j.steps.some(publishes))) return release("runs on pushed release branches in a workflow that publishes, where published artifacts are built");
  }
  // A run outsiders start on the default branch gets a read-only cache (GitHub, June 2026): whatever it restores
  // came from trusted runs, and what it would save is refused. Only `cache-mode` can grant it writes (reportWriteGrant).
  return undefined;
}

type CacheMode = "read" | "write" | "write-only" | "none";

/**
 * The cache access `cache-mode` gives a job (its own over its workflow's), with where it is written; undefined when
 * neither sets a value GitHub reads as one (none, or an expression), which leaves the event's default.
 */
function cacheModeOf(wf: Workflow, job: Job | undefined): { mode: CacheMode; str: Str; node: unknown } | undefined {
  const str = job?.cacheMode ?? wf.cacheMode;
  const node = job?.cacheMode ? job.node : wf.yaml.doc.contents;
  const v = str?.value.trim().toLowerCase();
  return str && (v === "read" || v === "write" || v === "write-only" || v === "none") ? { mode: v, str, node } : undefined;
}

/**
 * zizmor's finding for an explicit `cache-mode: write` (or `write-only`) on a job that events outsiders start can
 * run: it lifts the read-only cache GitHub gives those runs, so what they save (a fork's code, a script an injection
 * rewrote) is restored by the push and release runs of the default branch.
 */
function reportWriteGrant(ctx: RuleContext, wf: Workflow, job: Job, mode: { mode: CacheMode; str: Str; node: unknown }): void {
  if (mode.mode !== "write" && mode.mode !== "write-only") return;
  const outsiders = jobEvents(job, wf.jobs, outsiderEvents(wf.events, wf)).filter((e) => PRIVILEGED_OUTSIDER_EVENTS.has(e));
  if (outsiders.length === 0 || gateOf(job, wf.jobs) === "same-repo") return;
  const fetch = untrustedFetches(job.steps, outsiders, wf.jobs, { job, workflow: wf })[0];
  const where = mode.str === job.cacheMode ? "on the job" : "at the workflow's top";
  const forks = fetch ? `, and it ${fetch.kind === "artifact" ? "downloads the triggering run's artifacts" : "checks out the pull request's code"} (${stepLabel(fetch.step)}), so a fork's code decides what is saved` : "";
  ctx.report({
    message: `${jobLabel(wf.path, job)} runs on \`${outsiders.join("`, `")}\`, which outsiders can start, and \`cache-mode: ${mode.mode}\` ${where} lets it save to the default branch's cache, which GitHub otherwise keeps read-only for these events: later push and release runs restore what it saves${forks}`,
    // The `cache-mode:` line; then the job, as zizmor's finding marks it, so an ignore comment at either holds.
    locations: [at(wf.path, keyBlock(wf.yaml, mode.node, "cache-mode") ?? mode.str.span), at(wf.path, job.span)],
    snippet: clip(`cache-mode: ${mode.str.value}`, 120),
    severity: "high",
    confidence: "high",
    key: `${job.id}:cache-mode`,
    evidence: { cacheMode: mode.mode, events: outsiders, fetch: fetch ? stepLabel(fetch.step) : null },
    fix: `remove \`cache-mode: ${mode.str.value}\` (or set \`cache-mode: read\`) ${where}; save caches from a workflow that only push or schedule runs start`,
  });
}

/**
 * True when goreleaser-action is asked for a build that publishes nothing: a snapshot, publishing skipped, or a
 * subcommand other than `release` (`build`, `check`). Empty `args` run `goreleaser release`, which publishes.
 */
function localRelease(step: Step): boolean {
  if (!isAction(usesName(step.uses), "goreleaser/goreleaser-action")) return false;
  const args = inputOf(step, "args") ?? "";
  if (/--(?:snapshot|skip[= ]publish|skip-publish)\b/.test(args)) return true;
  const command = /^[a-z]+/.exec(args)?.[0];
  return command !== undefined && command !== "release";
}

/** True when an action that publishes only on request is asked to (`push: true`, or an expression that is on some events). */
function publishesByInput(step: Step): boolean {
  const input = PUBLISHING_INPUT.get(usesName(step.uses) ?? "");
  if (input === undefined) return false;
  const v = inputOf(step, input);
  if (v === undefined || v === "") return false;
  return input !== "push" || /^true$/i.test(v) || v.includes("${{");
}

/** The step's input `name` (any case), trimmed; undefined when it is not given. */
function inputOf(step: Step, name: string): string | undefined {
  const key = Object.keys(step.with).find((k) => k.toLowerCase() === name);
  return key ? (step.with[key]?.value ?? "").trim() : undefined;
}

/** The major version a `uses:` runs, when its tag or its SHA's comment says; undefined otherwise (taken as the newest). */
function majorOf(step: Step): number | undefined {
  const v = versionOf(step.uses);
  return v === undefined ? undefined : Number(v.split(".")[0]);
}

function cacheState(step: Step, c: CacheControl): "on" | "off" | "maybe" {
  if (c.only) {
    const given = inputOf(step, c.only.input);
    if (given === undefined || given === "") return "off";
  }
  if (c.mode === "always" || !c.input) return "on";
  const raw = inputOf(step, c.input);
  if (raw !== undefined && raw.includes("${{")) return "maybe";
  const v = raw?.toLowerCase();
  // An older major whose cache was off by default (setup-go before v4): on only when the input says `true`.
  const major = majorOf(step);
  if (c.mode === "opt-out" && c.optInBefore !== undefined && major !== undefined && major < c.optInBefore) return v === "true" ? "on" : "off";
  if (c.mode === "opt-out") return v !== undefined && (c.values ?? []).includes(v) ? "off" : "on";
  if (v === undefined || v === "" || v === "false") return "off";
  return !c.values || c.values.includes(v) ? "on" : "off";
}

/** The package manager the root package.json names (`packageManager`, or `devEngines.packageManager`); "unread" when it cannot be read. */
type PackageManager = { name: string | undefined } | "unread";

async function packageManagerOf(ctx: RuleContext): Promise<PackageManager> {
  if (!ctx.has("package.json")) return { name: undefined };
  const file = await ctx.parse("package.json", jsonParser, { optional: true });
  if (!file) return "unread";
  const pkg = asObject(file.value);
  const direct = typeof pkg?.packageManager === "string" ? pkg.packageManager : undefined;
  const dev = asObject(asObject(pkg?.devEngines)?.packageManager)?.name;
  const spec = direct ?? (typeof dev === "string" ? dev : undefined);
  return { name: spec === undefined ? undefined : /^[a-z]{1,10}/.exec(spec.trim().toLowerCase())?.[0] };
}

/**
 * setup-node's own caching, without `cache:`: since v5 it caches when package.json names a package manager, since v6
 * only when that is npm, unless `package-manager-cache: false` (its README and release notes). A package.json that
 * cannot be read may name one: "maybe".
 */
function nodeAutoCache(step: Step, manager: PackageManager): "on" | "off" | "maybe" {
  const major = majorOf(step);
  if (inputOf(step, "cache") !== undefined || (major !== undefined && major < 5)) return "off";
  const opt = inputOf(step, "package-manager-cache")?.toLowerCase();
  if (opt === "false") return "off";
  if (opt?.includes("${{") || manager === "unread") return "maybe";
  if (manager.name === undefined) return "off";
  return major === 5 ? "on" : manager.name === "npm" ? "on" : "off";
}

/** Events on which setup-uv v10's `enable-cache: auto` turns the cache off (its release notes and PR #992), a tag push aside. */
const UV_NO_AUTO_CACHE = new Set(["release", "pull_request_target", "workflow_run"]);

/**
 * setup-uv's own caching, without `enable-cache` (or with `auto`): off before v5, on for GitHub-hosted runners from
 * v5 (its v5.0.0 release notes), and from v10 off again on `release`, `pull_request_target`, `workflow_run` and
 * pushed tags. A workflow that also runs on other events (a manual dispatch, a branch push) restores it there.
 */
function uvAutoCache(step: Step, wf: Workflow): boolean {
  const v = inputOf(step, "enable-cache")?.toLowerCase();
  if (v !== undefined && v !== "auto") return false;
  const major = majorOf(step);
  if (major !== undefined && major < 5) return false;
  if (major !== undefined && major < 10) return true;
  return wf.triggers.some((t) => !UV_NO_AUTO_CACHE.has(t.event) && !(t.event === "push" && "tags" in t.filters && !("branches" in t.filters)));
}

function fixFor(name: string, c: CacheControl): string {
  if (c.mode === "always" || !c.input) return `remove the ${name} step from this job`;
  if (c.mode === "opt-out") return `set \`${c.input}: ${c.values?.[0] ?? "true"}\` on ${name} in this job, or remove the step`;
  return `remove \`${c.input}:\` from ${name} in this job`;
}
