import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/dangerous-triggers.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
/** Findings about a fork's code, leaving out the privileged trigger's own warning. */
const forkCode = <T extends { evidence: Record<string, unknown> }>(findings: readonly T[]): T[] => findings.filter((f) => f.evidence["fetched"] !== null);
const wf = (on: string, job: string) => `name: X\non: ${on}\npermissions:\n  contents: read\njobs:\n  build:\n${job}`;
const CHECKOUT_HEAD = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";

describe("workflows/dangerous-triggers", () => {
  it("is critical when the fork's head is checked out and built with secrets in reach, pointing at the ref", async () => {
    const { findings } = await one(wf("pull_request_target", `${CHECKOUT_HEAD}      - run: npm ci && npm test\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`));
    assert.deepEqual(where(findings), [[11, 16]]);
    assert.equal(findings[0]?.severity, "critical");
    assert.match(findings[0]?.message ?? "", /checks out `github\.event\.pull_request\.head\.sha` \(the pull request's own code\) in a `pull_request_target` run of \.github\/workflows\/ci\.yml; step 2 \(run\) then runs code from it with secrets \(NPM_TOKEN\)/);
  });

  it("is high without secrets or a writable token; when nothing runs the checked-out code, medium with secrets or a writable token in reach, else low", async () => {
    const readOnly = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n      - run: make\n`));
    assert.deepEqual(readOnly.findings.map((f) => f.severity), ["high"]);
    const noExec = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n`));
    assert.deepEqual(noExec.findings.map((f) => f.severity), ["low"]);
    const secret = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n      - run: bandit -r .\n        env:\n          TOKEN: \${{ secrets.DEPLOY }}\n`));
    assert.deepEqual(secret.findings.map((f) => f.severity), ["medium"]);
  });

  it("warns about a privileged trigger alone at its line, as zizmor does (medium here, below the default gate; medium confidence), without lowering Dangerous-Workflow's score", async () => {
    const base = "    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr comment \"$PR\" --body thanks\n";
    for (const event of ["pull_request_target", "workflow_run", "issue_comment"]) {
      const { findings } = await one(wf(event, base));
      assert.deepEqual(findings.map((f) => [f.severity, f.confidence, f.impact, f.evidence["trigger"]]), [["medium", "medium", "none", event]], event);
      assert.deepEqual(where(findings), [[2, 5]]);
      assert.match(findings[0]?.message ?? "", new RegExp(`runs on \`${event}\`: .* with the repository's secrets and a token that can usually write\\. No job here runs .* today`));
    }
    const map = await one(`name: X\non:\n  push:\n  pull_request_target:\n    types: [opened]\n  workflow_run:\n    workflows: [CI]\njobs:\n  build:\n${base}`);
    assert.deepEqual(map.findings.map((f) => [f.evidence["trigger"], f.locations.map((l) => l.startLine)]), [["pull_request_target", [4, 2]], ["workflow_run", [6, 2]]], "one per trigger, with the on: block zizmor points at");
  });

  it("warns of issue_comment only for jobs whose own `if:` lets any commenter through, as zizmor 1.31 does, and points at those jobs too", async () => {
    const step = "    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"comment received\"\n";
    const trusted = await one(wf("issue_comment", `    if: contains(fromJSON('["OWNER", "MEMBER", "COLLABORATOR"]'), github.event.comment.author_association)\n${step}`));
    const member = await one(wf("issue_comment", `    if: github.event.issue.pull_request && github.event.comment.author_association == 'MEMBER'\n${step}`));
    assert.deepEqual([trusted.findings, member.findings], [[], []]);
    // A contributor (someone whose pull request was once merged) is not a writer; a step's `if:` guards only that step.
    const contributor = await one(wf("issue_comment", `    if: github.event.comment.author_association == 'CONTRIBUTOR'\n${step}`));
    const stepOnly = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - if: github.event.comment.author_association == 'MEMBER'\n        run: echo hi\n"));
    assert.deepEqual([contributor, stepOnly].map((r) => r.findings.map((f) => [f.severity, f.confidence, f.locations.map((l) => l.startLine)])), [[["medium", "medium", [2, 6]]], [["medium", "medium", [2, 6]]]]);
    // Of two jobs, the one that answers anyone is named; a job needing a guarded one is guarded too.
    const two = await one(`name: X\non: issue_comment\npermissions: {}\njobs:\n  check:\n    if: github.event.comment.author_association == 'OWNER'\n${step}  build:\n    needs: check\n${step}  greet:\n${step}`);
    assert.deepEqual(two.findings.map((f) => f.locations.map((l) => l.startLine)), [[2, 15]]);
    assert.match(two.findings[0]?.message ?? "", /; `greet` runs for any commenter, with no job-level check that admits only trusted commenters \(OWNER, MEMBER or COLLABORATOR, a label, a named actor\)$/);
    // zizmor's ignore comment at the job it reports holds.
    const ignored = await one(wf("issue_comment", step).replace("  build:\n", "  build: # zizmor: ignore[dangerous-triggers]\n"));
    assert.deepEqual(ignored.findings.map((f) => f.status), ["suppressed"]);
  });

  it("lowers a fork's checkout that actions/checkout refuses (v7, and the v4–v6 major tags since July 2026) to medium, still scoring Dangerous-Workflow 0 as Scorecard does, and keeps it critical where the guard is absent or opted out of", async () => {
    const job = (uses: string, extra = "") => `    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${uses}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n${extra}      - run: npm ci && npm test\n        env:\n          TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
    const rated = async (uses: string, extra = "", on = "pull_request_target") => forkCode((await one(wf(on, job(uses, extra)))).findings).map((f) => [f.severity, f.impact ?? "counted", f.evidence["refusedBy"]]);
    assert.deepEqual(await rated("v4"), [["medium", "zero", "actions/checkout@v4"]]);
    assert.deepEqual(await rated("3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.0"), [["medium", "zero", "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"]]);
    const refused = (await one(wf("pull_request_target", job("v5")))).findings[0]?.message ?? "";
    assert.match(refused, /actions\/checkout@v5 refuses this checkout for a fork's pull request \(GitHub's guard since July 2026\), so the job stops there today/);
    // A release a SHA or full version pins keeps the code it had; v3 got no backport; the opt-in brings the fork's code back.
    for (const [uses, extra] of [["11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", ""], ["v4.2.2", ""], ["v3", ""], ["v7", "          allow-unsafe-pr-checkout: true\n"]] as const) {
      assert.deepEqual(await rated(uses, extra), [["critical", "counted", null]], uses);
    }
    // issue_comment runs are not guarded.
    const comment = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v7\n        with:\n          ref: refs/pull/${{ github.event.issue.number }}/head\n      - run: make test\n";
    assert.deepEqual(forkCode((await one(wf("issue_comment", comment))).findings).map((f) => f.evidence["refusedBy"]), [null]);
    assert.deepEqual(forkCode((await one(wf("pull_request_target", comment.replace("issue.number", "pull_request.number")))).findings).map((f) => f.evidence["refusedBy"]), ["actions/checkout@v7"]);
  });

  it("takes a checkout that sets `allow-unsafe-pr-checkout: true` for a fork's code, whatever its ref is made of", async () => {
    const job = "    runs-on: ubuntu-latest\n    steps:\n      - id: pr\n        run: echo \"sha=$(gh pr view --json headRefOid -q .headRefOid)\" >> \"$GITHUB_OUTPUT\"\n      - uses: actions/checkout@v7\n        with:\n          ref: ${{ steps.lookup.outputs.sha }}\n          allow-unsafe-pr-checkout: true\n      - run: make test\n";
    const { findings } = await one(wf("pull_request_target", job));
    assert.deepEqual(forkCode(findings).map((f) => [f.locations[0]?.startLine, f.severity]), [[14, "high"]]);
    assert.match(findings[0]?.message ?? "", /checks out the pull request's code \(the step sets `allow-unsafe-pr-checkout: true`\)/);
    // On a push, the input means nothing.
    assert.deepEqual(forkCode((await one(wf("push", job))).findings), []);
    // Without a ref or repository made of an expression the step checks out the base's own commit; a merged pull
    // request's SHA is merged code: the opt-in (copied onto every checkout, or needed for the merge SHA) fetches no fork's code.
    const base = job.replace("          ref: ${{ steps.lookup.outputs.sha }}\n", "");
    assert.deepEqual(forkCode((await one(wf("pull_request_target", base))).findings), []);
    assert.deepEqual(forkCode((await one(wf("pull_request_target", job.replace("${{ steps.lookup.outputs.sha }}", "main")))).findings), []);
    const merged = job.replace("    steps:", "    if: github.event.pull_request.merged == true\n    steps:").replace("steps.lookup.outputs.sha", "github.event.pull_request.merge_commit_sha");
    assert.deepEqual(forkCode((await one(wf("\n  pull_request_target:\n    types: [closed]", merged))).findings), []);
    assert.equal(forkCode((await one(wf("\n  pull_request_target:\n    types: [closed]", merged.replace("merge_commit_sha", "head.ref")))).findings).length, 1);
  });

  it("keeps a zizmor ignore written at on: for the trigger's warning, where zizmor anchors it", async () => {
    const { findings } = await one("name: T\non: # zizmor: ignore[dangerous-triggers] comments only\n  pull_request_target:\n    types: [opened]\npermissions:\n  pull-requests: write\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr comment 1 --body hi\n");
    assert.deepEqual(findings.map((f) => [f.status, f.statusReason, f.locations.map((l) => l.startLine)]), [["suppressed", "comments only", [3, 2]]]);
  });

  it("leaves a lone actions/labeler step alone, as zizmor does, and reports the trigger once where the fork's code is checked out", async () => {
    const labeler = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0\n";
    assert.deepEqual((await one(wf("pull_request_target", labeler))).findings, []);
    assert.equal((await one(wf("pull_request_target", `${labeler}      - run: echo labelled\n`))).findings.length, 1);
    const checkout = await one(wf("[pull_request_target, workflow_run]", `${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual(checkout.findings.map((f) => [f.evidence["fetched"], f.severity]), [["github.event.pull_request.head.sha", "high"]], "the checkout's finding stands for both triggers");
  });

  it("stays quiet for the base branch checkout, for pull_request, and behind a same-repository guard", async () => {
    const base = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - run: make\n"));
    const pr = await one(wf("pull_request", `${CHECKOUT_HEAD}      - run: make\n`));
    const guarded = await one(wf("pull_request_target", `    if: github.event.pull_request.head.repo.full_name == github.repository\n${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual([forkCode(base.findings), pr.findings, forkCode(guarded.findings)], [[], [], []]);
  });

  it("takes a `./` action after the fork's checkout for the fork's code, and `$/` (read at the running commit) for none of it", async () => {
    const local = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n      - uses: ./.github/actions/build\n`));
    assert.deepEqual(local.findings.map((f) => f.severity), ["high"]);
    assert.match(local.findings[0]?.fix ?? "", /reference the action as `\$\/\.github\/actions\/build`/);
    const self = await one(wf("pull_request_target", `${CHECKOUT_HEAD}          persist-credentials: false\n      - uses: $/.github/actions/build\n`));
    assert.deepEqual(self.findings.map((f) => f.severity), ["low"], "the checkout is still reported; nothing runs it");
  });

  it("lowers the severity behind a maintainer's label, and still reports it", async () => {
    const { findings } = await one(wf("pull_request_target", `    if: contains(github.event.pull_request.labels.*.name, 'safe')\n${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual(findings.map((f) => f.severity), ["medium"]);
    assert.match(findings[0]?.message ?? "", /waits for a label/);
  });

  it("finds gh pr checkout in issue_comment and the triggering run's artifacts in workflow_run", async () => {
    const comment = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          gh pr checkout ${{ github.event.issue.number }}\n          make test\n"));
    assert.deepEqual(comment.findings.map((f) => f.evidence["fetched"]), ["github.event.issue.number"]);
    const artifact = await one(wf("workflow_run", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: bash ./out/run.sh\n"));
    assert.equal(artifact.findings.length, 1);
    assert.match(artifact.findings[0]?.message ?? "", /downloads the artifacts of the run that triggered it/);
  });

  it("takes an artifact unpacked beside the workspace as data unless a step runs something from its directory", async () => {
    const download = (path: string) => `    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: \${{ github.event.workflow_run.id }}\n          path: ${path}\n`;
    const read = await one(wf("workflow_run", `${download("report")}      - run: npm ci && node scripts/comment.js report/summary.json\n`));
    assert.deepEqual(read.findings.map((f) => f.severity), ["low"]);
    assert.doesNotMatch(read.findings[0]?.message ?? "", /then runs code/);
    const script = await one(wf("workflow_run", `${download("./report/")}      - run: bash report/post.sh\n`));
    assert.match(script.findings[0]?.message ?? "", /step 3 \(run\) then runs code from it/);
    const sourced = await one(wf("workflow_run", `${download("report")}      - run: . report/env.sh && make deploy\n`));
    assert.deepEqual(sourced.findings.map((f) => f.severity), ["high"]);
    const build = await one(wf("workflow_run", `${download("site")}      - run: npm ci\n        working-directory: site\n`));
    assert.deepEqual(build.findings.map((f) => f.severity), ["high"]);
    const root = await one(wf("workflow_run", `${download(".")}      - run: npm ci\n`));
    assert.match(root.findings[0]?.message ?? "", /then runs code from it/);
  });

  it("finds the triggering run's artifact downloaded by github-script, as GitHub Security Lab's guide writes it", async () => {
    const script = "      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: |\n            const all = await github.rest.actions.listWorkflowRunArtifacts({ ...context.repo, run_id: context.payload.workflow_run.id });\n            const one = all.data.artifacts.find((a) => a.name === 'pr');\n            const zip = await github.rest.actions.downloadArtifact({ ...context.repo, artifact_id: one.id, archive_format: 'zip' });\n            require('fs').writeFileSync('pr.zip', Buffer.from(zip.data));\n";
    const data = await one(wf("workflow_run", `    runs-on: ubuntu-latest\n    steps:\n${script}      - run: unzip pr.zip && echo "nr=$(cat NR)" >> "$GITHUB_OUTPUT"\n`));
    // The line that names the triggering run, not the script's first line; the `on:` block (lines 2) is the related place zizmor reports.
    assert.deepEqual(data.findings.map((f) => [f.severity, f.locations[0]?.startLine, f.locations[1]?.startLine]), [["low", 12, 2]]);
    const evaluated = await one(wf("workflow_run", `    runs-on: ubuntu-latest\n    steps:\n${script}      - run: unzip pr.zip && eval "$(cat commands)"\n`));
    assert.deepEqual(evaluated.findings.map((f) => [f.severity, f.locations.length]), [["high", 1]], "code that runs is not tied to the trigger's place");
    const built = await one(wf("workflow_run", `    runs-on: ubuntu-latest\n    steps:\n${script}      - run: unzip pr.zip && npm ci\n`));
    assert.deepEqual(built.findings.map((f) => f.severity), ["high"]);
    const viaEnv = script.replace("context.payload.workflow_run.id", "process.env.RUN_ID").replace("        with:\n", "        env:\n          RUN_ID: ${{ github.event.workflow_run.id }}\n        with:\n");
    const env = await one(wf("workflow_run", `    runs-on: ubuntu-latest\n    steps:\n${viaEnv}      - run: unzip pr.zip\n`));
    assert.deepEqual(env.findings.map((f) => f.severity), ["low"]);
  });

  it("finds a fetch of refs/pull/N through a shell variable, and a checkout of refs/pull/${{ … }}/merge whatever names the number", async () => {
    const fetch = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PR: ${{ github.event.issue.number }}\n        run: |\n          git fetch origin refs/pull/$PR/head:pr\n          git checkout pr\n          make test\n"));
    assert.deepEqual(fetch.findings.map((f) => [f.severity, f.evidence["fetched"]]), [["high", "the pull request's ref"]]);
    // At the fetching line of the script (the clone before it is the base repository's), not at the `run:` key.
    const line = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          git clone https://github.com/${{ github.repository }} repo\n          cd repo\n          git fetch origin pull/${{ github.event.pull_request.number }}/head:pr\n          git checkout pr && make\n"));
    assert.deepEqual(forkCode(line.findings).map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.locations[0]?.endLine, f.locations[0]?.endColumn]), [[12, 11, 12, 79]]);
    const merge = await one(wf("issue_comment", "    needs: pr\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: refs/pull/${{ needs.pr.outputs.number }}/merge\n      - run: make test\n"));
    assert.match(merge.findings[0]?.message ?? "", /checks out `refs\/pull\/\$\{\{ needs\.pr\.outputs\.number \}\}\/merge` \(the pull request's own code\)/);
  });

  it("follows a ref through another job's output to the script that computed the head", async () => {
    const label = "  label:\n    runs-on: ubuntu-latest\n    outputs:\n      sha: ${{ steps.pr.outputs.sha }}\n    steps:\n      - id: pr\n        uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: core.setOutput('sha', context.payload.pull_request.head.sha)\n";
    const build = "  build:\n    needs: label\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ needs.label.outputs.sha }}\n      - uses: ./.github/actions/setup\n";
    const { findings } = await one(`name: X\non: pull_request_target\npermissions:\n  contents: read\njobs:\n${label}${build}`);
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["fetched"]]), [["high", "needs.label.outputs.sha"]]);
  });

  it("tells a script's base output from its head output: checking out the base branch's commit runs no fork code", async () => {
    const config = "      - id: config\n        uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: |\n            const response = await github.rest.pulls.get({ owner: context.repo.owner, repo: context.repo.repo, pull_number: context.issue.number });\n            core.setOutput('base', response.data.base.sha)\n            core.setOutput('head', response.data.head.sha)\n";
    const checkout = (output: string) => `      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: \${{ steps.config.outputs.${output} }}\n      - run: go run ./cmd/diff\n`;
    assert.deepEqual(forkCode((await one(wf("issue_comment", `    runs-on: ubuntu-latest\n    steps:\n${config}${checkout("base")}`))).findings), []);
    const head = await one(wf("issue_comment", `    runs-on: ubuntu-latest\n    steps:\n${config}${checkout("head")}`));
    assert.deepEqual(head.findings.map((f) => f.evidence["fetched"]), ["steps.config.outputs.head"]);
    const shell = "      - id: config\n        run: |\n          echo \"base=$(gh pr view $PR --json baseRefOid -q .baseRefOid)\" >> \"$GITHUB_OUTPUT\"\n          echo \"head=$(gh pr view $PR --json headRefOid -q .headRefOid)\" >> \"$GITHUB_OUTPUT\"\n";
    assert.deepEqual(forkCode((await one(wf("issue_comment", `    runs-on: ubuntu-latest\n    steps:\n${shell}${checkout("base")}`))).findings), []);
    assert.equal((await one(wf("issue_comment", `    runs-on: ubuntu-latest\n    steps:\n${shell}${checkout("head")}`))).findings.length, 1);
  });

  it("finds a fork's file fetched by its commit from GitHub's raw host and run (deno's PR title check), not the base branch's", async () => {
    const step = (ref: string) => `    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PR_SHA: \${{ github.event.pull_request.head.sha }}\n          PR_TITLE: \${{ github.event.pull_request.title }}\n        run: deno run https://raw.githubusercontent.com/acme/app/${ref}/tools/verify_pr_title.js "$PR_TITLE"\n`;
    const head = await one(wf("pull_request_target", step("$PR_SHA")));
    assert.deepEqual(head.findings.map((f) => [f.severity, f.evidence["fetched"]]), [["high", "github.event.pull_request.head.sha"]]);
    assert.deepEqual(forkCode((await one(wf("pull_request_target", step("refs/heads/main")))).findings), []);
    const expr = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSL https://raw.githubusercontent.com/acme/app/${{ github.event.pull_request.head.sha }}/ci/check.sh | bash\n"));
    assert.equal(expr.findings.length, 1);
  });

  it("takes r-lib's pr-fetch for a checkout of the pull request's code (arrow's comment bot)", async () => {
    const { findings } = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - uses: r-lib/actions/pr-fetch@v2\n        with:\n          repo-token: ${{ secrets.GITHUB_TOKEN }}\n      - run: pip install -e dev/archery[lint]\n"));
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["fetched"]]), [["high", "the pull request's ref"]]);
  });

  it("takes the gate of the jobs a job needs, and an actor allow-list as a maintainer's approval", async () => {
    const gatekeeper = "  check:\n    if: contains(fromJSON('[\"alice\", \"bob\"]'), github.actor)\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n";
    const build = "  build:\n    needs: check\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          gh pr checkout ${{ github.event.issue.number }}\n          make test\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n";
    const gated = await one(`name: X\non: issue_comment\npermissions:\n  contents: read\njobs:\n${gatekeeper}${build}`);
    assert.deepEqual(gated.findings.map((f) => f.severity), ["high"]);
    assert.match(gated.findings[0]?.message ?? "", /waits for a label, an author check or an environment/);
    const always = await one(`name: X\non: issue_comment\npermissions:\n  contents: read\njobs:\n${gatekeeper}${build.replace("needs: check\n", "needs: check\n    if: always()\n")}`);
    assert.deepEqual(always.findings.map((f) => f.severity), ["critical"]);
  });

  it("follows a local reusable workflow called from a pull_request_target workflow", async () => {
    const { run } = workflowRunner(rule);
    const { findings } = await run({
      ".github/workflows/pr.yml": "name: PR\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n",
      ".github/workflows/build.yml": `name: B\non: workflow_call\npermissions:\n  contents: read\njobs:\n  build:\n${CHECKOUT_HEAD}      - run: make\n`,
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), [".github/workflows/build.yml"]);
  });

  it("finds hub pr checkout, the hub CLI's spelling of gh pr checkout, in an issue_comment bot (jupyterlab's snapshot updater)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "hub-pr-checkout"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["executedBy"]]), [[17, "critical", "Build"]]);
  });

  it("does not take a folder named as an argument (find ./dist) for code run from the artifact (gradio's preview upload)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "artifact-listed"));
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["executedBy"]]), [["low", null]]);
    const run = await one(wf("workflow_run", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: |\n          chmod +x tool\n          CI=1 ./tool --check\n"));
    assert.deepEqual(run.findings.map((f) => f.severity), ["high"]);
  });

  it("takes a step that fails without write access as a maintainer's approval (nextcloud's /compile bot)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "permission-checked-command"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["gate"]]), [[18, "high", "approval"]]);
  });

  it("does not take a base-branch tool installed from its own checkout folder for the artifact's code (arrow's PR bot)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "artifact-beside-base-checkout"));
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["executedBy"]]), [["medium", null]]);
  });

  it("takes a job that asks GitHub for the commenter's permission and fails on it as a maintainer's approval", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "permission-asked-command"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["gate"]]), [[27, "medium", "approval"]]);
  });

  it("counts a build tool only where a command stands, and a registry pip install as running nothing of the workspace", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "tool-words-in-arguments"));
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["executedBy"]]), [["low", null]]);
    const download = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: ${{ github.event.workflow_run.id }}\n";
    for (const script of ["pip install -e .", "pip install .", "pip3 install -r requirements.txt", "pip install ./dist/pkg-1.0-py3-none-any.whl", "pip install $PKG", "cd site && npm ci", "if make check; then echo ok; fi", "python -m pip install requests"]) {
      const run = await one(wf("workflow_run", `${download}      - run: ${script}\n`));
      assert.deepEqual(run.findings.map((f) => f.severity), ["high"], script);
    }
    for (const script of ["pip install --upgrade pip wheel", "pip install -i https://pypi.org/simple black==24.1.0", "echo see https://npmjs.com/package/x", "pip list"]) {
      const run = await one(wf("workflow_run", `${download}      - run: ${script}\n`));
      assert.deepEqual(run.findings.map((f) => f.severity), ["low"], script);
    }
  });

  it("takes a github-script step that requires a workspace file as running it, after an artifact unpacked over the workspace (spire's review bot)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "script-modules"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["executedBy"]]), [
      [25, "critical", "#3"],
      [44, "medium", null],
    ]);
  });

  it("follows a checkout's ref through the env context: workflow, job and step env, and an earlier step's GITHUB_ENV write", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "ref-from-env"));
    assert.deepEqual(findings.map((f) => [f.evidence["trigger"], f.locations[0]?.startLine, f.evidence["fetched"], f.severity]), [
      ["pull_request_target", 17, "github.event.pull_request.head.sha", "high"],
      ["pull_request_target", 27, "github.event.pull_request.head.ref", "high"],
      ["pull_request_target", 37, "github.event.pull_request.head.sha", "high"],
      ["pull_request_target", 49, "github.event.pull_request.head.sha", "high"],
    ]);
  });

  it("judges exposure per job: a job limited to `push` (or needing one that is) is not a fork's, one limited to pull_request_target is", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "job-event-limits"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["trigger"]]), [[36, "critical", "pull_request_target"]]);
    assert.match(findings[0]?.message ?? "", /job `preview`/);
  });

  it("takes a head the script resolves or fetches only for the repository's own branches as safe, and still finds a fork's head fetched in a script", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "script-head-checkout"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.message.match(/job `([\w-]+)`/)?.[1]]), [
      [58, "critical", "fork-in-else"],
      [65, "critical", "unguarded-fetch"],
      [75, "critical", "unguarded-sha"],
    ]);
  });

  it("follows a called reusable workflow's input back to the head its caller computed, checked out by a project's own checkout action, behind a label a step requires", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "called-checkout-input"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.evidence["gate"], f.evidence["fetched"]]), [
      [".github/workflows/unit.yml", 16, "high", "approval", "needs.approve.outputs.sha"],
    ]);
  });

  it("reads each job output once per depth, so outputs that name each other stay linear, and still finds the head among them", async () => {
    const n = 60;
    const all = Array.from({ length: n }, (_, i) => `\${{ needs.j${i}.outputs.o }}`).join("");
    const workflow = (head: string) => {
      const jobs = Array.from({ length: n }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n    outputs:\n      o: "${all}${i === n - 1 ? head : ""}"\n    steps:\n      - run: echo\n`).join("");
      return `name: X\non: pull_request_target\npermissions:\n  contents: read\njobs:\n${jobs}  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: \${{ needs.j0.outputs.o }}\n      - run: npm ci\n`;
    };
    // With no head anywhere every output is read: 60 outputs naming 60 others, four deep, never finished before.
    assert.deepEqual(forkCode((await one(workflow(""))).findings), []);
    const { findings } = await one(workflow("\${{ github.event.pull_request.head.sha }}"));
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /checks out `needs\.j0\.outputs\.o`/);
  });

  it("reads each job's gate and events once, so jobs that each need many others stay linear", async () => {
    const n = 40;
    const jobs = Array.from({ length: n }, (_, i) => `  j${i}:\n    needs: [${Array.from({ length: i }, (_, k) => `j${k}`).join(", ")}]\n    if: github.event_name != 'push'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`).join("");
    const { findings } = await one(`name: X\non: [pull_request_target, push]\npermissions:\n  contents: read\njobs:\n${jobs}  c:\n    needs: [${Array.from({ length: n }, (_, k) => `j${k}`).join(", ")}]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm ci\n`);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "high");
  });

  it("takes a command given to nick-fields/retry, setup-ruby's bundler-cache and pnpm's run_install for running the checked-out code", async () => {
    const job = (step: string) => `${CHECKOUT_HEAD}          persist-credentials: false\n${step}        env:\n          K: \${{ secrets.K }}\n`;
    const severity = async (step: string) => (await one(wf("pull_request_target", job(step)))).findings.map((f) => f.severity);
    assert.deepEqual(await severity("      - uses: nick-fields/retry@ce71cc2ab81d554ebbe88c79ab5975992d79ba08 # v3.0.2\n        with:\n          command: npm ci && npm test\n"), ["critical"]);
    assert.deepEqual(await severity("      - uses: nick-fields/retry@ce71cc2ab81d554ebbe88c79ab5975992d79ba08 # v3.0.2\n        with:\n          command: curl -fsS https://example.com/health\n"), ["medium"]);
    assert.deepEqual(await severity("      - uses: ruby/setup-ruby@a4effe49ee8ee5b8b5091268c473a4628afb5651 # v1.245.0\n        with:\n          bundler-cache: true\n"), ["critical"]);
    assert.deepEqual(await severity("      - uses: pnpm/action-setup@a7487c7e89a18df4991f7f222e4898a00d66ddda # v4.1.0\n        with:\n          run_install: true\n"), ["critical"]);
    assert.deepEqual(await severity("      - uses: pnpm/action-setup@a7487c7e89a18df4991f7f222e4898a00d66ddda # v4.1.0\n        with:\n          run_install: false\n"), ["medium"]);
  });
  it("reads a job's condition as a whole: a negated label, a label or another way in, an owner or a keyword, and a negated same-repository test are no gates", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "gate-conditions"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.message.match(/job `([\w-]+)`/)?.[1], f.severity, f.evidence["gate"]]), [
      [".github/workflows/comment.yml", "owner-or-keyword", "high", null],
      [".github/workflows/comment.yml", "members", "medium", "approval"],
      [".github/workflows/pr.yml", "unless-skipped", "high", null],
      [".github/workflows/pr.yml", "label-or-push", "high", null],
      [".github/workflows/pr.yml", "forks", "high", null],
      [".github/workflows/pr.yml", "labelled", "medium", "approval"],
    ]);
  });

  it("takes a condition that does not parse as no gate", async () => {
    const { findings } = await one(wf("pull_request_target", `    if: contains(github.event.pull_request.labels.*.name, 'safe'\n${CHECKOUT_HEAD}      - run: make\n`));
    assert.deepEqual(forkCode(findings).map((f) => [f.severity, f.evidence["gate"]]), [["high", null]]);
  });

  it("finds a clone of the fork's repository (by env or inline) that a step then builds, and not a clone of the base or one behind a same-repository test", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "fork-clone"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message.match(/job `([\w-]+)`/)?.[1], f.severity, f.evidence["fetched"], f.evidence["executedBy"]]), [
      [10, "env-clone", "high", "github.event.pull_request.head.repo.full_name", "#1"],
      [19, "inline-clone", "high", "github.event.pull_request.head.repo.clone_url", "#1"],
      // Cloned into its own folder and only read by a script of the base's: reported, nothing runs it.
      [27, "clone-and-read", "low", "github.event.pull_request.head.repo.clone_url", null],
    ]);
  });

  it("follows a composite action's input to the ref its calling step passes, as template-injection does", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "composite-input"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.evidence["fetched"], f.message.match(/job `([\w-]+)`/)?.[1]]), [
      [".github/actions/build-ref/action.yml", 12, "high", "github.event.pull_request.head.sha", "head"],
    ]);
  });

  it("takes a merged pull request's commits by SHA (merge commit, head) as merged code, and still reports them without that test, or the fork's branch by name after the merge", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "merged-commit"));
    const fork = forkCode(findings);
    assert.deepEqual(fork.map((f) => [f.message.match(/job `([\w-]+)`/)?.[1], f.evidence["fetched"]]), [
      ["any-close", "github.event.pull_request.merge_commit_sha"],
      ["merged-or-label", "github.event.pull_request.merge_commit_sha"],
      ["merged-head-ref", "github.event.pull_request.head.repo.full_name"],
    ]);
    assert.match(fork[2]?.message ?? "", /the job's test that the pull request was merged does not help: the fork can push to its branch after the merge/);
    assert.match(fork[2]?.fix ?? "", /check out `github\.event\.pull_request\.merge_commit_sha`/);
    assert.doesNotMatch(fork[0]?.message ?? "", /was merged/);
  });

  it("takes an `if:` that starts with `!` unquoted (a YAML tag, which GitHub refuses) for no gate, never for what is left after the tag", async () => {
    // Read without its tag, the condition would be `head.repo.full_name == github.repository`: a same-repository gate.
    const tagged = wf("pull_request_target", `    if: !github.event.pull_request.head.repo.fork && github.event.pull_request.head.repo.full_name == github.repository\n${CHECKOUT_HEAD}          persist-credentials: false\n      - run: make\n`);
    assert.deepEqual(forkCode((await one(tagged)).findings).map((f) => f.severity), ["high"]);
    const fenced = tagged.replace("if: !github.event.pull_request.head.repo.fork && ", "if: ${{ !github.event.pull_request.head.repo.fork && ").replace("== github.repository\n", "== github.repository }}\n");
    assert.deepEqual(forkCode((await one(fenced)).findings), []);
  });

  it("does not lower the rating for a job kept to a bot actor (`github.actor == 'dependabot[bot]'`), which a fork can make the bot be; the pull request's author it does", async () => {
    const job = (cond: string) => wf("pull_request_target", `    if: ${cond}\n${CHECKOUT_HEAD}      - run: npm install --package-lock-only\n        env:\n          TOKEN: \${{ secrets.BOT_TOKEN }}\n`);
    assert.deepEqual(forkCode((await one(job("github.actor == 'dependabot[bot]'"))).findings).map((f) => [f.severity, f.evidence["gate"]]), [["critical", null]]);
    assert.deepEqual(forkCode((await one(job("github.event.pull_request.user.login == 'dependabot[bot]'"))).findings).map((f) => [f.severity, f.evidence["gate"]]), [["high", "approval"]]);
  });

  it("leaves alone a checkout whose own step runs only for a branch of this repository, as it would the job", async () => {
    const guard = "        if: github.event.pull_request.head.repo.fork == false\n";
    const step = `    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n${guard}        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n        env:\n          TOKEN: \${{ secrets.E2E }}\n`;
    assert.deepEqual(forkCode((await one(wf("pull_request_target", step))).findings), []);
    const sameName = step.replace(guard, "        if: github.event.pull_request.head.repo.full_name == github.repository\n");
    assert.deepEqual(forkCode((await one(wf("pull_request_target", sameName))).findings), []);
    // `||` lets a fork's pull request through.
    const either = step.replace(guard, "        if: github.event.pull_request.head.repo.fork == false || github.event.action == 'labeled'\n");
    assert.deepEqual(forkCode((await one(wf("pull_request_target", either))).findings).map((f) => f.severity), ["critical"]);
  });

  it("names the ref or command that takes the pull request's code, not only the number inside it", async () => {
    const merge = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: refs/pull/${{ github.event.number }}/merge\n      - run: make\n"));
    assert.match(forkCode(merge.findings)[0]?.message ?? "", /checks out `refs\/pull\/\$\{\{ github\.event\.number \}\}\/merge` \(the pull request's own code\)/);
    const gh = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          gh pr checkout ${{ github.event.issue.number }}\n          make bench\n"));
    assert.match(forkCode(gh.findings)[0]?.message ?? "", /fetches the pull request's code with `gh pr checkout \$\{\{ github\.event\.issue\.number \}\}`.*; the same step then runs code from it/);
    const repo = await one(wf("pull_request_target", "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          repository: ${{ github.event.pull_request.head.repo.full_name }}\n          ref: ${{ github.event.pull_request.head.ref }}\n      - run: make\n"));
    assert.match(forkCode(repo.findings)[0]?.message ?? "", /checks out the fork's repository `github\.event\.pull_request\.head\.repo\.full_name`/);
  });

  it("takes a head checked out into its own folder as run only by steps that run something from that folder", async () => {
    const head = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n          path: pr\n          persist-credentials: false\n      - run: npm ci && node scripts/compare-size.js pr/dist\n";
    const read = await one(wf("pull_request_target", head));
    assert.deepEqual(forkCode(read.findings).map((f) => [f.severity, f.evidence["executedBy"]]), [["low", null]]);
    for (const runs of ["      - run: npm ci\n        working-directory: pr\n", "      - run: cd pr && make\n", "      - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0\n        with:\n          context: ./pr\n"]) {
      const { findings } = await one(wf("pull_request_target", head + runs));
      assert.deepEqual(forkCode(findings).map((f) => f.severity), ["high"], runs);
    }
    // A folder named by an expression may be the workspace itself.
    const anywhere = await one(wf("pull_request_target", head.replace("path: pr", "path: ${{ github.workspace }}")));
    assert.deepEqual(forkCode(anywhere.findings).map((f) => f.severity), ["high"]);
  });

  it("takes a workflow_run after workflows only people with push access start as free of a fork's artifacts, and warns at low", async () => {
    const deploy = "name: Deploy\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          name: site\n          run-id: ${{ github.event.workflow_run.id }}\n          github-token: ${{ github.token }}\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY }}\n";
    const ci = (on: string) => `name: CI\non:\n${on}\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;
    const pushOnly = await run({ ".github/workflows/deploy.yml": deploy, ".github/workflows/ci.yml": ci("  push:\n    branches: [main]\n  schedule:\n    - cron: '0 0 * * *'") });
    assert.deepEqual(pushOnly.findings.map((f) => [f.severity, f.evidence["fetched"]]), [["low", null]]);
    assert.match(pushOnly.findings[0]?.message ?? "", /runs on `workflow_run` after `CI`, which only people with push access start/);
    // A chain of such runs is followed too.
    const chained = await run({ ".github/workflows/deploy.yml": deploy.replace("[CI]", "[Build]"), ".github/workflows/build.yml": "name: Build\non:\n  workflow_run:\n    workflows: [CI]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n", ".github/workflows/ci.yml": ci("  push:") });
    assert.deepEqual(chained.findings.filter((f) => f.locations[0]?.path === ".github/workflows/deploy.yml").map((f) => f.severity), ["low"]);
    // A pull request trigger upstream, a workflow the checkout lacks, or a pattern keep the fork's artifacts in view.
    for (const [files, why] of [
      [{ ".github/workflows/deploy.yml": deploy, ".github/workflows/ci.yml": ci("  push:\n  pull_request:") }, "pull_request upstream"],
      [{ ".github/workflows/deploy.yml": deploy }, "upstream not in the checkout"],
      [{ ".github/workflows/deploy.yml": deploy.replace("[CI]", "['C*']"), ".github/workflows/ci.yml": ci("  push:") }, "a pattern"],
      [{ ".github/workflows/deploy.yml": deploy.replace("[CI]", "[CI, Lint]"), ".github/workflows/ci.yml": ci("  push:"), ".github/workflows/lint.yml": ci("  pull_request_target:").replace("name: CI", "name: Lint") }, "one of several upstreams"],
    ] as const) {
      const { findings } = await run(files);
      assert.deepEqual(forkCode(findings.filter((f) => f.locations[0]?.path === ".github/workflows/deploy.yml")).map((f) => f.severity), ["critical"], why);
    }
  });

  it("takes a comment written by an account the workflow names as a maintainer's gate", async () => {
    const job = (cond: string) => `    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: refs/pull/\${{ github.event.issue.number }}/head\n          persist-credentials: false\n      - run: make test\n`;
    const named = await one(wf("issue_comment", job("github.event.comment.user.login == 'octo-maintainer'")));
    assert.deepEqual(forkCode(named.findings).map((f) => [f.severity, f.evidence["gate"]]), [["medium", "approval"]]);
    const anyone = await one(wf("issue_comment", job("startsWith(github.event.comment.body, '/test')")));
    assert.deepEqual(forkCode(anyone.findings).map((f) => [f.severity, f.evidence["gate"]]), [["high", null]]);
  });

  it("does not say the trigger's text is not run when a step evaluates it, through env or expanded", async () => {
    const evaluated = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - env:\n          BODY: ${{ github.event.comment.body }}\n        run: eval \"$BODY\"\n"));
    assert.deepEqual(evaluated.findings.map((f) => f.evidence["trigger"]), ["issue_comment"]);
    assert.doesNotMatch(evaluated.findings[0]?.message ?? "", /No job here runs|today/);
    assert.match(evaluated.findings[0]?.message ?? "", /a step here runs text from outside the project as code \(workflows\/template-injection reports where\)/);
    // Kept to the repository's own branches (by the job or the step), the expanded text is a pusher's, not an outsider's.
    for (const job of ["    if: github.event.pull_request.head.repo.fork == false\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n", "    runs-on: ubuntu-latest\n    steps:\n      - if: github.event.pull_request.head.repo.full_name == github.repository\n        run: echo \"${{ github.event.pull_request.title }}\"\n"]) {
      const own = await one(wf("pull_request_target", job));
      assert.match(own.findings[0]?.message ?? "", /No job here runs the pull request's code today/, job);
    }
    const printed = await one(wf("issue_comment", "    runs-on: ubuntu-latest\n    steps:\n      - env:\n          BODY: ${{ github.event.comment.body }}\n        run: printf '%s' \"$BODY\"\n"));
    assert.match(printed.findings[0]?.message ?? "", /No job here runs the comment's text or the pull request's code today/);
  });

  it("judges an issue_comment workflow of many jobs that each need all earlier ones (its time is bench/hostile.bench.ts's)", async () => {
    // Without the memo of each job's guard every path through `needs:` was walked again: 40 such jobs took about a minute.
    const jobs = Array.from({ length: 40 }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n${i > 0 ? `    needs: [${Array.from({ length: i }, (_, k) => `j${k}`).join(", ")}]\n` : ""}    steps:\n      - run: echo hi\n`).join("");
    const { findings } = await one(`name: X\non: issue_comment\npermissions:\n  contents: read\njobs:\n${jobs}`);
    assert.equal(findings.length, 1);
  });
});
