import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/code-review.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const repo = "/repos/acme/widget";
const history = JSON.stringify({ remote: "https://github.com/acme/widget.git", commits: [{ date: "2026-05-01T10:00:00Z", message: "Initial import", files: { "README.md": "# widget\n" } }] });

/** A forge whose default branch holds one commit per change, each merged by a pull request or pushed directly. */
function forge(changes: { pr?: number; author?: string; authorType?: string; approvedBy?: string; mergedBy?: string; message?: string }[]): Record<string, unknown> {
  const routes: Record<string, unknown> = { [repo]: { default_branch: "main" } };
  const commits = changes.map((c, i) => ({ sha: `${String(i).padStart(2, "0")}`.repeat(20), commit: { message: c.message ?? `change ${i}`, author: { name: c.author ?? "alice", email: `${c.author ?? "alice"}@example.org` } }, author: { login: c.author ?? "alice", type: c.authorType ?? "User" } }));
  routes[`${repo}/commits?sha=main&per_page=30`] = commits;
  for (const [i, c] of changes.entries()) {
    const sha = commits[i]?.sha as string;
    if (c.pr === undefined) {
      routes[`${repo}/commits/${sha}/pulls`] = [];
      continue;
    }
    routes[`${repo}/commits/${sha}/pulls`] = [{ number: c.pr, merged_at: "2026-05-02T10:00:00Z", user: { login: c.author ?? "alice", type: c.authorType ?? "User" }, base: { ref: "main" } }];
    routes[`${repo}/pulls/${c.pr}/reviews?per_page=100`] = c.approvedBy ? [{ state: "APPROVED", user: { login: c.approvedBy } }] : [];
    routes[`${repo}/pulls/${c.pr}`] = { number: c.pr, merged_by: { login: c.mergedBy ?? c.author ?? "alice" } };
  }
  return routes;
}

const review = (changes: Parameters<typeof forge>[0]) => runRule(rule, tmpDir({ "fixture-history.json": history, "forge.json": JSON.stringify(forge(changes)) }));
const checkScore = (a: { checks: { id: string; score: number | null }[] }) => a.checks.find((c) => c.id === "Code-Review")?.score;

describe("repo/code-review", () => {
  it("counts changesets, not commits, and approvals only from someone other than the author", async () => {
    const { findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "2 of the last 3 changes to `main` merged without an approving review: aaaaaaa (pushed directly), #12");
    assert.equal(findings[0]?.severity, "high");
    assert.deepEqual(findings[0]?.evidence.unreviewed, ["aaaaaaa (pushed directly)", "#12"]);
    // One of three reviewed: Scorecard's 10 * 1 / 3, rounded down.
    assert.equal(findings[0]?.grade, 3);
    assert.equal(checkScore(assessment), 3, "was 0: any unreviewed change failed the check");
  });

  it("accepts reviews recorded by Gerrit or Phabricator in the commit message", async () => {
    const { outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
  });

  it("takes a review the commit message records only when it names someone other than the author", async () => {
    const r = await review([
      { message: "Fix\n\nReviewed-on: https://review.example.org/c/w/+/1\nReviewed-by: Bob <bob@example.org>" },
      { message: "Fix\n\nDifferential Revision: https://phabricator.example.org/D123" },
      { message: "Fix\n\nReviewed-by: Alice <alice@example.org>" },
      { message: "Fix\n\nReviewed-on: https://review.example.org/c/w/+/2" },
    ]);
    // Was 0 unreviewed: any Reviewed-by or Reviewed-on line counted, the author's own too.
    assert.equal(r.findings[0]?.message, "2 of the last 4 changes to `main` merged without an approving review: 0202020 (pushed directly), 0303030 (pushed directly)");
    assert.equal(r.findings[0]?.grade, 5);
  });

  it("scores the reviewed share of the recent changes, as Scorecard does", async () => {
    const changes = Array.from({ length: 10 }, (_, i) => ({ pr: 100 + i, approvedBy: i === 0 ? undefined : "bob" }));
    const nine = await review(changes);
    assert.equal(nine.findings[0]?.message, "1 of the last 10 changes to `main` merged without an approving review: #100");
    assert.equal(nine.findings[0]?.severity, "medium");
    assert.equal(nine.findings[0]?.grade, 9);
    assert.equal(checkScore(nine.assessment), 9);
    assert.equal(checkScore((await review(changes.map((c) => ({ ...c, approvedBy: "bob" })))).assessment), 10);
  });

  it("counts a pull request merged by someone other than its author as reviewed, as Scorecard does", async () => {
    const r = await review([{ pr: 1, mergedBy: "bob" }, { pr: 2 }]);
    assert.deepEqual(r.findings[0]?.evidence.unreviewed, ["#2"], "merged by its own author: unreviewed");
    assert.equal(r.findings[0]?.grade, 5);
  });

  it("leaves approved bot changes out of the count, counts unapproved ones, and does not grade a history of bots alone", async () => {
    const bot = { author: "dependabot[bot]", authorType: "Bot" };
    const r = await review([{ pr: 1, approvedBy: "bob" }, { pr: 2, ...bot, approvedBy: "bob" }, { pr: 3, ...bot }]);
    assert.equal(r.findings[0]?.message, "1 of the last 2 changes to `main` merged without an approving review: #3");
    assert.equal(r.findings[0]?.grade, 5);
    const bots = await review([{ pr: 2, ...bot, approvedBy: "bob" }, { pr: 3, ...bot }]);
    assert.equal(bots.outcome, "not-applicable");
    assert.match(bots.assessment.rules[0]?.reason ?? "", /found no human activity in the last 2 changes/);
  });
});
