import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/packaging.js";
import { rule as signedReleases } from "../../../src/rules/repo/signed-releases.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

/** A workflow with one job of the given steps (each a YAML step body). */
function workflow(on: string, ...steps: string[]): string {
  return `name: Release\non: ${on}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

const RELEASE = "\n  release:\n    types: [published]";
const SETUP_NODE = "uses: actions/setup-node@v4\nwith:\n  registry-url: https://registry.npmjs.org";

async function verdict(files: Record<string, string>): Promise<{ outcome: string; reason: string; evidence: string; messages: string[] }> {
  const { outcome, findings, assessment } = await runRule(rule, tmpDir({ "README.md": "# widget\n", ...files }));
  const result = assessment.rules[0];
  return { outcome, reason: result?.reason ?? "", evidence: (result?.evidence ?? []).map((e) => e.message).join("\n"), messages: findings.map((f) => f.message) };
}

describe("repo/packaging", () => {
  it("fails a release script that publishes by hand, naming the line, with a workflow to publish from instead", async () => {
    const { outcome, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "scripts/release.sh publishes by hand (npm publish): no workflow or other CI configuration runs it, so packages are published from a maintainer's machine rather than by CI");
    assert.deepEqual(findings[0]?.locations, [{ path: "scripts/release.sh", startLine: 7, startColumn: 1 }]);
    assert.match(findings[0]?.fix ?? "", /registry-url: https:\/\/registry\.npmjs\.org\n[\s\S]*npm publish --provenance/);
    assert.equal(assessment.checks.find((c) => c.id === "Packaging")?.score, 0);
  });

  it("passes the good fixture, citing the step that publishes (Scorecard: 10)", async () => {
    const { outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
    const ev = assessment.rules[0]?.evidence?.[0];
    assert.match(ev?.message ?? "", /^\.github\/workflows\/release\.yml publishes an npm package .* in job publish, as Scorecard recognises \(Scorecard also asks GitHub that the workflow has run successfully/);
    assert.deepEqual(ev?.locations, [{ path: ".github/workflows/release.yml", startLine: 19, startColumn: 9 }]);
    assert.equal(assessment.checks.find((c) => c.id === "Packaging")?.score, 10);
  });

  for (const [name, steps] of [
    ["npm with setup-node's registry-url", [SETUP_NODE, "run: npm publish"]],
    ["pnpm (Scorecard's npm.*publish matches it)", [SETUP_NODE, "run: pnpm publish --no-git-checks"]],
    ["Maven", ["uses: actions/setup-java@v4", "run: mvn -B deploy -P release"]],
    ["Gradle through the wrapper", ["uses: actions/setup-java@v4", "run: ./gradlew publishToSonatype closeAndReleaseSonatypeStagingRepository"]],
    ["gem push", ["run: gem build widget.gemspec && gem push widget-*.gem"]],
    ["dotnet nuget push", ["run: dotnet nuget push bin/Release/*.nupkg --api-key ${{ secrets.NUGET_KEY }}"]],
    ["docker push", ["run: docker push ghcr.io/example/widget:${{ github.ref_name }}"]],
    ["docker buildx build --push", ["run: docker buildx build --platform linux/amd64,linux/arm64 --push -t ghcr.io/example/widget ."]],
    ["docker/build-push-action", ["uses: docker/build-push-action@v6\nwith:\n  push: true\n  tags: ghcr.io/example/widget:latest"]],
    ["pypa/gh-action-pypi-publish alone", ["run: python -m build", "uses: pypa/gh-action-pypi-publish@release/v1"]],
    ["python-semantic-release by its old name", ["uses: relekang/python-semantic-release@v7"]],
    ["GoReleaser after setup-go", ["uses: actions/setup-go@v5", "uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --clean"]],
    ["cargo publish split by a line continuation", ["run: |\n  cargo \\\n    publish --locked"]],
  ] as const) {
    it(`passes with ${name}`, async () => {
      assert.equal((await verdict({ ".github/workflows/release.yml": workflow(RELEASE, ...steps) })).outcome, "pass");
    });
  }

  it("passes a publish step in a workflow run only on pull requests, as Scorecard does, and says so", async () => {
    const v = await verdict({ ".github/workflows/pr.yml": workflow("[pull_request]", "uses: docker/build-push-action@v6\nwith:\n  push: false") });
    assert.equal(v.outcome, "pass");
    assert.match(v.evidence, /runs only on pull_request, so it is no release path, but Scorecard counts it all the same/);
  });

  it("matches within one job: setup-node in one job and npm publish in another do not count", async () => {
    const wf = `on: [release]\njobs:\n  setup:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://registry.npmjs.org\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n`;
    const v = await verdict({ ".github/workflows/release.yml": wf });
    assert.equal(v.outcome, "not-applicable");
    assert.match(v.reason, /the job does not use actions\/setup-node with registry-url https:\/\/registry\.npmjs\.org/);
  });

  for (const [name, steps, why] of [
    ["npm publish without a registry-url", ["uses: actions/setup-node@v4", "run: npm publish"], /actions\/setup-node sets no registry-url, and Scorecard asks for exactly https:\/\/registry\.npmjs\.org/],
    ["a registry-url with a trailing slash", ["uses: actions/setup-node@v4\nwith:\n  registry-url: https://registry.npmjs.org/", "run: npm publish"], /registry-url is https:\/\/registry\.npmjs\.org\/, and Scorecard asks for exactly/],
    ["yarn publish", [SETUP_NODE, "run: yarn publish --non-interactive"], /Scorecard looks for `npm` then `publish`/],
    ["twine upload", ["run: python -m build && twine upload dist/*"], /a Python package \(twine upload\) .*Scorecard counts only pypa\/gh-action-pypi-publish/],
    ["GoReleaser without setup-go", ["uses: goreleaser/goreleaser-action@v6"], /does not use actions\/setup-go/],
    ["the action named in capitals", ["uses: Docker/build-push-action@v6"], /Scorecard matches the action's name only as `docker\/build-push-action@…`/],
  ] as const) {
    it(`leaves the check unscored, saying why, with ${name}`, async () => {
      const v = await verdict({ ".github/workflows/release.yml": workflow(RELEASE, ...steps) });
      assert.equal(v.outcome, "not-applicable");
      assert.match(v.reason, /^CI publishes .*\.github\/workflows\/release\.yml:\d+/);
      assert.match(v.reason, why);
      assert.match(v.reason, /so it leaves Packaging unscored \(packaging workflow not detected\) and so does assay$/);
    });
  }

  it("reads a publish inside a composite action or a script CI runs, which Scorecard does not", async () => {
    const action = "runs:\n  using: composite\n  steps:\n    - run: docker push ghcr.io/example/widget\n      shell: bash\n";
    const a = await verdict({ ".github/actions/push/action.yml": action, ".github/workflows/release.yml": workflow(RELEASE, "uses: ./.github/actions/push") });
    assert.equal(a.outcome, "not-applicable");
    assert.match(a.reason, /a container image \(docker push\) at \.github\/actions\/push\/action\.yml:4 \(inside a composite action, whose steps Scorecard does not read\)/);
    const s = await verdict({ "Makefile": "release:\n\tcargo publish\n", ".github/workflows/release.yml": workflow(RELEASE, "run: make release") });
    assert.equal(s.outcome, "not-applicable");
    assert.match(s.reason, /a Rust crate \(cargo publish in Makefile target release\) .*in a script the workflow runs, which Scorecard does not read/);
  });

  it("is not applicable when no workflow publishes and nothing publishes by hand (Scorecard: -1)", async () => {
    const build = workflow("[push, pull_request]", "run: npm ci && npm run build", "run: docker build -t widget .", "uses: docker/setup-buildx-action@v3");
    const v = await verdict({ ".github/workflows/ci.yml": build, "package.json": '{"name":"widget","version":"1.0.0"}' });
    assert.equal(v.outcome, "not-applicable");
    assert.match(v.reason, /^no workflow publishes a package the way Scorecard recognises, and no script publishes one to a package registry by hand \(Scorecard: packaging workflow not detected, not scored\)$/);
    assert.equal((await verdict({})).outcome, "not-applicable");
  });

  it("does not judge container images pushed by hand from a Makefile (often development images)", async () => {
    const v = await verdict({ Makefile: "docker-push:\n\tdocker push ghcr.io/example/widget:dev\n" });
    assert.equal(v.outcome, "not-applicable");
    assert.match(v.reason, /Makefile:2 pushes container images by hand \(docker push\), often development images, which are not judged/);
  });

  it("tells a publish by hand once: this rule reports a package pushed to a registry, repo/signed-releases GoReleaser's release archives", async () => {
    const dir = tmpDir({ Makefile: "publish:\n\tnpm publish --access public\n\nrelease:\n\tgoreleaser release --clean\n", "package.json": JSON.stringify({ name: "widget", version: "1.0.0" }) });
    const both = [...(await runRule(rule, dir)).findings, ...(await runRule(signedReleases, dir)).findings];
    assert.deepEqual(both.map((f) => [f.ruleId, f.locations[0]?.startLine]), [["repo/packaging", 2], ["repo/signed-releases", 5]]);
  });

  it("leaves GoReleaser run by hand to repo/signed-releases, which judges the archives it attaches to a release, and says so", async () => {
    const v = await verdict({ Makefile: "release:\n\tgoreleaser release --clean\n" });
    assert.deepEqual([v.outcome, v.messages], ["not-applicable", []]);
    assert.match(v.reason, /Makefile:2 runs GoReleaser by hand \(goreleaser release\), whose release archives repo\/signed-releases judges/);
  });

  it("fails a Makefile target that uploads to PyPI, unless CI (a workflow or another CI system) runs it", async () => {
    const makefile = "build:\n\tpython -m build\n\nrelease: build\n\ttwine upload dist/*\n";
    const byHand = await verdict({ Makefile: makefile });
    assert.equal(byHand.outcome, "fail");
    assert.deepEqual(byHand.messages, ["Makefile target release publishes by hand (twine upload): no workflow or other CI configuration runs it, so packages are published from a maintainer's machine rather than by CI"]);
    const gitlab = await verdict({ Makefile: makefile, ".gitlab-ci.yml": "release:\n  stage: deploy\n  script:\n    - make release\n" });
    assert.equal(gitlab.outcome, "not-applicable");
    // A script run by a script CI runs is CI's too.
    const nested = await verdict({ "scripts/upload.sh": "#!/bin/sh\ntwine upload dist/*\n", Makefile: "release:\n\t./scripts/upload.sh\n", ".github/workflows/release.yml": workflow(RELEASE, "run: make release") });
    assert.equal(nested.outcome, "not-applicable");
    assert.match(nested.reason, /twine upload in scripts\/upload\.sh/);
  });

  it("does not take a test suite's publish to a registry on localhost for a release", async () => {
    assert.equal((await verdict({ "scripts/e2e.sh": "#!/bin/sh\nnpm publish --registry http://localhost:4873\n" })).outcome, "not-applicable");
    assert.equal((await verdict({ "test/e2e/publish.sh": "#!/bin/sh\nnpm publish --registry \"$REGISTRY\"\n" })).outcome, "not-applicable");
  });

  it("is incomplete, not failed, when a workflow that may run the release script cannot be parsed", async () => {
    const v = await verdict({ "scripts/release.sh": "#!/bin/sh\nnpm publish\n", ".github/workflows/release.yml": "on: [release]\njobs: [oops\n" });
    assert.equal(v.outcome, "incomplete");
    assert.match(v.reason, /a release script publishes by hand, and a workflow that may run it could not be parsed/);
  });
});
