import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toWorkflow } from "../../../../src/ecosystems/github-actions/index.js";
import { parseYaml } from "../../../../src/ecosystems/formats/yaml.js";
import { requiredTests } from "../../../../src/rules/workflows/lib/gate-tests.js";

const tests = (cond: string, jobs: Parameters<typeof requiredTests>[1] = []) => [...requiredTests(cond, jobs)].sort();

describe("workflows lib: gate-tests", () => {
  it("takes a positive label, actor, association or same-repository test as required", () => {
    assert.deepEqual(tests("contains(github.event.pull_request.labels.*.name, 'ok-to-test')"), ["approval"]);
    assert.deepEqual(tests("${{ github.event.label.name == 'safe to test' }}"), ["approval"]);
    assert.deepEqual(tests("github.actor == 'octocat'"), ["approval"]);
    assert.deepEqual(tests("github.triggering_actor == github.repository_owner"), ["approval"]);
    assert.deepEqual(tests("contains(fromJSON('[\"alice\",\"bob\"]'), github.actor)"), ["approval"]);
    // The author of the comment, review or pull request is the signed-in account that wrote it: a name the workflow writes admits only it.
    assert.deepEqual(tests("github.event.comment.user.login == 'octo-maintainer'"), ["approval"]);
    assert.deepEqual(tests("contains(fromJSON('[\"alice\",\"bob\"]'), github.event.review.user.login)"), ["approval"]);
    assert.deepEqual(tests("github.event.pull_request.user.login == 'dependabot[bot]'"), ["approval"]);
    // The run's actor compared with a bot is no gate: anyone can make the bot act on their own pull request.
    assert.deepEqual(tests("github.actor == 'dependabot[bot]'"), []);
    assert.deepEqual(tests("github.triggering_actor == 'renovate[bot]'"), []);
    assert.deepEqual(tests("contains(fromJSON('[\"alice\",\"dependabot[bot]\"]'), github.actor)"), []);
    assert.deepEqual(tests("github.event.comment.user.login != 'octo-maintainer'"), []);
    assert.deepEqual(tests("github.event.issue.user.login == 'octo-maintainer'"), [], "the issue's author, not the commenter");
    assert.deepEqual(tests("github.event.comment.author_association == 'MEMBER'"), ["approval"]);
    assert.deepEqual(tests("'owner' == github.event.pull_request.author_association"), ["approval"]);
    assert.deepEqual(tests("contains(fromJSON('[\"OWNER\",\"MEMBER\",\"COLLABORATOR\"]'), github.event.comment.author_association)"), ["approval"]);
    assert.deepEqual(tests("github.event.pull_request.head.repo.full_name == github.repository"), ["same-repo"]);
    assert.deepEqual(tests("github.repository == github.event.workflow_run.head_repository.full_name"), ["same-repo"]);
    assert.deepEqual(tests("github.event.pull_request.head.repo.fork == false"), ["same-repo"]);
    assert.deepEqual(tests("!github.event.pull_request.head.repo.fork"), ["same-repo"]);
    assert.deepEqual(tests("github.event_name == 'push'"), ["same-repo"]);
    assert.deepEqual(tests("github.event.pull_request.merged == true"), ["merged"]);
    assert.deepEqual(tests("github.event.pull_request.merged"), ["merged"]);
  });

  it("does not take a negated test as a gate: it admits everyone the test would have stopped", () => {
    assert.deepEqual(tests("!contains(github.event.pull_request.labels.*.name, 'skip-ci')"), []);
    assert.deepEqual(tests("${{ !(github.event.pull_request.head.repo.full_name == github.repository) }}"), []);
    assert.deepEqual(tests("github.event.pull_request.head.repo.full_name != github.repository"), []);
    assert.deepEqual(tests("github.event.comment.author_association != 'OWNER'"), []);
    assert.deepEqual(tests("github.actor != 'dependabot[bot]'"), []);
    assert.deepEqual(tests("github.event.pull_request.head.repo.fork == true"), []);
    assert.deepEqual(tests("github.event.pull_request.merged == false"), []);
    // Two negations make a positive test again: `!(a != b)` is `a == b`, `!!x` is x.
    assert.deepEqual(tests("!(github.event.pull_request.head.repo.full_name != github.repository)"), ["same-repo"]);
    assert.deepEqual(tests("!!contains(github.event.pull_request.labels.*.name, 'ok')"), ["approval"]);
  });

  it("requires what either side of && requires, only what both sides of || require, and follows De Morgan under !", () => {
    assert.deepEqual(tests("github.event.issue.pull_request && github.event.comment.author_association == 'OWNER'"), ["approval"]);
    assert.deepEqual(tests("contains(github.event.pull_request.labels.*.name, 'ok-to-test') || github.event.action == 'synchronize'"), []);
    assert.deepEqual(tests("github.event.comment.author_association == 'OWNER' || contains(github.event.comment.body, '/test')"), []);
    assert.deepEqual(tests("github.event.pull_request.head.repo.fork == true || github.event.pull_request.head.repo.fork == false"), []);
    assert.deepEqual(tests("github.event.label.name == 'a' || github.actor == 'b'"), ["approval"]);
    assert.deepEqual(tests("github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository"), ["same-repo"]);
    assert.deepEqual(tests("github.event.pull_request.merged == true && github.event.label.name == 'backport'"), ["approval", "merged"]);
    // `!(A || B)` is `!A && !B`; `!(A && B)` is `!A || !B`.
    assert.deepEqual(tests("!(github.event.pull_request.head.repo.fork || github.event.action == 'opened')"), ["same-repo"]);
    assert.deepEqual(tests("!(github.event.pull_request.head.repo.fork && github.event.action == 'opened')"), []);
  });

  it("does not take an actor compared with the event's own user, a list the event carries, or an association string an outsider's is part of", () => {
    assert.deepEqual(tests("github.actor == github.event.pull_request.user.login"), []);
    assert.deepEqual(tests("contains(github.event.pull_request.body, github.actor)"), []);
    assert.deepEqual(tests("contains('OWNER,MEMBER,COLLABORATOR', github.event.comment.author_association)"), ["approval"]);
    assert.deepEqual(tests("contains('OWNER,CONTRIBUTOR', github.event.comment.author_association)"), []);
    assert.deepEqual(tests("contains(fromJSON('[\"OWNER\",\"NONE\"]'), github.event.comment.author_association)"), []);
  });

  it("requires nothing of a condition that does not parse or is a string with text around its expression (always true)", () => {
    assert.deepEqual(tests("contains(github.event.pull_request.labels.*.name, 'ok'"), []);
    assert.deepEqual(tests("${{ github.actor == 'a' }} && ${{ github.actor == 'b' }}"), []);
    assert.deepEqual(tests(""), []);
  });

  it("takes an earlier job's permission report as an approval, compared with true or tested bare where the action allows it", () => {
    const wf = toWorkflow(
      ".github/workflows/x.yml",
      parseYaml("on: issue_comment\njobs:\n  check:\n    runs-on: x\n    outputs:\n      ok: ${{ steps.perm.outputs.has-permission }}\n    steps:\n      - id: perm\n        uses: scherermichael-oss/action-has-permission@136e061bfe093832d87f090dd768e14e27a740d3 # 1.0.6\n        with:\n          required-permission: write\n"),
    );
    assert.deepEqual(tests("needs.check.outputs.ok", wf.jobs), ["approval"]);
    assert.deepEqual(tests("needs.check.outputs.ok == '1'", wf.jobs), ["approval"]);
    assert.deepEqual(tests("!needs.check.outputs.ok", wf.jobs), []);
    assert.deepEqual(tests("needs.check.outputs.ok || github.event.action == 'created'", wf.jobs), []);
  });
});
