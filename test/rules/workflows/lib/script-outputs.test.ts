import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYaml } from "../../../../src/ecosystems/formats/yaml.js";
import { toWorkflow } from "../../../../src/ecosystems/github-actions/index.js";
import { scriptOutputSource } from "../../../../src/rules/workflows/lib/script-outputs.js";

/** The first step of a one-job workflow whose only step runs `script` (in github-script unless `uses` says otherwise). */
function step(script: string, uses = "actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea") {
  const body = script.split("\n").map((l) => `            ${l}`).join("\n");
  const wf = toWorkflow(".github/workflows/x.yml", parseYaml(`on: issue_comment\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          script: |\n${body}\n`));
  const s = wf.jobs[0]?.steps[0];
  assert.ok(s);
  return s;
}

describe("scriptOutputSource", () => {
  it("follows assignments from an outsider's payload field to the output, and nothing else", () => {
    const s = step('const c = context.payload.comment.body;\nlet words = c.trim().split(" ");\nconst first = words[0]\ncore.setOutput("first", first);\ncore.setOutput("tmpl", `x-${words[1]}`);\ncore.setOutput("n", context.payload.issue.number);\ncore.setOutput("lit", "words");');
    assert.equal(scriptOutputSource(s, "first"), "github.event.comment.body");
    assert.equal(scriptOutputSource(s, "tmpl"), "github.event.comment.body");
    assert.equal(scriptOutputSource(s, "n"), undefined, "a number is no outsider's text");
    assert.equal(scriptOutputSource(s, "lit"), undefined, "a quoted word is text, not the variable");
    assert.equal(scriptOutputSource(s, "missing"), undefined);
  });

  it("reads a direct payload read, ignores comparisons and other actions", () => {
    assert.equal(scriptOutputSource(step('core.setOutput("t", context.payload.pull_request.title)'), "t"), "github.event.pull_request.title");
    assert.equal(scriptOutputSource(step('const ok = x == context.payload.comment.body;\nconst y = 1\ncore.setOutput("y", y)'), "y"), undefined);
    assert.equal(scriptOutputSource(step('core.setOutput("t", context.payload.comment.body)', "some/other@v1"), "t"), undefined);
  });

  it("reads a pull request or issue fetched through the API like the payload's (an issue_comment bot's pulls.get)", () => {
    const destructured = step('const { data: pr } = await github.rest.pulls.get({ ...context.repo, pull_number: context.issue.number });\ncore.setOutput("ref", pr.head.ref);\ncore.setOutput("sha", pr.head.sha);\ncore.setOutput("n", pr.number);\nconst t = pr.title\ncore.setOutput("t", t);');
    assert.equal(scriptOutputSource(destructured, "ref"), "github.event.pull_request.head.ref");
    assert.equal(scriptOutputSource(destructured, "t"), "github.event.pull_request.title");
    assert.equal(scriptOutputSource(destructured, "sha"), undefined, "a SHA is no outsider's text");
    assert.equal(scriptOutputSource(destructured, "n"), undefined);
    const response = step('const res = await github.rest.issues.get({ owner, repo, issue_number: 1 });\ncore.setOutput("body", res.data.body);\ncore.setOutput("state", res.data.state);');
    assert.equal(scriptOutputSource(response, "body"), "github.event.issue.body");
    assert.equal(scriptOutputSource(response, "state"), undefined);
    const wrapped = step('const pr = (await github.rest.pulls.get({ owner, repo, pull_number })).data;\nreturn pr.head.ref');
    assert.equal(scriptOutputSource(wrapped, "result"), "github.event.pull_request.head.ref");
    assert.equal(scriptOutputSource(step('const { data: files } = await github.rest.pulls.listFiles({ owner, repo, pull_number });\ncore.setOutput("n", files.length)'), "n"), undefined);
  });

  it("reads fields of a variable holding part of the payload (`const pr = context.payload.pull_request; return pr.title`)", () => {
    const s = step('const pr = context.payload.pull_request;\nconst p = context.payload\ncore.setOutput("n", pr.number);\ncore.setOutput("body", p.issue.body.trim());\nreturn pr.title.toLowerCase();');
    assert.equal(scriptOutputSource(s, "result"), "github.event.pull_request.title");
    assert.equal(scriptOutputSource(s, "body"), "github.event.issue.body");
    assert.equal(scriptOutputSource(s, "n"), undefined, "the number is no outsider's text");
    const d = step('const { title, body: text, number } = context.payload.pull_request;\ncore.setOutput("t", title);\ncore.setOutput("b", text);\ncore.setOutput("n", number);');
    assert.deepEqual(["t", "b", "n"].map((o) => scriptOutputSource(d, o)), ["github.event.pull_request.title", "github.event.pull_request.body", undefined]);
    // Destructured under another name: the variable holds the pull request itself.
    const r = step('const { pull_request: pr, issue } = context.payload;\ncore.setOutput("ref", pr.head.ref);\ncore.setOutput("c", issue.comments);\nreturn pr.title');
    assert.deepEqual(["ref", "c", "result"].map((o) => scriptOutputSource(r, o)), ["github.event.pull_request.head.ref", undefined, "github.event.pull_request.title"]);
  });

  it("stays bounded on a long chain of assignments", () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `const v${i + 1} = v${i};`).join("\n");
    const s = step(`const v0 = context.payload.comment.body;\n${chain}\ncore.setOutput("o", v3000)`);
    // Only the first 2000 assignments are read, so v3000 is not traced back (and the scan stays linear).
    assert.equal(scriptOutputSource(s, "o"), undefined);
  });
});
