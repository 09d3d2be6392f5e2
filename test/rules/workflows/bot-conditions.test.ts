import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/bot-conditions.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const wf = (on: string, cond: string) => `name: B\non: ${on}\npermissions:\n  contents: read\njobs:\n  m:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n`;

describe("workflows/bot-conditions", () => {
  it("reports github.actor compared to a bot in pull_request_target, with high confidence when it decides alone", async () => {
    const { findings } = await one(wf("pull_request_target", "github.actor == 'dependabot[bot]' || github.actor == 'renovate[bot]'"));
    assert.deepEqual(where(findings), [[7, 9]]);
    assert.equal(findings[0]?.confidence, "high");
    const and = await one(wf("pull_request_target", "github.actor == 'dependabot[bot]' && github.event.action == 'opened'"));
    assert.equal(and.findings[0]?.confidence, "medium");
  });

  it("knows bot ids, triggering_actor and workflow_run; ignores other triggers and the author check", async () => {
    const id = await one(wf("workflow_run", "github.actor_id == 49699333"));
    assert.equal(id.findings.length, 1);
    const trig = await one(wf("pull_request_target", "${{ github.triggering_actor == 'dependabot[bot]' }}"));
    assert.equal(trig.findings.length, 1);
    const push = await one(wf("push", "github.actor == 'dependabot[bot]'"));
    const author = await one(wf("pull_request_target", "github.event.pull_request.user.login == 'dependabot[bot]'"));
    const negated = await one(wf("pull_request_target", "github.actor != 'dependabot[bot]'"));
    assert.deepEqual([push.findings, author.findings, negated.findings], [[], [], []]);
  });

  it("reads a list of bots tested with contains() and a test for any bot's name as the same spoofable check", async () => {
    const list = await one(wf("pull_request_target", `contains(fromJSON('["dependabot[bot]", "renovate[bot]"]'), github.actor)`));
    assert.deepEqual(list.findings.map((f) => [f.locations[0]?.startLine, f.confidence, f.evidence]), [[7, "high", {}]]);
    assert.match(list.findings[0]?.message ?? "", /trusts `github\.actor`/);
    const ids = await one(wf("workflow_run", `contains(fromJSON('[49699333]'), github.actor_id) && github.event.workflow_run.conclusion == 'success'`));
    assert.deepEqual(ids.findings.map((f) => f.confidence), ["medium"]);
    const anyBot = await one(wf("pull_request_target", "endsWith(github.triggering_actor, '[bot]')"));
    assert.deepEqual(anyBot.findings.map((f) => f.confidence), ["high"]);
    // A part of a name: any account called `xbot` passes, and anyone can register one.
    const part = await one(wf("pull_request_target", "contains(github.actor, 'bot') || startsWith(github.actor, 'renovate')"));
    assert.deepEqual(part.findings.map((f) => f.confidence), ["high"]);
    const named = await one(wf("pull_request_target", "contains(github.actor, 'octo')"));
    assert.deepEqual(named.findings, []);
    const suffix = await one(wf("pull_request_target", "endsWith(github.actor, 'bot')"));
    assert.deepEqual(suffix.findings.map((f) => f.confidence), ["high"]);
    // People, not bots, or the author of the pull request: nothing an attacker makes a bot pass.
    const people = await one(wf("pull_request_target", `contains(fromJSON('["octocat", "monalisa"]'), github.actor)`));
    const author = await one(wf("pull_request_target", `contains(fromJSON('["dependabot[bot]"]'), github.event.pull_request.user.login)`));
    const malformed = await one(wf("pull_request_target", `contains(fromJSON('["dependabot[bot]"'), github.actor)`));
    assert.deepEqual([people.findings, author.findings, malformed.findings], [[], [], []]);
  });
});
