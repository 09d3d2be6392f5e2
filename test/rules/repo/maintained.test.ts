import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/maintained.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir, tmpFolder } from "../../helpers/tmp-repo.js";
import { materialize } from "../../helpers/fixture-history.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "../../helpers/child-timeout.js";

const recipe = (shallow: boolean, dates: string[]) => tmpDir({ "fixture-history.json": JSON.stringify({ shallow, commits: dates.map((date, i) => ({ date, message: `change ${i}`, files: { "a.txt": `${i}\n` } })) }) });

describe("repo/maintained", () => {
  it("reports when the newest commit is older than 90 days, with its date", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "the newest commit landed on 2025-08-14, 290 days ago: nothing in the last 90 days");
    assert.equal(findings[0]?.evidence.daysSinceLastCommit, 290);
    assert.deepEqual(findings[0]?.locations, []);
  });

  it("passes a history with about one commit a week in the window, as Scorecard scores it 10", async () => {
    const { outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
    assert.equal(assessment.target.vcs, "git");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "at least 12 commits (about one a week) landed in the last 90 days; issue activity, which Scorecard also counts, is not seen offline");
    assert.equal(assessment.checks.find((c) => c.id === "Maintained")?.score, 10);
  });

  it("grades fewer commits by their share of one a week, as Scorecard does", async () => {
    // 2025 start, then n commits a week apart ending 2026-05-28: all inside the window.
    const weekly = (n: number) => ["2025-01-10T09:00:00Z", ...Array.from({ length: n }, (_, i) => new Date(Date.parse("2026-05-28T09:00:00Z") - i * 7 * 86_400_000).toISOString())].sort();
    const graded = async (n: number) => runRule(rule, recipe(false, weekly(n)));
    const five = await graded(5);
    assert.equal(five.findings.length, 1);
    assert.equal(five.findings[0]?.message, "5 commits landed in the last 90 days, where about one a week (12) shows a maintained project: scored 4 of 10 (issue activity, which Scorecard also counts, is not seen offline)");
    assert.equal(five.findings[0]?.severity, "low");
    assert.deepEqual(five.findings[0]?.evidence, { commitsInWindow: 5, fullMarksAt: 12, shallow: false });
    assert.equal(five.findings[0]?.grade, 4);
    assert.equal(five.assessment.checks.find((c) => c.id === "Maintained")?.score, 4, "was 10: one commit in the window passed");
    assert.equal((await graded(1)).assessment.checks.find((c) => c.id === "Maintained")?.score, 0, "10 * 1 / 12 rounds down to 0, as in Scorecard");
    assert.equal((await graded(11)).assessment.checks.find((c) => c.id === "Maintained")?.score, 9);
    assert.equal((await graded(12)).outcome, "pass");
    // The count keeps one fingerprint, so a baseline holds while it moves.
    assert.equal((await graded(6)).findings[0]?.fingerprint, five.findings[0]?.fingerprint);
  });

  it("counts a pull request's own commits, merged, by when they landed", async () => {
    const dir = tmpDir({});
    const at = (date: string, ...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    git(dir, "init", "-q");
    writeFileSync(join(dir, "a.txt"), "0\n");
    at("2025-01-10T09:00:00Z", "add", "-A");
    at("2025-01-10T09:00:00Z", "commit", "-qm", "start");
    at("2026-05-01T09:00:00Z", "checkout", "-qb", "topic");
    for (let i = 1; i <= 4; i++) {
      writeFileSync(join(dir, "a.txt"), `${i}\n`);
      at(`2026-05-0${i}T09:00:00Z`, "commit", "-qam", `topic ${i}`);
    }
    at("2026-05-10T09:00:00Z", "checkout", "-q", "main");
    at("2026-05-10T09:00:00Z", "merge", "-q", "--no-ff", "-m", "Merge pull request #1 from someone/topic", "topic");
    const { findings } = await runRule(rule, dir);
    // The four commits and the merge: first parents alone would see one.
    assert.equal(findings[0]?.evidence.commitsInWindow, 5);
  });

  it("grades a shallow clone by the commits it holds as a lower bound, never failing the gate for CI's default checkout, and still sees a stale one", async () => {
    const shallow = await runRule(rule, recipe(true, ["2025-01-10T09:00:00Z", "2026-04-20T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.equal(shallow.outcome, "fail", "was pass: the newest commit alone passed");
    assert.match(shallow.findings[0]?.message ?? "", /^a shallow clone shows 1 commit in the last 90 days, .*scored 0 of 10 until the full history shows how many landed/);
    assert.equal(shallow.findings[0]?.severity, "low");
    assert.match(shallow.findings[0]?.fix ?? "", /fetch-depth: 0/);
    assert.equal(shallow.findings[0]?.evidence.shallow, true);
    const check = shallow.assessment.checks.find((c) => c.id === "Maintained");
    assert.equal(check?.status, "scored", "an incomplete check would fail the default gate of every CI run with fetch-depth: 1");
    assert.equal(check?.score, 0);
    assert.equal(shallow.assessment.gate.passed, true);
    // A clone deep enough to show a commit a week is graded by them, and says what it cannot show.
    const full = materialize(recipe(false, Array.from({ length: 13 }, (_, i) => new Date(Date.parse("2026-05-28T09:00:00Z") - i * 7 * 86_400_000).toISOString()).reverse()));
    const deep = tmpFolder("assay-deep-");
    execFileSync("git", ["clone", "-q", "--depth", "12", `file://${full}`, deep], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" }, stdio: "ignore" });
    const graded = await runRule(rule, deep);
    assert.equal(graded.outcome, "pass");
    assert.match(graded.assessment.rules[0]?.evidence?.[0]?.message ?? "", /^at least 12 commits .* \(a shallow clone: where the history starts, and so whether the project is younger than 90 days, cannot be seen/);
    const stale = await runRule(rule, recipe(true, ["2025-01-10T09:00:00Z", "2025-08-14T16:30:00Z"]));
    assert.equal(stale.findings[0]?.evidence.daysSinceLastCommit, 290, "its newest commit is enough to see nothing landed");
  });

  it("reports a repository whose whole history is inside the window, as Scorecard scores a repository created in the last 90 days 0", async () => {
    const { findings } = await runRule(rule, recipe(false, ["2026-04-20T09:00:00Z", "2026-05-02T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "the history starts 41 days ago (first commit on 2026-04-20): under 90 days of activity is too little to show the project is maintained");
    assert.deepEqual(findings[0]?.evidence, { firstCommit: "2026-04-20T09:00:00+00:00", daysSinceFirstCommit: 41 });
    assert.equal(findings[0]?.severity, "low", "young is not shown unmaintained: below the stale repository's medium");
    // A history begun today says so, not "0 days ago".
    const today = await runRule(rule, recipe(false, ["2026-05-31T20:00:00Z"]));
    assert.match(today.findings[0]?.message ?? "", /^the history starts today \(first commit on 2026-05-31\)/);
    assert.equal(findings[0]?.fix, "Nothing to change: keep committing, and the check passes once the history is 90 days old (from 2026-07-19).");
    // An older history with a recent commit is not young; a shallow clone cannot show where the history starts.
    const older = await runRule(rule, recipe(false, ["2025-01-10T09:00:00Z", "2026-05-28T09:00:00Z"]));
    assert.deepEqual(older.findings.map((f) => f.evidence.commitsInWindow), [1], "graded by its activity, not young");
    const shallow = await runRule(rule, recipe(true, ["2026-04-20T09:00:00Z", "2026-05-28T09:00:00Z"]));
    // …and says so, graded by the little it shows, instead of passing what it could not see in silence.
    assert.equal(shallow.outcome, "fail");
    assert.match(shallow.findings[0]?.message ?? "", /^a shallow clone shows 1 commit/);
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
    // Not young: the history was written over three years. Its activity is counted as Scorecard dates it, by when each commit landed.
    assert.deepEqual(rebased.findings.map((f) => f.evidence.commitsInWindow), [3], rebased.findings[0]?.message);
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

  it("is incomplete, not 'not a git checkout', for a repository scanned where git is not installed", async () => {
    // Made into a real repository while git is still on the path.
    const mat = materialize(recipe(false, ["2026-05-28T09:00:00Z"]));
    const path = process.env.PATH;
    process.env.PATH = tmpDir({}); // an empty folder: no git on the path
    try {
      const r = await runRule(rule, mat);
      assert.equal(r.outcome, "incomplete");
      assert.match(r.assessment.rules[0]?.reason ?? "", /git is not installed \(not on PATH\), so the repository's history cannot be read/);
    } finally {
      process.env.PATH = path;
    }
  });

  it("keeps one fingerprint while the project stays stale", async () => {
    const a = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const b = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(a.findings[0]?.fingerprint, b.findings[0]?.fingerprint);
  });
});
