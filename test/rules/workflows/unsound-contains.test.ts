import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unsound-contains.js";
import { workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const wf = (cond: string) => `name: C\non: push\njobs:\n  d:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;

describe("workflows/unsound-contains", () => {
  it("reports contains() with a string haystack, high when the needle is a ref, an actor, env or an input", async () => {
    const { findings } = await one(wf("contains('refs/heads/main refs/heads/dev', github.ref) || !contains('main|dev', github.head_ref)"));
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence]), [["high", {}], ["high", {}]]);
    assert.match(findings[0]?.fix ?? "", /contains\(fromJSON\('\["refs\/heads\/main","refs\/heads\/dev"\]'\), github\.ref\)/);
  });

  it("is informational for values nobody controls, and quiet for real lists", async () => {
    const info = await one(wf("contains('push pull_request', github.event_name)"));
    assert.deepEqual(info.findings.map((f) => f.severity), ["info"]);
    const list = await one(wf("contains(fromJSON('[\"refs/heads/main\"]'), github.ref) && contains(github.event.head_commit.message, '[skip]')"));
    assert.deepEqual(list.findings, []);
  });
});
