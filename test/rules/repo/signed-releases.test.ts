import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/signed-releases.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

/** A tag-triggered release workflow with the given steps (YAML snippets) and job permissions. */
function release(steps: string[], opts: { on?: string; permissions?: string; env?: string } = {}): string {
  const on = opts.on ?? "on:\n  push:\n    tags: ['v*']\n";
  const perms = opts.permissions ? `    permissions:\n${opts.permissions.split("\n").map((l) => `      ${l}`).join("\n")}\n` : "";
  const env = opts.env ? `    env:\n      ${opts.env}\n` : "";
  return `name: Release\n${on}jobs:\n  release:\n    runs-on: ubuntu-latest\n${perms}${env}    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

async function run(files: Record<string, string>): Promise<{ outcome: string; messages: string[]; reason: string }> {
  const { findings, outcome, assessment } = await runRule(rule, tmpDir(files));
  return { outcome, messages: findings.map((f) => f.message), reason: assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "" };
}

const wf = (text: string): Record<string, string> => ({ ".github/workflows/release.yml": text });

describe("repo/signed-releases", () => {
  it("reports the workflow at its `on:` key with triggers and what publishes", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.message, ".github/workflows/release.yml publishes GitHub release files (softprops/action-gh-release) and an npm package (npm publish) without a signature or provenance attestation");
    assert.deepEqual(f?.locations, [{ path: ".github/workflows/release.yml", startLine: 2, startColumn: 1 }]);
    assert.deepEqual(f?.evidence, { triggers: ["push (tags)"], publishes: ["softprops/action-gh-release", "npm publish"], kinds: ["release-assets", "npm"] });
    assert.match(f?.fix ?? "", /attest-build-provenance[\s\S]*npm publish --provenance/);
  });

  it("is not applicable without a release process", async () => {
    const none = await run({ "main.go": "package main\n" });
    assert.equal(none.outcome, "not-applicable");
    assert.match(none.reason, /no release process found/);
    const testsOnTags = await run(wf(release(["run: go test ./..."])));
    assert.equal(testsOnTags.outcome, "not-applicable");
    assert.match(testsOnTags.reason, /^\.github\/workflows\/release\.yml run on tags or releases but publish nothing/);
  });

  it("ignores pull-request-only workflows, dry runs and releases without files", async () => {
    assert.equal((await run(wf(release(["run: npm publish"], { on: "on: [pull_request]\n" })))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["run: npm publish --dry-run", "run: |\n  # npm publish\n  echo done"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["uses: softprops/action-gh-release@v2\nwith:\n  generate_release_notes: true"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(['run: gh release create "${{ github.ref_name }}" --title "Release ${{ github.ref_name }}" --notes "see CHANGELOG.md" --verify-tag'])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["uses: docker/build-push-action@v6\nwith:\n  push: false"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["run: docker push localhost:5000/app:test"], { on: "on: push\n" })))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["uses: docker/build-push-action@v6\nwith:\n  push: true\n  tags: localhost:5000/app:e2e"], { on: "on: push\n" })))).outcome, "not-applicable");
  });

  it("finds release files attached by gh, and images pushed by docker", async () => {
    assert.deepEqual((await run(wf(release(['run: gh release create "$TAG" dist/*.tar.gz --title "$TAG"'])))).messages, [
      ".github/workflows/release.yml publishes GitHub release files (gh release create) without a signature or provenance attestation",
    ]);
    assert.deepEqual((await run(wf(release(["uses: docker/build-push-action@v6\nwith:\n  push: ${{ github.event_name != 'pull_request' }}\n  tags: ghcr.io/acme/app:latest"], { on: "on:\n  push:\n    branches: [main]\n" })))).messages, [
      ".github/workflows/release.yml publishes container images (docker/build-push-action) without a signature or provenance attestation",
    ]);
    assert.deepEqual((await run(wf(release(["run: |\n  docker buildx build --platform linux/amd64,linux/arm64 \\\n    -t ghcr.io/acme/app:1 --push ."])))).messages, [
      ".github/workflows/release.yml publishes container images (docker buildx build --push) without a signature or provenance attestation",
    ]);
  });

  it("accepts general signing: attestations, cosign, SLSA generator, GPG, minisign", async () => {
    const publish = 'uses: softprops/action-gh-release@v2\nwith:\n  files: "dist/*"';
    for (const sign of [
      "uses: actions/attest-build-provenance@v2\nwith:\n  subject-path: dist/*",
      "uses: actions/attest@v2",
      "run: cosign sign-blob --yes --bundle dist/app.sigstore.json dist/app",
      "run: gpg --batch --armor --detach-sign dist/app.tar.gz",
      "run: minisign -Sm dist/app.tar.gz",
      "uses: sigstore/gh-action-sigstore-python@v3.0.0\nwith:\n  inputs: dist/*",
    ]) {
      assert.equal((await run(wf(release([sign, publish])))).outcome, "pass", sign);
    }
    const slsa = `${release([publish])}  provenance:\n    needs: [release]\n    uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.0.0\n`;
    assert.equal((await run(wf(slsa))).outcome, "pass");
  });

  it("accepts npm provenance by flag, environment, package.json or trusted publishing", async () => {
    const token = "NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}";
    assert.equal((await run(wf(release([`run: npm publish --access public\nenv:\n  ${token}`])))).outcome, "fail");
    assert.equal((await run(wf(release([`run: npm publish --provenance\nenv:\n  ${token}`])))).outcome, "pass");
    assert.equal((await run(wf(release([`run: pnpm -r publish\nenv:\n  ${token}`], { env: "NPM_CONFIG_PROVENANCE: true" })))).outcome, "pass");
    assert.equal((await run({ ...wf(release([`run: npm publish\nenv:\n  ${token}`])), "package.json": JSON.stringify({ name: "x", publishConfig: { provenance: true } }) })).outcome, "pass");
    assert.equal((await run(wf(release(["run: npm publish"], { permissions: "contents: read\nid-token: write" })))).outcome, "pass");
    assert.equal((await run({ ...wf(release([`run: npm publish\nenv:\n  ${token}`])), ".npmrc": "access=public\nprovenance=true\n" })).outcome, "pass");
    // id-token for another purpose, with a registry token: not trusted publishing.
    assert.equal((await run(wf(release([`run: npm publish\nenv:\n  ${token}`], { permissions: "id-token: write" })))).outcome, "fail");
  });

  it("accepts PyPI attestations from pypa/gh-action-pypi-publish v1.11+ with Trusted Publishing", async () => {
    const pypi = (ref: string, extra = ""): Record<string, string> => wf(release([`uses: pypa/gh-action-pypi-publish@${ref}${extra}`], { permissions: "id-token: write" }));
    assert.equal((await run(pypi("release/v1"))).outcome, "pass");
    assert.equal((await run(pypi("v1.12.4"))).outcome, "pass");
    assert.equal((await run(pypi("76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4"))).outcome, "pass");
    assert.equal((await run(pypi("v1.10.3"))).outcome, "fail");
    assert.equal((await run(pypi("v1.10.3", "\nwith:\n  attestations: true"))).outcome, "pass");
    assert.equal((await run(pypi("0ab0b79471669eb3a4d647e625009c62f9f3b241 # v1.9.0"))).outcome, "fail");
    assert.equal((await run(pypi("release/v1", "\nwith:\n  attestations: false"))).outcome, "fail");
    assert.deepEqual((await run(pypi("release/v1", "\nwith:\n  password: ${{ secrets.PYPI_TOKEN }}"))).messages, [
      ".github/workflows/release.yml publishes a PyPI package (pypa/gh-action-pypi-publish) without a signature or provenance attestation",
    ]);
    assert.deepEqual((await run(wf(release(["run: python -m twine upload dist/*"])))).messages, [
      ".github/workflows/release.yml publishes a PyPI package (twine upload) without a signature or provenance attestation",
    ]);
  });

  it("judges GoReleaser by its signs section", async () => {
    const action = wf(release(["uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --clean"]));
    assert.deepEqual((await run({ ...action, ".goreleaser.yaml": "version: 2\nbuilds:\n  - main: ./cmd/x\n" })).messages, [
      ".github/workflows/release.yml publishes GoReleaser artifacts (goreleaser/goreleaser-action) without a signature or provenance attestation",
    ]);
    assert.equal((await run({ ...action, ".goreleaser.yaml": "version: 2\nsigns:\n  - cmd: cosign\n    artifacts: checksum\n" })).outcome, "pass");
    assert.equal((await run(wf(release(["uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --snapshot --clean"])))).outcome, "not-applicable");
    // A GoReleaser config used outside CI is a release process too.
    const { findings } = await runRule(rule, tmpDir({ ".goreleaser.yml": "builds:\n  - main: .\n" }));
    assert.deepEqual(findings.map((f) => [f.message, f.locations]), [[".goreleaser.yml releases without a signs section, so the artifacts GoReleaser publishes are not signed", [{ path: ".goreleaser.yml", startLine: 1, startColumn: 1 }]]]);
  });

  it("follows local reusable workflows and reports the caller once", async () => {
    const caller = "name: Release\non:\n  release:\n    types: [published]\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n  publish:\n    needs: build\n    uses: ./.github/workflows/publish.yml\n";
    const build = "on: workflow_call\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make dist\n";
    const publish = "on:\n  workflow_call:\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: twine upload dist/*\n";
    const files = { ".github/workflows/release.yml": caller, ".github/workflows/build.yml": build, ".github/workflows/publish.yml": publish };
    const { findings } = await runRule(rule, tmpDir(files));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["triggers"]]), [[".github/workflows/release.yml", ["release"]]]);
    const signedBuild = build.replace("- run: make dist", "- run: make dist\n      - uses: actions/attest-build-provenance@v2\n        with:\n          subject-path: dist/*");
    assert.equal((await runRule(rule, tmpDir({ ...files, ".github/workflows/build.yml": signedBuild }))).outcome, "pass");
  });

  it("still judges the other workflows when one is malformed", async () => {
    const { findings, assessment } = await runRule(rule, tmpDir({ ".github/workflows/broken.yml": "on: push\njobs: [\n", ...wf(release(["run: gem push pkg/*.gem"])) }));
    assert.deepEqual(findings.map((f) => f.message), [".github/workflows/release.yml publishes a gem (gem push) without a signature or provenance attestation"]);
    assert.equal(assessment.diagnostics.filter((d) => d.code === "parse-error").length, 1);
  });

  it("handles a release workflow just under the 1 MiB parse limit", async () => {
    const steps: string[] = [];
    let size = 0;
    for (let i = 0; size < 900 * 1024; i++) {
      const step = `run: echo build step ${i} ${"y".repeat(200)}`;
      steps.push(step);
      size += step.length;
    }
    steps.push("run: npm publish");
    const { messages } = await run(wf(release(steps)));
    assert.equal(messages.length, 1);
  });

  it("runs in linear time on adversarial scripts", async () => {
    const hostile = `run: "${"gpg ".repeat(20_000)}${"docker buildx build ".repeat(5_000)}${" -x".repeat(20_000)} gh release create ${"'a".repeat(5_000)}"`;
    const started = performance.now();
    await run(wf(release([hostile])));
    assert.ok(performance.now() - started < 5_000);
  });
});
