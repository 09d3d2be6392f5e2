import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toWorkflow, type Workflow } from "../../../../src/ecosystems/github-actions/index.js";
import { parseYaml } from "../../../../src/ecosystems/formats/yaml.js";
import { insiderUpstream, outsiderEvents, readUpstreams } from "../../../../src/rules/workflows/lib/upstream.js";

const job = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
const wf = (file: string, head: string): Workflow => toWorkflow(`.github/workflows/${file}`, parseYaml(`${head}\n${job}`));
const after = (names: string) => `name: Next\non:\n  workflow_run:\n    workflows: ${names}\n    types: [completed]`;

describe("workflows lib/upstream", () => {
  it("names the workflows a workflow_run follows when only people with push access start them", () => {
    const next = wf("next.yml", after("[CI, .github/workflows/nameless.yml]"));
    const all = [next, wf("ci.yml", "name: CI\non:\n  push:\n  schedule:\n    - cron: '0 0 * * *'"), wf("nameless.yml", "on: release")];
    readUpstreams(all);
    assert.deepEqual(insiderUpstream(next), ["CI", ".github/workflows/nameless.yml"]);
    assert.deepEqual(outsiderEvents(["workflow_run", "push"], next), ["push"]);
  });

  it("leaves open a workflow_run after a pull request, issue or comment trigger, an unknown name, a pattern, or a cycle", () => {
    for (const [head, others] of [
      [after("[CI]"), ["name: CI\non: [push, pull_request]"]],
      [after("[CI]"), ["name: CI\non: issue_comment"]],
      [after("[Missing]"), ["name: CI\non: push"]],
      [after("['C*']"), ["name: CI\non: push"]],
      [after("[Next]"), []],
      [after("[Loop]"), ["name: Loop\non:\n  workflow_run:\n    workflows: [Next]"]],
    ] as const) {
      const next = wf("next.yml", head);
      readUpstreams([next, ...others.map((o, i) => wf(`o${i}.yml`, o))]);
      assert.equal(insiderUpstream(next), undefined, `${head} | ${others.join(" | ")}`);
      assert.deepEqual(outsiderEvents(["workflow_run"], next), ["workflow_run"]);
    }
  });
});
