import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/maintained.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir } from "../../helpers/tmp-repo.js";

describe("repo/maintained", () => {
  it("reports when the newest commit is older than 90 days, with its date", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "the newest commit landed on 2025-08-14, 290 days ago: nothing in the last 90 days");
    assert.equal(findings[0]?.evidence.daysSinceLastCommit, 290);
    assert.deepEqual(findings[0]?.locations, []);
  });

  it("judges a shallow clone by its newest commit", async () => {
    const { outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
    assert.equal(assessment.target.vcs, "git");
  });

  it("does not apply outside git or before the first commit", async () => {
    const plain = await runRule(rule, tmpDir({ "a.txt": "a" }));
    assert.equal(plain.outcome, "not-applicable");
    assert.match(plain.assessment.rules[0]?.reason ?? "", /not a git checkout/);
    const empty = tmpDir({ "a.txt": "a" });
    git(empty, "init", "-q");
    const r = await runRule(rule, empty);
    assert.equal(r.outcome, "not-applicable");
    assert.match(r.assessment.rules[0]?.reason ?? "", /no commits yet/);
  });

  it("keeps one fingerprint while the project stays stale", async () => {
    const a = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const b = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(a.findings[0]?.fingerprint, b.findings[0]?.fingerprint);
  });
});
