import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/ref-confusion.js";
import { runOnline } from "../../helpers/workflows.js";

const files = { ".github/workflows/ci.yml": "name: C\non: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/act@v1\n      - uses: acme/act@v1\n" };
const ref = (kind: string) => ({ ref: `refs/${kind}/v1`, object: { type: "commit", sha: "4".repeat(40) } });

describe("workflows/ref-confusion", () => {
  it("reports a ref that is both a branch and a tag, asking the forge once per ref", async () => {
    const r = await runOnline(rule, files, { "/repos/acme/act/git/ref/heads/v1": ref("heads"), "/repos/acme/act/git/ref/tags/v1": ref("tags") });
    assert.deepEqual(r.findings.map((f) => f.locations[0]?.startLine), [7, 8]);
    assert.equal(r.requests.filter((p) => p.includes("/git/ref/")).length, 2);
  });

  it("passes a plain tag", async () => {
    const r = await runOnline(rule, files, { "/repos/acme/act/git/ref/tags/v1": ref("tags") });
    assert.equal(r.outcome, "pass");
  });
});
