import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/template-injection.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir, tmpRepo } from "../../helpers/tmp-repo.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run, one } = workflowRunner(rule);

const ISSUES = `name: Triage
on:
  issues:
    types: [opened]
permissions:
  contents: read
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - name: Echo
        run: |
          echo "Title: \${{ github.event.issue.title }}"
          echo '\${{ github.event.issue.body }}'
          echo "#\${{ github.event.issue.number }} by \${{ github.actor }}"
`;

describe("workflows/template-injection", () => {
  it("points at each injected expression inside the block scalar, names the step, job and file, and rates it by who can trigger the run", async () => {
    const { findings } = await one(ISSUES);
    assert.deepEqual(where(findings), [[13, 24], [14, 17]]);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.endColumn, f.severity]), [[54, "critical"], [46, "critical"]]);
    assert.match(findings[0]?.message ?? "", /^\$\{\{ github\.event\.issue\.title \}\} expands `github\.event\.issue\.title` \(the issue title, which anyone who opens an issue writes\) into the `run:` script of step "Echo" \(job `triage` in \.github\/workflows\/ci\.yml\); the run starts on `issues`, which outsiders can trigger/);
    assert.match(findings[0]?.fix ?? "", /ISSUE_TITLE: \$\{\{ github\.event\.issue\.title \}\}/);
  });

  it("spans the whole step as zizmor's finding does, so a zizmor ignore written on the step's `- name:` or `run: |` line holds", async () => {
    const named = ISSUES.replace("      - name: Echo\n", "      - name: Echo # zizmor: ignore[template-injection] reviewed\n");
    const a = await one(named);
    assert.deepEqual(a.findings.map((f) => [f.status, f.statusReason, f.locations.map((l) => l.startLine)]), [["suppressed", "reviewed", [13, 11]], ["suppressed", "reviewed", [14, 11]]]);
    const run = await one(ISSUES.replace("        run: |\n", "        run: | # zizmor: ignore[template-injection]\n"));
    assert.deepEqual(run.findings.map((f) => f.status), ["suppressed", "suppressed"]);
    // Another step's comment, or one naming another audit, does not.
    const other = await one(`${ISSUES}      - name: Other # zizmor: ignore[template-injection]\n        run: echo hi\n`);
    assert.deepEqual(other.findings.map((f) => f.status), ["open", "open"]);
    const audit = await one(ISSUES.replace("      - name: Echo\n", "      - name: Echo # zizmor: ignore[artipacked]\n"));
    assert.deepEqual(audit.findings.map((f) => f.status), ["open", "open"]);
  });

  it("stays quiet on the safe idiom: values passed through env and read as quoted shell variables, numbers, ids, SHAs", async () => {
    const { findings, outcome } = await one(`name: Safe
on: pull_request_target
permissions:
  contents: read
jobs:
  s:
    runs-on: ubuntu-latest
    steps:
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: |
          echo "$TITLE #\${{ github.event.pull_request.number }} \${{ github.event.pull_request.head.sha }}"
          echo "\${{ contains(github.event.pull_request.labels.*.name, 'ok') }} \${{ github.run_id }}"
`);
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("follows env indirection, step outputs and job outputs back to the event", async () => {
    const { findings } = await one(`name: Flow
on: pull_request_target
permissions:
  contents: read
env:
  T: \${{ github.event.pull_request.title }}
jobs:
  a:
    runs-on: ubuntu-latest
    outputs:
      head: \${{ steps.h.outputs.ref }}
    steps:
      - id: h
        env:
          REF: \${{ github.head_ref }}
        run: echo "ref=$REF" >> "$GITHUB_OUTPUT"
      - run: echo "\${{ env.T }}"
  b:
    needs: a
    runs-on: ubuntu-latest
    steps:
      - run: git log "\${{ needs.a.outputs.head }}"
`);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["source"], f.evidence["via"]]), [
      [17, "github.event.pull_request.title", ["env.T"]],
      [22, "github.head_ref", ["needs.a.outputs.head", "steps.h.outputs.ref", "$REF"]],
    ]);
  });

  it("carries a caller's untrusted input into a local reusable workflow and a composite action, where the script is", async () => {
    const { findings } = await run({
      ".github/workflows/pr.yml": "name: PR\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    with:\n      t: ${{ github.event.pull_request.title }}\n",
      ".github/workflows/r.yml": "name: R\non:\n  workflow_call:\n    inputs:\n      t:\n        type: string\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./act\n        with:\n          who: ${{ inputs.t }}\n",
      "act/action.yml": "name: Act\ndescription: d\ninputs:\n  who:\n    description: w\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.who }}\n      shell: bash\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["via"]]), [["act/action.yml", "critical", ["inputs.who", "inputs.t"]]]);
    assert.match(findings[0]?.message ?? "", /called from \.github\/workflows\/pr\.yml/);
  });

  it("rates inputs lower: a dispatch input is low, an action's own input medium", async () => {
    const dispatch = await one("name: D\non:\n  workflow_dispatch:\n    inputs:\n      v:\n        required: true\npermissions:\n  contents: read\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.v }}\n");
    assert.deepEqual(dispatch.findings.map((f) => [f.severity, f.confidence]), [["low", "low"]]);
    const action = await run({ "action.yml": "name: A\ndescription: d\ninputs:\n  x:\n    description: x\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.x }}\n      shell: bash\n" });
    assert.deepEqual(action.findings.map((f) => f.severity), ["medium"]);
  });

  it("reports actions/github-script scripts without an edit (JavaScript needs process.env)", async () => {
    const { findings } = await one("name: S\non: issue_comment\npermissions:\n  contents: read\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: console.log('${{ github.event.comment.body }}')\n");
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.edits, undefined);
    assert.match(findings[0]?.fix ?? "", /process\.env\.COMMENT_BODY/);
  });

  it("fixes run scripts: the expressions move to env and are read as quoted variables; the file parses and nothing is reported", async () => {
    const files = { ".github/workflows/ci.yml": ISSUES };
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /echo "Title: \$\{ISSUE_TITLE\}"\n {10}echo ''"\$\{ISSUE_BODY\}"''\n/);
    assert.match(texts[".github/workflows/ci.yml"] as string, / {8}env:\n {10}ISSUE_TITLE: \$\{\{ github\.event\.issue\.title \}\}\n {10}ISSUE_BODY: \$\{\{ github\.event\.issue\.body \}\}\n/);
  });

  it("fixes PowerShell with $env: and leaves shells it cannot quote for (python) with advice only", async () => {
    const pwsh = { ".github/workflows/ci.yml": "name: W\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: Write-Host \"${{ github.head_ref }}\"\n" };
    const a = await run(pwsh);
    const { texts, after } = await fixAndRescan(rule, pwsh, a.findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /Write-Host "\$env:GITHUB_HEAD_REF"/);
    const py = await one("name: P\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - shell: python\n        run: print(\"${{ github.head_ref }}\")\n");
    assert.equal(py.findings.length, 1);
    assert.equal(py.findings[0]?.edits, undefined);
  });

  it("survives hostile scripts: thousands of expressions, deep nesting, unterminated and malformed expressions", async () => {
    const many = Array.from({ length: 3000 }, () => "${{ github.event.issue.title }}").join(" ");
    const deep = `\${{ ${"(".repeat(5000)}github.event.issue.title${")".repeat(5000)} }}`;
    const { findings } = await one(`name: H\non: issues\npermissions:\n  contents: read\njobs:\n  h:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${JSON.stringify(many)}\n      - run: echo "${deep.replace(/"/g, "")}"\n      - run: echo "\${{ github.event.issue.title"\n      - run: echo "\${{ ))(( }}"\n`);
    // The engine lists 200 findings per file and one that counts the rest.
    assert.equal(findings.length, 201);
  });

  it("reaches each env value once per expression, so env values that name each other stay linear", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `V${i}`);
    const all = names.map((n) => `\${{ env.${n} }}`).join("");
    const env = names.map((n, i) => `      ${n}: "${all}${i === 29 ? "\${{ github.event.issue.title }}" : ""}"`).join("\n");
    const { findings } = await one(`name: H\non: issues\npermissions:\n  contents: read\njobs:\n  h:\n    runs-on: ubuntu-latest\n    env:\n${env}\n    steps:\n      - run: echo "\${{ env.V0 }}"\n`);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.issue\.title`/);
  });

  it("reaches each input of a composite action once per expression, so defaults that name each other stay linear", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `i${i}`);
    const all = names.map((n) => `\${{ inputs.${n} }}`).join("");
    const inputs = names.map((n) => `  ${n}:\n    description: x\n    default: "${all}"`).join("\n");
    const action = `name: a\ndescription: a\ninputs:\n${inputs}\nruns:\n  using: composite\n  steps:\n    - run: echo "\${{ inputs.i0 }}"\n      shell: bash\n`;
    const workflow = `name: W\non: issues\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/a\n        with:\n          i29: \${{ github.event.issue.title }}\n`;
    const { findings } = await run({ ".github/workflows/ci.yml": workflow, ".github/actions/a/action.yml": action });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.issue\.title`/);
  });

  it("follows each shell variable of a written output once, so variables that name each other stay linear", async () => {
    const vars = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const all = vars.map((v) => `$${v}`).join("");
    const assigns = Array.from({ length: 5 }, () => vars.map((v) => `${v}="${all}"`).join("\n")).join("\n");
    const script = `t=$(jq -r .issue.title "$GITHUB_EVENT_PATH")\n${assigns}\necho "o=$t${all}" >> "$GITHUB_OUTPUT"`;
    const { findings } = await one(`name: H\non: issues\npermissions:\n  contents: read\njobs:\n  h:\n    runs-on: ubuntu-latest\n    steps:\n      - id: s\n        run: ${JSON.stringify(script)}\n      - run: echo "\${{ steps.s.outputs.o }}"\n`);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /the event payload \(\$GITHUB_EVENT_PATH\)/);
  });

  it("follows the words of a slash command parsed from the comment (skjnldsv/parse-command-comment) into a script", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "slash-command-args"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[15, "critical"]]);
  });

  it("leaves toJSON(…) standing bare in github-script alone, as a JSON literal is inert JavaScript, and reports it inside quotes", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "json-in-script"));
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [17]);
  });

  it("takes dorny/paths-filter's file lists written as JSON (list-files: json) for a literal in github-script, not in quotes or in other formats", async () => {
    const wf = (format: string, script: string) => `name: C\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - id: changelog\n        uses: dorny/paths-filter@de90cc6fb38fc0963ad72b210f1f284cd68cea36 # v3.0.2\n        with:\n          list-files: ${format}\n          filters: |\n            changes:\n              - '.changes/**'\n      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: |\n            ${script}\n`;
    assert.deepEqual((await one(wf("json", "const files = ${{ steps.changelog.outputs.changes_files }};"))).findings, []);
    assert.equal((await one(wf("json", "const files = '${{ steps.changelog.outputs.changes_files }}';"))).findings.length, 1);
    assert.equal((await one(wf("csv", "const files = ${{ steps.changelog.outputs.changes_files }};"))).findings.length, 1);
  });

  it("judges a composite action kept under .github/ that the workflows use by what they pass it; one published elsewhere, or unused, on its own", async () => {
    const action = "name: B\ndescription: d\ninputs:\n  version:\n    description: v\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.version }}\n      shell: bash\n";
    const caller = (path: string) => `name: C\non: push\npermissions:\n  contents: read\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${path}\n        with:\n          version: 1.2.3\n`;
    assert.deepEqual((await run({ ".github/workflows/ci.yml": caller("./.github/actions/build"), ".github/actions/build/action.yml": action })).findings, []);
    assert.deepEqual((await run({ ".github/workflows/ci.yml": caller("./actions/build"), "actions/build/action.yml": action })).findings.map((f) => f.severity), ["medium"], "a published action: other repositories call it");
    assert.deepEqual((await run({ ".github/workflows/ci.yml": caller("./.github/actions/other"), ".github/actions/build/action.yml": action })).findings.map((f) => f.severity), ["medium"]);
  });

  it("rates a reusable workflow's input low on its own when this repository's workflows call it, judging each call with what it passes", async () => {
    const reusable = "name: R\non:\n  workflow_call:\n    inputs:\n      v:\n        type: string\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.v }}\n";
    const caller = (on: string, v: string) => `name: C\non: ${on}\njobs:\n  c:\n    uses: ./.github/workflows/reuse.yml\n    with:\n      v: ${v}\n`;
    const constant = await run({ ".github/workflows/reuse.yml": reusable, ".github/workflows/ci.yml": caller("push", "1.0") });
    assert.deepEqual(constant.findings.map((f) => [f.severity, f.confidence]), [["low", "low"]]);
    assert.match(constant.findings[0]?.message ?? "", /this repository's workflows call it/);
    assert.deepEqual((await run({ ".github/workflows/reuse.yml": reusable })).findings.map((f) => f.severity), ["medium"]);
    assert.deepEqual((await run({ ".github/workflows/reuse.yml": reusable, ".github/workflows/ci.yml": caller("issues", "${{ github.event.issue.title }}") })).findings.map((f) => f.severity), ["critical"]);
  });

  it("takes addnab/docker-run-action's `options` for a code input, as zizmor does, beside its `run`", async () => {
    const step = "      - uses: addnab/docker-run-action@4f65fabd2431ebc8d299f8e5a018d79a769ae185 # v3\n        with:\n          image: alpine:3.20\n          options: -e TITLE=${{ github.event.issue.title }}\n          run: echo \"$TITLE\"\n";
    const { findings } = await one(ISSUES.replace(/      - name: Echo[\s\S]*$/, step));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["sink"]]), [[14, "critical", "addnab/docker-run-action:options"]]);
  });

  it("reads the code inputs of CodeQL's models as zizmor does: a Slack payload evaluated as JavaScript, a backport title template, a jq command; not build-push-action's `context`, a path no shell parses (zizmor 1.23.1)", async () => {
    const steps =
      "      - uses: 8398a7/action-slack@1750b5085f3ec60384090fb7c52965ef822e869e # v3.18.0\n        with:\n          status: custom\n          custom_payload: |\n            { text: '${{ github.event.issue.title }}' }\n" +
      "      - uses: tibdex/backport@9565281eda0731b1d20c4025c43339fb0a23812e # v2.0.4\n        with:\n          title_template: \"<%= title %> ${{ github.event.issue.body }}\"\n" +
      "      - uses: sergeysova/jq-action@a3f0d4ff59cc1dddf023fc0b325dd75b10deec58 # v2.3.0\n        with:\n          cmd: jq -r '.x' <<< '${{ github.event.issue.title }}'\n" +
      "      - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0\n        with:\n          context: ${{ github.event.issue.title }}\n          tags: ${{ github.event.issue.title }}\n";
    const { findings } = await one(ISSUES.replace(/      - name: Echo[\s\S]*$/, steps));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["sink"]]), [
      [15, "8398a7/action-slack:custom_payload"],
      [18, "tibdex/backport:title_template"],
      [21, "sergeysova/jq-action:cmd"],
    ]);
  });

  it("rates an input nothing declares low, as zizmor does: no caller can pass it, and a declared one beside it keeps its rating", async () => {
    const reusable = "name: R\non:\n  workflow_call:\n    inputs:\n      title:\n        type: string\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.tittle }} ${{ inputs.title }} ${{ inputs.TITLE }}\n";
    const wf = await run({ ".github/workflows/reuse.yml": reusable });
    assert.deepEqual(wf.findings.map((f) => [f.locations[0]?.startColumn, f.severity, f.confidence]), [[19, "low", "low"], [40, "medium", "medium"], [60, "medium", "medium"]], "input names are case-insensitive");
    assert.match(wf.findings[0]?.message ?? "", /neither `workflow_call` nor `workflow_dispatch` declares this input, so no caller can pass it/);
    const action = "name: A\ndescription: d\ninputs:\n  version:\n    description: v\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.verison }} ${{ inputs.version }}\n      shell: bash\n";
    const act = await run({ "action.yml": action });
    assert.deepEqual(act.findings.map((f) => [f.severity, f.confidence]), [["low", "low"], ["medium", "medium"]]);
    assert.match(act.findings[0]?.message ?? "", /action\.yml does not declare this input/);
    // One expression with both: the declared input decides.
    const worst = await run({ "action.yml": action.replace("${{ inputs.verison }} ${{ inputs.version }}", "${{ format('{0}{1}', inputs.verison, inputs.version) }}") });
    assert.deepEqual(worst.findings.map((f) => f.severity), ["medium"]);
  });

  it("follows a called workflow's outputs back to what the calling job passed, and leaves its typed inputs alone whatever the caller passes", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "reusable-calls"));
    // The number and boolean inputs get the comment's text in the call, but GitHub refuses a value of the wrong type.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.evidence["via"]]), [
      [".github/workflows/preview.yml", 20, 17, "critical", ["needs.build.outputs.banner", "jobs.render.outputs.banner", "steps.banner.outputs.text", "$TITLE", "inputs.title"]],
    ]);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.issue\.title`/);
    // A boolean to whoever dispatches it, a string to whoever calls it: the call's text still arrives.
    const both = "name: R\non:\n  workflow_dispatch:\n    inputs:\n      v:\n        type: boolean\n  workflow_call:\n    inputs:\n      v:\n        type: string\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.v }}\n";
    const caller = "name: C\non: issues\njobs:\n  c:\n    uses: ./.github/workflows/reuse.yml\n    with:\n      v: ${{ github.event.issue.title }}\n";
    const mixed = await run({ ".github/workflows/reuse.yml": both, ".github/workflows/ci.yml": caller });
    assert.deepEqual(mixed.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[15, "critical"]]);
  });

  it("still reports a job behind a maintainer's approval, says so, and lowers it one step as dangerous-triggers does", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "gated-jobs"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["gate"]]), [
      [15, "high", "approval"],
      [25, "high", "approval"],
      [29, "critical", null],
    ]);
    assert.match(findings[0]?.message ?? "", /the job waits for a label, an author check or an environment, which lowers but does not remove the risk/);
    assert.doesNotMatch(findings[2]?.message ?? "", /waits for/);
  });

  it("rates a label name high, not critical: free text as zizmor says, but only people with write access create labels", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "label-name"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["source"]]), [
      [13, "high", "github.event.label.name"],
      [17, "critical", "github.event.issue.title"],
    ]);
    assert.match(findings[0]?.message ?? "", /only people with write access create labels/);
  });

  it("reports payload text zizmor's context table calls arbitrary: a triggering run's workflow file name, a push's file names, a wiki edit's summary, a status's commit message, a check run's pull request branch and report, a transferred issue's title", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "payload-text"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.evidence["source"]]), [
      [".github/workflows/after-ci.yml", 14, "critical", "github.event.workflow_run.path"],
      [".github/workflows/checks.yml", 13, "high", "github.event.check_run.pull_requests.*.head.ref"],
      [".github/workflows/checks.yml", 14, "high", "github.event.check_run.output.title"],
      [".github/workflows/push-files.yml", 12, "high", "github.event.head_commit.modified"],
      [".github/workflows/push-files.yml", 15, "high", "github.event.commits.*.added.*"],
      [".github/workflows/status.yml", 12, "high", "github.event.commit.commit.message"],
      [".github/workflows/transferred.yml", 12, "critical", "github.event.changes.new_issue.title"],
      [".github/workflows/wiki.yml", 11, "critical", "github.event.pages.*.page_name"],
      [".github/workflows/wiki.yml", 12, "critical", "github.event.pages.*.summary"],
    ]);
    assert.match(findings[0]?.message ?? "", /the file name of the triggering run's workflow, which a fork's pull request can choose/);
    assert.match(findings[3]?.message ?? "", /a file name in the push, which the commit's author chose/);
    assert.match(findings[8]?.message ?? "", /a wiki edit's summary, which any wiki editor writes/);
  });

  it("rates free text only people with write access write (a milestone's title, a deployment's environment, a package's description) high at most, as a label's name", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "writer-text"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.evidence["source"]]), [
      [".github/workflows/deploy.yml", 10, "high", "github.event.deployment.environment"],
      [".github/workflows/milestone.yml", 13, "high", "github.event.issue.milestone.title"],
      [".github/workflows/milestone.yml", 14, "critical", "github.event.issue.title"],
      [".github/workflows/package.yml", 14, "high", "github.event.registry_package.package_version.description"],
    ]);
    assert.match(findings[1]?.message ?? "", /a milestone's title or description, which people with triage access write.*only people with write access write it$/);
  });

  it("rates a commit author's email medium, as zizmor's table calls it structured, and the author's name beside it as free text", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "email-fields"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence, f.evidence["source"]]), [
      [14, "medium", "high", "github.event.workflow_run.head_commit.author.email"],
      [15, "critical", "high", "github.event.workflow_run.head_commit.author.name"],
    ]);
    assert.match(findings[0]?.message ?? "", /GitHub reports it as an email address/);
  });

  it("rates an account's profile name as outsiders' text (medium confidence: payloads seldom carry it), issue types and team names as writers' text, and leaves the pusher's login and the repository's branch names alone", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "account-and-team-text"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.confidence, f.evidence["source"]]), [
      [".github/workflows/review-requested.yml", 13, "high", "high", "github.event.requested_team.name"],
      [".github/workflows/triage.yml", 13, "high", "high", "github.event.issue.type.name"],
      [".github/workflows/triage.yml", 14, "critical", "medium", "github.event.issue.user.name"],
      [".github/workflows/triage.yml", 14, "medium", "high", "github.event.issue.user.email"],
    ]);
    assert.match(findings[0]?.message ?? "", /a team's name or description, which the organisation's members write.*only people with write access write it$/);
    assert.match(findings[2]?.message ?? "", /the profile name or email of a GitHub account, which its owner sets.*often leaves an account's name out of the payload/);
  });

  it("judges the whole inputs object (`toJSON(inputs)`) by the inputs it holds: its string inputs, never the typed ones", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "whole-inputs"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.evidence["source"]]), [
      [".github/workflows/notes.yml", 12, "low", "github.event.inputs.notes"],
      [".github/workflows/reusable.yml", 14, "medium", "inputs.target"],
    ]);
  });

  it("rates each job by the events that can run it: one limited to push is not reached by pull_request_target beside it", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "job-event-limits"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [
      [14, "high"],
      [19, "critical"],
      [24, "high"],
    ]);
    assert.match(findings[0]?.message ?? "", /the run starts on `push`$/);
  });

  it("lowers a job run only when an earlier job reports write access, or behind a slash command that requires it", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "permission-reports"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.evidence["gate"]]), [
      [24, "high", "approval"],
      [30, "critical", null],
      [38, "high", "approval"],
      [46, "critical", null],
    ]);
  });

  it("follows a reusable workflow this repository calls by its own full name, only when the origin remote says whose it is (cilium)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "self-called"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]), [[".github/workflows/label.yml", 14, "critical"]]);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.issue\.title`.*through `inputs\.title`/);
    // Without a remote the same call may name another repository: the called file is judged on its own.
    const dir = fixtureDir(rule.meta.id, "self-called");
    const files = Object.fromEntries(["triage.yml", "label.yml"].map((n) => [`.github/workflows/${n}`, readFileSync(join(dir, ".github/workflows", n), "utf8")]));
    const { findings: alone } = await run(files);
    assert.deepEqual(alone.map((f) => [f.locations[0]?.startLine, f.severity]), [[14, "medium"]]);
  });

  it("traces text read from the triggering run's artifact through step and job outputs into a later job's script", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "artifact-outputs"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence, f.evidence["via"]]), [
      [39, "critical", "medium", ["needs.meta.outputs.title", "steps.read.outputs.title"]],
      [40, "critical", "medium", ["needs.meta.outputs.files", "steps.list.outputs.files"]],
    ]);
    assert.match(findings[0]?.message ?? "", /read from the triggering run's artifact/);
    // A jq filter that can only print a number, one word or a boolean carries none of the file's text.
    const shaped = await runRule(rule, fixtureDir(rule.meta.id, "artifact-fixed-shape"));
    assert.deepEqual(shaped.findings.map((f) => [f.locations[0]?.startLine, f.evidence["via"]]), [[29, ["steps.event.outputs.title"]]]);
    // Without the artifact download the same reads are the job's own files.
    const plain = await one("name: P\non: workflow_run\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - id: r\n        run: echo \"t=$(jq -r .title meta.json)\" >> \"$GITHUB_OUTPUT\"\n      - run: echo \"${{ steps.r.outputs.t }}\"\n");
    assert.deepEqual(plain.findings, []);
  });

  it("follows a github-script step's core.setOutput back through plain assignments to the comment that wrote it", async () => {
    // A slash-command bot (issue_comment: any commenter) parses its command in JavaScript and hands words on as outputs.
    const bot = (use: string) => `name: Bump
on:
  issue_comment:
    types: [created]
permissions:
  contents: read
jobs:
  bump:
    runs-on: ubuntu-latest
    steps:
      - id: cmd
        uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1
        with:
          script: |
            const body = context.payload.comment.body;
            const args = body.slice("/bump ".length).trim().split(" ");
            core.setOutput("chart", args[0]);
            core.setOutput("level", args[1] || "patch");
            core.setOutput("name", "bump");
            core.setOutput("issue", context.payload.issue.number);
            core.setOutput("quoted", "args");
${use}`;
    const { findings } = await one(bot(`      - run: |
          echo "\${{ steps.cmd.outputs.chart }}"
          echo "\${{ steps.cmd.outputs.level }}"
          echo "\${{ steps.cmd.outputs.name }} \${{ steps.cmd.outputs.issue }} \${{ steps.cmd.outputs.quoted }}"
`));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[23, "critical", "medium"], [24, "critical", "medium"]]);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.comment\.body` \(the comment text, which any commenter writes\), through `steps\.cmd\.outputs\.chart`/);
  });

  it("takes a docker:// step's `args` for a script when a shell's -c runs them, by its entrypoint or as the image's command", async () => {
    const step = (w: string) => `name: Greet\non:\n  issues:\n    types: [opened]\npermissions:\n  contents: read\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://alpine:3.20\n        with:\n${w}`;
    const entry = await one(step(`          entrypoint: /bin/sh\n          args: -c "echo Thanks for \${{ github.event.issue.title }}"\n`));
    assert.deepEqual(entry.findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.evidence["sink"]]), [[14, 37, "critical", "docker://alpine:args"]]);
    assert.match(entry.findings[0]?.fix ?? "", /ISSUE_TITLE: \$\{\{ github\.event\.issue\.title \}\}\nwith:\n {2}args: -c 'echo "\$ISSUE_TITLE"'/);
    const command = await one(step(`          args: sh -ec "echo \${{ github.event.issue.body }}"\n`));
    assert.deepEqual(command.findings.map((f) => f.locations[0]?.startLine), [13]);
    // Arguments handed to a program that does not run them as a script, or a shell reading a file: data.
    const program = await one(step(`          entrypoint: /usr/bin/printf\n          args: -c "\${{ github.event.issue.title }}"\n`));
    const file = await one(step(`          entrypoint: sh\n          args: ./greet.sh "\${{ github.event.issue.title }}"\n`));
    assert.deepEqual([program.findings, file.findings], [[], []]);
  });

  it("takes mikefarah/yq's `cmd` for a shell command: its entrypoint evals it", async () => {
    const { findings } = await one(`name: Y
on:
  issues:
    types: [opened]
permissions:
  contents: read
jobs:
  y:
    runs-on: ubuntu-latest
    steps:
      - uses: mikefarah/yq@1187c954ec44c3a0e62c13ca7dc9dadc1ca80ae7 # v4.46.1
        with:
          cmd: yq '.title = "\${{ github.event.issue.title }}"' meta.yaml
`);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[13, "critical"]]);
  });

  it("takes a github-script result returned from the payload for outsiders' text: in a shell, not as a bare JSON literal in JavaScript", async () => {
    const wf = (script: string, encoding: string, use: string) => `name: R
on:
  issue_comment:
    types: [created]
permissions:
  contents: read
jobs:
  r:
    runs-on: ubuntu-latest
    steps:
      - id: r
        uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1
        with:${encoding}
          script: |
${script}
${use}`;
    const top = "            const words = context.payload.comment.body.split(' ');\n            return words[1];";
    const shell = "      - run: echo \"\${{ steps.r.outputs.result }}\"\n";
    const js = "      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: |\n            const arg = \${{ steps.r.outputs.result }};\n            const quoted = '\${{ steps.r.outputs.result }}';\n";
    // JSON-quoted text still expands `$(…)` inside the shell's double quotes.
    assert.deepEqual((await one(wf(top, "", shell))).findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[17, "critical", "medium"]]);
    // Bare, a JSON literal is inert JavaScript; inside quotes its own quotes end the string.
    assert.deepEqual((await one(wf(top, "", js))).findings.map((f) => f.locations[0]?.startLine), [21]);
    // result-encoding: string hands the raw text on, so even the bare use is code.
    assert.deepEqual((await one(wf(top, "\n          result-encoding: string", js))).findings.map((f) => f.locations[0]?.startLine), [21, 22]);
    // A return inside a callback is the callback's value, not the script's.
    const callback = "            const hit = [1].map(() => {\n              return context.payload.comment.body;\n            });\n            return hit.length;";
    assert.deepEqual((await one(wf(callback, "", shell))).findings, []);
  });

  it("takes tj-actions/changed-files' counts and booleans for what they are, and its file lists for a fork's file names", async () => {
    const { findings } = await one(`name: L\non: pull_request\npermissions:\n  contents: read\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - id: changed\n        uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v46.0.5\n        with:\n          files_yaml: |\n            docs:\n              - '**/*.md'\n      - run: |\n          echo "\${{ steps.changed.outputs.all_changed_files_count }} \${{ steps.changed.outputs.docs_any_changed }} \${{ steps.changed.outputs.only_modified }}"\n          npx markdownlint \${{ steps.changed.outputs.docs_all_changed_files }} \${{ steps.changed.outputs.other_changed_files }}\n`);
    assert.deepEqual(findings.map((f) => /output `(\w+)` of tj-actions\/changed-files/.exec(f.message)?.[1] ?? f.message), ["docs_all_changed_files", "other_changed_files"]);
  });

  it("takes an issue form's parsed fields and the text of the pull request a commit belongs to as outsiders' text", async () => {
    const { findings } = await one(`name: F\non:\n  issues:\n    types: [opened]\npermissions:\n  contents: read\njobs:\n  f:\n    runs-on: ubuntu-latest\n    steps:\n      - id: form\n        uses: stefanbuck/github-issue-parser@2ea9b35a8c584529ed00891a8f7e41dc46d0441e # v3.2.1\n        with:\n          template-path: .github/ISSUE_TEMPLATE/bug.yml\n      - id: pr\n        uses: 8BitJonny/gh-get-current-pr@08e737c57a3a4eb24cec6487664b243b77eb5e36 # v3.0.0\n      - run: |\n          echo "\${{ steps.form.outputs.jsonString }}" > issue.json\n          echo "\${{ steps.form.outputs.issueparser_version }}"\n          echo "\${{ steps.pr.outputs.pr_title }} #\${{ steps.pr.outputs.number }}"\n`);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[18, "critical"], [19, "critical"], [20, "critical"]]);
    assert.match(findings[0]?.message ?? "", /expands the output `jsonstring` of stefanbuck\/github-issue-parser \(text outsiders write: .*\), through `steps\.form\.outputs\.jsonString`/);
  });

  it("takes the branch of a workflow_run after workflows only people with push access start as the repository's own, its commit message as a pusher's", async () => {
    const notify = "name: Notify\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  n:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo \"${{ github.event.workflow_run.head_branch }}\"\n          echo \"${{ github.event.workflow_run.head_commit.message }}\"\n";
    const ci = (on: string) => `name: CI\non:\n${on}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;
    const pushOnly = await run({ ".github/workflows/notify.yml": notify, ".github/workflows/ci.yml": ci("  push:\n    branches: [main]") });
    assert.deepEqual(pushOnly.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[14, "high"]]);
    assert.match(pushOnly.findings[0]?.message ?? "", /the run starts on `workflow_run` \(after `CI`, which only people with push access start\)$/);
    const prs = await run({ ".github/workflows/notify.yml": notify, ".github/workflows/ci.yml": ci("  push:\n  pull_request:") });
    assert.deepEqual(prs.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[13, "critical"], [14, "critical"]]);
  });

  it("takes the workflow file path of a workflow_run as the repository's own after workflows only people with push access start, a fork's otherwise", async () => {
    const notify = "name: Notify\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  n:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.workflow_run.path }}\"\n";
    const ci = (on: string) => `name: CI\non:\n${on}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;
    const pushOnly = await run({ ".github/workflows/notify.yml": notify, ".github/workflows/ci.yml": ci("  push:\n    branches: [main]") });
    assert.deepEqual(pushOnly.findings, []);
    const prs = await run({ ".github/workflows/notify.yml": notify, ".github/workflows/ci.yml": ci("  pull_request:") });
    assert.deepEqual(prs.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[12, "critical"]]);
  });

  it("takes a job kept to pull requests from this repository's own branches as expanding what pushers wrote: medium", async () => {
    const job = (cond: string) => `name: P\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  t:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ github.event.pull_request.title }}"\n`;
    for (const cond of ["github.event.pull_request.head.repo.full_name == github.repository", "github.event.pull_request.head.repo.fork == false", "${{ !github.event.pull_request.head.repo.fork && github.event.action != 'closed' }}"]) {
      const { findings } = await one(job(cond));
      assert.deepEqual(findings.map((f) => f.severity), ["medium"], cond);
      assert.match(findings[0]?.message ?? "", /the job runs only for this repository's own branches, whose authors can already push/);
    }
    const step = await one("name: P\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - if: github.event.pull_request.head.repo.fork == false\n        run: echo \"${{ github.event.pull_request.title }}\"\n");
    assert.deepEqual(step.findings.map((f) => f.severity), ["medium"], "the step's own condition");
    // `||` lets forks through; a push kept by its event name is judged by the push.
    assert.deepEqual((await one(job("github.event.pull_request.head.repo.fork == false || github.event.action == 'labeled'"))).findings.map((f) => f.severity), ["critical"]);
    const push = await one("name: P\non: [push, pull_request_target]\npermissions:\n  contents: read\njobs:\n  t:\n    if: github.event_name == 'push'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.head_commit.message }}\"\n");
    assert.deepEqual(push.findings.map((f) => f.severity), ["high"]);
  });

  it("says who writes a release's name and notes, and that a whole event holds outsiders' text", async () => {
    const rel = await one(`name: R\non:\n  release:\n    types: [published]\npermissions:\n  contents: read\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "\${{ github.event.release.name }}: \${{ github.event.release.body }} \${{ toJSON(github.event) }}"\n`);
    assert.deepEqual(rel.findings.map((f) => /\(([^)]*)\)/.exec(f.message.replace(/^\$\{\{[^}]*\}\}/, ""))?.[1]), [
      "the release's name, which whoever publishes the release writes",
      "the release notes, which whoever publishes the release writes, often generated from the titles of pull requests outsiders opened",
      "the whole event, which holds the titles, bodies and branch names outsiders write",
    ]);
  });

  it("follows a step output a PowerShell writer sets after the path (Add-Content -Path $env:GITHUB_OUTPUT -Value …)", async () => {
    const { findings } = await one(`name: P\non: issues\npermissions:\n  contents: read\njobs:\n  p:\n    runs-on: windows-latest\n    steps:\n      - id: t\n        shell: pwsh\n        env:\n          T: \${{ github.event.issue.title }}\n        run: Add-Content -Path $env:GITHUB_OUTPUT -Value "title=$env:T"\n      - run: echo "\${{ steps.t.outputs.title }}"\n`);
    assert.deepEqual(where(findings), [[14, 20]]);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.issue\.title` .* through `steps\.t\.outputs\.title` and `\$T`/);
  });

  it("takes a pull request's branch or title printed by gh (pr view --json headRefName, api …/pulls/N --jq .title) for outsiders' text, through shell variables the script assigns", async () => {
    const { findings } = await one(`name: B\non: issue_comment\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - id: pr\n        env:\n          N: \${{ github.event.issue.number }}\n        run: |\n          echo "branch=$(gh pr view "$N" --json headRefName -q .headRefName)" >> "$GITHUB_OUTPUT"\n          echo "sha=$(gh pr view "$N" --json headRefOid,number --jq .headRefOid)" >> "$GITHUB_OUTPUT"\n          title=$(gh api "repos/\${{ github.repository }}/pulls/$N" --jq .title)\n          echo "title=$title" >> "$GITHUB_OUTPUT"\n          state=$(gh api "repos/o/r/pulls/$N" --jq .state)\n          echo "state=$state" >> "$GITHUB_OUTPUT"\n      - run: echo "\${{ steps.pr.outputs.branch }} \${{ steps.pr.outputs.sha }} \${{ steps.pr.outputs.title }} \${{ steps.pr.outputs.state }}"\n`);
    assert.deepEqual(findings.map((f) => /^\$\{\{ ([^}]+) \}\}/.exec(f.message)?.[1]), ["steps.pr.outputs.branch", "steps.pr.outputs.title"]);
    assert.match(findings[0]?.message ?? "", /expands `github\.event\.pull_request\.head\.ref` .* through `steps\.pr\.outputs\.branch` and `gh pr view`/);
    assert.match(findings[1]?.message ?? "", /through `steps\.pr\.outputs\.title` and `\$title` and `gh api`/);
    assert.deepEqual(findings.map((f) => f.confidence), ["medium", "medium"]);
  });

  it("reports a variable holding outsiders' text that eval, a shell's -c, python -c, node -e or source <(…) evaluates as code, at the variable, as a direct expansion is rated", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "evaluated-env"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.evidence["sink"], f.evidence["source"]]), [
      [12, 20, "critical", "run:eval", "github.event.comment.body"],
      [13, 28, "critical", "run:bash -c", "github.event.comment.body"],
      [14, 33, "critical", "run:python3 -c", "github.event.comment.body"],
      [15, 36, "critical", "run:node -e", "github.event.comment.body"],
      [16, 38, "critical", "run:source <(…)", "github.event.comment.body"],
    ]);
    assert.match(findings[0]?.message ?? "", /^\$\{BODY#\/run \} holds `github\.event\.comment\.body` \(the comment text, which any commenter writes\), and `eval` in the `run:` script of step 1 \(run\) \(job `run` in \.github\/workflows\/chatops\.yml\) evaluates the variable as code/);
  });

  it("follows an evaluated variable to an earlier step's GITHUB_ENV write and to an assignment in the script", async () => {
    const job = (steps: string) => `name: X\non: issue_comment\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
    const written = await one(job("      - env:\n          B: ${{ github.event.comment.body }}\n        run: echo \"CMD=$B\" >> \"$GITHUB_ENV\"\n      - run: eval \"$CMD\"\n"));
    assert.deepEqual(written.findings.map((f) => [f.locations[0]?.startLine, f.evidence["source"]]), [[11, "github.event.comment.body"]]);
    const assigned = await one(job("      - env:\n          B: ${{ github.event.comment.body }}\n        run: |\n          cmd=\"${B#/run }\"\n          bash -c \"$cmd\"\n"));
    assert.deepEqual(assigned.findings.map((f) => [f.locations[0]?.startLine, f.evidence["sink"]]), [[12, "run:bash -c"]]);
  });

  it("takes a variable passed as a quoted argument to a program as that program's data: its output is not the variable's text, unless the pipe only passes text on", async () => {
    const steps = [
      ["deploy", 'echo "$(./deploy.sh "$BRANCH")"'],
      ["assign", 'X=$(./script "$TITLE")\n          echo "$X"'],
      ["python", 'RESULT="$(python3 scripts/check.py --title "$TITLE")"\n          echo "result=$RESULT" >> "$GITHUB_OUTPUT"'],
      ["count", 'N=$(echo -n "$TITLE" | wc -c)\n          echo "n=$N" >> "$GITHUB_OUTPUT"'],
      ["slug", "S=$(echo \"$TITLE\" | tr -cd 'a-z0-9-')\n          echo \"slug=$S\" >> \"$GITHUB_OUTPUT\""],
      ["upper", 'U=$(echo "$TITLE" | tr a-z A-Z)\n          echo "up=$U" >> "$GITHUB_OUTPUT"'],
      ["nested", 'V=$(echo "$(./render "$TITLE")")\n          echo "v=$V" >> "$GITHUB_OUTPUT"'],
    ];
    const body = steps.map(([id, script]) => `      - id: ${id}\n        env:\n          TITLE: \${{ github.event.pull_request.title }}\n          BRANCH: \${{ github.event.pull_request.head.ref }}\n        run: |\n          ${script}\n`).join("");
    const uses = "      - run: echo \"${{ steps.python.outputs.result }} ${{ steps.count.outputs.n }} ${{ steps.slug.outputs.slug }} ${{ steps.nested.outputs.v }}\"\n      - run: echo \"${{ steps.upper.outputs.up }}\"\n      - run: echo \"${{ github.event.pull_request.title }}\"\n";
    const { findings } = await one(`name: T\non: pull_request_target\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${body}${uses}`);
    assert.deepEqual(findings.map((f) => [f.snippet, f.severity]), [
      ["${{ steps.upper.outputs.up }}", "critical"],
      ["${{ github.event.pull_request.title }}", "critical"],
    ]);
  });

  it("follows a multi-line value written line by line (`echo \"CMD<<EOF\" >> $GITHUB_ENV`, the text, the delimiter) and here-documents into outputs; a quoted delimiter expands nothing", async () => {
    const env = "        env:\n          BODY: ${{ github.event.comment.body }}\n";
    const steps = [
      `      - ${env.trimStart()}        run: |\n          echo "CMD<<EOF" >> $GITHUB_ENV\n          echo "$BODY" >> $GITHUB_ENV\n          echo "EOF" >> $GITHUB_ENV\n`,
      "      - run: echo \"${{ env.CMD }}\"\n",
      `      - id: h\n${env}        run: |\n          cat <<EOF >> "$GITHUB_OUTPUT"\n          text=$BODY\n          EOF\n`,
      "      - run: echo \"${{ steps.h.outputs.text }}\"\n",
      `      - id: l\n${env}        run: |\n          cat <<'EOF' >> "$GITHUB_OUTPUT"\n          text=$BODY\n          EOF\n`,
      "      - run: echo \"${{ steps.l.outputs.text }}\"\n",
    ].join("");
    const { findings } = await one(`name: T\non: issue_comment\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
    assert.deepEqual(findings.map((f) => f.snippet), ["${{ env.CMD }}", "${{ steps.h.outputs.text }}"]);
    assert.match(findings[0]?.message ?? "", /through `env\.CMD` and `\$BODY`/);
  });

  it("says so when the job's condition leaves no trigger that runs it, rather than an empty list of events", async () => {
    const { findings } = await one("name: X\non: issues\npermissions: {}\njobs:\n  a:\n    if: github.event_name == 'push'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n");
    assert.equal(findings.length, 1);
    assert.doesNotMatch(findings[0]?.message ?? "", /starts on $|starts on ;/);
    assert.match(findings[0]?.message ?? "", /no trigger of \.github\/workflows\/ci\.yml runs this job as its condition stands/);
  });
});

describe("workflows/template-injection on local calls the checkout cannot follow", () => {
  const caller = (steps: string) => `name: Triage\non:\n  issues:\npermissions: {}\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  const composite = "name: Greet\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: echo \"${{ github.event.issue.title }}\"\n      shell: bash\n";

  it("is incomplete for a local action that is missing or behind a link out of the checkout, never a pass on steps it did not read", async () => {
    const outside = join(tmpdir(), `assay-outside-${process.pid}`);
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "action.yml"), composite);
    try {
      const dir = tmpDir({ ".github/workflows/ci.yml": caller("      - uses: ./.github/actions/missing\n      - uses: ./.github/actions/linked\n"), ".github/actions/keep": "" });
      rmSync(join(dir, ".github/actions/keep"));
      symlinkSync(outside, join(dir, ".github/actions/linked"));
      const r = await runRule(rule, dir);
      assert.equal(r.outcome, "incomplete");
      assert.deepEqual(r.findings, []);
      const reason = r.assessment.rules[0]?.reason ?? "";
      assert.match(reason, /ci\.yml:9:15: uses \.\/\.github\/actions\/missing, which the checkout does not hold, so the steps it runs cannot be judged/);
      assert.match(reason, /ci\.yml:10:15: uses \.\/\.github\/actions\/linked, a symbolic link out of the checkout, so the steps it runs cannot be judged/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("is incomplete for a local reusable workflow the checkout does not hold", async () => {
    const { outcome, assessment } = await one("name: CI\non: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/gone.yml\n");
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /ci\.yml:6:11: uses \.\/\.github\/workflows\/gone\.yml, which the checkout does not hold/);
  });

  it("is incomplete for a reusable workflow called by this repository's own full name that the checkout lacks, not for another repository's", async () => {
    const call = (repo: string) => `name: CI\non: push\npermissions: {}\njobs:\n  call:\n    uses: ${repo}/.github/workflows/gone.yml@main\n`;
    const scanRepo = async (repo: string) => {
      const dir = tmpRepo({ ".github/workflows/ci.yml": call(repo) });
      git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
      const r = await runRule(rule, dir);
      rmSync(dir, { recursive: true, force: true });
      return r;
    };
    const own = await scanRepo("acme/widget");
    assert.equal(own.outcome, "incomplete");
    assert.match(own.assessment.rules[0]?.reason ?? "", /ci\.yml:6:11: uses acme\/widget\/\.github\/workflows\/gone\.yml@main, which the checkout does not hold/);
    assert.equal((await scanRepo("octo-org/shared")).outcome, "pass");
  });

  it("leaves a local action another repository's checkout puts in the workspace to that repository, like any remote action", async () => {
    const checkout = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          repository: octo-org/shared-actions\n          path: shared\n";
    const { outcome } = await one(caller(`${checkout}      - uses: ./shared/greet\n`));
    assert.equal(outcome, "pass");
    // A folder of the checkout still judged when present.
    const held = await one(caller("      - uses: ./.github/actions/greet\n"), { ".github/actions/greet/action.yml": composite });
    assert.equal(held.findings.length, 1);
    // A pull request's head checked out over the workspace: its action, not this checkout's, runs (dangerous-triggers' case).
    const head = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";
    assert.equal((await one(caller(`${head}      - uses: ./.github/actions/build\n`))).outcome, "pass");
    assert.equal((await one(caller("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - uses: ./.github/actions/build\n"))).outcome, "incomplete", "this checkout's own tree still has to hold it");
  });
});
