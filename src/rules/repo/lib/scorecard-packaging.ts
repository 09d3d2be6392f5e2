// OpenSSF Scorecard's publishing patterns (checks/fileparser IsPackagingWorkflow), which both its
// Packaging check and its Token-Permissions exemption for `packages: write` read.

import type { Job, Span, Step, Workflow } from "../../../ecosystems/github-actions/index.js";

/** One step a Scorecard job matcher needs in the job: an action by name (and inputs), or a `run:` with two words in order on a line. */
interface StepMatcher {
  uses?: string;
  with?: Readonly<Record<string, string>>;
  run?: readonly [string, string];
}

/** Scorecard's publishing patterns (checks/fileparser IsPackagingWorkflow): every step matcher must match a step of one job. */
export interface JobMatcher {
  what: string;
  steps: readonly StepMatcher[];
}

const MATCHERS: readonly JobMatcher[] = [
  { what: "an npm package (actions/setup-node with registry-url https://registry.npmjs.org, then npm publish)", steps: [{ uses: "actions/setup-node", with: { "registry-url": "https://registry.npmjs.org" } }, { run: ["npm", "publish"] }] },
  { what: "a Java package with Maven (actions/setup-java, then mvn deploy)", steps: [{ uses: "actions/setup-java" }, { run: ["mvn", "deploy"] }] },
  { what: "a Java package with Gradle (actions/setup-java, then gradle publish)", steps: [{ uses: "actions/setup-java" }, { run: ["gradle", "publish"] }] },
  { what: "a Ruby gem (gem push)", steps: [{ run: ["gem", "push"] }] },
  { what: "a NuGet package (nuget push)", steps: [{ run: ["nuget", "push"] }] },
  { what: "a container image (docker push)", steps: [{ run: ["docker", "push"] }] },
  { what: "a container image (docker/build-push-action)", steps: [{ uses: "docker/build-push-action" }] },
  { what: "a Python package (pypa/gh-action-pypi-publish)", steps: [{ uses: "pypa/gh-action-pypi-publish" }] },
  { what: "a Python package (relekang/python-semantic-release)", steps: [{ uses: "relekang/python-semantic-release" }] },
  { what: "a Go release (actions/setup-go, then goreleaser/goreleaser-action)", steps: [{ uses: "actions/setup-go" }, { uses: "goreleaser/goreleaser-action" }] },
  { what: "a Rust crate (cargo publish)", steps: [{ run: ["cargo", "publish"] }] },
  // Scorecard asks for both ko setup actions in one job, which real workflows rarely have.
  { what: "container images with ko (imjasonh/setup-ko and ko-build/setup-ko)", steps: [{ uses: "imjasonh/setup-ko" }, { uses: "ko-build/setup-ko" }] },
];

/** The first job of a workflow (in file order) that Scorecard counts as publishing, with the step that publishes. */
export function scorecardPublishing(workflows: readonly Workflow[]): { wf: Workflow; job: Job; matcher: JobMatcher; at: Span } | undefined {
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      for (const matcher of MATCHERS) {
        const at = jobMatches(job, matcher);
        if (at) return { wf, job, matcher, at };
      }
    }
  }
  return undefined;
}

/** Where the job matches (its last matched step, or its reusable-workflow call), as Scorecard's JobMatcher.matches decides. */
function jobMatches(job: Job, matcher: JobMatcher): Span | undefined {
  // Scorecard tries a reusable-workflow call against its first step matcher's action name only.
  const first = matcher.steps[0];
  if (job.uses && first?.uses !== undefined && job.uses.raw.value.startsWith(`${first.uses}@`)) return job.uses.raw.span;
  let at: Span | undefined;
  for (const m of matcher.steps) {
    const step = job.steps.find((s) => stepMatches(s, m));
    if (!step) return undefined;
    at = step.span;
  }
  return at;
}

/** Scorecard's stepsMatch: `uses` by prefix `name@` (case-sensitive), `with` values exactly, `run` by a regex such as `npm.*publish` per line. */
function stepMatches(step: Step, m: StepMatcher): boolean {
  if (m.uses !== undefined && !(step.uses?.raw.value.startsWith(`${m.uses}@`) ?? false)) return false;
  if (m.with) for (const [k, v] of Object.entries(m.with)) if (step.with[k]?.value !== v) return false;
  if (m.run && (step.run === undefined || !runMatches(step.run.value, m.run[0], m.run[1]))) return false;
  return true;
}

/**
 * True when a `run:` script matches a Scorecard step pattern `a.*b` (`npm.*publish`,
 * `mvn.*release:prepare`): backslash continuations joined first, and `.` not crossing lines.
 */
export function runMatches(script: string, a: string, b: string): boolean {
  return script
    .replace(/\\(?:\r\n|\n|\r)/g, "")
    .split("\n")
    .some((line) => inOrder(line, a, b));
}

/** True when `a` occurs in the line and `b` occurs after it: the regex `a.*b`, in linear time. */
function inOrder(line: string, a: string, b: string): boolean {
  const i = line.indexOf(a);
  return i >= 0 && line.indexOf(b, i + a.length) >= 0;
}

/** True when Scorecard counts a workflow as one that publishes a package (any of its jobs matches a pattern). */
export function isScorecardPackagingWorkflow(wf: Workflow): boolean {
  return scorecardPublishing([wf]) !== undefined;
}
