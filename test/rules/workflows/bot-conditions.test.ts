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
});
