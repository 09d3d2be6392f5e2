import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/github-env.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
const wf = (on: string, steps: string) => `name: E\non: ${on}\npermissions:\n  contents: read\njobs:\n  e:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("workflows/github-env", () => {
  it("reports untrusted text written to GITHUB_ENV at the write's line, through env and through a read of the event payload", async () => {
    const { findings } = await one(wf("issues", `      - env:\n          T: \${{ github.event.issue.title }}\n        run: |\n          echo ok\n          echo "TITLE=$T" >> "$GITHUB_ENV"\n      - run: echo "X=$(jq -r .issue.body "$GITHUB_EVENT_PATH")" >> $GITHUB_ENV\n`));
    assert.deepEqual(where(findings), [[13, 11], [14, 14]]);
    assert.deepEqual(findings.map((f) => f.severity), ["critical", "critical"]);
    assert.match(findings[0]?.message ?? "", /writes `github\.event\.issue\.title` .* through `\$T` to `\$GITHUB_ENV`, which reaches every later step/);
  });

  it("reads here-documents, `{ … }` groups and tee into GITHUB_ENV/GITHUB_PATH, at the line that puts the value in, then the whole write", async () => {
    const env = (name: string) => `        env:\n          ${name}: \${{ github.event.pull_request.body }}\n`;
    const steps = [
      `      - ${env("BODY").trimStart()}        run: |\n          cat <<EOF >> "$GITHUB_ENV"\n          PR_BODY=$BODY\n          EOF\n`,
      `      - ${env("BODY").trimStart()}        run: |\n          {\n            echo "B<<EOF"\n            echo "\${BODY}"\n            echo EOF\n          } >> $GITHUB_ENV\n`,
      `      - ${env("BODY").trimStart()}        run: |\n          tee -a $GITHUB_PATH <<EOF\n          /opt/$BODY\n          EOF\n`,
      // A quoted delimiter writes `$BODY` as it stands: nothing expands but GitHub's own expressions.
      `      - ${env("BODY").trimStart()}        run: |\n          cat >> "$GITHUB_ENV" <<'EOF'\n          LITERAL=$BODY\n          EOF\n`,
      "      - run: |\n          cat <<'EOF' >> \"$GITHUB_ENV\"\n          T=${{ github.event.pull_request.title }}\n          EOF\n",
    ].join("");
    const { findings } = await one(wf("pull_request_target", steps));
    // Last, the step's whole `run:`, which zizmor's finding spans.
    assert.deepEqual(findings.map((f) => f.locations.map((l) => [l.startLine, l.endLine])), [
      [[13, 13], [12, 14], [11, 14]],
      [[20, 20], [18, 22], [17, 22]],
      [[27, 27], [26, 28], [25, 28]],
      [[37, 37], [36, 38], [35, 38]],
    ]);
    assert.deepEqual(findings.map((f) => f.severity), ["critical", "critical", "critical", "critical"]);
    assert.match(findings[1]?.message ?? "", /writes `github\.event\.pull_request\.body` .* through `\$BODY` to `\$GITHUB_ENV`/);
  });

  it("keeps a zizmor ignore written on the `run: |` line, which zizmor's finding spans, and not one on another step", async () => {
    const step = (comment: string) => `      - env:\n          T: \${{ github.event.issue.title }}\n        run: |${comment}\n          echo ok\n          echo "TITLE=$T" >> "$GITHUB_ENV"\n`;
    const ignored = await one(wf("issues", step(" # zizmor: ignore[github-env] validated upstream")));
    assert.deepEqual(ignored.findings.map((f) => [f.status, f.statusReason]), [["suppressed", "validated upstream"]]);
    const other = await one(wf("issues", `${step("")}      - run: | # zizmor: ignore[github-env]\n          echo hi\n`));
    assert.deepEqual(other.findings.map((f) => f.status), ["open"]);
  });

  it("in pull_request_target and workflow_run, reports computed values (files of the fork) at medium severity", async () => {
    const { findings } = await one(wf("pull_request_target", `      - run: echo "VERSION=$(cat VERSION)" >> "$GITHUB_ENV"\n      - run: echo "$HOME/bin" >> "$GITHUB_PATH"\n      - run: echo "CI=true" >> "$GITHUB_ENV"\n`));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[9, "medium", "low"]]);
  });

  it("takes a variable the workflow's env sets from a number as that number, not a computed value (transformers' PR number)", async () => {
    const steps = "      - env:\n          issue_number: ${{ github.event.pull_request.number }}\n        run: echo \"PR_NUMBER=$issue_number\" >> $GITHUB_ENV\n      - run: echo \"SHA=$(git rev-parse HEAD)\" >> $GITHUB_ENV\n";
    assert.deepEqual((await one(wf("pull_request_target", steps))).findings.map((f) => f.locations[0]?.startLine), [12]);
  });

  it("takes what `gh … --json number` prints as the API's answer, not the branch name that chose the pull request", async () => {
    const branch = "      - env:\n          BRANCH: ${{ github.event.workflow_run.head_branch }}\n        run: |\n          gh pr view \"$BRANCH\" --json number --jq '\"PR=\\(.number)\"' >> \"$GITHUB_ENV\"\n";
    const numbered = await one(wf("workflow_run", branch));
    assert.deepEqual(numbered.findings.map((f) => [f.severity, f.confidence]), [["medium", "low"]]);
    const titled = await one(wf("workflow_run", branch.replace("--json number --jq '\"PR=\\(.number)\"'", "--json title --jq '\"T=\\(.title)\"'")));
    assert.deepEqual(titled.findings.map((f) => f.severity), ["critical"]);
  });

  it("reports multi-line untrusted text written to GITHUB_OUTPUT with a fixed delimiter, not titles or random delimiters", async () => {
    const fixed = await one(wf("pull_request_target", `      - env:\n          B: \${{ github.event.pull_request.body }}\n        run: |\n          echo "notes<<EOF" >> "$GITHUB_OUTPUT"\n          echo "$B" >> "$GITHUB_OUTPUT"\n          echo EOF >> "$GITHUB_OUTPUT"\n`));
    assert.deepEqual(fixed.findings.map((f) => [f.evidence["target"], f.severity]), [["GITHUB_OUTPUT", "medium"]]);
    const random = await one(wf("pull_request_target", `      - env:\n          B: \${{ github.event.pull_request.body }}\n        run: |\n          d=$(uuidgen)\n          echo "notes<<$d" >> "$GITHUB_OUTPUT"\n          echo "$B" >> "$GITHUB_OUTPUT"\n          echo "$d" >> "$GITHUB_OUTPUT"\n`));
    const title = await one(wf("pull_request_target", `      - env:\n          T: \${{ github.event.pull_request.title }}\n        run: echo "t=$T" >> "$GITHUB_OUTPUT"\n`));
    assert.deepEqual([random.findings, title.findings], [[], []]);
  });

  it("understands PowerShell and tee forms", async () => {
    const { findings } = await one(wf("issues", `      - env:\n          T: \${{ github.event.issue.title }}\n        run: |\n          "T=$env:T" | Out-File -FilePath $env:GITHUB_ENV -Append\n          echo "U=$T" | tee -a "$GITHUB_ENV"\n`));
    assert.equal(findings.length, 2);
    const tee = await one(wf("issues", `      - env:\n          T: \${{ github.event.issue.title }}\n        run: |\n          echo "A=$T" | tee --append "$GITHUB_ENV"\n          echo "B=$T" | tee -a -- "$GITHUB_ENV" > /dev/null\n          echo "C=$T" | sudo tee -a $GITHUB_ENV\n`));
    assert.deepEqual(where(tee.findings).map(([line]) => line), [12, 13, 14]);
  });

  it("reads a PowerShell writer's value after the path (Add-Content -Path $env:GITHUB_ENV -Value …)", async () => {
    const { findings } = await one(wf("issues", `      - env:\n          T: \${{ github.event.issue.title }}\n        shell: pwsh\n        run: |\n          Add-Content -Path $env:GITHUB_ENV -Value "T=$env:T"\n          Set-Content -Path $env:GITHUB_PATH -Value "C:\\tools"\n`));
    assert.deepEqual(where(findings), [[13, 11]]);
    assert.match(findings[0]?.message ?? "", /writes `github\.event\.issue\.title` .* through `\$T` to `\$GITHUB_ENV`/);
  });

  it("ignores a 100,000-character line without a write", async () => {
    const { findings } = await one(wf("pull_request_target", `      - run: echo ${"$GITHUB_ENVx ".repeat(8000)}\n`));
    assert.deepEqual(findings, []);
  });

  it("gives a computed value written in a pull_request_target job low confidence, as no source is known to be the fork's (github/docs' preview deploy)", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "computed-value"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[17, "medium", "low"]]);
  });

  it("takes a slash command's words as one line, so writing them to GITHUB_OUTPUT forges nothing", async () => {
    const { findings } = await runRule(rule, fixtureDir("workflows/template-injection", "slash-command-args"));
    assert.deepEqual(findings, []);
  });

  it("takes a jq read of the artifact that can only print a number or one word as no outsiders' text", async () => {
    const { findings } = await one("name: P\non:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          name: pr\n          path: pr\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: |\n          echo \"number=$(jq '.number | tonumber' < pr/event.json)\" >> \"$GITHUB_OUTPUT\"\n          echo \"head=$(jq -r '.head | [scan(\"\\\\w+\")][0]' pr/event.json)\" >> \"$GITHUB_OUTPUT\"\n          echo \"body=$(jq -r '.body' pr/event.json)\" >> \"$GITHUB_OUTPUT\"\n");
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [20]);
  });

  it("takes a number read from the artifact with jq and written to GITHUB_ENV as no computed text a fork shaped", async () => {
    const head = "name: P\non:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          name: pr\n          path: pr\n          run-id: ${{ github.event.workflow_run.id }}\n";
    const quiet = await one(`${head}      - run: echo "PR_NUMBER=$(jq '.number | tonumber' < pr/event.json)" >> "$GITHUB_ENV"\n`);
    assert.deepEqual(quiet.findings, []);
    const loud = await one(`${head}      - run: echo "PR_NUMBER=$(jq '.number' < pr/event.json)" >> "$GITHUB_ENV"\n`);
    assert.deepEqual(loud.findings.map((f) => f.severity), ["critical"]);
  });

  it("takes a write in a job kept to the repository's own branches as what pushers wrote: medium", async () => {
    const job = (cond: string) => `name: E\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  e:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          T: \${{ github.event.pull_request.title }}\n        run: echo "TITLE=$T" >> "$GITHUB_ENV"\n`;
    const own = await one(job("github.event.pull_request.head.repo.fork == false"));
    assert.deepEqual(own.findings.map((f) => f.severity), ["medium"]);
    assert.match(own.findings[0]?.message ?? "", /to `\$GITHUB_ENV`, which reaches every later step; the job runs only for this repository's own branches/);
    assert.deepEqual((await one(job("github.event.action == 'opened'"))).findings.map((f) => f.severity), ["critical"]);
  });

  it("takes a workflow_run job's write of a file from the triggering run's artifact as outsiders' text, at medium confidence", async () => {
    const { findings } = await one("name: P\non:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          name: pr\n          path: pr\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: echo \"PR_NUMBER=$(cat pr/number)\" >> \"$GITHUB_ENV\"\n");
    assert.deepEqual(findings.map((f) => [f.severity, f.confidence]), [["critical", "medium"]]);
    assert.match(findings[0]?.message ?? "", /read from the triggering run's artifact/);
    assert.match(findings[0]?.message ?? "", /writes `artifact:\$\(cat pr\/number\)` \(/, "the command substitution is quoted whole");
    // After a workflow only people with push access start, the artifact is the repository's own build.
    const b = "name: B\non:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    const insiders = await run({ ".github/workflows/ci.yml": "name: P\non:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          name: pr\n          path: pr\n          run-id: ${{ github.event.workflow_run.id }}\n      - run: echo \"PR_NUMBER=$(cat pr/number)\" >> \"$GITHUB_ENV\"\n", ".github/workflows/b.yml": b });
    assert.deepEqual(insiders.findings, []);
  });
});
