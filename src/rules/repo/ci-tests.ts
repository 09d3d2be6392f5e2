import { mapEntries, mapGet, seqItems } from "../../ecosystems/formats/yaml.js";
import { actionName, calledWorkflow, loadWorkflows, str, walkSteps, workflowFiles, type Job, type Step, type StepVisit, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { FileEntry, Rule, RuleContext } from "../types.js";
import { ciCommands, implicitTests, otherCiFiles, type CiFile } from "./lib/ci-configs.js";
import { isTestName } from "./lib/test-commands.js";
import { TestFinder } from "./lib/test-finder.js";
import { projectCode } from "./lib/source-code.js";
import { eventsOf, remoteCallReasons, remoteWorkflowCalls } from "./lib/remote-workflows.js";

export const rule: Rule = {
  meta: {
    id: "repo/ci-tests",
    title: "CI does not run the tests",
    severity: "low",
    confidence: "medium",
    check: "CI-Tests",
    rationale:
      "Tests that run on every pull request catch mistakes, security regressions among them, before they are merged, and tell a reviewer that a change does what it says. Scorecard's CI-Tests counts how many recently merged pull requests had a successful CI check; offline, assay reads what the checkout declares instead: a GitHub Actions workflow triggered by pull requests or pushes (or another CI system's configuration) that runs the project's tests, directly or through the scripts, Makefile targets and package.json scripts it calls. A workflow that only lints, builds documentation or releases does not count, nor does a test run only on releases, schedules or by hand. A reusable workflow of another repository (`uses: owner/repo/.github/workflows/x.yml@ref`) counts when its name says it tests or is CI, or when a test command is passed to it; any other one called on pull requests or pushes leaves the rule incomplete, naming the call, when nothing else shows the tests: what it runs cannot be read offline. This is stricter than Scorecard on purpose: Scorecard takes any successful GitHub Actions run (or a CI status whose name says test, Travis, Jenkins…) as a CI test, so a pull-request workflow that only lints passes there and not here; and Scorecard does not score a repository whose changes do not come through pull requests.",
    remediation:
      "Add a workflow that runs the test suite on every pull request and push (`on: [push, pull_request]`), using the project's own test command (`npm test`, `pytest`, `go test ./...`, `cargo test`, `mvn verify`, `./gradlew check`, `dotnet test`, `ctest`, `make test`, for Helm charts chart-testing's `ct lint-and-install` or `helm unittest`…); the finding gives a minimal workflow for the project's main language. Then require that check in the branch protection rules so a failing test blocks the merge. If the tests run in a CI system assay cannot read offline, turn this rule off in the policy (`rules: { repo/ci-tests: off }`) with a comment saying where they run.",
    references: [
      { title: "OpenSSF Scorecard: CI-Tests", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#ci-tests" },
      { title: "GitHub: Building and testing your code", url: "https://docs.github.com/en/actions/use-cases-and-examples/building-and-testing" },
      { title: "OpenSSF Best Practices: test_continuous_integration", url: "https://www.bestpractices.dev/en/criteria/1#1.test_continuous_integration" },
      { title: "GitHub: About protected branches (require status checks)", url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-status-checks-before-merging" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const code = sourceCode(ctx.files);
    if (code === undefined) {
      ctx.notApplicable("no source code to test was found (only documentation, configuration, or shell scripts without tests)");
      return;
    }
    const finder = new TestFinder(ctx);
    // A workflow that cannot be parsed does not run on GitHub either: it cannot show tests.
    const workflows = await loadWorkflows(ctx, { optional: true });
    const inWorkflows = await testsInWorkflows(ctx, workflows, finder);
    if (inWorkflows.found) {
      const { what, path, events, at } = inWorkflows.found;
      // The location cites the step; the workflow whose triggers count is named when the step is elsewhere.
      const through = at.path === path ? "" : `, through ${path}`;
      ctx.evidence({ message: `tests run in CI on ${events.join(", ")}${through}: ${what}`, locations: [at] });
      return;
    }
    const others = otherCiFiles(ctx.files);
    for (const file of others) {
      const found = await testsInCiFile(ctx, file, finder);
      if (found) {
        ctx.evidence({ message: `tests run in ${file.system}: ${found.what}`, locations: [{ path: file.path, startLine: found.line, startColumn: found.column }] });
        return;
      }
    }
    // A reusable workflow of another repository, run on changes, may run the tests: offline that
    // cannot be seen, so no verdict (those named for tests or CI were counted above).
    const remote = await remoteWorkflowCalls(ctx, workflows, CHANGE_EVENTS);
    if (remote.length > 0) {
      for (const r of remoteCallReasons(remote, "runs the tests")) ctx.incomplete(r.message, { path: r.path, line: r.line, column: r.column });
      return;
    }
    const total = workflowFiles(ctx).length;
    ctx.report({
      message: failMessage(total, total - workflows.length, others, inWorkflows.offChanges),
      evidence: {
        workflows: total,
        unparsedWorkflows: total - workflows.length,
        otherCiFiles: others.map((f) => f.path),
        testsOnlyOn: [...inWorkflows.offChanges].map(([path, events]) => `${path}: ${events.join(", ")}`),
      },
      fix: exampleWorkflow(code, ctx),
      key: "missing",
    });
  },
};

/** Events on which a run checks a change before (or as) it lands: Scorecard counts status checks from any of them. */
const CHANGE_EVENTS = new Set(["pull_request", "pull_request_target", "merge_group", "push"]);

/** Where tests were found in a workflow run on changes. */
interface Found {
  what: string;
  path: string;
  events: string[];
  at: { path: string; startLine: number; startColumn: number };
}

/**
 * The first test run on changes: a step (followed into local reusable workflows and composite
 * actions, scripts, Makefiles and package.json), else a reusable workflow named for tests, else a
 * job named for tests that runs something. Workflows that run tests only on other events are kept
 * for the message.
 */
async function testsInWorkflows(ctx: RuleContext, workflows: readonly Workflow[], finder: TestFinder): Promise<{ found?: Found; offChanges: Map<string, string[]> }> {
  const offChanges = new Map<string, string[]>();
  const consider = (found: Found): Found | undefined => {
    if (found.events.some((e) => CHANGE_EVENTS.has(e))) return found;
    // A reusable workflow on its own (`on: workflow_call`) runs only through its callers, judged as their steps.
    if (!offChanges.has(found.path) && found.events.some((e) => e !== "workflow_call")) offChanges.set(found.path, found.events);
    return undefined;
  };
  for await (const visit of walkSteps(ctx, { optional: true })) {
    const what = await testsInStep(visit, finder);
    if (!what) continue;
    const file = visit.action?.path ?? visit.workflow.path;
    const found = consider({ what, path: visit.root.path, events: eventsOf(visit.root), at: { path: file, startLine: visit.step.span.line, startColumn: visit.step.span.column } });
    if (found) return { found, offChanges };
  }
  const reached = await eventsReaching(ctx, workflows);
  let named: Found | undefined;
  for (const { wf, roots } of reached.values()) {
    for (const job of wf.jobs) {
      const what = await testsInJob(wf, job, finder);
      for (const root of roots) {
        const at = { path: wf.path, startLine: job.span.line, startColumn: job.span.column };
        if (what) {
          const found = consider({ what, path: root.path, events: eventsOf(root), at });
          if (found) return { found, offChanges };
        } else if (!named && eventsOf(root).some((e) => CHANGE_EVENTS.has(e))) {
          const title = namedForTests(wf, job);
          if (title) named = { what: `${title}, named for tests`, path: root.path, events: eventsOf(root), at };
        }
      }
    }
  }
  return named ? { found: named, offChanges } : { offChanges };
}

/** Every workflow with the root workflows whose runs reach it (itself, and callers through local `uses:` jobs). */
async function eventsReaching(ctx: RuleContext, workflows: readonly Workflow[]): Promise<Map<string, { wf: Workflow; roots: Workflow[] }>> {
  const out = new Map<string, { wf: Workflow; roots: Workflow[] }>();
  const visit = async (wf: Workflow, root: Workflow, seen: ReadonlySet<string>): Promise<void> => {
    let entry = out.get(wf.path);
    if (!entry) out.set(wf.path, (entry = { wf, roots: [] }));
    // Reached from this root already, callees included: a workflow calling another twice costs nothing more.
    if (entry.roots.includes(root)) return;
    entry.roots.push(root);
    if (seen.size > 16) return;
    for (const job of wf.jobs) {
      const called = await calledWorkflow(ctx, job, { optional: true });
      if (called && !seen.has(called.path)) await visit(called, root, new Set([...seen, called.path]));
    }
  };
  for (const wf of workflows) await visit(wf, wf, new Set([wf.path]));
  return out;
}

/** What a step runs that tests: its script, a test action, or commands given to an action. */
async function testsInStep(visit: StepVisit, finder: TestFinder): Promise<string | undefined> {
  const { step, job, workflow } = visit;
  const wd = step.workingDirectory?.value ?? job.defaults.workingDirectory?.value ?? workflow.defaults.workingDirectory?.value ?? "";
  if (step.run) {
    for (const script of matrixVariants(workflow, job, withEnv(workflow, job, step, withInputs(visit, step.run.value)))) {
      const found = await finder.inScript(script, wd);
      if (found) return found;
    }
  }
  if (!step.uses) return undefined;
  const name = actionName(step.uses.raw.value);
  const action = testAction(name);
  if (action) return action;
  for (const [key, value] of Object.entries(step.with)) {
    const prefix = commandInput(step, name, key);
    if (prefix === undefined) continue;
    for (const script of matrixVariants(workflow, job, `${prefix}${value.value}`)) {
      const found = await finder.inScript(script, wd);
      if (found) return `${found} (through ${step.uses.kind === "local" ? step.uses.raw.value : name})`;
    }
  }
  return undefined;
}

/** A job calling a reusable workflow: a remote one named for tests, or commands passed as its inputs. */
async function testsInJob(wf: Workflow, job: Job, finder: TestFinder): Promise<string | undefined> {
  if (!job.uses) return undefined;
  if (job.uses.kind === "repository") {
    const file = (job.uses.subpath ?? "").replace(/^.*\//, "").replace(/\.ya?ml$/i, "");
    if (isTestName(file) || /(?:^|[-_.])ci(?:$|[-_.])/i.test(file)) return `the reusable workflow ${job.uses.raw.value}`;
  }
  for (const value of Object.values(job.with)) {
    for (const script of matrixVariants(wf, job, value.value)) {
      const found = await finder.inScript(script, "");
      if (found) return `${found} (an input of ${job.uses.raw.value})`;
    }
  }
  return undefined;
}

/**
 * A job that runs something, in a workflow or under a name that says it tests (Scorecard counts a
 * check named for tests): the job's title, else undefined.
 */
function namedForTests(wf: Workflow, job: Job): string | undefined {
  if (job.uses) return undefined;
  const says = (s: string | undefined): boolean => s !== undefined && !s.includes("${{") && isTestName(s);
  const runs = job.steps.some((s) => s.run !== undefined || (s.uses !== undefined && !/^actions\/(?:checkout|cache|setup-[\w-]{1,40}|upload-artifact|download-artifact)$/.test(actionName(s.uses.raw.value))));
  if (!runs) return undefined;
  if (says(job.id) || says(job.name?.value)) return `the job ${job.id}`;
  return says(wf.name?.value) ? `the job ${job.id} of the workflow ${wf.name?.value ?? ""}` : undefined;
}

/** Actions that run tests, or publish test results or coverage (which tests produced in the same job). */
const TEST_ACTIONS: ReadonlyMap<string, string> = new Map([
  ["cypress-io/github-action", "Cypress (cypress-io/github-action)"],
  ["julia-actions/julia-runtest", "Pkg.test (julia-actions/julia-runtest)"],
  ["matlab-actions/run-tests", "MATLAB tests (matlab-actions/run-tests)"],
  ["r-lib/actions/check-r-package", "R CMD check (r-lib/actions/check-r-package)"],
  ["php-actions/phpunit", "PHPUnit (php-actions/phpunit)"],
  ["artiomtr/jest-coverage-report-action", "Jest (ArtiomTr/jest-coverage-report-action)"],
  ["actions-rs/tarpaulin", "cargo tarpaulin (actions-rs/tarpaulin)"],
  ["ansible-community/ansible-test-gh-action", "ansible-test (ansible-community/ansible-test-gh-action)"],
  ["ros-tooling/action-ros-ci", "colcon test (ros-tooling/action-ros-ci)"],
  ["freckle/stack-action", "stack build --test (freckle/stack-action)"],
  ["microsoft/vstest-action", "VSTest (microsoft/vstest-action)"],
  ["codecov/codecov-action", "a coverage upload to Codecov"],
  ["codecov/test-results-action", "a test results upload to Codecov"],
  ["coverallsapp/github-action", "a coverage upload to Coveralls"],
  ["paambaati/codeclimate-action", "a coverage upload to Code Climate"],
  ["codacy/codacy-coverage-reporter-action", "a coverage upload to Codacy"],
  ["qltysh/qlty-action/coverage", "a coverage upload to Qlty"],
  ["enricomi/publish-unit-test-result-action", "published test results"],
  ["mikepenz/action-junit-report", "a JUnit test report"],
  ["dorny/test-reporter", "a test report"],
  ["ctrf-io/github-test-reporter", "a test report"],
  ["test-summary/action", "a test summary"],
]);

/** Action names that say they run tests (`owner/run-tests`, `owner/pytest-action`). */
const TEST_ACTION_NAME = /(?:^|[/_-])(?:run-?tests?|runtests?|test-?runner|pytest|phpunit|jest|vitest|tox|ctest)(?:$|[/_-])/;

function testAction(name: string): string | undefined {
  for (const [known, what] of TEST_ACTIONS) if (name === known || name.startsWith(`${known}/`)) return what;
  return TEST_ACTION_NAME.test(name.replace(/^[^/]{1,100}\//, "")) ? `the ${name} action` : undefined;
}

/** Inputs through which actions take a command line to run. */
const COMMAND_INPUTS = /^(?:run|script|scripts|command|commands|cmd|test[-_]?(?:command|cmd|script|run)|coverage[-_]?command|coveragecommand|run[-_]command|custom[-_]command)$/i;

/** How an input of an action reads as a command line (the prefix to put before its value), or undefined when it is not one. */
function commandInput(step: Step, name: string, key: string): string | undefined {
  if (step.uses?.kind === "local") return "";
  if (step.uses?.kind === "docker" && key === "args") return "";
  if (/^(?:gradle\/gradle-build-action|gradle\/actions\/setup-gradle|eskatos\/gradle-command-action)$/.test(name) && key === "arguments") return "gradle ";
  if (!COMMAND_INPUTS.test(key)) return undefined;
  if (name === "actions-rs/cargo" && key === "command") return "cargo ";
  if (name === "borales/actions-yarn" && key === "cmd") return "yarn ";
  if (name === "php-actions/composer" && key === "command") return "composer ";
  return "";
}

/**
 * A composite action's script with its `${{ inputs.x }}` references replaced by what the calling step
 * passes, else the input's default, innermost call first (junit5's run-gradle action runs
 * `./gradlew ${{ inputs.arguments }}`, whose default is `build`).
 */
const MAX_EXPANDED = 100_000;

function withInputs(visit: StepVisit, script: string): string {
  let out = script;
  for (let i = visit.via.length - 1; i >= 0 && out.includes("inputs."); i--) {
    const frame = visit.via[i];
    if (frame?.kind !== "action") break;
    const defaults = new Map(frame.action.inputs.map((input) => [input.name, input.default?.value]));
    out = out.replace(/\$\{\{\s{0,20}inputs\.([\w-]{1,100})\s{0,20}\}\}/g, (whole, name: string) => frame.step.with[name]?.value ?? defaults.get(name) ?? whole);
    // Inputs that repeat other inputs could multiply the text at every level of a hostile chain.
    if (out.length > MAX_EXPANDED) return script;
  }
  return out;
}

/** A script with its `${{ env.X }}` references replaced by the values the workflow, job or step set (`${{ env.CARGO }} test`). */
function withEnv(wf: Workflow, job: Job, step: Step, script: string): string {
  if (!script.includes("env.")) return script;
  const env: Record<string, string> = {};
  for (const scope of [wf.env, job.env, step.env]) for (const [k, v] of Object.entries(scope)) env[k] = v.value;
  return script.replace(/\$\{\{\s{0,20}env\.([\w-]{1,100})\s{0,20}\}\}/g, (whole, name: string) => env[name] ?? whole);
}

/** Most variants of a `${{ matrix.x }}` script tried. */
const MAX_VARIANTS = 64;

/** A script once for each value its `${{ matrix.x }}` references can take (`npm run ${{ matrix.task }}` with task: [lint, test]). */
function matrixVariants(wf: Workflow, job: Job, script: string): string[] {
  if (!script.includes("matrix.")) return [script];
  let variants = [script];
  const keys = new Set([...script.matchAll(/\$\{\{\s{0,20}matrix\.([\w-]{1,100})\s{0,20}\}\}/g)].map((m) => m[1] as string));
  for (const key of keys) {
    const values = matrixValues(wf, job, key);
    if (values.length === 0) continue;
    const ref = new RegExp(String.raw`\$\{\{\s{0,20}matrix\.${key}\s{0,20}\}\}`, "g");
    variants = variants.flatMap((v) => values.map((value) => v.replace(ref, () => value))).slice(0, MAX_VARIANTS);
  }
  return variants;
}

/** The scalar values a matrix key takes, in its list and its `include` entries. */
function matrixValues(wf: Workflow, job: Job, key: string): string[] {
  const out: string[] = [];
  // A value, or a list of them (one level: matrices are lists of scalars).
  const collect = (node: unknown): void => {
    for (const item of [node, ...seqItems(node)]) {
      const one = str(wf.yaml, item);
      if (one) out.push(one.value);
    }
  };
  const matrix = mapGet(job.strategy, "matrix");
  for (const e of mapEntries(matrix)) {
    if (e.key === key) collect(e.value);
    else if (e.key === "include") for (const item of seqItems(e.value)) collect(mapGet(item, key));
  }
  return out.slice(0, MAX_VARIANTS);
}

/** Tests run by another CI system's file: a command line (followed into scripts), or a test its configuration implies. */
async function testsInCiFile(ctx: RuleContext, file: CiFile, finder: TestFinder): Promise<{ what: string; line: number; column: number } | undefined> {
  const text = (await ctx.readText(file.path))?.text;
  if (text === undefined) return undefined;
  for (const command of ciCommands(file, text)) {
    const found = await finder.inScript(command.text, "");
    if (found) return { what: found, line: command.line, column: command.column };
  }
  const implied = implicitTests(file, text);
  return implied ? { ...implied, column: 1 } : undefined;
}

/** The project's main programming language, or undefined when there is no code to test. */
function sourceCode(files: readonly FileEntry[]): string | undefined {
  const code = projectCode(files);
  // A repository of Helm charts (templates are code: chart-testing installs them and runs their tests),
  // unless the charts ship beside code in another language, which is then what CI should test.
  return code.main ?? (code.charts ? "Helm" : code.shellFiles > 0 && code.shellTests ? "Shell" : undefined);
}

/** What was looked at and found nothing: the workflows, the other CI files, and the workflows that test only off changes. */
function failMessage(total: number, unparsed: number, others: readonly CiFile[], offChanges: ReadonlyMap<string, string[]>): string {
  const unread = unparsed > 0 ? ` (${unparsed} could not be parsed)` : "";
  const workflows = total === 0 ? "there are no workflows" : total === 1 ? `the only workflow runs none${unread}` : `none of the ${total} workflows does${unread}`;
  const elsewhere = others.length === 0 ? (total === 0 ? " and no other CI configuration" : "") : others.length === 1 ? `, and ${(others[0] as CiFile).path} runs none either` : `, and none of ${others.length} other CI files runs any`;
  const off = [...offChanges].slice(0, 3).map(([path, events]) => `${path} (on ${events.join(", ")})`);
  const only = off.length > 0 ? `; tests run only in ${off.join(", ")}${offChanges.size > 3 ? ` and ${offChanges.size - 3} more` : ""}` : "";
  return `no CI runs the tests on pull requests or pushes: ${workflows}${elsewhere}${only}`;
}

/** Setup and test steps of a minimal workflow, by main language. */
const TEST_STEPS: Readonly<Record<string, string>> = {
  JavaScript: "- uses: actions/setup-node@…  # pinned to a commit SHA\n  with:\n    node-version: lts/*\n- run: npm ci\n- run: npm test",
  Python: "- uses: actions/setup-python@…  # pinned to a commit SHA\n  with:\n    python-version: \"3.x\"\n- run: python -m pip install . pytest\n- run: python -m pytest",
  Go: "- uses: actions/setup-go@…  # pinned to a commit SHA\n  with:\n    go-version-file: go.mod\n- run: go test ./...",
  Rust: "- run: cargo test --locked",
  Java: "- uses: actions/setup-java@…  # pinned to a commit SHA\n  with:\n    distribution: temurin\n    java-version: \"21\"\n- run: ./mvnw -B verify   # or ./gradlew check",
  Ruby: "- uses: ruby/setup-ruby@…  # pinned to a commit SHA\n  with:\n    bundler-cache: true\n- run: bundle exec rake",
  PHP: "- uses: shivammathur/setup-php@…  # pinned to a commit SHA\n- run: composer install --no-interaction\n- run: vendor/bin/phpunit",
  ".NET": "- uses: actions/setup-dotnet@…  # pinned to a commit SHA\n- run: dotnet test",
  C: "- run: cmake -B build\n- run: cmake --build build\n- run: ctest --test-dir build",
  Helm: "- uses: helm/chart-testing-action@…  # pinned to a commit SHA\n- uses: helm/kind-action@…  # pinned to a commit SHA\n- run: ct lint-and-install --target-branch ${{ github.event.repository.default_branch }}",
  Elixir: "- uses: erlef/setup-beam@…  # pinned to a commit SHA\n  with:\n    version-file: .tool-versions\n    version-type: strict\n- run: mix deps.get\n- run: mix test",
  Dart: "- uses: dart-lang/setup-dart@…  # pinned to a commit SHA\n- run: dart pub get\n- run: dart test",
  Swift: "- run: swift test",
  Scala: "- uses: actions/setup-java@…  # pinned to a commit SHA\n  with:\n    distribution: temurin\n    java-version: \"21\"\n- run: sbt test",
  Haskell: "- uses: haskell-actions/setup@…  # pinned to a commit SHA\n- run: cabal test",
};

/** Languages that share another's example. */
const SAME_EXAMPLE: Readonly<Record<string, string>> = { TypeScript: "JavaScript", Vue: "JavaScript", Svelte: "JavaScript", Kotlin: "Java", Groovy: "Java", "C#": ".NET", "F#": ".NET", "Visual Basic": ".NET", "C++": "C", "Objective-C": "Swift", Erlang: "Elixir" };

/** A minimal test workflow for the main language (the Java example uses Gradle when the project does). */
function exampleWorkflow(language: string, ctx: RuleContext): string {
  const key = SAME_EXAMPLE[language] ?? language;
  let steps = TEST_STEPS[key] ?? "- run: make test   # the command that runs the test suite";
  if (key === "Java" && (ctx.has("gradlew") || ctx.has("build.gradle") || ctx.has("build.gradle.kts"))) steps = steps.replace("./mvnw -B verify   # or ./gradlew check", "./gradlew check");
  else if (key === "Java" && !ctx.has("mvnw")) steps = steps.replace("./mvnw -B verify", "mvn -B verify");
  const indented = steps.split("\n").map((l) => `      ${l}`).join("\n");
  return `# .github/workflows/tests.yml\nname: Tests\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n        with:\n          persist-credentials: false\n${indented}`;
}
