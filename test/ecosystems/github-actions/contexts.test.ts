import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextCapability, writerContext } from "../../../src/ecosystems/github-actions/contexts.js";

const cap = (path: string) => contextCapability(path.toLowerCase().split("."));

describe("github-actions contexts", () => {
  it("calls arbitrary the payload text zizmor's table calls arbitrary and assay used to leave unknown", () => {
    for (const p of [
      "github.event.commits.*.added.*",
      "github.event.head_commit.removed.*",
      "github.event.pages.*.summary",
      "github.event.commit.commit.message",
      "github.event.check_run.pull_requests.*.head.ref",
      "github.event.check_run.output.text",
      "github.event.changes.old_issue.body",
      "github.event.old_answer.body",
      "github.event.merge_group.head_commit.committer.name",
      "github.event.workflow_run.path",
    ]) {
      assert.deepEqual(cap(p), { capability: "arbitrary", prefix: false }, p);
    }
    // The array itself holds the file names.
    assert.deepEqual(cap("github.event.head_commit.modified"), { capability: "arbitrary", prefix: true });
  });

  it("marks an email address GitHub reports with a shape as structured, and still arbitrary for the rules that ask only that", () => {
    assert.deepEqual(cap("github.event.head_commit.author.email"), { capability: "arbitrary", prefix: false, structured: true });
    assert.deepEqual(cap("github.event.pusher.email"), { capability: "arbitrary", prefix: false, structured: true });
    // The pusher object holds the email: an object holding text, as before.
    assert.deepEqual(cap("github.event.pusher"), { capability: "arbitrary", prefix: true });
    // A status event's commit email has no format in GitHub's schema, and zizmor calls it arbitrary.
    assert.deepEqual(cap("github.event.commit.commit.author.email"), { capability: "arbitrary", prefix: false });
  });

  it("tells free text only writers write (milestones, deployments, categories) from text outsiders write", () => {
    assert.equal(writerContext("github.event.issue.milestone.title".split(".")), true);
    assert.equal(writerContext("github.event.deployment.payload".split(".")), true);
    assert.equal(writerContext("github.event.discussion.category.name".split(".")), true);
    assert.equal(writerContext("github.event.registry_package.package_version.body".split(".")), true);
    assert.equal(writerContext("github.event.issue.title".split(".")), false);
    assert.equal(writerContext("github.event.milestone".split(".")), false);
    assert.equal(cap("github.event.milestone.title").capability, "arbitrary");
  });

  it("reads an account's profile name as free text and its email as structured, except the base repository owner's", () => {
    for (const p of ["github.event.issue.user.name", "github.event.sender.name", "github.event.pull_request.head.user.name", "github.event.pull_request.requested_reviewers.*.name", "github.event.assignee.name"]) {
      assert.deepEqual(cap(p), { capability: "arbitrary", prefix: false }, p);
    }
    assert.deepEqual(cap("github.event.comment.user.email"), { capability: "arbitrary", prefix: false, structured: true });
    assert.equal(cap("github.event.pull_request.base.user.name").capability, "unknown");
    // A name that is not an account's profile (a repository's, a label's) is not one of these.
    assert.equal(cap("github.event.repository.name").capability, "unknown");
  });

  it("calls issue types and requested teams writers' text, and the pusher's login and a status event's branches fixed", () => {
    for (const p of ["github.event.issue.type.name", "github.event.requested_team.name", "github.event.pull_request.requested_teams.*.description"]) {
      assert.equal(writerContext(p.split(".")), true, p);
      assert.equal(cap(p).capability, "arbitrary", p);
    }
    for (const p of ["github.event.pusher.name", "github.event.build.pusher.name", "github.event.branches.*.name"]) assert.equal(cap(p).capability, "fixed", p);
  });

  it("keeps the shapes zizmor's generated table calls arbitrary or structured but no one can fill with shell syntax", () => {
    for (const p of ["github.event.pull_request.head.repo.full_name", "github.event.pull_request.user.login", "github.event.pull_request.html_url", "github.event.workflow_run.head_sha", "github.event.issue.node_id", "github.event.action"]) {
      assert.equal(cap(p).capability, "fixed", p);
    }
  });
});
