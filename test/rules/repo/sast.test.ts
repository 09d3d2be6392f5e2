import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/sast.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

function workflow(...steps: string[]): string {
  return `name: CI\non: [push, pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

async function outcome(files: Record<string, string>): Promise<string> {
  return (await runRule(rule, tmpDir({ "main.py": "print('hi')\n", ...files }))).outcome;
}

describe("repo/sast", () => {
  it("reports a repository-level finding that mentions CodeQL default setup", async () => {
    const { findings, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(o, "fail");
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      "no static analysis runs in CI: the only workflow does not run CodeQL, Semgrep, SonarCloud or another SAST tool (CodeQL default setup, enabled in repository settings, cannot be seen offline)",
    );
    assert.deepEqual(findings[0]?.locations, []);
    assert.deepEqual(findings[0]?.evidence, { workflows: 1, unparsedWorkflows: 0 });
    assert.match(rule.meta.remediation, /repo\/sast: off/);
  });

  it("says so when there are no workflows at all", async () => {
    const { findings } = await runRule(rule, tmpDir({ "main.go": "package main\n" }));
    assert.match(findings[0]?.message ?? "", /there are no workflows/);
  });

  for (const [name, step] of [
    ["CodeQL analyze", "uses: github/codeql-action/analyze@v3"],
    ["CodeQL init pinned by SHA", "uses: github/codeql-action/init@4dd16135b69a43b6c8efb853346f8437d92d3c93 # v3.26.6"],
    ["the Semgrep action", "uses: semgrep/semgrep-action@v1"],
    ["`semgrep ci`", "run: semgrep ci"],
    ["`semgrep scan --config auto`", "run: |\n  pip install semgrep\n  semgrep scan --config auto --error"],
    ["Bandit as a command", "run: bandit -r src -ll"],
    ["Bandit through uv", "run: uv run bandit -r src"],
    ["a Bandit action", "uses: PyCQA/bandit-action@v1"],
    ["gosec", "uses: securego/gosec@v2.21.4"],
    ["Brakeman", "run: bundle exec brakeman --no-pager"],
    ["SonarCloud", "uses: SonarSource/sonarqube-scan-action@v4"],
    ["a Maven Sonar build", "run: mvn -B verify sonar:sonar"],
    ["Snyk (any snyk/actions action, as Scorecard counts them)", "uses: snyk/actions/node@master"],
    ["Psalm taint analysis", "run: vendor/bin/psalm --no-cache --taint-analysis"],
    ["hadolint (Scorecard counts it)", "uses: hadolint/hadolint-action@v3.1.0"],
    ["Clang's scan-build around make", "run: |\n  ./configure CC=clang\n  scan-build --keep-going --exclude vendor/ make -j4"],
    ["a versioned scan-build", "run: scan-build-18 -o html/ cmake --build build"],
    ["Cppcheck", "run: cppcheck --enable=warning,portability --error-exitcode=1 src/"],
    ["Infer", "run: infer run -- make"],
  ] as const) {
    it(`passes with ${name}`, async () => {
      assert.equal(await outcome({ ".github/workflows/ci.yml": workflow(step) }), "pass");
    });
  }

  for (const [name, step] of [
    ["installing a tool without running it", "run: pip install bandit semgrep"],
    ["installing the C analysers without running them", "run: |\n  sudo apt-get install -y cppcheck clang-tools\n  cppcheck --version\n  scan-build-18 --help"],
    ["uploading SARIF from a non-SAST tool", "uses: github/codeql-action/upload-sarif@v3"],
    ["CodeQL autobuild alone", "uses: github/codeql-action/autobuild@v3"],
    ["a vulnerability scanner (Trivy)", "uses: aquasecurity/trivy-action@0.28.0"],
    ["a workflow linter (zizmor)", "run: uvx zizmor ."],
    ["Scorecard", "uses: ossf/scorecard-action@v2.4.0"],
    ["an echo that mentions semgrep", 'run: echo "remember to run semgrep ci"'],
  ] as const) {
    it(`still fires with only ${name}`, async () => {
      assert.equal(await outcome({ ".github/workflows/ci.yml": workflow(step) }), "fail");
    });
  }

  it("counts golangci-lint only when its configuration enables gosec", async () => {
    const ci = { ".github/workflows/lint.yml": workflow("uses: golangci/golangci-lint-action@v6") };
    assert.equal(await outcome(ci), "fail");
    assert.equal(await outcome({ ...ci, ".golangci.yml": "linters:\n  enable:\n    - errcheck\n" }), "fail");
    assert.equal(await outcome({ ...ci, ".golangci.yml": "linters:\n  enable:\n    - gosec\n" }), "pass");
  });

  it("reads golangci-lint's configuration for gosec: enabled, not disabled, configured or named in a comment", async () => {
    const { outcome: o, findings } = await runRule(rule, fixtureDir(rule.meta.id, "golangci-gosec-disabled"));
    assert.deepEqual([o, findings.length], ["fail", 1]);
    const ci = { ".github/workflows/lint.yml": workflow("uses: golangci/golangci-lint-action@v8") };
    const verdicts: [string, string, string][] = [
      [".golangci.yml", 'version: "2"\nlinters:\n  default: standard\n  disable:\n    - gosec\n', "fail"],
      [".golangci.yml", "linters:\n  enable-all: true\n  disable:\n    - gosec\n    - lll\n", "fail"],
      [".golangci.yml", "# gosec would be nice one day\nlinters:\n  enable:\n    - errcheck\n", "fail"],
      [".golangci.yml", "linters-settings:\n  gosec:\n    excludes: [G104]\nlinters:\n  enable: [errcheck]\n", "fail"],
      [".golangci.yml", 'version: "2"\nlinters:\n  settings:\n    gosec:\n      excludes: [G104]\n', "fail"],
      [".golangci.yml", "issues:\n  exclude-rules:\n    - linters: [gosec]\n      path: _test\\.go\n", "fail"],
      [".golangci.yml", 'version: "2"\nlinters:\n  default: fast\n', "fail"],
      [".golangci.yml", "linters:\n  enable-all: true\n  fast: true\n", "fail"],
      [".golangci.yml", 'version: "2"\nlinters:\n  default: all\n  disable:\n    - lll\n', "pass"],
      [".golangci.yml", "linters:\n  enable-all: true\n  disable: [lll, wsl]\n", "pass"],
      [".golangci.yml", "linters:\n  disable-all: true\n  enable: [errcheck, GOSEC]\n", "pass"],
      [".golangci.yml", "linters:\n  presets: [bugs, style]\n", "pass"],
      [".golangci.yaml", 'version: "2"\nlinters:\n  default: none\n  enable:\n    - gosec\n', "pass"],
      [".golangci.toml", 'version = "2"\n[linters]\ndefault = "standard"\nenable = ["gosec"]\n', "pass"],
      [".golangci.toml", '[linters]\nenable = ["errcheck"]\ndisable = ["gosec"]\n', "fail"],
      [".golangci.json", '{"linters": {"enable": ["gosec", "errcheck"]}}', "pass"],
      [".golangci.json", '{"linters": {"enable-all": true, "disable": ["gosec"]}}', "fail"],
    ];
    for (const [path, config, want] of verdicts) assert.equal(await outcome({ ...ci, [path]: config }), want, `${path}: ${config}`);
  });

  it("is incomplete, naming the call, when CI calls another repository's reusable workflows the checkout cannot show", async () => {
    const { outcome: o, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "remote-reusable"));
    assert.deepEqual([o, findings], ["incomplete", []]);
    const reason = assessment.rules[0]?.reason ?? "";
    assert.match(reason, /^\.github\/workflows\/ci\.yml:10:11: job go calls widgetco\/\.github\/\.github\/workflows\/go-build\.yml@v2, a reusable workflow in another repository that cannot be read offline, so whether it runs static analysis cannot be judged; /);
    assert.match(reason, /\.github\/workflows\/ci\.yml:15:11: job scan calls widgetco\/\.github\/\.github\/workflows\/org-checks\.yml@v2, .* \(the job is given security-events: write, which uploading code-scanning results needs\)$/);
    assert.doesNotMatch(reason, /slsa-github-generator/, "a provenance generator analyses nothing");
    assert.equal(assessment.checks.find((c) => c.id === "SAST")?.status, "incomplete");
    // A call made only by a release workflow, or a local workflow that analyses, leaves the verdict as it was.
    const onTags = "on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    uses: widgetco/.github/.github/workflows/go-build.yml@v2\n";
    assert.equal(await outcome({ ".github/workflows/release.yml": onTags }), "fail");
    assert.equal(await outcome({ ".github/workflows/ci.yml": "on: pull_request\njobs:\n  go:\n    uses: widgetco/.github/.github/workflows/go-build.yml@v2\n", ".github/workflows/codeql.yml": workflow("uses: github/codeql-action/analyze@v3") }), "pass");
    // Through a local reusable workflow, the call is the caller's.
    const local = { ".github/workflows/ci.yml": "on: pull_request\njobs:\n  all:\n    uses: ./.github/workflows/checks.yml\n", ".github/workflows/checks.yml": "on: workflow_call\njobs:\n  go:\n    uses: widgetco/.github/.github/workflows/go-build.yml@v2\n" };
    assert.equal(await outcome(local), "incomplete");
  });

  it("counts analysers in job containers and reusable workflows named for them", async () => {
    assert.equal(await outcome({ ".github/workflows/s.yml": "on: push\njobs:\n  s:\n    container: semgrep/semgrep\n    steps:\n      - run: semgrep ci\n" }), "pass");
    assert.equal(await outcome({ ".github/workflows/s.yml": "on: push\njobs:\n  s:\n    container:\n      image: returntocorp/semgrep:1.90\n    steps:\n      - run: echo\n" }), "pass");
    assert.equal(await outcome({ ".github/workflows/s.yml": "on: push\njobs:\n  scan:\n    uses: acme/.github/.github/workflows/codeql.yml@main\n" }), "pass");
    // Named for something else, it may still analyse: that cannot be read offline (see the test of incomplete verdicts below).
    assert.equal(await outcome({ ".github/workflows/s.yml": "on: push\njobs:\n  build:\n    uses: acme/.github/.github/workflows/build.yml@main\n" }), "incomplete");
  });

  it("counts the README badge of CodeQL's default setup or of SonarCloud, analysers that leave no file, and not other badges", async () => {
    const readme = (badge: string) => ({ "src/app.py": "print(1)\n", "README.md": `# widget\n\n${badge}\n` });
    const { outcome: o, assessment } = await runRule(rule, tmpDir(readme("[![CodeQL](https://github.com/widgetco/widget/actions/workflows/github-code-scanning/codeql/badge.svg)](https://github.com/widgetco/widget/actions/workflows/github-code-scanning/codeql)")));
    assert.equal(o, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "CodeQL (default setup) analyses the project: README.md shows its badge");
    assert.equal(await outcome(readme("[![Quality Gate](https://sonarcloud.io/api/project_badges/measure?project=widgetco_widget&metric=alert_status)](https://sonarcloud.io/summary/new_code?id=widgetco_widget)")), "pass");
    assert.equal(await outcome(readme("[![CI](https://github.com/widgetco/widget/actions/workflows/ci.yml/badge.svg)](https://github.com/widgetco/widget/actions)")), "fail");
  });

  it("accepts GitLab's SAST templates, SonarCloud project files and other CI systems", async () => {
    assert.equal(await outcome({ ".gitlab-ci.yml": "include:\n  - template: Jobs/SAST.gitlab-ci.yml\n" }), "pass");
    assert.equal(await outcome({ ".gitlab-ci.yml": "include:\n  - template: Security/SAST.gitlab-ci.yml\n" }), "pass");
    assert.equal(await outcome({ ".gitlab-ci.yml": "stages: [test]\nsemgrep:\n  script:\n    - semgrep ci\n" }), "pass");
    assert.equal(await outcome({ ".gitlab-ci.yml": "stages: [test]\ntest:\n  script:\n    - make test\n" }), "fail");
    assert.equal(await outcome({ "sonar-project.properties": "sonar.projectKey=acme_x\n" }), "pass");
    assert.equal(await outcome({ "pom.xml": "<project><properties><sonar.host.url>https://sonarcloud.io</sonar.host.url></properties></project>\n" }), "pass");
    // A multi-module build naming the server in its parent module, as Scorecard reads every pom.xml; not a vendored project's.
    assert.equal(await outcome({ "src/A.java": "class A {}\n", "pom.xml": "<project><modules><module>parent</module></modules></project>\n", "parent/pom.xml": "<project><properties>\n  <sonar.host.url>https://sonar.widgets.dev</sonar.host.url>\n</properties></project>\n" }), "pass");
    assert.equal(await outcome({ "src/A.java": "class A {}\n", "vendor/lib/pom.xml": "<project><properties><sonar.host.url>https://sonar.example.org</sonar.host.url></properties></project>\n" }), "fail");
    assert.equal(await outcome({ ".circleci/config.yml": "jobs:\n  sast:\n    steps:\n      - run: bandit -r .\n" }), "pass");
    // Scorecard takes a pom.xml's server only with a value between the tags: an empty one names none.
    assert.equal(await outcome({ "pom.xml": "<project><properties>\n  <sonar.host.url>\n    ${env.SONAR_URL}\n  </sonar.host.url>\n</properties></project>\n" }), "pass");
    assert.equal(await outcome({ "pom.xml": "<project><properties><sonar.host.url></sonar.host.url></properties></project>\n" }), "fail");
    assert.equal(await outcome({ "pom.xml": "<project><properties><sonar.host.url>  </sonar.host.url></properties></project>\n" }), "fail");
  });

  it("reads the GitLab CI files .gitlab-ci.yml includes from .gitlab/ci/, and CI files kept in subfolders", async () => {
    const root = "include:\n  - local: .gitlab/ci/*.gitlab-ci.yml\n";
    assert.equal(await outcome({ ".gitlab-ci.yml": root, ".gitlab/ci/reports.gitlab-ci.yml": "include:\n  - template: Jobs/SAST.gitlab-ci.yml\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\n" }), "pass");
    assert.equal(await outcome({ ".gitlab-ci.yml": root, ".gitlab/ci/lint.gitlab-ci.yml": "semgrep:\n  script:\n    - semgrep ci --config auto\n" }), "pass");
    assert.equal(await outcome({ ".gitlab-ci.yml": root, ".gitlab/ci/rails.gitlab-ci.yml": "rspec:\n  script:\n    - bundle exec rspec\n", ".gitlab/ci/reports.gitlab-ci.yml": "include:\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\n" }), "fail");
    assert.equal(await outcome({ "ci/Jenkinsfile": "pipeline {\n  stages {\n    stage('scan') {\n      steps {\n        sh \"\"\"\n          cppcheck --enable=all src\n        \"\"\"\n      }\n    }\n  }\n}\n" }), "pass");
  });

  it("fails documentation and configuration alone only at info (Scorecard scores SAST 0 all the same), and shell scripts and Helm charts as code", async () => {
    const lint = { ".github/workflows/lint.yml": workflow("uses: github/super-linter@v4") };
    const docs = await runRule(rule, tmpDir({ "README.md": "# Guides\n", "docs/guide.md": "text\n", "docs/examples/app.py": "print(1)\n", ...lint }));
    assert.equal(docs.outcome, "fail");
    assert.deepEqual(docs.findings.map((f) => f.severity), ["info"]);
    assert.match(docs.findings[0]?.message ?? "", /there is no source code to analyse \(only documentation and configuration\); Scorecard scores SAST 0 all the same/);
    assert.equal(docs.assessment.checks.find((c) => c.id === "SAST")?.score, 0);
    assert.equal((await runRule(rule, tmpDir({ "README.md": "# x\n", "install.sh": "#!/bin/sh\necho hi\n", ...lint }))).outcome, "fail");
    assert.equal((await runRule(rule, tmpDir({ "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n", "charts/app/templates/deploy.yaml": "kind: Deployment\n", ...lint }))).outcome, "fail");
    // Terraform, notebooks and languages assay does not name are code that may be analysed.
    for (const file of ["main.tf", "analysis.ipynb", "flake.nix"]) {
      assert.equal((await runRule(rule, tmpDir({ "README.md": "# x\n", [file]: "x\n", ...lint }))).outcome, "fail", file);
    }
    assert.deepEqual((await runRule(rule, tmpDir({ "README.md": "# x\n", LICENSE: "MIT\n", "CHARTER.md": "x\n", "diagram.png": "x", "data.csv": "a,b\n", "site/index.html": "<p>\n", ...lint }))).findings.map((f) => f.severity), ["info"]);
    // A SAST tool that runs still passes, code or not.
    assert.equal((await runRule(rule, tmpDir({ "README.md": "# x\n", ".github/workflows/codeql.yml": workflow("uses: github/codeql-action/analyze@v3") }))).outcome, "pass");
  });

  it("still runs, and counts the rest, when a workflow is malformed", async () => {
    const broken = "on: push\njobs:\n  a:\n    steps: [\n";
    const { outcome: withOther } = await runRule(rule, tmpDir({ ".github/workflows/broken.yml": broken, ".github/workflows/codeql.yml": workflow("uses: github/codeql-action/analyze@v3") }));
    assert.equal(withOther, "pass");
    const { findings, assessment } = await runRule(rule, tmpDir({ "main.c": "int main(void) { return 0; }\n", ".github/workflows/broken.yml": broken, ".github/workflows/ci.yml": workflow("run: make test") }));
    assert.equal(findings[0]?.message.includes("none of the 2 workflows runs"), true);
    assert.deepEqual(findings[0]?.evidence, { workflows: 2, unparsedWorkflows: 1 });
    assert.equal(assessment.diagnostics.filter((d) => d.code === "parse-error").length, 1);
  });

  it("handles a workflow just under the 1 MiB parse limit", async () => {
    const steps: string[] = [];
    let size = 0;
    for (let i = 0; size < 900 * 1024; i++) {
      const step = `run: echo step ${i} ${"x".repeat(200)}`;
      steps.push(step);
      size += step.length;
    }
    const big = workflow(...steps);
    assert.ok(big.length >= 900 * 1024);
    assert.equal(await outcome({ ".github/workflows/big.yml": big }), "fail");
    assert.equal(await outcome({ ".github/workflows/big.yml": workflow(...steps, "uses: github/codeql-action/analyze@v3") }), "pass");
  });

  // Linear time on such scripts is measured in bench/hostile.bench.ts, never timed here.
  it("judges adversarial run scripts", async () => {
    const hostile = `run: "${"psalm ".repeat(20_000)}${" ".repeat(50_000)}gradle${" x".repeat(20_000)}"`;
    assert.equal(await outcome({ ".github/workflows/h.yml": workflow(hostile) }), "fail");
  });

  it("counts SAST run from a Makefile target or a script that CI calls", async () => {
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "makefile-gosec"))).outcome, "pass");
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "golangci-script"))).outcome, "pass");
    const ci = { ".github/workflows/ci.yml": workflow("run: make check") };
    assert.equal(await outcome({ ...ci, Makefile: "check: lint\n\nlint:\n\tbandit -r src\n" }), "pass", "through a dependency");
    assert.equal(await outcome({ ...ci, Makefile: "check:\n\tpytest\n\nsecurity:\n\tsemgrep scan --config auto\n" }), "fail", "a target CI does not run");
    assert.equal(await outcome({ ".github/workflows/ci.yml": workflow("run: scripts/lint.sh"), "scripts/lint.sh": "#!/bin/sh\nsemgrep ci\n" }), "pass");
    assert.equal(await outcome({ "scripts/lint.sh": "#!/bin/sh\nsemgrep ci\n" }), "fail", "a script nothing in CI runs");
    assert.equal(await outcome({ ".github/workflows/ci.yml": workflow("run: golangci-lint run --enable gosec ./...") }), "pass");
    assert.equal(await outcome({ ".github/workflows/ci.yml": workflow("run: golangci-lint run ./...") }), "fail", "gosec is not a default linter");
  });

  it("counts a pre-commit run in CI whose configuration has a SAST hook", async () => {
    const ci = { ".github/workflows/ci.yml": workflow("uses: pre-commit/action@v3.0.1") };
    const config = "repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.7.9\n    hooks:\n      - id: bandit\n";
    assert.equal(await outcome({ ...ci, ".pre-commit-config.yaml": config }), "pass");
    assert.equal(await outcome({ ...ci, ".pre-commit-config.yaml": config.replaceAll("bandit", "black") }), "fail");
  });
});
