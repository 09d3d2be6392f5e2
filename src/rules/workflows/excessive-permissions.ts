import type { FindingInput, TextEdit } from "../../core/finding.js";
import type { Severity } from "../../core/severity.js";
import type { YamlFile } from "../../ecosystems/formats/yaml.js";
import { mapPair } from "../../ecosystems/formats/yaml.js";
import type { Job, Permissions, Span, Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { permissionLines, stepNeeds, unionNeeds, type Needs, type StepNeeds } from "./lib/permission-needs.js";
import { isScorecardPackagingWorkflow, runMatches } from "../repo/lib/scorecard-packaging.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { at, through } from "./lib/report.js";
import { runsWorkspaceCode } from "./lib/runs-code.js";
import { loadInputs, sitesByRoot, type Site } from "./lib/sites.js";
import { prependToMapping } from "./lib/yaml-edit.js";

export const rule: Rule = {
  meta: {
    id: "workflows/excessive-permissions",
    title: "Workflow token has more permissions than its jobs need",
    severity: "medium",
    confidence: "high",
    check: "Token-Permissions",
    rationale:
      "Every job gets a GITHUB_TOKEN. Without a `permissions:` block it gets the repository's default, which is read-write for every scope on repositories and organisations created before February 2023. A step that is compromised (an injected script, a hijacked action) can then push code, create releases or approve pull requests. Write scopes set for the whole workflow reach every job, even those that only test. A reusable workflow (`on: workflow_call` alone) runs on the token its callers grant, so its jobs are not reported one by one for setting none (only once, at info, for Scorecard's score), and their own blocks only in the pedantic persona; a job of it that calls another reusable workflow is reported in every persona, as zizmor reports it, since that job is where the nested workflow's token is narrowed. Token-Permissions is scored as OpenSSF Scorecard scores it: 0 where a workflow's jobs run on the default token, or its top grants write to contents, packages or actions, or write-all beside a job on the default token or one writing a scope Scorecard counts; otherwise half a point off for a workflow with no top-level block whose jobs all set their own (said at info), for write-all or write to checks or statuses at the top, and a point for deployments or security-events there, the total truncated to a whole point. Scorecard reads no triggers, so a reusable-only workflow is scored like any other (its missing blocks score 0, said at info), and a job's `packages: write` costs nothing in a workflow that publishes a package the way Scorecard's Packaging check recognises. What Scorecard does not count (a job's own block, `read-all`, write to issues, pull requests or OIDC tokens) is reported but leaves the score alone.",
    remediation:
      "Set `permissions:` at the top of each workflow to the least the jobs share (usually `contents: read`), and give a job more only where it needs it (`contents: write` on the release job, `id-token: write` only where a job signs or publishes with OIDC). `assay fix` writes the least permissions it can compute from the steps' actions and commands.",
    references: [
      { title: "GitHub: Controlling permissions for GITHUB_TOKEN", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token" },
      { title: "OpenSSF Scorecard: Token-Permissions", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions" },
      { title: "zizmor: excessive-permissions", url: "https://docs.zizmor.sh/audits/#excessive-permissions" },
      { title: "CWE-250: Execution with Unnecessary Privileges", url: "https://cwe.mitre.org/data/definitions/250.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
    // Findings carry Scorecard's score for the repository as their grade, impact "zero" or "none"; a point a finding is
    // the fallback only where a zeroing finding is counted beside graded ones, and the check is 0 then anyway.
    scoring: { perFinding: 1 },
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (inputs.workflows.length === 0) return ctx.notApplicable("no GitHub Actions workflows in this repository");
    const grouped = sitesByRoot(inputs.sites);
    const all: Scored[] = [];
    for (const wf of inputs.workflows) all.push(...audit(wf, jobNeeds(wf, grouped.get(wf) ?? [])));
    const grade = scorecardGrade(all);
    for (const s of all) ctx.report(scoredFinding(s, grade));
  },
};

/** A finding and what Scorecard's Token-Permissions takes off for the same thing (0: nothing, as for a job's own block). */
interface Scored {
  f: FindingInput;
  deduct: number;
}

/**
 * Scorecard's Token-Permissions score from the findings' deductions: 10 less their sum, truncated
 * to a whole point (Scorecard casts its float to an int: 9.5 scores 9). A finding that zeroes it
 * does so itself while it counts, so it is left out here: suppressed, it must not zero the rest.
 * Scorecard reads job blocks before workflow blocks, so a job's write only counts beside a
 * top-level `write-all`, which the finding at the top carries.
 */
function scorecardGrade(all: readonly Scored[]): number {
  const off = all.reduce((n, s) => n + (s.f.impact === "zero" ? 0 : s.deduct), 0);
  return Math.trunc(Math.max(0, 10 - off));
}

/**
 * A finding as it weighs on Token-Permissions: one that zeroes it as it is; one Scorecard takes
 * points off for keeps the score Scorecard gives the whole repository (the rule's grade); one
 * Scorecard does not count (a job's block, `read-all`, a scope it ignores) is shown but leaves the score alone.
 */
function scoredFinding(s: Scored, grade: number): FindingInput {
  if (s.f.impact === "zero") return s.f;
  return s.deduct > 0 ? { ...s.f, grade } : { ...s.f, impact: "none" };
}

/** What each job of a workflow needs, from its steps as they run (composite actions expanded). */
function jobNeeds(wf: Workflow, sites: readonly Site[]): Map<string, StepNeeds> {
  const out = new Map<string, StepNeeds>();
  for (const job of wf.jobs) {
    if (job.uses) {
      // A reusable workflow gets the calling job's token: its needs are those of its own jobs, which only a local one shows.
      const called = sites.filter((s) => s.root === wf && s.via[0]?.kind === "workflow" && s.via[0].job === job);
      out.set(job.id, job.uses.kind === "local" && called.length > 0 ? unionNeeds(called.map((s) => stepNeeds(s.step))) : { needs: new Map(), unknown: true });
      continue;
    }
    const steps = sites.filter((s) => s.root === wf && s.workflow === wf && s.job === job).map((s) => s.step);
    out.set(job.id, unionNeeds((steps.length > 0 ? steps : job.steps).map(stepNeeds)));
  }
  return out;
}

const WRITE_SEVERITY: Readonly<Record<string, Severity>> = { contents: "high", actions: "high", packages: "high", "id-token": "medium", deployments: "high", "pull-requests": "medium", issues: "medium", pages: "medium", attestations: "medium", checks: "low", statuses: "low", "security-events": "medium", discussions: "low", "repository-projects": "low" };

/** Scopes Scorecard's Token-Permissions scores 0 for when a workflow grants write to them at its top level. */
const SCORECARD_ZERO_AT_TOP = new Set(["contents", "packages", "actions"]);

/** Points Scorecard's Token-Permissions takes off for write to these scopes at a workflow's top level (others: none). */
const SCORECARD_OFF_AT_TOP: Readonly<Record<string, number>> = { checks: 0.5, statuses: 0.5, deployments: 1, "security-events": 1 };

/** The scopes Scorecard counts a job's `write` to (beside a top-level `write-all`, it scores 0). */
const SCORECARD_JOB_SCOPES = new Set(["statuses", "checks", "security-events", "deployments", "contents", "packages", "actions"]);

function audit(wf: Workflow, needs: Map<string, StepNeeds>): Scored[] {
  const scored: Scored[] = [];
  // Pushing to `out` records a finding Scorecard does not count; `count` records one with its deduction.
  const out = { push: (f: FindingInput): void => void scored.push({ f, deduct: 0 }) };
  const count = (f: FindingInput, deduct: number): void => void scored.push({ f, deduct });
  const y = wf.yaml;
  const reusableOnly = wf.events.length > 0 && wf.events.every((e) => e === "workflow_call");
  const privileged = wf.events.some((e) => ["pull_request_target", "workflow_run", "issue_comment", "issues"].includes(e));
  const inheriting = wf.jobs.filter((j) => !j.permissions);
  const known = (jobs: readonly Job[]): boolean => jobs.every((j) => !needs.get(j.id)?.unknown);

  // No permissions anywhere: the repository's default token. As zizmor reports it: one finding per job that runs on it,
  // at the job, and in a workflow of several jobs one more at the workflow's first key (in a one-job workflow that one
  // is zizmor's pedantic finding, and the job's says it all).
  if (!wf.permissions && inheriting.length > 0 && !reusableOnly) {
    const fix = known(inheriting) ? defaultsFix(wf, inheriting, needs) : undefined;
    const outsiders = privileged ? `, in a workflow outsiders can trigger (${wf.events.join(", ")})` : "";
    const remedy = fix?.text ?? "add `permissions:\n  contents: read` at the top of the workflow, and give jobs that write (releases, comments, packages) their own `permissions:` with only those scopes";
    const single = wf.jobs.length === 1;
    if (!single) {
      out.push({
        message: `${wf.path} sets no \`permissions:\`, so ${inheriting.length === wf.jobs.length ? "every job" : `job${inheriting.length > 1 ? "s" : ""} ${inheriting.map((j) => `\`${j.id}\``).join(", ")}`} run${inheriting.length === wf.jobs.length || inheriting.length === 1 ? "s" : ""} with the repository's default token, read-write on older repositories${outsiders}`,
        locations: [at(wf.path, spanOfNode(y, (y.doc as { contents?: unknown }).contents))],
        // Medium even where outsiders start the run (as zizmor rates it): the default token is a hardening gap; what an
        // outsider can make such a run execute is template-injection's and dangerous-triggers' finding, rated there.
        severity: "medium",
        // Scorecard's Token-Permissions scores 0 for a workflow whose jobs run on the default token, whatever else is right.
        impact: "zero",
        key: "no-permissions",
        evidence: { jobs: inheriting.map((j) => j.id) },
        fix: remedy,
        ...(fix ? { edits: fix.edits } : {}),
      });
    }
    for (const job of inheriting) {
      out.push({
        message: `job \`${job.id}\` in ${wf.path} runs with the repository's default token, read-write on older repositories: neither it nor the workflow sets \`permissions:\`${outsiders}`,
        // The job's key; then the whole job, which zizmor's finding spans, so its ignore comment anywhere in the job holds.
        locations: [at(wf.path, job.span), at(wf.path, jobBlock(y, job))],
        severity: "medium",
        impact: "zero",
        // A one-job workflow's finding was always at its job, under this key: its fingerprint stays.
        key: single ? "no-permissions" : `${job.id}:no-permissions`,
        evidence: { jobs: [job.id] },
        // The workflow-level finding carries the edit of a workflow of several jobs: one edit, applied once.
        fix: single ? remedy : `give job \`${job.id}\` (or the whole workflow) a \`permissions:\` block with only the scopes it needs`,
        ...(single && fix ? { edits: fix.edits } : {}),
      });
    }
  }

  // Every job sets its own block, so none runs on the default token today; but a job added without one would, and
  // Scorecard takes half a point off for the missing top-level block: said at info, for the score to mean the same.
  if (!wf.permissions && inheriting.length === 0 && wf.jobs.length > 0) {
    const fix = defaultsFix(wf, [], needs);
    count(
      {
        message: reusableOnly
          ? `${wf.path} sets no \`permissions:\` at its top level; every job sets its own, and as a reusable workflow its token is its callers', but Scorecard reads no triggers and takes half a point off Token-Permissions for the missing block`
          : `${wf.path} sets no \`permissions:\` at its top level; every job sets its own, so none runs on the repository's default token, but a job added without a block would (Scorecard takes half a point off Token-Permissions for it)`,
        locations: [at(wf.path, spanOfNode(y, (y.doc as { contents?: unknown }).contents))],
        severity: "info",
        key: "no-top-permissions",
        fix: "permissions:\n  contents: read",
        ...(fix ? { edits: fix.edits } : {}),
      },
      0.5,
    );
  }

  // A reusable-only workflow's jobs run on the token its callers grant, so they are not reported here (zizmor makes them
  // pedantic). A job of it that calls another reusable workflow is, as zizmor reports it (regular, medium): that job is
  // where the nested workflow's token is narrowed, and without a block it hands on all its callers granted.
  if (!wf.permissions && reusableOnly) {
    // Scorecard reads no triggers: to it these jobs run on the default token like any other's, and it scores
    // Token-Permissions 0. Said once, at info, so the score means the same as Scorecard's in every persona.
    if (inheriting.length > 0) {
      const fix = known(inheriting) ? defaultsFix(wf, inheriting, needs) : undefined;
      out.push({
        message: `${wf.path} is a reusable workflow that sets no \`permissions:\`, nor ${inheriting.length === wf.jobs.length ? (wf.jobs.length === 1 ? "does its job" : "do its jobs") : `do job${inheriting.length > 1 ? "s" : ""} ${inheriting.map((j) => `\`${j.id}\``).join(", ")}`}: they run on the token each caller grants, so zizmor leaves this to its pedantic persona, but Scorecard reads no triggers, counts them as running on the repository's default token, and scores Token-Permissions 0 for it`,
        locations: [at(wf.path, spanOfNode(y, (y.doc as { contents?: unknown }).contents))],
        severity: "info",
        impact: "zero",
        key: "reusable:no-permissions",
        evidence: { jobs: inheriting.map((j) => j.id) },
        fix: fix?.text ?? "add `permissions:\n  contents: read` at the top of the workflow (a called workflow's block can only narrow what its callers grant), and give jobs that write their own `permissions:` with only those scopes",
        ...(fix ? { edits: fix.edits } : {}),
      });
    }
    for (const job of inheriting) {
      if (!job.uses) continue;
      out.push({
        message: `job \`${job.id}\` in ${wf.path} calls ${job.uses.raw.value} without \`permissions:\`, so the called workflow gets every permission this workflow's callers grant, whatever it needs`,
        locations: [at(wf.path, job.span)],
        severity: "medium",
        key: `${job.id}:no-permissions`,
        evidence: { jobs: [job.id] },
        // No edit: a block narrower than what the called workflow's own `permissions:` ask for stops its run at startup.
        fix: `give job \`${job.id}\` a \`permissions:\` block with the scopes the called workflow's jobs need (at least what its own \`permissions:\` ask for)`,
      });
    }
  }

  const blocks: { owner: "workflow" | Job; p: Permissions }[] = [];
  if (wf.permissions) blocks.push({ owner: "workflow", p: wf.permissions });
  for (const j of wf.jobs) if (j.permissions) blocks.push({ owner: j, p: j.permissions });

  // zizmor reports the workflow's own block only in its pedantic persona where no job runs on it alone: one job (whose
  // own findings say it), every job with its own block, or a reusable workflow (its callers set the token). So too a
  // job's own block in a reusable workflow, its token capped by what the callers grant, but for a job that calls
  // another reusable workflow, whose block is what that one gets. Findings that score Token-Permissions 0 for
  // Scorecard stay in every persona, so the score means the same whatever is shown.
  const topPedantic = wf.jobs.length === 1 || inheriting.length === 0 || reusableOnly;
  // Scorecard's points off count for the workflow's own block only, in a reusable workflow too: it reads no triggers.
  const scorecardTop = (owner: "workflow" | Job): boolean => owner === "workflow";
  for (const { owner, p } of blocks) {
    const pedantic = owner === "workflow" ? topPedantic : reusableOnly && !owner.uses;
    // What Scorecard counts stays in every persona, so the score means the same whatever is shown.
    const push = (f: FindingInput, deduct = 0): void => {
      count(pedantic && f.impact !== "zero" && deduct === 0 ? { ...f, persona: "pedantic" } : f, deduct);
    };
    const jobs = owner === "workflow" ? inheriting : [owner];
    const label = owner === "workflow" ? `the workflow level of ${wf.path}` : `job \`${owner.id}\` in ${wf.path}`;
    const all = p.all?.value.trim().toLowerCase();
    if (all === "write-all") {
      const union = unionNeeds(jobs.map((j) => needs.get(j.id) ?? { needs: new Map(), unknown: true }));
      const edit = !union.unknown && p.all ? replaceWithBlock(wf.path, y, p, union.needs) : undefined;
      // At the top with jobs inheriting it, or beside a job's own write to a scope Scorecard counts, Scorecard scores 0;
      // alone at the top it takes half a point; a job's own write-all beside a read-only top costs nothing.
      const zero = owner === "workflow" && (jobs.length > 0 || wf.jobs.some((j) => scorecardJobWrites(wf, j)));
      // Every job sets its own block: this one grants nothing until a job without one is added.
      const idleTop = owner === "workflow" && jobs.length === 0;
      push(
        {
          message: idleTop
            ? `\`permissions: write-all\` at ${label} grants nothing today, as every job sets its own \`permissions:\`, but a job added without a block would get write to every scope`
            : `\`permissions: write-all\` at ${label} lets every step write to every scope (code, releases, packages, workflows)`,
          locations: [at(wf.path, p.all?.span ?? p.span)],
          severity: idleTop && !zero ? "info" : "high",
          ...(zero ? { impact: "zero" as const } : {}),
          key: `${owner === "workflow" ? "workflow" : owner.id}:write-all`,
          fix: union.unknown ? "list only the scopes the jobs use, e.g. `permissions:\\n  contents: read`" : `permissions:\n${indentLines(permissionLines(union.needs), "  ") || "  {}"}`,
          ...(edit ? { edits: [edit] } : {}),
        },
        !zero && scorecardTop(owner) ? 0.5 : 0,
      );
      continue;
    }
    if (all === "read-all") {
      // Every job sets its own `permissions:`, which replace the workflow's: this block grants nothing (OpenSSF
      // Scorecard's template writes exactly this), as an unused workflow-level scope below is not reported either.
      if (jobs.length === 0) continue;
      push({
        message: `\`permissions: read-all\` at ${label} grants read on every scope, including security events, actions and packages; list only what the jobs read`,
        locations: [at(wf.path, p.all?.span ?? p.span)],
        severity: "low",
        key: `${owner === "workflow" ? "workflow" : owner.id}:read-all`,
        fix: "permissions:\n  contents: read",
      });
      continue;
    }
    for (const [scope, level] of Object.entries(p.scopes)) {
      if (level.value !== "write") continue;
      const using = jobs.filter((j) => needs.get(j.id)?.needs.get(scope) === "write");
      const unsure = jobs.filter((j) => needs.get(j.id)?.unknown);
      const idle = jobs.filter((j) => !using.includes(j) && !unsure.includes(j));
      const keyAt = mapPair(p.node, scope)?.key;
      const loc = keyAt ? at(wf.path, spanOfNode(y, keyAt)) : at(wf.path, level.span);
      const off = scorecardTop(owner) ? (SCORECARD_OFF_AT_TOP[scope] ?? 0) : 0;
      if (owner === "workflow" && jobs.length >= 2 && idle.length > 0 && (using.length > 0 || unsure.length > 0)) {
        push({
          message: `\`${scope}: write\` is set for the whole of ${wf.path}, so job${idle.length > 1 ? "s" : ""} ${idle.map((j) => `\`${j.id}\``).join(", ")} get${idle.length > 1 ? "" : "s"} it without needing it${using.length > 0 ? `; only ${using.map((j) => `\`${j.id}\``).join(", ")} use${using.length > 1 ? "" : "s"} it` : ""}`,
          locations: [loc],
          severity: WRITE_SEVERITY[scope] ?? "medium",
          // Write to the code, the packages or the workflow runs, granted at the top: Scorecard scores the check 0.
          ...(SCORECARD_ZERO_AT_TOP.has(scope) ? { impact: "zero" as const } : {}),
          key: `workflow:${scope}`,
          evidence: { scope, unneededBy: idle.map((j) => j.id), neededBy: using.map((j) => j.id) },
          fix: `set \`permissions:\\n  contents: read\` for the workflow and move \`${scope}: write\` into the \`permissions:\` of ${using.length > 0 ? using.map((j) => `\`${j.id}\``).join(", ") : "the job that needs it"}`,
        }, off);
      } else if (jobs.length > 0 && using.length === 0 && unsure.length === 0) {
        // A script of the repository run after a checkout that saved the token may push with it (`./scripts/backport.sh`):
        // the table cannot see inside it, so the claim is less sure.
        const pusher = scope === "contents" ? jobs.find(scriptWithSavedToken) : undefined;
        push({
          message: `\`${scope}: write\` at ${label} is not needed: no step of ${jobs.length > 1 ? "its jobs" : `job \`${(jobs[0] as Job).id}\``} ${scope === "id-token" ? "signs, attests or publishes with OIDC" : `writes to ${scope}`}${pusher ? ` that the workflow shows (a script of the repository in job \`${pusher.id}\` runs with the token its checkout saved, and may push: check it before removing the scope)` : ""}`,
          locations: [loc],
          severity: scope === "id-token" ? "medium" : "low",
          ...(pusher ? { confidence: "medium" as const } : {}),
          ...(owner === "workflow" && SCORECARD_ZERO_AT_TOP.has(scope) ? { impact: "zero" as const } : {}),
          key: `${owner === "workflow" ? "workflow" : owner.id}:${scope}:unused`,
          evidence: { scope },
          fix: `remove \`${scope}: write\` (or lower it to \`${scope}: read\` if a step reads it)`,
        }, off);
      } else if (owner === "workflow" && wf.jobs.length >= 2 && jobs.length > 0 && idle.length === 0 && !reusableOnly) {
        // Every job that inherits it uses it (release-please's template), but the other jobs set their own and the next
        // one added will not: zizmor reports a workflow-level write in a workflow of several jobs, Scorecard scores it.
        const users = [...using, ...unsure].map((j) => `\`${j.id}\``);
        push({
          message: `\`${scope}: write\` is set for the whole of ${wf.path}, which has ${wf.jobs.length} jobs: ${users.join(", ")} use${users.length > 1 ? "" : "s"} it, and any job added without its own \`permissions:\` would get it too`,
          locations: [loc],
          severity: "low",
          ...(SCORECARD_ZERO_AT_TOP.has(scope) ? { impact: "zero" as const } : {}),
          key: `workflow:${scope}:shared`,
          evidence: { scope, neededBy: [...using, ...unsure].map((j) => j.id) },
          fix: `set \`permissions:\n  contents: read\` for the workflow and move \`${scope}: write\` into the \`permissions:\` of ${users.join(", ")}`,
        }, off);
      } else if (owner === "workflow" && (SCORECARD_ZERO_AT_TOP.has(scope) || off > 0)) {
        // The top of a one-job workflow is that job's, and one under jobs that all set their own grants nothing (zizmor
        // reports neither outside its pedantic persona), but Scorecard counts write at the top of a workflow as the
        // token's default for every job: 0 for code, packages or runs, points off for the others. Said at info.
        const job = jobs.length === 1 && wf.jobs.length === 1 ? jobs[0] : undefined;
        const zero = SCORECARD_ZERO_AT_TOP.has(scope);
        const cost = zero ? "scores Token-Permissions 0 for it" : `takes ${off === 1 ? "a point" : "half a point"} off Token-Permissions for it`;
        push({
          message: job
            ? `\`${scope}: write\` is granted at the top of ${wf.path} for its one job \`${job.id}\`, which uses it; Scorecard counts write to ${scope} at the top of a workflow as the token's default for every job, and a job added later would get it (Scorecard ${cost})`
            : `\`${scope}: write\` is granted at the top of ${wf.path}${jobs.length === 0 ? ", where every job sets its own `permissions:`, so no job gets it today" : ""}; Scorecard counts write to ${scope} at the top of a workflow as the token's default for every job, and a job added without a block would get it (Scorecard ${cost})`,
          locations: [loc],
          severity: "info",
          ...(zero ? { impact: "zero" as const } : {}),
          key: `workflow:${scope}:top`,
          evidence: { scope, neededBy: [...using, ...unsure].map((j) => j.id) },
          fix: job
            ? `set \`permissions:\n  contents: read\` for the workflow and move \`${scope}: write\` into job \`${job.id}\`'s \`permissions:\``
            : `remove \`${scope}: write\` from the workflow's top-level \`permissions:\` and grant it in the \`permissions:\` of the jobs that need it`,
        }, off);
      }
    }
  }
  return scored;
}

/**
 * True when a job's own block grants write to a scope Scorecard counts, less those it accepts for
 * the workflow's kind: `contents` in a release (goreleaser after setup-go, python-semantic-release,
 * the SLSA generators, `mvn release:prepare`, which commits) or GitHub Pages (peaceiris/actions-gh-pages) workflow, `security-events` in
 * one that uploads SARIF (CodeQL, Scorecard's action), `packages` in one that publishes a package
 * the way Scorecard's Packaging check recognises (any job of it, as Scorecard asks of the workflow).
 */
function scorecardJobWrites(wf: Workflow, job: Job): boolean {
  if (!job.permissions) return false;
  const writes = Object.entries(job.permissions.scopes).filter(([k, v]) => v.value === "write" && SCORECARD_JOB_SCOPES.has(k.toLowerCase())).map(([k]) => k.toLowerCase());
  if (writes.length === 0) return false;
  const names = (j: Job): string[] => [...j.steps.map((s) => usesName(s.uses)), usesName(j.uses)].filter((n): n is string => n !== undefined);
  const jobsUsing = wf.jobs.map(names);
  const releases = jobsUsing.some(
    (n) =>
      n.includes("relekang/python-semantic-release") ||
      n.includes("peaceiris/actions-gh-pages") ||
      (n.includes("actions/setup-go") && n.includes("goreleaser/goreleaser-action")) ||
      n.some((x) => /^slsa-framework\/slsa-github-generator\/\.github\/workflows\/(?:builder_go|generator_generic)_slsa3\.yml$/.test(x)),
  ) || wf.jobs.some((j) => j.steps.some((st) => st.run !== undefined && runMatches(st.run.value, "mvn", "release:prepare")));
  const sarif = jobsUsing.some((n) => n.some((x) => x === "github/codeql-action/analyze" || x === "github/codeql-action/upload-sarif" || x === "ossf/scorecard-action"));
  const packaging = writes.includes("packages") && isScorecardPackagingWorkflow(wf);
  return writes.some((k) => !(k === "contents" && releases) && !(k === "security-events" && sarif) && !(k === "packages" && packaging));
}

/** True when a job runs a script of the repository after an `actions/checkout` that keeps the token in git's configuration. */
function scriptWithSavedToken(job: Job): boolean {
  const at = job.steps.findIndex((s) => isAction(usesName(s.uses), "actions/checkout") && !/^false$/i.test(s.with["persist-credentials"]?.value.trim() ?? ""));
  return at >= 0 && job.steps.slice(at + 1).some((s) => s.run !== undefined && runsWorkspaceCode(s.run.value) && namesScriptFile(s.run.value));
}

/** True when a script names a program or script file of the repository (`./release`, `scripts/bump.sh`), word by word. */
function namesScriptFile(script: string): boolean {
  return script
    .slice(0, 20_000)
    .split(/[\s;&|()"'`]+/)
    .some((w) => /^\.{1,2}\/[\w.-]/.test(w) || /^[\w./-]{1,200}\.(?:sh|bash|py|js|mjs|cjs|ts|rb|pl)$/.test(w));
}

/** A job from its key to the end of its body: what zizmor's job-level findings span. */
function jobBlock(y: YamlFile, job: Job): Span {
  return through(job.span, spanOfNode(y, job.node));
}

function spanOfNode(y: YamlFile, node: unknown) {
  const r = (node as { range?: [number, number] }).range ?? [0, 0];
  const a = y.lines.linePos(r[0]);
  const b = y.lines.linePos(Math.max(r[0], r[1] - 1));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col, offset: r[0], endOffset: r[1] };
}

function indentLines(lines: readonly string[], indent: string): string {
  return lines.map((l) => `${indent}${l}`).join("\n");
}

/** `permissions: write-all` → a block with the scopes the jobs need (or `{}`). */
function replaceWithBlock(path: string, y: YamlFile, p: Permissions, needs: Needs): TextEdit | undefined {
  const s = p.all;
  if (!s) return undefined;
  const keyCol = y.lines.linePos(p.span.offset).col - 1;
  const lines = permissionLines(needs);
  const replacement = lines.length === 0 ? "{}" : `\n${lines.map((l) => `${" ".repeat(keyCol + 2)}${l}`).join("\n")}`;
  // Take the space after the colon too, so no trailing blank is left on the key's line.
  const from = replacement.startsWith("\n") && y.text[s.span.offset - 1] === " " ? s.span.offset - 1 : s.span.offset;
  return { path, offset: from, replace: y.text.slice(from, s.span.endOffset), with: replacement };
}

/** Least permissions for a workflow that declares none: a read-only default and blocks for the jobs that write. */
function defaultsFix(wf: Workflow, jobs: readonly Job[], needs: Map<string, StepNeeds>): { text: string; edits: TextEdit[] } | undefined {
  const y = wf.yaml;
  const jobsPair = mapPair(y.doc.contents, "jobs");
  const keyStart = (jobsPair?.key as { range?: [number, number] } | undefined)?.range?.[0];
  if (keyStart === undefined || y.lines.linePos(keyStart).col !== 1) return undefined;
  const eol = y.text.includes("\r\n") ? "\r\n" : "\n";
  const edits: TextEdit[] = [{ path: wf.path, offset: keyStart, replace: "", with: `permissions:${eol}  contents: read${eol}${eol}` }];
  const shown = ["permissions:", "  contents: read"];
  for (const job of jobs) {
    const n = needs.get(job.id)?.needs ?? new Map();
    const beyond = [...n].some(([k, v]) => !(k === "contents" && v === "read"));
    if (!beyond) continue;
    const edit = prependToMapping(wf.path, y, job.node, ["permissions:", ...permissionLines(n).map((l) => `  ${l}`)]);
    if (!edit) return undefined;
    edits.push(edit);
    shown.push(`jobs.${job.id}.permissions:`, ...permissionLines(n).map((l) => `  ${l}`));
  }
  return { text: `least permissions computed from the steps:\n\n${shown.join("\n")}`, edits };
}
