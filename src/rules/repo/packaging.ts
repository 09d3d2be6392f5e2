import { actionName, loadWorkflows, walkSteps, workflowFiles, type Step, type StepVisit, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";
import { ciCommands, otherCiFiles } from "./lib/ci-configs.js";
import { LOCAL_REGISTRY, publishesIn, REGISTRY_KINDS, stepCommandLines, type PublishKind } from "./lib/release-commands.js";
import { publishesOf, type ScriptPublish } from "./lib/release-scripts.js";
import { scorecardPublishing } from "./lib/scorecard-packaging.js";
import { ScriptReader, scriptCalls, scriptFiles, unitsOf, type ScriptUnit } from "./lib/scripts.js";

export const rule: Rule = {
  meta: {
    id: "repo/packaging",
    title: "Packages are published by hand, not by CI",
    severity: "medium",
    confidence: "medium",
    check: "Packaging",
    rationale:
      "A package (npm, PyPI, crates.io, RubyGems, Maven, NuGet, a container image) gives users an easy way to install the project and to receive its security fixes as updates; publishing it from a CI workflow makes every release come from reviewed source, with the registry token kept in CI rather than on a maintainer's machine. Like OpenSSF Scorecard, the check passes (10) when a job of a workflow in .github/workflows publishes the way Scorecard recognises: actions/setup-node with `registry-url: https://registry.npmjs.org` and a `run:` matching `npm…publish`; actions/setup-java and `mvn…deploy` or `gradle…publish`; `gem…push`, `nuget…push`, `docker…push` or `cargo…publish` in a `run:`; docker/build-push-action; pypa/gh-action-pypi-publish; relekang/python-semantic-release; actions/setup-go and goreleaser/goreleaser-action; both ko setup actions. Each pattern is matched within one job, on the job's own steps (not those of the composite actions it uses), whatever the workflow's triggers: a publish step in a workflow run only on pull requests counts too, and the evidence says so. Scorecard also asks GitHub that the workflow has run successfully, which cannot be checked offline. When nothing matches Scorecard leaves the check unscored (-1, \"packaging workflow not detected\"), since a project may be packaged in ways it cannot see; so does assay, naming what CI publishes in a way Scorecard does not recognise (`twine upload`, `uv publish`, a publish inside a composite action or a script, npm's `registry-url` written otherwise) so the result can be understood. assay fails the check only when the checkout shows packages published by hand: a release script, Makefile target or justfile recipe publishes to a package registry (`npm publish`, `twine upload`, `cargo publish`, `gem push`) and no workflow or other CI configuration runs it, even through another script (a test suite's scripts and publishes to a registry on localhost are not releases, images pushed by hand, often development images, are not judged, and GoReleaser run by hand is left to repo/signed-releases, which judges the archives it attaches to a GitHub release); Scorecard's probe (packagedWithAutomatedWorkflow) is negative there too but it cannot tell that case from an unpackaged project, so it leaves the check unscored.",
    remediation:
      "Publish from a workflow run on releases or version tags, in a job that sets up the toolchain and publishes in the form Scorecard recognises, for example for npm: `actions/setup-node` with `registry-url: https://registry.npmjs.org` then `npm publish --provenance`; for PyPI: `pypa/gh-action-pypi-publish` with Trusted Publishing; for Maven or Gradle: `actions/setup-java` then `mvn deploy` or `./gradlew publish`; for Go: `actions/setup-go` then `goreleaser/goreleaser-action`; for images: `docker/build-push-action`; for crates and gems: `cargo publish` or `gem push`. Retire the release script, or have the workflow run it.",
    references: [
      { title: "OpenSSF Scorecard: Packaging", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#packaging" },
      { title: "GitHub: Publishing Node.js packages", url: "https://docs.github.com/en/actions/use-cases-and-examples/publishing-packages/publishing-nodejs-packages" },
      { title: "PyPI: Publishing with a Trusted Publisher", url: "https://docs.pypi.org/trusted-publishers/using-a-publisher/" },
      { title: "GitHub: Publishing Java packages with Maven", url: "https://docs.github.com/en/actions/use-cases-and-examples/publishing-packages/publishing-java-packages-with-maven" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    // A workflow that cannot be parsed does not run on GitHub either; Scorecard stops on one actionlint cannot read at all.
    const workflows = await loadWorkflows(ctx, { optional: true });
    const unparsed = workflowFiles(ctx).length - workflows.length;
    const recognised = scorecardPublishing(workflows);
    if (recognised) {
      const { wf, job, matcher, at } = recognised;
      const only = pullRequestOnly(wf) ? `; the workflow runs only on ${wf.events.join(", ")}, so it is no release path, but Scorecard counts it all the same` : "";
      ctx.evidence({
        message: `${wf.path} publishes ${matcher.what} in job ${job.id}, as Scorecard recognises${only} (Scorecard also asks GitHub that the workflow has run successfully, which cannot be checked offline)`,
        locations: [{ path: wf.path, startLine: at.line, startColumn: at.column }],
      });
      return;
    }
    const reader = new ScriptReader(ctx);
    const called = new Set<string>();
    const inCi = await unrecognisedPublishing(ctx, reader, called);
    if (inCi.length > 0) {
      const shown = inCi.slice(0, 3).map((p) => `${p.what} at ${p.path}:${p.line}${p.why ? ` (${p.why})` : ""}`);
      ctx.notApplicable(`CI publishes ${shown.join(", ")}${inCi.length > 3 ? ` and ${inCi.length - 3} more` : ""}, in a way Scorecard does not recognise, so it leaves Packaging unscored (packaging workflow not detected) and so does assay`);
      return;
    }
    // Only what no CI runs is a release by hand: the scripts other CI systems run are recorded first.
    await scriptsOtherCiRuns(ctx, reader, called);
    const manual = await manualPublishing(ctx, reader, called);
    const registry = manual.filter((m) => m.publishes.some((p) => REGISTRY_KINDS.has(p.kind)));
    if (registry.length > 0 && unparsed > 0) {
      ctx.incomplete(`${registry.length === 1 ? "a release script publishes" : `${registry.length} release scripts publish`} by hand, and ${unparsed === 1 ? "a workflow" : `${unparsed} workflows`} that may run ${registry.length === 1 ? "it" : "them"} could not be parsed`);
      return;
    }
    for (const m of registry) {
      const publishes = m.publishes.filter((p) => REGISTRY_KINDS.has(p.kind));
      const first = publishes[0] as ScriptPublish;
      const via = [...new Set(publishes.map((p) => p.via))].join(", ");
      const where = m.unit.name === undefined ? m.unit.path : `${m.unit.path} target ${m.unit.name}`;
      ctx.report({
        message: `${where} publishes by hand (${via}): no workflow or other CI configuration runs it, so packages are published from a maintainer's machine rather than by CI`,
        locations: [{ path: first.at.path, startLine: first.at.line, startColumn: first.at.column }],
        evidence: { via, script: m.unit.path, ...(m.unit.name !== undefined ? { target: m.unit.name } : {}) },
        fix: exampleWorkflow(first.kind),
        key: `${m.unit.path}#${m.unit.name ?? ""}`,
      });
    }
    if (registry.length > 0) return;
    const images = manual.flatMap((m) => m.publishes.filter((p) => p.kind === "container"));
    const releases = manual.flatMap((m) => m.publishes.filter((p) => p.kind === "goreleaser"));
    const also = [
      ...(images.length > 0 ? [`; ${images[0]?.at.path}:${images[0]?.at.line} pushes container images by hand (${images[0]?.via}), often development images, which are not judged`] : []),
      ...(releases.length > 0 ? [`; ${releases[0]?.at.path}:${releases[0]?.at.line} runs GoReleaser by hand (${releases[0]?.via}), whose release archives repo/signed-releases judges`] : []),
    ].join("");
    ctx.notApplicable(`no workflow publishes a package the way Scorecard recognises, and no script publishes one to a package registry by hand${also} (Scorecard: packaging workflow not detected, not scored)`);
  },
};

/** Events of pull requests alone: a workflow on only these never publishes a release. */
const PR_EVENTS: ReadonlySet<string> = new Set(["pull_request", "pull_request_target", "merge_group"]);

function pullRequestOnly(wf: Workflow): boolean {
  return wf.events.length > 0 && wf.events.every((e) => PR_EVENTS.has(e));
}

/** Actions that publish a package or image, by name, when Scorecard's patterns did not count them. */
const PUBLISH_ACTIONS: ReadonlyMap<string, string> = new Map([
  ["pypa/gh-action-pypi-publish", "a Python package (pypa/gh-action-pypi-publish)"],
  ["docker/build-push-action", "a container image (docker/build-push-action)"],
  ["goreleaser/goreleaser-action", "a GoReleaser release (goreleaser/goreleaser-action)"],
  ["js-devtools/npm-publish", "an npm package (JS-DevTools/npm-publish)"],
  ["rubygems/release-gem", "a Ruby gem (rubygems/release-gem)"],
  ["python-semantic-release/python-semantic-release", "a Python package (python-semantic-release)"],
  ["relekang/python-semantic-release", "a Python package (python-semantic-release)"],
  ["ko-build/setup-ko", "container images with ko"],
  ["imjasonh/setup-ko", "container images with ko"],
]);

/** Labels of what a command publishes. */
const KIND_LABEL: Readonly<Record<PublishKind, string>> = {
  npm: "an npm package",
  pypi: "a Python package",
  container: "a container image",
  rubygems: "a Ruby gem",
  goreleaser: "a GoReleaser release",
  crate: "a Rust crate",
  "release-assets": "release files",
};

interface CiPublish {
  what: string;
  path: string;
  line: number;
  /** Why Scorecard does not count it, when that is not plain from `what`. */
  why?: string;
}

/** Most script calls followed from one CI line, through scripts calling scripts. */
const MAX_CALL_DEPTH = 3;

/**
 * What CI publishes in ways Scorecard's patterns miss: publish commands and actions anywhere in
 * the workflows, their composite actions and the scripts they run, with why each is not counted.
 * Records every script CI runs in `called`.
 */
async function unrecognisedPublishing(ctx: RuleContext, reader: ScriptReader, called: Set<string>): Promise<CiPublish[]> {
  const out: CiPublish[] = [];
  for await (const visit of walkSteps(ctx, { optional: true })) {
    const { step } = visit;
    const file = visit.action?.path ?? visit.workflow.path;
    const inside = visit.action ? "inside a composite action, whose steps Scorecard does not read" : undefined;
    const name = step.uses ? actionName(step.uses.name) : "";
    const byAction = PUBLISH_ACTIONS.get(name);
    if (byAction) out.push({ what: byAction, path: file, line: step.span.line, ...actionMissed(visit, name, inside) });
    if (step.run === undefined) continue;
    const wd = step.workingDirectory?.value ?? visit.job.defaults.workingDirectory?.value ?? visit.workflow.defaults.workingDirectory?.value ?? "";
    for (const line of stepCommandLines(step)) {
      const at = step.run.spanOf(line.offset, line.end).line;
      for (const p of publishesIn(line.text)) {
        if (p.kind === "release-assets") continue;
        out.push({ what: `${KIND_LABEL[p.kind]} (${p.via})`, path: file, line: at, ...whyMissed(visit, p.kind, p.via, inside) });
      }
      for (const unit of await calledUnits(ctx, reader, line.text, wd.includes("${{") ? "" : wd, called, 0)) {
        for (const p of publishesOf(unit)) {
          if (p.kind === "release-assets") continue;
          out.push({ what: `${KIND_LABEL[p.kind]} (${p.via} in ${unit.path}${unit.name ? ` target ${unit.name}` : ""})`, path: file, line: at, why: "in a script the workflow runs, which Scorecard does not read" });
        }
      }
    }
  }
  return out;
}

/** Why Scorecard's pattern missed a publish command in a workflow step. */
function whyMissed(visit: StepVisit, kind: PublishKind, via: string, inside: string | undefined): { why?: string } {
  if (inside) return { why: inside };
  const jobSteps = visit.job.steps;
  const setup = (n: string): Step | undefined => jobSteps.find((s) => s.uses !== undefined && actionName(s.uses.name) === n);
  if (kind === "npm") {
    if (!via.includes("npm")) return { why: "Scorecard looks for `npm` then `publish` on one line" };
    const node = setup("actions/setup-node");
    const url = node?.with["registry-url"]?.value;
    if (!node) return { why: "the job does not use actions/setup-node with registry-url https://registry.npmjs.org, which Scorecard asks for" };
    if (url !== "https://registry.npmjs.org") return { why: url === undefined ? "actions/setup-node sets no registry-url, and Scorecard asks for exactly https://registry.npmjs.org" : `actions/setup-node's registry-url is ${url}, and Scorecard asks for exactly https://registry.npmjs.org` };
  }
  if (kind === "goreleaser") return { why: "Scorecard counts GoReleaser only as goreleaser/goreleaser-action beside actions/setup-go" };
  if (kind === "pypi") return { why: "Scorecard counts only pypa/gh-action-pypi-publish for PyPI" };
  if (kind === "container" && !via.startsWith("docker")) return { why: "Scorecard looks for `docker` then `push`, or docker/build-push-action" };
  return {};
}

/** Why Scorecard's patterns missed a publishing action. */
function actionMissed(visit: StepVisit, name: string, inside: string | undefined): { why?: string } {
  if (inside) return { why: inside };
  const raw = visit.step.uses?.raw.value ?? "";
  if (!raw.startsWith(`${name}@`)) return { why: `Scorecard matches the action's name only as \`${name}@…\`, in lower case` };
  if (name === "goreleaser/goreleaser-action") return { why: "the job does not use actions/setup-go, which Scorecard asks for beside it" };
  if (name === "ko-build/setup-ko" || name === "imjasonh/setup-ko") return { why: "Scorecard counts ko only when a job uses both imjasonh/setup-ko and ko-build/setup-ko" };
  if (name === "python-semantic-release/python-semantic-release") return { why: "Scorecard knows the action only by its old name, relekang/python-semantic-release" };
  if (name === "js-devtools/npm-publish" || name === "rubygems/release-gem") return { why: "an action Scorecard does not know" };
  return {};
}

/** The script units a command line runs (followed through scripts calling scripts), each path recorded in `called`. */
async function calledUnits(ctx: RuleContext, reader: ScriptReader, line: string, wd: string, called: Set<string>, depth: number): Promise<ScriptUnit[]> {
  const out: ScriptUnit[] = [];
  if (depth >= MAX_CALL_DEPTH) return out;
  for (const call of scriptCalls(line, wd, (p) => ctx.has(p))) {
    const first = !called.has(call.path);
    called.add(call.path);
    for (const unit of unitsOf(call, await reader.units(call.path, true))) {
      out.push(unit);
      if (!first) continue;
      for (const l of unit.lines) out.push(...(await calledUnits(ctx, reader, l.text, "", called, depth + 1)));
    }
  }
  return out;
}

/** Scripts other CI systems run (Cloud Build, GitLab CI, Jenkins…): they are not run by hand either. */
async function scriptsOtherCiRuns(ctx: RuleContext, reader: ScriptReader, called: Set<string>): Promise<void> {
  for (const file of otherCiFiles(ctx.files)) {
    const text = (await ctx.readText(file.path, { optional: true }))?.text;
    if (text === undefined) continue;
    for (const command of ciCommands(file, text)) await calledUnits(ctx, reader, command.text, "", called, 0);
  }
}

/** Test suites' scripts, which publish to throwaway registries rather than release. */
const TEST_PATH = /(?:^|\/)(?:tests?|e2e|__tests__|spec|integration)\//i;

/** Script files read when looking for releases made by hand. */
const MAX_SCRIPTS = 1_000;

/** Script units that publish and that nothing in CI runs. */
async function manualPublishing(ctx: RuleContext, reader: ScriptReader, called: ReadonlySet<string>): Promise<{ unit: ScriptUnit; publishes: ScriptPublish[] }[]> {
  const out: { unit: ScriptUnit; publishes: ScriptPublish[] }[] = [];
  for (const f of scriptFiles(ctx.files, MAX_SCRIPTS)) {
    if (called.has(f.path) || TEST_PATH.test(f.path)) continue;
    for (const unit of await reader.units(f.path, true)) {
      // A publish to a registry on the machine itself (Verdaccio on localhost in an end-to-end test) releases nothing.
      const local = new Set(unit.lines.filter((l) => LOCAL_REGISTRY.test(l.text)).map((l) => l.line));
      const publishes = publishesOf(unit).filter((p) => p.kind !== "release-assets" && !local.has(p.at.line));
      if (publishes.length > 0) out.push({ unit, publishes });
    }
  }
  return out;
}

/** A release workflow that publishes what the script published by hand, in the form Scorecard recognises. */
function exampleWorkflow(kind: PublishKind): string {
  const head = "# .github/workflows/release.yml\nname: Release\non:\n  release:\n    types: [published]\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n";
  const steps: Partial<Record<PublishKind, string>> = {
    npm: "    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n      - uses: actions/setup-node@…  # pinned to a commit SHA\n        with:\n          node-version: lts/*\n          registry-url: https://registry.npmjs.org\n      - run: npm ci\n      - run: npm publish --provenance\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}",
    pypi: "    environment: pypi\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n      - uses: actions/setup-python@…  # pinned to a commit SHA\n      - run: python -m pip install build && python -m build\n      - uses: pypa/gh-action-pypi-publish@…  # pinned to a commit SHA; Trusted Publishing, no token",
    rubygems: "    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n      - uses: ruby/setup-ruby@…  # pinned to a commit SHA\n      - run: gem build *.gemspec && gem push *.gem",
    crate: "    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n      - run: cargo publish --locked\n        env:\n          CARGO_REGISTRY_TOKEN: ${{ secrets.CARGO_REGISTRY_TOKEN }}",
    goreleaser: "    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n        with:\n          fetch-depth: 0\n      - uses: actions/setup-go@…  # pinned to a commit SHA\n        with:\n          go-version-file: go.mod\n      - uses: goreleaser/goreleaser-action@…  # pinned to a commit SHA\n        with:\n          args: release --clean\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
  };
  return `${head}${steps[kind] ?? steps.npm ?? ""}`;
}
