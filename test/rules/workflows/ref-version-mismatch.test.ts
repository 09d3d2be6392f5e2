import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/ref-version-mismatch.js";
import { runOnline } from "../../helpers/workflows.js";

const REAL = "11bd71901bbe5b1630ceea73d27597364c9af683";
const files = (sha: string, c: string) => ({ ".github/workflows/ci.yml": `name: C\non: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha} # ${c}\n` });

describe("workflows/ref-version-mismatch", () => {
  it("reports a SHA whose comment names another tag's commit, following annotated tags", async () => {
    const routes = { "/repos/actions/checkout/git/ref/tags/v4.2.2": { object: { type: "tag", sha: "7".repeat(40) } }, [`/repos/actions/checkout/git/tags/${"7".repeat(40)}`]: { object: { type: "commit", sha: REAL } } };
    const r = await runOnline(rule, files("3".repeat(40), "v4.2.2"), routes);
    assert.deepEqual(r.findings.map((f) => [f.severity, f.fix]), [["medium", `uses: actions/checkout@${REAL} # v4.2.2`]]);
    assert.equal((await runOnline(rule, files(REAL, "v4.2.2"), routes)).outcome, "pass");
  });

  it("reports a comment naming a tag that does not exist, at low severity", async () => {
    const r = await runOnline(rule, files(REAL, "v9.9.9"), {});
    assert.deepEqual(r.findings.map((f) => f.severity), ["low"]);
  });
});
