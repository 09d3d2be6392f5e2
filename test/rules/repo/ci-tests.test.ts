import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/ci-tests.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

function workflow(steps: string[], on = "[push, pull_request]", job = "build"): string {
  return `name: CI\non: ${on}\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

async function outcome(files: Record<string, string>): Promise<string> {
  return (await runRule(rule, tmpDir({ "main.py": "print('hi')\n", ...files }))).outcome;
}

async function evidence(files: Record<string, string>): Promise<string> {
  const { assessment } = await runRule(rule, tmpDir({ "main.py": "print('hi')\n", ...files }));
  return assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0]?.message ?? "";
}

const ci = (...steps: string[]): Record<string, string> => ({ ".github/workflows/ci.yml": workflow(steps) });

describe("repo/ci-tests", () => {
  it("fails a package whose only workflow lints, and says what it looked at", async () => {
    const { findings, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(o, "fail");
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "no CI runs the tests on pull requests or pushes: the only workflow runs none");
    assert.deepEqual(findings[0]?.evidence, { workflows: 1, unparsedWorkflows: 0, otherCiFiles: [], testsOnlyOn: [] });
    assert.deepEqual(findings[0]?.locations, []);
    assert.equal(findings[0]?.severity, "low");
    // The fix is a minimal workflow for the main language.
    assert.match(findings[0]?.fix ?? "", /on: \[push, pull_request\]/);
    assert.match(findings[0]?.fix ?? "", /actions\/setup-python@…/);
    assert.match(findings[0]?.fix ?? "", /- run: python -m pytest/);
    assert.ok((findings[0]?.fix ?? "").split("\n").length <= 20, "the text report shows 20 lines of a fix");
  });

  it("passes a matrix test job and cites the step", async () => {
    const { assessment, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(o, "pass");
    const ev = assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0];
    assert.equal(ev?.message, "tests run in CI on pull_request, push: python -m pytest");
    assert.deepEqual(ev?.locations, [{ path: ".github/workflows/ci.yml", startLine: 33, startColumn: 9 }]);
  });

  it("follows a Makefile target to the tests its dependency runs", async () => {
    const { assessment, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "makefile-target"));
    assert.equal(o, "pass");
    assert.equal(assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0]?.message, "tests run in CI on push, pull_request: make check (Makefile target race: $(GO) test)");
  });

  it("follows a package.json script to the test runner it calls", async () => {
    const { assessment, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "package-script"));
    assert.equal(o, "pass");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0]?.message ?? "", /npm run ci \(package\.json script ci: npm run spec\)/);
  });

  it("reads GitLab CI when there are no workflows", async () => {
    const { assessment, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "gitlab-ci"));
    assert.equal(o, "pass");
    const ev = assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0];
    assert.equal(ev?.message, "tests run in GitLab CI: rspec");
    assert.deepEqual(ev?.locations, [{ path: ".gitlab-ci.yml", startLine: 18, startColumn: 5 }]);
  });

  it("does not count tests that run only on releases and by hand, and says where they run", async () => {
    const { findings, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "release-only"));
    assert.equal(o, "fail");
    assert.equal(findings[0]?.message, "no CI runs the tests on pull requests or pushes: none of the 2 workflows does; tests run only in .github/workflows/publish.yml (on release, workflow_dispatch)");
    assert.deepEqual(findings[0]?.evidence?.["testsOnlyOn"], [".github/workflows/publish.yml: release, workflow_dispatch"]);
    assert.match(findings[0]?.fix ?? "", /- run: npm test/);
  });

  it("scores under CI-Tests, a low-risk check like Scorecard's, and leaves a repository without code unscored", async () => {
    const check = async (kind: string) => (await runRule(rule, fixtureDir(rule.meta.id, kind))).assessment.checks.find((c) => c.id === "CI-Tests");
    const bad = await check("bad");
    assert.deepEqual([bad?.risk, bad?.status, bad?.score], ["low", "scored", 0]);
    const good = await check("good");
    assert.deepEqual([good?.status, good?.score], ["scored", 10]);
    const none = await check("docs-only");
    assert.deepEqual([none?.status, none?.score], ["not-applicable", null]);
  });

  it("does not apply to a repository without code", async () => {
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "docs-only"))).outcome, "not-applicable");
    assert.equal((await runRule(rule, tmpDir({ "README.md": "# x\n", "deploy.sh": "#!/bin/sh\nrsync -a site/ host:\n", Dockerfile: "FROM nginx\n" }))).outcome, "not-applicable", "a deploy script and a Dockerfile are not a code base");
    assert.equal((await runRule(rule, tmpDir({ "README.md": "# x\n", "docs/conf.py": "project = 'x'\n", "examples/demo.js": "console.log(1)\n" }))).outcome, "not-applicable", "docs and examples");
    assert.equal((await runRule(rule, tmpDir({ "bin/tool.sh": "#!/bin/sh\necho\n", "test/tool.bats": "@test 'x' { run true; }\n" }))).outcome, "fail", "a shell project with tests");
  });

  it("reads the POM's default goal when Maven is given no goal (Apache Commons runs plain `mvn`)", async () => {
    const pom = (goal: string) => `<project>\n  <build>\n    <defaultGoal>${goal}</defaultGoal>\n  </build>\n</project>\n`;
    const mvn = ci("run: mvn --errors --show-version --batch-mode --no-transfer-progress -Ddoclint=all");
    assert.equal(await evidence({ ...mvn, "pom.xml": pom("clean verify apache-rat:check japicmp:cmp javadoc:javadoc") }), "tests run in CI on push, pull_request: mvn (defaultGoal in pom.xml: clean verify apache-rat:check japicmp:cmp javadoc:javadoc)");
    assert.equal(await outcome({ ...mvn, "pom.xml": pom("clean apache-rat:check javadoc:javadoc") }), "fail");
    assert.equal(await outcome({ ...mvn, "pom.xml": "<project><build></build></project>\n" }), "fail", "no default goal: Maven stops without running anything");
    assert.equal(await outcome(ci("run: mvn -B")), "fail", "no POM");
    assert.equal(await outcome({ ...ci("run: ./mvnw -B -f core/pom.xml"), "mvnw": "#!/bin/sh\n", "core/pom.xml": pom("install") }), "pass");
  });

  it("judges a repository of Helm charts: chart-testing's install and helm-unittest run the charts' tests, lint does not", async () => {
    const chart = { "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n", "charts/app/templates/deployment.yaml": "kind: Deployment\n", "charts/app/values.yaml": "replicas: 1\n" };
    const { findings, outcome: none } = await runRule(rule, tmpDir(chart));
    assert.equal(none, "fail");
    assert.match(findings[0]?.fix ?? "", /ct lint-and-install/);
    assert.equal(await outcome({ ...chart, ...ci("run: ct lint --config ct.yaml") }), "fail");
    assert.equal(await evidence({ ...chart, ...ci("run: ct lint --config ct.yaml", "run: ct install --config ct.yaml") }), "tests run in CI on push, pull_request: ct install");
    assert.equal(await outcome({ ...chart, ...ci("run: ct lint-and-install --target-branch main") }), "pass");
    assert.equal(await outcome({ ...chart, ...ci("run: helm unittest charts/app") }), "pass");
    // A chart shipped beside Go code: the Go code is what CI should test.
    const { findings: goFindings } = await runRule(rule, tmpDir({ ...chart, "main.go": "package main\n" }));
    assert.match(goFindings[0]?.fix ?? "", /go test/);
  });

  for (const [name, step] of [
    ["npm test", "run: npm test"],
    ["npm run test:unit", "run: npm run test:unit"],
    ["yarn test", "run: yarn test --coverage"],
    ["pnpm recursive tests", "run: pnpm -r --filter './packages/**' test"],
    ["bun test", "run: bun test"],
    ["npx vitest", "run: npx vitest run"],
    ["npx playwright test", "run: npx playwright test --project=chromium"],
    ["node --test", "run: node --test test/"],
    ["pytest", "run: pytest -q --cov"],
    ["python -m pytest through uv", "run: uv run --frozen python -m pytest"],
    ["tox with a test environment", "run: tox -e py312"],
    ["nox", "run: nox --session tests"],
    ["python -m unittest", "run: python -m unittest discover -s tests"],
    ["Django's test runner", "run: python manage.py test --parallel"],
    ["a project's dev script given test", "run: python dev.py test -j 2"],
    ["spin test (NumPy, SciPy)", "run: spin test -j auto"],
    ["Laravel's artisan test", "run: php artisan test --parallel"],
    ["a Clojure test alias", "run: clojure -X:test"],
    ["go test", "run: go test -race ./..."],
    ["gotestsum", "run: go run gotest.tools/gotestsum@latest --format testname"],
    ["cargo test", "run: cargo test --workspace --all-features"],
    ["cargo nextest", "run: cargo nextest run --profile ci"],
    ["mvn verify", "run: mvn -B -ntp verify --file pom.xml"],
    ["mvnw install", "run: ./mvnw -B install"],
    ["gradlew build", "run: ./gradlew build --scan"],
    ["gradlew check", "run: ./gradlew check"],
    ["an Android unit test task", "run: ./gradlew :app:testDebugUnitTest"],
    ["dotnet test", "run: dotnet test --configuration Release"],
    ["ctest", "run: ctest --test-dir build --output-on-failure"],
    ["cmake's test target", "run: cmake --build build --target test"],
    ["meson test", "run: meson test -C builddir"],
    ["make check from autotools (no Makefile in the checkout)", "run: |\n  ./configure\n  make -j4\n  make check"],
    ["bundle exec rake", "run: bundle exec rake"],
    ["bundle exec rspec", "run: bundle exec rspec"],
    ["rails test", "run: bin/rails test:all"],
    ["mix test", "run: mix test --warnings-as-errors"],
    ["flutter test", "run: flutter test --coverage"],
    ["dart test", "run: dart test"],
    ["swift test", "run: swift test --parallel"],
    ["xcodebuild test", "run: xcodebuild -scheme App -destination 'platform=iOS Simulator,name=iPhone 15' test"],
    ["phpunit", "run: vendor/bin/phpunit --testdox"],
    ["composer test", "run: composer test"],
    ["sbt test", "run: sbt +test"],
    ["bazel test", "run: bazel test //..."],
    ["R CMD check", "run: R CMD check --no-manual pkg.tar.gz"],
    ["Julia's Pkg.test", "run: julia --project -e 'using Pkg; Pkg.test()'"],
    ["a test script by path", "run: ./scripts/run-tests.sh"],
    ["tests in a container", "run: docker compose run --rm app pytest"],
    ["tests under a timeout and xvfb", "run: timeout 20m xvfb-run -a npm test"],
    ["tests after cd", "run: cd frontend && npm ci && npm test"],
    ["a bash -c command", "run: bash -c \"go test ./...\""],
    ["a tool named by a shell variable", "run: $CARGO test --workspace\nenv:\n  CARGO: cross"],
    ["a tool named by the workflow's env", "run: ${{ env.CARGO }} test --verbose ${{ env.TARGET_FLAGS }}\nenv:\n  CARGO: cargo"],
    ["nx affected tests", "run: npx nx affected -t lint test build"],
    ["turbo tests", "run: pnpm turbo run test"],
    ["a Dockerfile test stage", "run: docker build --target test ."],
    ["a Compose file of test services", "run: docker compose -f docker-compose.test.yml up --abort-on-container-exit"],
    ["nix flake check", "run: nix flake check --print-build-logs"],
    ["deno task test", "run: deno task test"],
    ["Pester", "run: Invoke-Pester -CI\nshell: pwsh"],
    ["a test-named script of the project", "run: pdm run test"],
    ["Cypress's action", "uses: cypress-io/github-action@v6"],
    ["a coverage upload", "uses: codecov/codecov-action@v5"],
    ["a command given to an action", "uses: nick-fields/retry@v3\nwith:\n  timeout_minutes: 10\n  max_attempts: 3\n  command: npm test"],
    ["actions-rs/cargo with command test", "uses: actions-rs/cargo@v1\nwith:\n  command: test"],
    ["the Gradle action's arguments", "uses: gradle/gradle-build-action@v2\nwith:\n  arguments: check"],
    ["an emulator runner's script", "uses: reactivecircus/android-emulator-runner@v2\nwith:\n  api-level: 34\n  script: ./gradlew connectedCheck"],
  ] as const) {
    it(`passes with ${name}`, async () => {
      assert.equal(await outcome(ci(step)), "pass");
    });
  }

  for (const [name, step] of [
    ["installing test tools", "run: pip install pytest tox"],
    ["uv installing pytest", "run: uv pip install pytest"],
    ["poetry adding pytest", "run: poetry add --group dev pytest"],
    ["npm installing jest", "run: npm install --save-dev jest"],
    ["an echo that mentions tests", 'run: echo "remember to run npm test"'],
    ["tox running only lint and docs", "run: tox -e lint,docs"],
    ["nox running only lint", "run: nox -s lint"],
    ["cargo test that only builds", "run: cargo test --no-run"],
    ["Maven skipping tests", "run: mvn -B -DskipTests package"],
    ["Gradle excluding tests", "run: ./gradlew build -x test"],
    ["Gradle assemble", "run: ./gradlew assemble"],
    ["installing browsers", "run: npx playwright install --with-deps"],
    ["a Docker image tagged test", "run: docker build -t app:test ."],
    ["go vet", "run: go vet ./..."],
    ["a linter", "run: golangci-lint run"],
    ["a test-named lint script", "run: npm run test:lint"],
    ["mounting the tests folder into a linter", "run: docker run --rm -v ./tests:/tests ghcr.io/x/lint tests"],
    ["bundle exec rake release", "run: bundle exec rake release"],
    ["tox through uv, for lint", "run: uv run tox -e lint"],
    ["a lint script in the tests folder", "run: ./tests/lint.sh"],
    ["a Docker build of the release stage", "run: docker build --target release ."],
  ] as const) {
    it(`still fires with only ${name}`, async () => {
      assert.equal(await outcome(ci(step)), "fail");
    });
  }

  it("counts pushes and pull requests, not tags, schedules, releases or manual runs", async () => {
    const test = ["run: go test ./..."];
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "\n  push:\n    branches: [main]") }), "pass");
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "pull_request_target") }), "pass");
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "merge_group") }), "pass");
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "\n  push:\n    tags: ['v*']") }), "fail");
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "\n  schedule:\n    - cron: '0 3 * * *'") }), "fail");
    assert.equal(await outcome({ ".github/workflows/t.yml": workflow(test, "[release, workflow_dispatch]") }), "fail");
    const { findings } = await runRule(rule, tmpDir({ "main.go": "package main\n", ".github/workflows/t.yml": workflow(test, "\n  push:\n    tags: ['v*']") }));
    assert.match(findings[0]?.message ?? "", /tests run only in \.github\/workflows\/t\.yml \(on push \(tags\)\)/);
    assert.match(findings[0]?.fix ?? "", /- run: go test \.\/\.\.\./);
  });

  it("follows local reusable workflows and composite actions, and judges them by their callers' triggers", async () => {
    const reusable = "on:\n  workflow_call:\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo test\n";
    assert.equal(await outcome({ ".github/workflows/ci.yml": "on: pull_request\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n", ".github/workflows/test.yml": reusable }), "pass");
    assert.equal(await outcome({ ".github/workflows/ci.yml": "on: release\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n", ".github/workflows/test.yml": reusable }), "fail");
    const composite = "runs:\n  using: composite\n  steps:\n    - run: pytest\n      shell: bash\n";
    assert.equal(await outcome({ ...ci("uses: ./.github/actions/test"), ".github/actions/test/action.yml": composite }), "pass");
    assert.match(await evidence({ ...ci("uses: ./.github/actions/test"), ".github/actions/test/action.yml": composite }), /^tests run in CI on push, pull_request, through \.github\/workflows\/ci\.yml: pytest$/);
    const withInput = "inputs:\n  cmd:\n    required: true\nruns:\n  using: composite\n  steps:\n    - run: ${{ inputs.cmd }}\n      shell: bash\n";
    assert.equal(await outcome({ ...ci("uses: ./.github/actions/run\nwith:\n  cmd: npm test"), ".github/actions/run/action.yml": withInput }), "pass");
  });

  it("reads a composite action's inputs from its callers and its defaults, through nested actions", async () => {
    // As junit5's: a build action passes its own input on to a Gradle action whose script runs it.
    const gradle = "inputs:\n  arguments:\n    default: assemble\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: |\n        ./gradlew --no-daemon \\\n          ${{ inputs.arguments }}\n";
    const build = "inputs:\n  arguments:\n    default: |\n      :docs:prepare \\\n      build\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/run-gradle\n      with:\n        arguments: ${{ inputs.arguments }}\n";
    const files = { "build.gradle.kts": "plugins { java }\n", "src/main/java/A.java": "class A {}\n", ".github/actions/run-gradle/action.yml": gradle, ".github/actions/main-build/action.yml": build };
    assert.match(await evidence({ ...files, ...ci("uses: ./.github/actions/main-build") }), /through \.github\/workflows\/ci\.yml: \.\/gradlew --no-daemon :docs:prepare/);
    // The innermost default alone (assemble) runs no tests.
    assert.equal(await outcome({ ...files, ...ci("uses: ./.github/actions/run-gradle") }), "fail");
    assert.equal(await outcome({ ...files, ...ci("uses: ./.github/actions/run-gradle\nwith:\n  arguments: check") }), "pass");
  });

  it("gives up expanding inputs that repeat each other at every level", async () => {
    const files: Record<string, string> = { "main.go": "package main\n" };
    const refs = Array.from({ length: 40 }, () => "${{ inputs.a }}").join(" ");
    for (let i = 0; i < 8; i++) {
      const next = i < 7 ? `    - uses: ./.github/actions/a${i + 1}\n      with:\n        a: "${refs}"\n` : "    - shell: bash\n      run: echo ${{ inputs.a }}\n";
      files[`.github/actions/a${i}/action.yml`] = `inputs:\n  a:\n    default: "${refs}"\nruns:\n  using: composite\n  steps:\n${next}`;
    }
    // How its cost grows is bench/hostile.bench.ts's "composite action inputs" case; here, the verdict.
    assert.equal(await outcome({ ...files, ...ci("uses: ./.github/actions/a0") }), "fail");
  });

  it("counts remote reusable workflows named for tests, and test commands passed as their inputs", async () => {
    const job = (uses: string, extra = ""): Record<string, string> => ({ ".github/workflows/ci.yml": `on: [push, pull_request]\njobs:\n  t:\n    uses: ${uses}\n${extra}` });
    assert.equal(await outcome(job("OpenAstronomy/github-actions-workflows/.github/workflows/tox.yml@v1")), "pass");
    assert.equal(await outcome(job("acme/.github/.github/workflows/python-ci.yml@main")), "pass");
    // Named for something else, it may still run the tests: that cannot be read offline (see the test of incomplete verdicts below).
    assert.equal(await outcome(job("acme/.github/.github/workflows/release.yml@main")), "incomplete");
    assert.equal(await outcome(job("acme/.github/.github/workflows/build.yml@main", "    with:\n      test-command: pytest -x\n")), "pass");
  });

  it("is incomplete, naming the call, when CI on changes calls another repository's reusable workflows the checkout cannot show", async () => {
    const { outcome: o, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "remote-reusable"));
    assert.deepEqual([o, findings], ["incomplete", []]);
    const reason = assessment.rules[0]?.reason ?? "";
    assert.equal(
      reason,
      ".github/workflows/ci.yml:10:11: job go calls widgetco/.github/.github/workflows/go-build.yml@v2, a reusable workflow in another repository that cannot be read offline, so whether it runs the tests cannot be judged; .github/workflows/ci.yml:15:11: job scan calls widgetco/.github/.github/workflows/org-checks.yml@v2, a reusable workflow in another repository that cannot be read offline, so whether it runs the tests cannot be judged",
    );
    assert.equal(assessment.checks.find((c) => c.id === "CI-Tests")?.status, "incomplete");
    // Called only on tags it is a release, not a test on changes: the verdict stands.
    const onTags = "on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    uses: widgetco/.github/.github/workflows/go-build.yml@v2\n";
    assert.equal(await outcome({ ".github/workflows/release.yml": onTags }), "fail");
    // Tests a local workflow runs still pass.
    assert.equal(await outcome({ ".github/workflows/org.yml": "on: pull_request\njobs:\n  go:\n    uses: widgetco/.github/.github/workflows/go-build.yml@v2\n", ...ci("run: pytest") }), "pass");
  });

  it("expands matrix values in a script", async () => {
    const matrix = (values: string): Record<string, string> => ({
      ".github/workflows/ci.yml": `on: pull_request\njobs:\n  task:\n    strategy:\n      matrix:\n        task: ${values}\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run \${{ matrix.task }}\n`,
    });
    const pkg = { "package.json": JSON.stringify({ scripts: { lint: "eslint .", unit: "mocha", build: "tsc" } }) };
    assert.equal(await outcome({ ...matrix("[lint, test]") }), "pass");
    assert.equal(await outcome({ ...matrix("[lint, build]"), ...pkg }), "fail");
    assert.equal(await outcome({ ...matrix("[lint, unit]"), ...pkg }), "pass");
    const include = `on: pull_request\njobs:\n  t:\n    strategy:\n      matrix:\n        include:\n          - cmd: ruff check .\n          - cmd: pytest\n    runs-on: ubuntu-latest\n    steps:\n      - run: \${{ matrix.cmd }}\n`;
    assert.equal(await outcome({ ".github/workflows/ci.yml": include }), "pass");
  });

  it("judges Makefile targets, justfile recipes and scripts by what they run", async () => {
    const make = ci("run: make check");
    assert.equal(await outcome({ ...make, Makefile: "check: lint\n\nlint:\n\tgolangci-lint run\n" }), "fail", "a check target that only lints");
    assert.equal(await outcome({ ...make, Makefile: "check: lint unit\n\nlint:\n\truff check .\n\nunit:\n\tpytest\n" }), "pass");
    assert.equal(await outcome({ ...ci("run: make"), Makefile: "all: build\n\t$(GO) test ./...\n\nbuild:\n\tgo build\n" }), "pass", "the default target, $(GO) as go");
    assert.equal(await outcome({ ...ci("run: make -C src ci"), "src/Makefile": "ci:\n\t$(MAKE) test\n\ntest:\n\t./run.sh\n" }), "pass", "a recursive make to a test target");
    assert.equal(await outcome({ ...ci("run: cd native && make check"), "native/Makefile": "check:\n\tclang-tidy *.c\n" }), "fail", "the Makefile of the folder cd moved to");
    assert.equal(await outcome({ ...ci("run: cd native && make check"), "native/Makefile": "check:\n\t./run-suite\n\tctest\n" }), "pass");
    assert.equal(await outcome({ ...ci("run: just ci"), justfile: "ci: lint\n    cargo nextest run\n\nlint:\n    cargo clippy\n" }), "pass");
    assert.equal(await outcome({ ...ci("run: ./scripts/ci.sh"), "scripts/ci.sh": "#!/bin/sh\nset -e\npip install -e .\npytest\n" }), "pass");
    assert.equal(await outcome({ ...ci("run: ./scripts/ci.sh"), "scripts/ci.sh": "#!/bin/sh\nset -e\nruff check .\n" }), "fail");
    assert.equal(await outcome({ ...ci("run: bash .ci/run"), ".ci/run": "#!/usr/bin/env bash\nnpm ci\nnpm test\n" }), "pass", "a script without an extension");
    assert.equal(await outcome({ ...ci("run: npm run ci"), "package.json": JSON.stringify({ scripts: { ci: "npm run lint && tsc", lint: "eslint ." } }) }), "fail");
    assert.equal(await outcome({ ...ci("run: npm run ci"), "web/package.json": JSON.stringify({ scripts: { ci: "jest --ci" } }) }), "fail", "a script another package defines");
    assert.equal(await outcome({ ".github/workflows/ci.yml": workflow(["run: npm run ci\nworking-directory: web"]), "web/package.json": JSON.stringify({ scripts: { ci: "jest --ci" } }) }), "pass");
    assert.equal(await outcome({ ...ci("run: npm run a"), "package.json": JSON.stringify({ scripts: { a: "npm run b", b: "npm run a" } }) }), "fail", "a cycle ends");
  });

  it("falls back on a job named for tests when its command cannot be read", async () => {
    const named = (job: string): Record<string, string> => ({ ".github/workflows/ci.yml": workflow(["run: ./tools/runner --all"], "pull_request", job) });
    assert.equal(await outcome(named("unit-tests")), "pass");
    assert.equal(await outcome(named("build")), "fail");
    assert.equal(await outcome(named("test-docs")), "fail");
    assert.match(await evidence(named("unit-tests")), /the job unit-tests, named for tests/);
    const titled = { ".github/workflows/tests.yml": workflow(["run: ./tools/runner --all"], "pull_request").replace("name: CI", "name: Tests") };
    assert.match(await evidence(titled), /the job build of the workflow Tests, named for tests/);
    assert.equal(await outcome({ ".github/workflows/ci.yml": workflow(["uses: actions/setup-go@v5"], "pull_request", "test") }), "fail", "a job that only sets up runs nothing");
  });

  it("reads other CI systems", async () => {
    for (const [files, want] of [
      [{ ".travis.yml": "language: node_js\nnode_js:\n  - 20\n" }, "pass"],
      [{ ".travis.yml": "language: python\npython: ['3.12']\ninstall: pip install .\n" }, "fail"],
      [{ ".travis.yml": "language: python\nscript:\n  - pytest\n" }, "pass"],
      [{ ".circleci/config.yml": "version: 2.1\norbs:\n  node: circleci/node@5\nworkflows:\n  test:\n    jobs:\n      - node/test\n" }, "pass"],
      [{ ".circleci/config.yml": "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/go:1.22\n    steps:\n      - checkout\n      - run: go test ./...\n" }, "pass"],
      [{ Jenkinsfile: "pipeline {\n  agent any\n  stages {\n    stage('Test') {\n      steps {\n        sh './gradlew check'\n      }\n    }\n  }\n}\n" }, "pass"],
      [{ Jenkinsfile: "pipeline {\n  stages {\n    stage('Build') {\n      steps {\n        sh 'docker build .'\n      }\n    }\n  }\n}\n" }, "fail"],
      [{ "azure-pipelines.yml": "trigger:\n  - main\nsteps:\n  - script: dotnet test --logger trx\n" }, "pass"],
      [{ "azure-pipelines.yml": "steps:\n  - task: DotNetCoreCLI@2\n    inputs:\n      command: test\n" }, "pass"],
      [{ "azure-pipelines.yml": "steps:\n  - task: Maven@4\n    inputs:\n      goals: 'package'\n" }, "pass"],
      [{ ".buildkite/pipeline.yml": "steps:\n  - label: ':rspec:'\n    command: bundle exec rspec\n" }, "pass"],
      [{ "appveyor.yml": "build_script:\n  - cmd: msbuild\ntest_script:\n  - cmd: vstest.console.exe bin\\Tests.dll\n" }, "pass"],
      [{ "bitbucket-pipelines.yml": "pipelines:\n  default:\n    - step:\n        script:\n          - mvn -B verify\n" }, "pass"],
      [{ ".cirrus.yml": "task:\n  container:\n    image: rust:latest\n  test_script: cargo test\n" }, "pass"],
      [{ ".zuul.yaml": "- project:\n    check:\n      jobs:\n        - openstack-tox-py312\n" }, "pass"],
      [{ ".zuul.yaml": "- project:\n    templates:\n      - openstack-python3-jobs\n" }, "pass"],
      [{ ".prow.yaml": "presubmits:\n  - name: pull-widget-unit-test\n    always_run: true\n" }, "pass"],
      [{ ".packit.yaml": "jobs:\n  - job: tests\n    trigger: pull_request\n" }, "pass"],
      [{ ".drone.yml": "kind: pipeline\nsteps:\n  - name: test\n    image: golang\n    commands:\n      - go test ./...\n" }, "pass"],
      [{ ".gitlab-ci.yml": "pages:\n  script:\n    - mkdocs build\n" }, "fail"],
      [{ ".gitlab-ci.yml": "include:\n  - template: Auto-DevOps.gitlab-ci.yml\n" }, "pass"],
      [{ ".gitlab-ci.yml": "include:\n  - project: acme/ci\n    file: /templates/python-tests.yml\n" }, "pass"],
      [{ ".gitlab-ci.yml": "include:\n  - local: .gitlab/ci/unit.yml\n", ".gitlab/ci/unit.yml": "unit:\n  script: [\"pip install .\", \"pytest\"]\n" }, "pass"],
      [{ Jenkinsfile: "buildPlugin(useContainerAgent: true, configurations: [[platform: 'linux', jdk: 21]])\n" }, "pass"],
      [{ Jenkinsfile: "node {\n  stage('Unit tests') {\n    sh './ci/run-suite'\n  }\n}\n" }, "pass"],
      [{ ".buildkite/pipeline.yml": "steps:\n  - command: [\"make\", \"test\"]\n" }, "pass"],
    ] as const) {
      assert.equal(await outcome(files), want, Object.keys(files)[0]);
    }
    const { findings } = await runRule(rule, tmpDir({ "main.py": "x = 1\n", ".gitlab-ci.yml": "pages:\n  script:\n    - mkdocs build\n" }));
    assert.equal(findings[0]?.message, "no CI runs the tests on pull requests or pushes: there are no workflows, and .gitlab-ci.yml runs none either");
  });

  it("fails closed on a malformed workflow, and still counts the others", async () => {
    const broken = "on: push\njobs:\n  a:\n    steps: [\n";
    assert.equal(await outcome({ ".github/workflows/broken.yml": broken, ...ci("run: go test ./...") }), "pass");
    const { findings, assessment } = await runRule(rule, tmpDir({ "main.go": "package main\n", ".github/workflows/broken.yml": broken, ".github/workflows/lint.yml": workflow(["run: go vet ./..."]) }));
    assert.equal(findings[0]?.message, "no CI runs the tests on pull requests or pushes: none of the 2 workflows does (1 could not be parsed)");
    assert.equal(assessment.diagnostics.filter((d) => d.code === "parse-error").length, 1);
  });

  // Linear time on such scripts is measured in bench/hostile.bench.ts, never timed here.
  it("judges adversarial scripts", async () => {
    const hostile = `run: "${"npx ".repeat(20_000)}${"'".repeat(5_000)}${" -e".repeat(20_000)} ${"(".repeat(20_000)}"`;
    assert.equal(await outcome(ci(hostile)), "fail");
    assert.equal(await outcome(ci(`run: ${"sh -c '".repeat(2_000)}pytest`)), "fail", "past the first 60 words a wrapper's arguments are not searched");
    assert.equal(await outcome(ci(`run: bash -c "sh -c 'pytest -q'"`)), "pass", "quoted commands nested twice");
  });
});
