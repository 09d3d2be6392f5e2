import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/impostor-commit.js";
import { runOnline, workflowRunner } from "../../helpers/workflows.js";

const FORK = "badc0ffee0ddf00d0badc0ffee0ddf00d0badc0f";
const REAL = "11bd71901bbe5b1630ceea73d27597364c9af683";
const files = (sha: string) => ({ ".github/workflows/ci.yml": `name: C\non: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n` });
const base = "/repos/actions/checkout";
const routes = (sha: string, compare: string) => ({
  [`${base}/commits/${sha}`]: { sha },
  [`${base}/tags?per_page=100`]: [{ name: "v4.2.2", commit: { sha: REAL } }],
  [`${base}/branches?per_page=100`]: [{ name: "main", commit: { sha: "1".repeat(40) } }],
  [base]: { default_branch: "main" },
  [`${base}/compare/main...${sha}`]: { status: compare },
  [`${base}/compare/v4.2.2...${sha}`]: { status: "diverged" },
});

describe("workflows/impostor-commit", () => {
  it("reports a pinned commit no branch or tag contains, at uses:", async () => {
    const r = await runOnline(rule, files(FORK), routes(FORK, "diverged"));
    assert.deepEqual(r.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[7, "critical"]]);
    assert.match(r.findings[0]?.message ?? "", /no branch or tag of actions\/checkout contains: it comes from a fork/);
  });

  it("accepts commits that are a tag, a branch head, or behind the default branch", async () => {
    assert.equal((await runOnline(rule, files(REAL), routes(REAL, "diverged"))).outcome, "pass");
    const old = "2".repeat(40);
    assert.equal((await runOnline(rule, files(old), routes(old, "behind"))).outcome, "pass");
  });

  it("reports a commit GitHub does not know, and is not available offline", async () => {
    const r = await runOnline(rule, files(FORK), {});
    assert.match(r.findings[0]?.message ?? "", /a commit GitHub does not know/);
    assert.equal((await workflowRunner(rule).run(files(FORK))).outcome, "not-available");
  });
});
