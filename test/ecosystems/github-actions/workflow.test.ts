import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import type { Rule } from "../../../src/core/rule.js";
import { parseYaml } from "../../../src/ecosystems/formats/yaml.js";
import { actionName, actionRef, allSteps, isWorkflowPath, loadActions, loadWorkflows, pushesTags, selfCalledPath, toAction, toWorkflow, walkSteps, type StepVisit, type Workflow } from "../../../src/ecosystems/github-actions/index.js";
import { runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

function wf(text: string, path = ".github/workflows/ci.yml"): Workflow {
  return toWorkflow(path, parseYaml(text));
}

const values = (o: Record<string, { value: string }>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.value]));

const CI = `name: CI
on:
  push:
    tags: ["v*"]
  release:
    types: [published]
permissions:
  id-token: write
env:
  GLOBAL: "1"
jobs:
  build:
    runs-on: ubuntu-latest
    container:
      image: node:20
    permissions: read-all
    env:
      JOB: two
    steps:
      - name: Check out
        uses: actions/checkout@v4
      - run: |
          npm ci
          echo "\${{ github.event.pull_request.title }}"
        env:
          CI: true
      - uses: docker/build-push-action@0123456789abcdef0123456789abcdef01234567 # v6.1.0
        with:
          push: true
          tags: |
            a
            b
          build-args: { X: 1 }
  call:
    needs: [build]
    uses: ./.github/workflows/reusable.yml
    secrets: inherit
`;

describe("github-actions: workflow model", () => {
  it("refuses a workflow GitHub would refuse for the shape of its jobs or steps, at the part, instead of reading it as having none", () => {
    for (const [text, line, what] of [
      ["on: push\njobs:\n  - build\n", 3, /`jobs` must be a mapping/],
      ["on: push\njobs: oops\n", 2, /`jobs` must be a mapping/],
      ["on: push\njobs:\n  build: ubuntu\n", 3, /job `build` must be a mapping/],
      ["on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      run: echo \"${{ github.event.pull_request.title }}\"\n", 6, /`steps` of job `build` must be a list/],
    ] as const) {
      assert.throws(() => wf(text), (e: unknown) => e instanceof ParseFailure && what.test(e.message) && /GitHub refuses this workflow/.test(e.message) && e.line === line, text);
    }
    // No trigger at all: no `on:`, an empty one, or `true:` (a YAML 1.1 tool's spelling of `on:`, which GitHub does not read).
    for (const [text, line, what] of [
      ["name: x\njobs:\n  a:\n    runs-on: x\n", 1, /the workflow has no `on:`, so no event triggers it/],
      ["name: x\non: {}\njobs:\n", 2, /`on` names no event that triggers the workflow/],
      ["name: x\non: []\njobs:\n", 2, /`on` names no event/],
      ["name: x\non:\njobs:\n", 2, /`on` names no event/],
      ["name: x\ntrue:\n  issues:\njobs:\n", 2, /no `on:`: its `true:` key is what a YAML 1\.1 tool writes for `on:`/],
    ] as const) {
      assert.throws(() => toWorkflow(".github/workflows/x.yml", parseYaml(text)), (e: unknown) => e instanceof ParseFailure && what.test(e.message) && /GitHub refuses this workflow/.test(e.message) && e.line === line, text);
    }
    // Empty parts are not wrong shapes: a workflow being written, a job with only `uses:`.
    assert.equal(wf("on: push\njobs:\n").jobs.length, 0);
    assert.equal(wf("on: push\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    steps:\n").jobs[0]?.steps.length, 0);
  });

  it("reads name, triggers with filters, env and permissions", () => {
    const w = wf(CI);
    assert.equal(w.name?.value, "CI");
    assert.deepEqual(w.events, ["push", "release"]);
    assert.deepEqual(w.triggers[0]?.filters.tags?.map((t) => t.value), ["v*"]);
    assert.deepEqual(w.triggers[1]?.filters.types?.map((t) => t.value), ["published"]);
    assert.equal(pushesTags(w), true);
    assert.deepEqual(values(w.env), { GLOBAL: "1" });
    assert.deepEqual(values(w.permissions?.scopes ?? {}), { "id-token": "write" });
    assert.deepEqual(w.onSpan && [w.onSpan.line, w.onSpan.column], [2, 1]);
  });

  it("reads the three shapes of `on`", () => {
    assert.deepEqual(wf("on: push\njobs: {}\n").events, ["push"]);
    assert.deepEqual(wf("on: [push, pull_request]\njobs: {}\n").events, ["push", "pull_request"]);
    assert.deepEqual(wf("on:\n  workflow_dispatch:\n  schedule:\n    - cron: '0 0 * * *'\n").events, ["workflow_dispatch", "schedule"]);
    assert.equal(pushesTags(wf("on:\n  push:\n    branches: [main]\n")), false);
    assert.equal(pushesTags(wf("on:\n  push:\n    tags:\n")), true);
    assert.equal(pushesTags(wf("on:\n  push:\n    branches: ['**']\n    tags-ignore: ['**']\n")), false);
    assert.equal(pushesTags(wf("on:\n  push:\n    tags-ignore: ['v0.*']\n")), true);
  });

  it("lists jobs and steps with uses, run, with and env", () => {
    const w = wf(CI);
    assert.deepEqual(w.jobs.map((j) => j.id), ["build", "call"]);
    const build = w.jobs[0];
    assert.ok(build);
    assert.equal(build.container?.image?.value, "node:20");
    assert.equal(build.permissions?.all?.value, "read-all");
    assert.deepEqual(build.runsOn.map((r) => r.value), ["ubuntu-latest"]);
    assert.deepEqual(values(build.env), { JOB: "two" });
    const [checkout, script, push] = build.steps;
    assert.equal(checkout?.name?.value, "Check out");
    assert.equal(checkout?.uses?.name, "actions/checkout");
    assert.equal(checkout?.uses?.ref, "v4");
    assert.equal(checkout?.uses?.refKind, "symbolic");
    assert.equal(script?.run?.value, 'npm ci\necho "${{ github.event.pull_request.title }}"\n');
    assert.deepEqual(values(script?.env ?? {}), { CI: "true" });
    assert.equal(push?.index, 2);
    assert.equal(push?.uses?.refKind, "sha");
    assert.equal(push?.uses?.commentVersion, "v6.1.0");
    // Scalar inputs only: the flow map is left out, block scalars are kept.
    assert.deepEqual(values(push?.with ?? {}), { push: "true", tags: "a\nb\n" });
    const call = w.jobs[1];
    assert.equal(call?.uses?.kind, "local");
    assert.deepEqual(call?.needs, ["build"]);
    assert.equal(call?.secrets?.inherit, true);
    assert.equal(call?.steps.length, 0);
    assert.equal(allSteps(w).length, 3);
  });

  it("reads `cache-mode` at the top and on a job, and a `with:` written as one expression", () => {
    const w = wf("on: pull_request_target\ncache-mode: write\njobs:\n  a:\n    runs-on: x\n    cache-mode: none\n    steps:\n      - uses: actions/checkout@v4\n        with: ${{ fromJSON(needs.s.outputs.o) }}\n      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ matrix.node }}\n  b:\n    runs-on: x\n    steps:\n      - run: make\n");
    assert.deepEqual([w.cacheMode?.value, w.jobs[0]?.cacheMode?.value, w.jobs[1]?.cacheMode], ["write", "none", undefined]);
    const [whole, plain] = w.jobs[0]?.steps ?? [];
    assert.deepEqual([whole?.withExpr?.value, whole?.with, plain?.withExpr, values(plain?.with ?? {})], ["${{ fromJSON(needs.s.outputs.o) }}", {}, undefined, { "node-version": "${{ matrix.node }}" }]);
  });

  it("places steps, keys and characters inside a block scalar at 1-based line and column", () => {
    const w = wf(CI);
    const steps = allSteps(w);
    assert.deepEqual([steps[0]?.span.line, steps[0]?.span.column], [20, 9]);
    assert.deepEqual([w.jobs[0]?.span.line, w.jobs[0]?.span.column], [12, 3]);
    const run = steps[1]?.run;
    assert.ok(run);
    const start = run.value.indexOf("${{");
    const end = run.value.indexOf("}}") + 2;
    const span = run.spanOf(start, end);
    assert.deepEqual([span.line, span.column, span.endLine, span.endColumn], [24, 17, 24, 54]);
    assert.equal(w.yaml.text.slice(span.offset, span.endOffset), "${{ github.event.pull_request.title }}");
  });

  it("places characters of quoted and folded scalars exactly", () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - run: "echo \\"x\\" ${{ inputs.n }}"\n      - run: >-\n          one\n          ${{ inputs.m }}\n';
    const w = wf(text);
    for (const step of allSteps(w)) {
      const run = step.run;
      assert.ok(run);
      const i = run.value.indexOf("${{");
      const span = run.spanOf(i, run.value.indexOf("}}", i) + 2);
      assert.match(text.slice(span.offset, span.endOffset), /^\$\{\{ inputs\.[nm] \}\}$/);
    }
  });

  it("follows aliases and merge keys (a step anchored once, reused by other jobs)", () => {
    const jobs = Array.from({ length: 150 }, (_, i) => `  j${i}:\n    <<: *base\n    steps:\n      - *checkout\n`).join("");
    const w = wf(`on: push\nx-base: &base\n  runs-on: ubuntu-latest\nx-step: &checkout\n  uses: actions/checkout@v4\njobs:\n${jobs}`);
    assert.equal(w.jobs.length, 150);
    assert.ok(w.jobs.every((j) => j.runsOn[0]?.value === "ubuntu-latest" && j.steps[0]?.uses?.name === "actions/checkout"));
  });

  it("names actions without their ref", () => {
    assert.equal(actionName("GitHub/CodeQL-Action/analyze@v3"), "github/codeql-action/analyze");
    assert.equal(actionName("./local-action"), "./local-action");
    assert.equal(actionRef("actions/checkout@v4"), "v4");
    assert.equal(actionRef("./local-action"), undefined);
  });

  it("keeps an `if:` that starts with `!` (a YAML tag) out of `if`, as written in `ifTagged`: `! a && b` is not `b`", () => {
    const w = wf("on: push\njobs:\n  a:\n    if: !github.event.pull_request.head.repo.fork && github.event_name == 'push'\n    runs-on: x\n    steps:\n      - if: ! startsWith(github.ref, 'refs/tags/')\n        run: echo\n      - if: !cancelled()\n        run: echo\n      - if: '!cancelled()'\n        run: echo\n      - if: !!str github.ref == 'x'\n        run: echo\n");
    const job = w.jobs[0];
    assert.equal(job?.if, undefined);
    assert.equal(job?.ifTagged?.value, "!github.event.pull_request.head.repo.fork && github.event_name == 'push'");
    assert.deepEqual([job?.ifTagged?.span.line, job?.ifTagged?.span.column], [4, 9]);
    const steps = job?.steps ?? [];
    assert.deepEqual(steps.map((s) => [s.if?.value, s.ifTagged?.value]), [
      [undefined, "! startsWith(github.ref, 'refs/tags/')"],
      [undefined, "!cancelled()"],
      ["!cancelled()", undefined],
      ["github.ref == 'x'", undefined],
    ]);
  });

  it("refuses a root that is not a mapping; tolerates jobs without steps and steps that are not maps", () => {
    assert.throws(() => toWorkflow("x.yml", parseYaml("- a\n- b\n")), ParseFailure);
    const w = wf("on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    steps:\n      - just a string\n      - run: echo\n");
    assert.equal(w.jobs[0]?.steps.length, 0);
    assert.deepEqual(w.jobs[1]?.steps.map((s) => [s.index, s.run?.value]), [[1, "echo"]]);
  });

  it("parses docker and malformed uses", () => {
    const w = wf("on: push\njobs:\n  a:\n    steps:\n      - uses: docker://alpine:3.19@sha256:abc\n      - uses: docker://alpine\n      - uses: nonsense\n");
    const [d1, d2, bad] = allSteps(w);
    assert.deepEqual([d1?.uses?.kind, d1?.uses?.image, d1?.uses?.tag, d1?.uses?.digest], ["docker", "alpine", "3.19", "sha256:abc"]);
    assert.deepEqual([d2?.uses?.kind, d2?.uses?.refKind], ["docker", "none"]);
    assert.equal(bad?.uses?.kind, "invalid");
  });

  it("recognises workflow paths: top level of .github/workflows, .yml or .yaml", () => {
    assert.equal(isWorkflowPath(".github/workflows/ci.yml"), true);
    assert.equal(isWorkflowPath(".github/workflows/ci.yaml"), true);
    assert.equal(isWorkflowPath(".github/workflows/nested/ci.yml"), false);
    assert.equal(isWorkflowPath(".github/workflows/README.md"), false);
    assert.equal(isWorkflowPath("docs/.github/workflows/ci.yml"), false);
  });

  it("reads composite, docker and JavaScript actions", () => {
    const composite = toAction("tools/greet/action.yml", parseYaml("name: greet\ninputs:\n  who:\n    default: world\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.who }}\n      shell: bash\n"));
    assert.equal(composite.dir, "tools/greet");
    assert.deepEqual(composite.inputs.map((i) => [i.name, i.default?.value]), [["who", "world"]]);
    assert.equal(composite.runs.using?.value, "composite");
    assert.equal(composite.runs.steps[0]?.shell?.value, "bash");
    assert.equal(composite.runs.steps[0]?.jobId, undefined);
    const docker = toAction("action.yml", parseYaml("runs:\n  using: docker\n  image: docker://alpine:3\n  args: [a, b]\n"));
    assert.deepEqual([docker.dir, docker.runs.image?.value, docker.runs.args.map((a) => a.value)], ["", "docker://alpine:3", ["a", "b"]]);
    const js = toAction("action.yaml", parseYaml("runs:\n  using: node20\n  main: dist/index.js\n"));
    assert.equal(js.runs.main?.value, "dist/index.js");
  });
});

/** A rule that hands the context to `fn`, for model tests that need a real workspace. */
function probe(fn: Rule["run"]): Rule {
  return { meta: { id: "test/probe", title: "probe rule", severity: "info", confidence: "high", check: "SAST", rationale: "x".repeat(50), remediation: "x".repeat(30), references: [], network: false, assessmentSection: "metadata" }, run: fn };
}

describe("github-actions: loading and walking", () => {
  it("loads every parseable workflow; a malformed one is one diagnostic and makes the rule incomplete", async () => {
    const dir = tmpDir({
      ".github/workflows/ok.yml": "on: push\njobs:\n  a:\n    steps:\n      - run: echo ok\n",
      ".github/workflows/broken.yml": "on: push\njobs:\n  a:\n    steps: [\n",
      ".github/workflows/list.yaml": "- not\n- a map\n",
      ".github/workflows/sub/nested.yml": "on: push\n",
    });
    const seen: string[] = [];
    const { assessment, outcome } = await runRule(probe(async (ctx) => {
      for (const w of await loadWorkflows(ctx)) seen.push(w.path);
    }), dir);
    assert.deepEqual(seen, [".github/workflows/ok.yml"]);
    const parse = assessment.diagnostics.filter((d) => d.code === "parse-error");
    assert.deepEqual(parse.map((d) => [d.path, d.line]), [[".github/workflows/broken.yml", 4], [".github/workflows/list.yaml", 1]]);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /broken\.yml:4:\d+ could not be parsed/);
  });

  it("follows local reusable workflows and composite actions into their callers' context, without looping", async () => {
    const dir = tmpDir({
      ".github/workflows/pr.yml": "on: pull_request_target\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n",
      ".github/workflows/build.yml": "on: workflow_call\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/greet\n      - uses: ./.github/workflows/build.yml\n",
      ".github/actions/greet/action.yml": "runs:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n    - uses: ./.github/actions/greet\n",
    });
    const visits: StepVisit[] = [];
    await runRule(probe(async (ctx) => {
      for await (const v of walkSteps(ctx)) visits.push(v);
    }), dir);
    const fromPr = visits.filter((v) => v.root.path === ".github/workflows/pr.yml");
    assert.deepEqual(fromPr.map((v) => [v.workflow.path, v.action?.path ?? null, v.step.run?.value ?? v.step.uses?.name, v.via.map((f) => f.kind).join(">")]), [
      [".github/workflows/build.yml", null, "./.github/actions/greet", "workflow"],
      [".github/workflows/build.yml", ".github/actions/greet/action.yml", "echo hi", "workflow>action"],
      [".github/workflows/build.yml", ".github/actions/greet/action.yml", "./.github/actions/greet", "workflow>action"],
      [".github/workflows/build.yml", null, "./.github/workflows/build.yml", "workflow"],
    ]);
    // The called workflow is also visited on its own, with its own trigger.
    assert.ok(visits.some((v) => v.root.path === ".github/workflows/build.yml" && v.via.length === 0));
  });

  it("reads the self-repository form `$/path` as a local action or workflow, followed like `./path`", async () => {
    const w = wf("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: $/.github/actions/greet\n  b:\n    uses: $/.github/workflows/build.yml\n");
    const step = w.jobs[0]?.steps[0]?.uses;
    assert.deepEqual([step?.kind, step?.self, step?.name, w.jobs[1]?.uses?.kind, w.jobs[1]?.uses?.self], ["local", true, "$/.github/actions/greet", "local", true]);
    assert.equal(wf("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/greet\n").jobs[0]?.steps[0]?.uses?.self, undefined);
    const dir = tmpDir({
      ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: $/.github/actions/greet\n  b:\n    uses: $/.github/workflows/build.yml\n",
      ".github/workflows/build.yml": "on: workflow_call\njobs:\n  c:\n    runs-on: x\n    steps:\n      - run: make\n",
      ".github/actions/greet/action.yml": "runs:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n",
    });
    const visits: StepVisit[] = [];
    await runRule(probe(async (ctx) => {
      for await (const v of walkSteps(ctx)) visits.push(v);
    }), dir);
    const fromCi = visits.filter((v) => v.root.path === ".github/workflows/ci.yml");
    assert.deepEqual(fromCi.map((v) => [v.workflow.path, v.action?.path ?? null, v.step.run?.value ?? v.step.uses?.name]), [
      [".github/workflows/ci.yml", null, "$/.github/actions/greet"],
      [".github/workflows/ci.yml", ".github/actions/greet/action.yml", "echo hi"],
      [".github/workflows/build.yml", null, "make"],
    ]);
  });

  it("finds every action metadata file in the tree", async () => {
    const dir = tmpDir({ "action.yml": "runs:\n  using: node20\n  main: a.js\n", "sub/x/action.yaml": "runs:\n  using: composite\n  steps: []\n", "docs/action.yml.txt": "no" });
    const paths: string[] = [];
    await runRule(probe(async (ctx) => {
      for (const a of await loadActions(ctx)) paths.push(a.path);
    }), dir);
    assert.deepEqual(paths, ["action.yml", "sub/x/action.yaml"]);
  });
});

describe("selfCalledPath", () => {
  it("names a reusable workflow of this repository only when the origin remote is that repository on GitHub", () => {
    const jobs = wf("on: push\njobs:\n  a:\n    uses: Acme/Widget/.github/workflows/build.yml@v1\n  b:\n    uses: acme/widget/.github/actions/setup@v1\n  c:\n    uses: acme/${{ inputs.repo }}/.github/workflows/build.yml@v1\n").jobs;
    const uses = jobs.map((j) => j.uses);
    const at = (remote: string | null) => uses.map((u) => (u ? selfCalledPath(u, { repository: { vcs: "git", head: null, shallow: false, remote } }) : undefined));
    assert.deepEqual(at("git@github.com:acme/widget.git"), [".github/workflows/build.yml", undefined, undefined]);
    assert.deepEqual(at("https://github.com/acme/gadget.git"), [undefined, undefined, undefined]);
    assert.deepEqual(at(null), [undefined, undefined, undefined]);
  });
});
