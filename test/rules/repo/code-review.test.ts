import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/code-review.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";

describe("repo/code-review", () => {
  it("counts changesets, not commits, and approvals only from someone other than the author", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "2 of the last 3 changes to `main` merged without an approving review: aaaaaaa (pushed directly), #12");
    assert.equal(findings[0]?.severity, "high");
    assert.deepEqual(findings[0]?.evidence.unreviewed, ["aaaaaaa (pushed directly)", "#12"]);
  });

  it("accepts reviews recorded by Gerrit or Phabricator in the commit message", async () => {
    const { outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
  });
});
