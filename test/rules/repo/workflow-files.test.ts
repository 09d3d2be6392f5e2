import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYaml } from "../../../src/core/yaml.js";
import type { Rule } from "../../../src/core/rule.js";
import { actionName, actionRef, allSteps, isWorkflowPath, keyPosition, loadWorkflows, positionOf, pushesTags, toWorkflow, type Workflow } from "../../../src/rules/repo/workflow-files.js";
import { runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

function wf(text: string, path = ".github/workflows/ci.yml"): Workflow {
  const w = toWorkflow(path, parseYaml(text));
  assert.ok(w, "parsed as a workflow");
  return w;
}

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
          npm test
        env:
          CI: true
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: |
            a
            b
          build-args: { X: 1 }
  call:
    uses: ./.github/workflows/reusable.yml
`;

describe("workflow-files", () => {
  it("reads name, events, env and permissions", () => {
    const w = wf(CI);
    assert.equal(w.name, "CI");
    assert.deepEqual(w.events, ["push", "release"]);
    assert.equal(pushesTags(w), true);
    assert.deepEqual(w.env, { GLOBAL: "1" });
    assert.deepEqual(w.permissions, { "id-token": "write" });
  });

  it("reads the three shapes of `on`", () => {
    assert.deepEqual(wf("on: push\njobs: {}\n").events, ["push"]);
    assert.deepEqual(wf("on: [push, pull_request]\njobs: {}\n").events, ["push", "pull_request"]);
    assert.deepEqual(wf("on:\n  workflow_dispatch:\n  schedule:\n    - cron: '0 0 * * *'\n").events, ["workflow_dispatch", "schedule"]);
    assert.equal(pushesTags(wf("on:\n  push:\n    branches: [main]\n")), false);
  });

  it("lists jobs and steps with uses, run, with and env", () => {
    const w = wf(CI);
    assert.deepEqual(w.jobs.map((j) => j.id), ["build", "call"]);
    const build = w.jobs[0];
    assert.ok(build);
    assert.equal(build.container, "node:20");
    assert.deepEqual(build.permissions, { "*": "read-all" });
    assert.deepEqual(build.env, { JOB: "two" });
    const [checkout, script, push] = build.steps;
    assert.equal(checkout?.name, "Check out");
    assert.equal(checkout?.uses, "actions/checkout@v4");
    assert.equal(script?.run, "npm ci\nnpm test\n");
    assert.deepEqual(script?.env, { CI: "true" });
    assert.equal(push?.index, 2);
    // Scalar inputs only: the flow map is left out, block scalars are kept.
    assert.deepEqual(push?.with, { push: "true", tags: "a\nb\n" });
    assert.equal(w.jobs[1]?.uses, "./.github/workflows/reusable.yml");
    assert.equal(w.jobs[1]?.steps.length, 0);
    assert.equal(allSteps(w).length, 3);
  });

  it("places steps and top-level keys at 1-based line and column", () => {
    const w = wf(CI);
    const steps = allSteps(w);
    assert.deepEqual(positionOf(w, steps[0]?.node), { line: 20, column: 9 });
    assert.deepEqual(positionOf(w, steps[1]?.node), { line: 22, column: 9 });
    assert.deepEqual(keyPosition(w, "on"), { line: 2, column: 1 });
    assert.deepEqual(keyPosition(w, "missing"), { line: 1, column: 1 });
  });

  it("names actions without their ref", () => {
    assert.equal(actionName("GitHub/CodeQL-Action/analyze@v3"), "github/codeql-action/analyze");
    assert.equal(actionName("./local-action"), "./local-action");
    assert.equal(actionRef("actions/checkout@v4"), "v4");
    assert.equal(actionRef("./local-action"), undefined);
  });

  it("tolerates odd shapes: a non-mapping root, jobs without steps, steps that are not maps", () => {
    assert.equal(toWorkflow("x.yml", parseYaml("- a\n- b\n")), undefined);
    const w = wf("on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    steps:\n      - just a string\n      - run: echo\n");
    assert.equal(w.jobs[0]?.steps.length, 0);
    assert.deepEqual(w.jobs[1]?.steps.map((s) => [s.index, s.run]), [[1, "echo"]]);
  });

  it("recognises workflow paths: top level of .github/workflows, .yml or .yaml", () => {
    assert.equal(isWorkflowPath(".github/workflows/ci.yml"), true);
    assert.equal(isWorkflowPath(".github/workflows/ci.yaml"), true);
    assert.equal(isWorkflowPath(".github/workflows/nested/ci.yml"), false);
    assert.equal(isWorkflowPath(".github/workflows/README.md"), false);
    assert.equal(isWorkflowPath("docs/.github/workflows/ci.yml"), false);
  });

  it("loads every parseable workflow and skips malformed ones with one diagnostic", async () => {
    const dir = tmpDir({
      ".github/workflows/ok.yml": "on: push\njobs:\n  a:\n    steps:\n      - run: echo ok\n",
      ".github/workflows/broken.yml": "on: push\njobs:\n  a:\n    steps: [\n",
      ".github/workflows/list.yaml": "- not\n- a map\n",
      ".github/workflows/sub/nested.yml": "on: push\n",
    });
    const seen: string[] = [];
    const probe: Rule = {
      meta: { id: "test/probe", title: "probe rule", severity: "info", confidence: "high", check: "SAST", rationale: "x".repeat(50), remediation: "x".repeat(30), references: [], network: false, assessmentSection: "metadata" },
      async run(ctx) {
        for (const w of await loadWorkflows(ctx)) seen.push(w.path);
      },
    };
    const { assessment } = await runRule(probe, dir);
    assert.deepEqual(seen, [".github/workflows/ok.yml"]);
    const parse = assessment.diagnostics.filter((d) => d.code === "parse-error");
    assert.deepEqual(parse.map((d) => d.path), [".github/workflows/broken.yml"]);
  });
});
