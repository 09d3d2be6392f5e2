import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { changesets, RECENT_CHANGES, reviewScore, type ReviewCommit } from "../../../../src/rules/repo/lib/review-evidence.js";
import { execFileSync } from "../../../helpers/child-timeout.js";
import { git, tmpDir } from "../../../helpers/tmp-repo.js";

const alice = { name: "Alice", email: "alice@example.org" };
const bob = { name: "Bob", email: "bob@example.org" };
const web = { name: "GitHub", email: "noreply@github.com" };
const dependabot = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };

let n = 0;
function commit(message: string, opts: Partial<ReviewCommit> = {}): ReviewCommit {
  n++;
  return { commit: n.toString(16).padStart(40, "0"), parents: ["p"], author: alice, committer: alice, message, ...opts };
}
const states = (commits: ReviewCommit[]) => changesets(commits).map((c) => [c.label.startsWith("#") ? c.label : "sha", c.state]);

/** A repository with a GitHub-style history: direct pushes, merge commits of pull requests, squash merges. */
function repo(): string {
  const dir = tmpDir({ "a.txt": "0\n" });
  const as = (who: { name: string; email: string }, ...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
    });
  git(dir, "init", "-q");
  as(alice, "add", "-A");
  as(alice, "commit", "-qm", "Initial import");
  // A pull request by Bob, merged by Alice.
  as(bob, "checkout", "-qb", "bob/fix");
  writeFileSync(join(dir, "a.txt"), "1\n");
  as(bob, "commit", "-qam", "Fix the parser");
  as(alice, "checkout", "-q", "main");
  as(alice, "merge", "-q", "--no-ff", "-m", "Merge pull request #7 from bob/fix\n\nFix the parser", "bob/fix");
  // Alice merges her own pull request.
  as(alice, "checkout", "-qb", "alice/docs");
  writeFileSync(join(dir, "b.txt"), "docs\n");
  as(alice, "add", "-A");
  as(alice, "commit", "-qm", "Document run()");
  as(alice, "checkout", "-q", "main");
  as(alice, "merge", "-q", "--no-ff", "-m", "Merge pull request #8 from alice/docs", "alice/docs");
  // A direct push.
  writeFileSync(join(dir, "a.txt"), "2\n");
  as(alice, "commit", "-qam", "Hotfix");
  return dir;
}

/** The first-parent history as the workspace would stream it, with each merge's second-parent author. */
function readHistory(dir: string): ReviewCommit[] {
  const out = execFileSync("git", ["log", "--first-parent", "--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x1e"], { cwd: dir, encoding: "utf8" });
  return out.split("\x1e").filter((r) => r.trim() !== "").map((r) => {
    const [commit = "", parents = "", an = "", ae = "", cn = "", ce = "", message = ""] = r.replace(/^\n/, "").split("\x00");
    const ps = parents.split(" ").filter(Boolean);
    const c: ReviewCommit = { commit, parents: ps, author: { name: an, email: ae }, committer: { name: cn, email: ce }, message };
    if (ps.length > 1) {
      const [name = "", email = ""] = execFileSync("git", ["log", "-1", "--format=%an%x00%ae", ps[1] as string], { cwd: dir, encoding: "utf8" }).trim().split("\x00");
      c.mergedAuthor = { name, email };
    }
    return c;
  });
}

describe("review evidence in git history", () => {
  it("reads a real history: a pull request merged by someone else is reviewed, a self-merge cannot be judged offline, a direct push is not reviewed", () => {
    const sets = changesets(readHistory(repo()));
    assert.deepEqual(sets.map((s) => [s.label.startsWith("#") ? s.label : "sha", s.state, s.how]), [
      ["sha", "unreviewed", "pushed directly"],
      ["#8", "unknown", "merged by its own author: an approving review would be on the forge"],
      ["#7", "reviewed", "merged by Alice, not its author"],
      ["sha", "unreviewed", "pushed directly"],
    ]);
    // Fail closed: the unknown self-merge is not counted as reviewed.
    assert.deepEqual(reviewScore(sets).score, 2);
  });

  it("scores the reviewed share rounded down, as Scorecard: 9 of 10 scores 9", () => {
    const history = [commit("Hotfix"), ...Array.from({ length: 9 }, (_, i) => commit(`Merge pull request #${i + 1} from bob/x`, { parents: ["a", "b"], mergedAuthor: bob }))];
    const { reviewed, counted, score } = reviewScore(changesets(history));
    assert.deepEqual([reviewed, counted.length, score], [9, 10, 9]);
  });

  it("takes review platforms and trailers that name someone other than the author", () => {
    assert.deepEqual(
      states([
        commit("Tighten bounds\n\nChange-Id: I0123456789abcdef\nReviewed-on: https://review.example.org/c/w/+/4242\nReviewed-by: Bob <bob@example.org>"),
        commit("Tighten bounds\n\nChange-Id: I0123456789abcdef\nReviewed-on: https://review.example.org/c/w/+/4243"),
        commit("Tighten bounds\n\nChange-Id: I0123456789abcdef\nReviewed-on: https://review.example.org/c/w/+/4244\nReviewed-by: Alice <alice@example.org>"),
        commit("Fix\n\nDifferential Revision: https://phabricator.example.org/D123"),
        commit("Fix\n\nPiperOrigin-RevId: 123456789"),
        commit("mm: fix a leak\n\nSigned-off-by: Alice <alice@example.org>\nAcked-by: Bob <bob@example.org>"),
        commit("mm: fix a leak\n\nReviewed-by: Alice <ALICE@example.org>"),
        commit("Fix\n\nChange-Id: I0123456789abcdef"),
      ]),
      [["sha", "reviewed"], ["sha", "unknown"], ["sha", "unknown"], ["sha", "reviewed"], ["sha", "reviewed"], ["sha", "reviewed"], ["sha", "unreviewed"], ["sha", "unknown"]],
    );
  });

  it("knows the merge bots' commit shapes: homu and bors record the reviewer, Mergify and Prow merge as someone other than the author", () => {
    const merge = { parents: ["a", "b"], mergedAuthor: alice };
    assert.deepEqual(
      states([
        commit("Auto merge of #123 - alice:fix, r=bob\n\nFix the parser", { ...merge, author: { name: "bors", email: "bors@rust-lang.org" } }),
        commit("Merge #124\n\n124: Fix the parser r=bob a=alice\n\nCo-authored-by: Alice <alice@example.org>", { ...merge, author: { name: "bors[bot]", email: "26634292+bors[bot]@users.noreply.github.com" } }),
        commit("Merge #125", { ...merge, author: { name: "bors[bot]", email: "26634292+bors[bot]@users.noreply.github.com" } }),
        commit("Merge pull request #126 from alice/fix", { ...merge, author: { name: "mergify[bot]", email: "37929162+mergify[bot]@users.noreply.github.com" }, committer: web }),
        commit("Merge pull request #127 from alice/fix", { ...merge, author: { name: "Kubernetes Prow Robot", email: "k8s-ci-robot@users.noreply.github.com" }, committer: web }),
        commit("Merge branch 'fix' into 'main'\n\nFix the parser\n\nSee merge request acme/widget!12", { ...merge, author: bob }),
      ]),
      [["#123", "reviewed"], ["#124", "reviewed"], ["#125", "unknown"], ["#126", "reviewed"], ["#127", "reviewed"], ["#12", "reviewed"]],
    );
  });

  it("cannot judge squash or rebase merges made on GitHub offline, and never credits them (fail closed)", () => {
    const sets = changesets([
      commit("Fix the parser (#41)", { committer: web }),
      commit("Fix the lexer", { committer: web }),
      commit("Fix the docs (#42)\n\nReviewed-by: Bob <bob@example.org>", { committer: web }),
      commit("Merge branch 'topic'", { parents: ["a", "b"], mergedAuthor: bob }),
    ]);
    assert.deepEqual(sets.map((s) => [s.label.startsWith("#") ? s.label : "sha", s.state]), [["#41", "unknown"], ["sha", "unknown"], ["#42", "reviewed"], ["sha", "unreviewed"]]);
    assert.equal(reviewScore(sets).score, 2, "1 reviewed of 4: the unknown ones are not credited");
  });

  it("does not take one person's two addresses for two people", () => {
    const merged = commit("Merge pull request #9 from alice/x", { parents: ["a", "b"], author: { name: "Alice", email: "1234+alice@users.noreply.github.com" }, mergedAuthor: alice });
    assert.equal(changesets([merged])[0]?.state, "unknown");
  });

  it("leaves approved bot changes out, counts unapproved ones, grades nothing when only bots changed, and reads at most Scorecard's 30", () => {
    const botMerged = commit("Merge pull request #1 from dependabot/npm", { parents: ["a", "b"], author: bob, mergedAuthor: dependabot });
    const botPushed = commit("Bump deps", { author: dependabot, committer: dependabot });
    const human = commit("Merge pull request #2 from bob/x", { parents: ["a", "b"], mergedAuthor: bob });
    const r = reviewScore(changesets([botMerged, botPushed, human]));
    assert.deepEqual([r.reviewed, r.counted.length, r.score], [1, 2, 5]);
    assert.equal(reviewScore(changesets([botMerged, botPushed])).score, undefined);
    assert.equal(changesets(Array.from({ length: 40 }, () => commit("Hotfix"))).length, RECENT_CHANGES);
  });
});
