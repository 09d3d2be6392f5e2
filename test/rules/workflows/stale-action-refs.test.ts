import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/stale-action-refs.js";
import { runOnline } from "../../helpers/workflows.js";

const TAG = "11bd71901bbe5b1630ceea73d27597364c9af683";
const files = (sha: string) => ({ ".github/workflows/ci.yml": `name: C\non: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n` });
const tags = { "/repos/actions/checkout/tags?per_page=100": [{ name: "v4.2.2", commit: { sha: TAG } }] };

describe("workflows/stale-action-refs", () => {
  it("reports a pinned commit no tag points to", async () => {
    const r = await runOnline(rule, files("9".repeat(40)), tags);
    assert.deepEqual(r.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[7, "low"]]);
  });

  it("passes a tagged commit, and repositories without tags", async () => {
    assert.equal((await runOnline(rule, files(TAG), tags)).outcome, "pass");
    assert.equal((await runOnline(rule, files("9".repeat(40)), { "/repos/actions/checkout/tags?per_page=100": [] })).outcome, "pass");
  });
});
