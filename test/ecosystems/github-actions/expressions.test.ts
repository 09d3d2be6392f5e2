import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextAccesses, contextCapability, findExpressions, flowingAccesses, isConstant, parseExpression, triggerReach } from "../../../src/ecosystems/github-actions/index.js";

const paths = (text: string, f = contextAccesses) => f(parseExpression(text) ?? (() => { throw new Error(text); })()).map((a) => `${a.parts.join(".")}@${a.start}-${a.end}`);

describe("github-actions: expressions", () => {
  it("finds fenced expressions with their offsets; `}}` inside a string literal does not close one", () => {
    const s = "a ${{ github.sha }} b ${{ format('}}{0}', x.y) }} c ${{ unterminated";
    assert.deepEqual(findExpressions(s).map((f) => [f.start, f.end, f.inner.trim()]), [[2, 19, "github.sha"], [22, 49, "format('}}{0}', x.y)"]]);
  });

  it("parses contexts, index and filter access, calls and operators, with case-insensitive names", () => {
    assert.deepEqual(paths("github.event.issue.title"), ["github.event.issue.title@0-24"]);
    assert.deepEqual(paths("GitHub['event']['Issue'].TITLE"), ["github.event.issue.title@0-30"]);
    assert.deepEqual(paths("github.event.commits[0].message"), ["github.event.commits.*.message@0-31"]);
    assert.deepEqual(paths("toJSON(github.event.pull_request.labels.*.name)"), ["github.event.pull_request.labels.*.name@7-46"]);
    assert.deepEqual(paths("a.b == 'x' && !c.d || e[f.g]"), ["a.b@0-3", "c.d@15-18", "e.*@22-28", "f.g@24-27"]);
    assert.equal(parseExpression("1 +"), undefined);
    assert.equal(parseExpression("'unterminated"), undefined);
    assert.equal(parseExpression("a..b"), undefined);
  });

  it("knows which accesses reach the result: not through comparisons, negation or boolean functions", () => {
    assert.deepEqual(paths("github.event.issue.title == 'x'", flowingAccesses), []);
    assert.deepEqual(paths("contains(github.event.issue.title, 'x')", flowingAccesses), []);
    assert.deepEqual(paths("a.x || b.y", flowingAccesses), ["a.x@0-3", "b.y@7-10"]);
    assert.deepEqual(paths("a.x && b.y", flowingAccesses), ["b.y@7-10"]);
    assert.deepEqual(paths("format('{0}', a.x)", flowingAccesses), ["a.x@14-17"]);
  });

  it("tells constant expressions from those reading a context or the job's status", () => {
    assert.equal(isConstant(parseExpression("format('{0}', 'x')") as never), true);
    assert.equal(isConstant(parseExpression("success()") as never), false);
    assert.equal(isConstant(parseExpression("github.sha") as never), false);
  });

  it("is bounded on hostile input: deep nesting and long inputs parse or fail quickly", () => {
    assert.equal(parseExpression("(".repeat(100_000) + "a" + ")".repeat(100_000)), undefined);
    assert.equal(parseExpression("!".repeat(100_000) + "a"), undefined);
    const long = Array.from({ length: 100 }, (_, i) => `a${i}.b`).join(" || ");
    assert.equal(paths(long, flowingAccesses).length, 100);
    assert.equal(parseExpression(Array.from({ length: 5000 }, () => "a.b").join(" || ")), undefined);
    assert.equal(findExpressions("${{ x }}".repeat(10_000)).length, 2000);
  });
});

describe("github-actions: contexts", () => {
  it("classifies who controls a value", () => {
    const cap = (p: string) => contextCapability(p.split(".")).capability;
    assert.equal(cap("github.event.issue.title"), "arbitrary");
    assert.equal(cap("github.event.pull_request.head.ref"), "arbitrary");
    assert.equal(cap("github.head_ref"), "arbitrary");
    assert.equal(cap("github.event.commits.*.author.email"), "arbitrary");
    assert.equal(cap("github.event.comment.path"), "arbitrary");
    assert.equal(cap("github.event.comment.diff_hunk"), "arbitrary");
    // A fork's pull request can add a workflow file of any name that the `workflows:` filter matches by its `name:`.
    assert.equal(cap("github.event.workflow_run.path"), "arbitrary");
    assert.equal(cap("github.event.pull_request.number"), "fixed");
    assert.equal(cap("github.event.pull_request.head.sha"), "fixed");
    assert.equal(cap("github.event.issue.user.login"), "fixed");
    assert.equal(cap("github.event.pull_request.updated_at"), "fixed");
    assert.equal(cap("github.sha"), "fixed");
    assert.equal(cap("github.ref_name"), "fixed");
    assert.equal(cap("github.event.inputs.x"), "input");
    assert.equal(cap("inputs.x"), "input");
    assert.equal(cap("github.event.client_payload.x"), "payload");
    assert.equal(cap("github.event.something_new"), "unknown");
    assert.deepEqual(contextCapability(["github", "event", "issue"]), { capability: "arbitrary", prefix: true });
  });

  it("tells how far triggers reach", () => {
    assert.equal(triggerReach(["push", "pull_request_target"]), "privileged");
    assert.equal(triggerReach(["pull_request"]), "outsider");
    assert.equal(triggerReach(["push", "workflow_dispatch"]), "maintainer");
  });
});
