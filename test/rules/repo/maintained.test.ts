import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/maintained.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir } from "../../helpers/tmp-repo.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "../../helpers/child-timeout.js";

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

  it("reports a repository whose whole history is inside the window, as Scorecard scores a repository created in the last 90 days 0", async () => {
    const recipe = (shallow: boolean, dates: string[]) => tmpDir({ "fixture-history.json": JSON.stringify({ shallow, commits: dates.map((date, i) => ({ date, message: `change ${i}`, files: { "a.txt": `${i}\n` } })) }) });
    const { findings } = await runRule(rule, recipe(false, ["2026-04-20T09:00:00Z", "2026-05-02T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "the history starts 41 days ago (first commit on 2026-04-20): under 90 days of activity is too little to show the project is maintained");
    assert.deepEqual(findings[0]?.evidence, { firstCommit: "2026-04-20T09:00:00+00:00", daysSinceFirstCommit: 41 });
    assert.equal(findings[0]?.severity, "low", "young is not shown unmaintained: below the stale repository's medium");
    assert.equal(findings[0]?.fix, "Nothing to change: keep committing, and the check passes once the history is 90 days old (from 2026-07-19).");
    // An older history with a recent commit passes; a shallow clone cannot show where the history starts.
    assert.equal((await runRule(rule, recipe(false, ["2025-01-10T09:00:00Z", "2026-05-28T09:00:00Z"]))).outcome, "pass");
    const shallow = await runRule(rule, recipe(true, ["2026-04-20T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.equal(shallow.outcome, "pass");
    // …and says so, instead of passing what it could not see in silence.
    assert.match(shallow.assessment.rules[0]?.evidence?.[0]?.message ?? "", /a shallow clone: where the history starts, and so whether the project is younger than 90 days, cannot be seen/);
    const full = await runRule(rule, recipe(false, ["2025-01-10T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.equal(full.assessment.rules[0]?.evidence?.[0]?.message, "commits landed in the last 90 days");
  });

  it("judges a rebased history by when its commits were written, not when the rebase rewrote them", async () => {
    // `git rebase --signoff --root` (a DCO fix) gives every commit the rebase's commit date and keeps its author date.
    const history = (commits: [authored: string, committed: string][]): string => {
      const dir = tmpDir({});
      git(dir, "init", "-q");
      for (const [i, [authored, committed]] of commits.entries()) {
        writeFileSync(join(dir, "a.txt"), `${i}\n`);
        git(dir, "add", "-A");
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "-m", `change ${i}`], {
          cwd: dir,
          env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_DATE: authored, GIT_COMMITTER_DATE: committed },
        });
      }
      return dir;
    };
    const rebasedAt = "2026-05-25T09:00:00Z";
    const rebased = await runRule(rule, history([["2023-03-01T09:00:00Z", rebasedAt], ["2025-02-01T09:00:00Z", rebasedAt], ["2026-05-20T09:00:00Z", rebasedAt]]));
    assert.equal(rebased.outcome, "pass", rebased.findings[0]?.message);
    // A history written inside the window is still young, whichever of its dates is older.
    const young = await runRule(rule, history([["2026-04-20T09:00:00Z", rebasedAt]]));
    assert.equal(young.findings[0]?.message, "the history starts 41 days ago (first commit on 2026-04-20): under 90 days of activity is too little to show the project is maintained");
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
