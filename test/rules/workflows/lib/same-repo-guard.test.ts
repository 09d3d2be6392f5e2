import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineAt, sameRepoLines } from "../../../../src/rules/workflows/lib/same-repo-guard.js";

describe("workflows lib: same-repo-guard", () => {
  it("marks the lines inside a test that the head is this repository, not its else branch", () => {
    const script = ['if [ "$HEAD_REPO" = "$GITHUB_REPOSITORY" ]; then', "  gh pr checkout 1", "else", "  gh pr checkout 2", "fi", "make"].join("\n");
    assert.deepEqual([...sameRepoLines(script)], [0, 1]);
  });

  it("marks what follows a test that exits for a fork, in a block, on one line, or with && exit", () => {
    assert.ok(sameRepoLines('if [ "$HEAD_REPO" != "$GITHUB_REPOSITORY" ]; then\n  exit 0\nfi\ngit fetch origin pull/1/head').has(3));
    assert.ok(sameRepoLines('if [ "$HEAD_REPO" != "$GITHUB_REPOSITORY" ]; then exit 0; fi\ngit fetch').has(1));
    assert.ok(sameRepoLines('[ "$HEAD_REPO" != "$GITHUB_REPOSITORY" ] && exit 0\ngit fetch').has(1));
    assert.ok(sameRepoLines('[ "$(gh pr view 1 --json isCrossRepository -q .isCrossRepository)" = "false" ] || exit 0\ngit fetch').has(1));
  });

  it("marks nothing for a test of something else, or a fork test that does not exit", () => {
    assert.equal(sameRepoLines('if [ "$BRANCH" = "main" ]; then\n  gh pr checkout 1\nfi').size, 0);
    assert.equal(sameRepoLines('if [ "$HEAD_REPO" != "$GITHUB_REPOSITORY" ]; then\n  echo fork\nfi\ngit fetch').size, 0);
  });

  it("counts lines up to an offset", () => {
    assert.equal(lineAt("a\nb\nc", 4), 2);
    assert.equal(lineAt("abc", 1), 0);
  });
});
