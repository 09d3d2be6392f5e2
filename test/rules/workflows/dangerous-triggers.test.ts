import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/dangerous-triggers.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const wf = (on: string, job: string) => `name: X\non: ${on}\npermissions:\n  contents: read\njobs:\n  build:\n${job}`;
const CHECKOUT_HEAD = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";

describe("workflows/dangerous-triggers", () => {
  it("is critical when the fork's head is checked out and built with secrets in reach, pointing at the ref", async () => {
    const { findings } = await one(wf("pull_request_target", `${CHECKOUT_HEAD}      - run: npm ci && npm test\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`));
    assert.deepEqual(where(findings), [[11, 16]]);
    assert.equal(findings[0]?.severity, "critical");
    assert.match(findings[0]?.message ?? "", /checks out `github\.event\.pull_request\.head\.sha` \(the pull request's own code\) in a `pull_request_target` run of \.github\/workflows\/ci\.yml; step 2 \(run\) then runs code from it with secrets \(NPM_TOKEN\)/);
  });

  it("is high without secrets or a writable token, medium when nothing runs the checked-out code", async () => {
    const readOnly = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n      - run: make\n`));
    assert.deepEqual(readOnly.findings.map((f) => f.severity), ["high"]);
    const noExec = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n`));
    assert.deepEqual(noExec.findings.map((f) => f.severity), ["medium"]);
  });

  it("stays quiet for the base branch checkout, for pull_request, and behind a same-repository guard", async () => {
    const base = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - run: make\n"));
    const pr = await one(wf("pull_request", `${CHECKOUT_HEAD}      - run: make\n`));
    const guarded = await one(wf("pull_request_target", `    if: github.event.pull_request.head.repo.full_name == github.repository\n${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual([base.findings, pr.findings, guarded.findings], [[], [], []]);
  });

  it("lowers the severity behind a maintainer's label, and still reports it", async () => {
    const { findings } = await one(wf("pull_request_target", `    if: contains(github.event.pull_request.labels.*.name, 'safe')\n${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual(findings.map((f) => f.severity), ["medium"]);
    assert.match(findings[0]?.message ?? "", /waits for a label/);
  });

  it("finds gh pr checkout in issue_comment and the triggering run's artifacts in workflow_run", async () => {
    const comment = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          gh pr checkout ${{ github.event.issue.number }}\n          make test\n"));
    assert.deepEqual(comment.findings.map((f) => f.evidence["fetched"]), ["github.event.issue.number"]);
    const artifact = await one(wf("workflow_run", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: bash ./out/run.sh\n"));
    assert.equal(artifact.findings.length, 1);
    assert.match(artifact.findings[0]?.message ?? "", /downloads the artifacts of the run that triggered it/);
  });

  it("follows a local reusable workflow called from a pull_request_target workflow", async () => {
    const { run } = workflowRunner(rule);
    const { findings } = await run({
      ".github/workflows/pr.yml": "name: PR\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n",
      ".github/workflows/build.yml": `name: B\non: workflow_call\npermissions:\n  contents: read\njobs:\n  build:\n${CHECKOUT_HEAD}      - run: make\n`,
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), [".github/workflows/build.yml"]);
  });
});
