import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/signed-releases.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { symlinkSync } from "node:fs";
import { join } from "node:path";

/** A tag-triggered release workflow with the given steps (YAML snippets) and job permissions. */
function release(steps: string[], opts: { on?: string; permissions?: string; env?: string } = {}): string {
  const on = opts.on ?? "on:\n  push:\n    tags: ['v*']\n";
  const perms = opts.permissions ? `    permissions:\n${opts.permissions.split("\n").map((l) => `      ${l}`).join("\n")}\n` : "";
  const env = opts.env ? `    env:\n      ${opts.env}\n` : "";
  return `name: Release\n${on}jobs:\n  release:\n    runs-on: ubuntu-latest\n${perms}${env}    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

/**
 * The rule's outcome, where "signed" is a release signed without provenance (its one low finding,
 * Scorecard's 8) and "pass" one with provenance (10); `messages` are the other findings'.
 */
async function run(files: Record<string, string>): Promise<{ outcome: string; messages: string[]; reason: string }> {
  const { findings, outcome, assessment } = await runRule(rule, tmpDir(files));
  const other = findings.filter((f) => !signatureOnly(f));
  return { outcome: findings.length > 0 && other.length === 0 ? "signed" : outcome, messages: other.map((f) => f.message), reason: assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "" };
}

/** The finding for releases signed without provenance. */
function signatureOnly(f: { evidence: Record<string, unknown> }): boolean {
  return f.evidence["signedOnly"] !== undefined;
}

const wf = (text: string): Record<string, string> => ({ ".github/workflows/release.yml": text });

describe("repo/signed-releases", () => {
  it("counts a signature made inside a local composite action the release calls, and is incomplete when the call cannot be followed", async () => {
    const publish = "uses: softprops/action-gh-release@v2\nwith:\n  files: dist/*";
    const attest = "name: Attest\ndescription: d\nruns:\n  using: composite\n  steps:\n    - uses: actions/attest-build-provenance@v2\n      with:\n        subject-path: dist/*\n";
    const signed = await run({ ".github/workflows/release.yml": release(["uses: ./.github/actions/attest", publish]), ".github/actions/attest/action.yml": attest });
    assert.deepEqual([signed.outcome, signed.messages], ["pass", []]);
    const missing = await run(wf(release(["uses: ./.github/actions/attest", publish])));
    assert.equal(missing.outcome, "incomplete");
    assert.match(missing.reason, /release\.yml publishes GitHub release files with no signature in the steps the checkout shows, and this step uses \.\/\.github\/actions\/attest, which the checkout does not hold/);
    const only = await run(wf(release(["uses: ./.github/actions/publish"])));
    assert.equal(only.outcome, "incomplete", "a release workflow whose publishing may all be in the call");
    const signedAnyway = await run(wf(release(["uses: ./.github/actions/setup", "uses: actions/attest-build-provenance@v2\nwith:\n  subject-path: dist/*", publish])));
    assert.equal(signedAnyway.outcome, "pass", "signed in the steps it shows: the call cannot unsign it");
  });

  it("scores releases signed without provenance 8 and with provenance 10, as Scorecard tells signature files from provenance", async () => {
    const publish = 'uses: softprops/action-gh-release@v2\nwith:\n  files: "dist/*"';
    const check = (a: { checks: { id: string; score: number | null }[] }) => a.checks.find((c) => c.id === "Signed-Releases")?.score;
    const signedOnly = await runRule(rule, tmpDir(wf(release(["run: cosign sign-blob --yes --bundle dist/app.sigstore.json dist/app.tar.gz", publish]))));
    assert.equal(signedOnly.findings.length, 1);
    const [f] = signedOnly.findings;
    assert.equal(f?.message, "releases are signed but carry no provenance attestation: GitHub release files (softprops/action-gh-release); Scorecard scores signed releases 8 of 10, releases with SLSA provenance 10");
    assert.equal(f?.severity, "low");
    assert.deepEqual(f?.evidence, { signedOnly: ["release-assets"], publishes: ["softprops/action-gh-release"] });
    assert.equal(f?.grade, 8);
    assert.deepEqual(f?.locations, [{ path: ".github/workflows/release.yml", startLine: 11, startColumn: 15 }]);
    assert.match(f?.fix ?? "", /attest-build-provenance/);
    assert.equal(check(signedOnly.assessment), 8, "was 10: any signature passed");
    const provenance = await runRule(rule, tmpDir(wf(release(["uses: actions/attest-build-provenance@v2\nwith:\n  subject-path: dist/*", publish]))));
    assert.equal(check(provenance.assessment), 10);
    // One publish signed, another not: the unsigned one scores the rule 0, and the signature alone needs no word.
    const mixed = await run(wf(release(["run: cosign sign --yes ghcr.io/acme/app@${DIGEST}", "run: docker push ghcr.io/acme/app:v1", 'run: gh release create "$TAG" dist/app.tar.gz'])));
    assert.deepEqual(mixed.messages, [".github/workflows/release.yml publishes GitHub release files (gh release create) without a signature or provenance attestation"]);
    assert.equal(mixed.outcome, "fail");
    // Every publish needs provenance for 10: npm's --provenance beside GitHub release files that are only signed is still 8.
    const npmAndFiles = await run(wf(release(["run: npm publish --provenance\nenv:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}", "run: gpg --batch --detach-sign dist/app.tar.gz", 'run: gh release upload "$TAG" dist/app.tar.gz dist/app.tar.gz.sig'])));
    assert.equal(npmAndFiles.outcome, "signed");
    // An image attested with cosign's SLSA provenance predicate has provenance; a signature of it does not.
    const image = "run: docker push ghcr.io/acme/app:${{ github.ref_name }}";
    assert.equal((await run(wf(release([image, "run: cosign attest --yes --type slsaprovenance --predicate provenance.json ghcr.io/acme/app@${DIGEST}"])))).outcome, "pass");
    assert.equal((await run(wf(release([image, "run: cosign attest --yes --type spdxjson --predicate sbom.json ghcr.io/acme/app@${DIGEST}"])))).outcome, "signed");
  });

  it("reports the workflow at the steps that publish, with triggers and what publishes", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.message, ".github/workflows/release.yml publishes GitHub release files (softprops/action-gh-release) and an npm package (npm publish) without a signature or provenance attestation");
    assert.deepEqual(f?.locations, [
      { path: ".github/workflows/release.yml", startLine: 17, startColumn: 15 },
      { path: ".github/workflows/release.yml", startLine: 20, startColumn: 14 },
    ]);
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
    assert.deepEqual((await run(wf(release(["uses: docker/build-push-action@v6\nwith:\n  push: ${{ github.event_name != 'pull_request' }}\n  tags: ghcr.io/acme/app:latest"])))).messages, [
      ".github/workflows/release.yml publishes container images (docker/build-push-action) without a signature or provenance attestation",
    ]);
    assert.deepEqual((await run(wf(release(["run: |\n  docker buildx build --platform linux/amd64,linux/arm64 \\\n    -t ghcr.io/acme/app:1 --push ."])))).messages, [
      ".github/workflows/release.yml publishes container images (docker buildx build --push) without a signature or provenance attestation",
    ]);
  });

  it("knows the actions that upload release files, and their signatures made in the same job", async () => {
    const publish = "uses: skx/github-action-publish-binaries@release-2.0\nenv:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\nwith:\n  args: artifacts/*";
    const onRelease = { on: "on:\n  release:\n    types: [published]\n" };
    assert.deepEqual((await run(wf(release(["run: tar czf artifacts/widget.tar.gz src/", publish], onRelease)))).messages, [
      ".github/workflows/release.yml publishes GitHub release files (skx/github-action-publish-binaries) without a signature or provenance attestation",
    ]);
    // As zstd's: a detached GPG signature beside each archive, uploaded by the same action.
    const sign = 'run: |\n  echo "$RELEASE_SIGNING_KEY" | gpg --batch --import\n  gpg --batch --armor --sign --detach-sig --output artifacts/widget.tar.gz.sig artifacts/widget.tar.gz';
    assert.equal((await run(wf(release(["run: tar czf artifacts/widget.tar.gz src/", sign, publish], onRelease)))).outcome, "signed");
    assert.equal((await run(wf(release(["uses: taiki-e/upload-rust-binary-action@v1\nwith:\n  bin: widget"])))).outcome, "fail");
    assert.equal((await run(wf(release(["uses: marvinpinto/action-automatic-releases@v1.2.1\nwith:\n  repo_token: ${{ secrets.GITHUB_TOKEN }}"])))).outcome, "not-applicable");
  });

  it("accepts general signing: attestations, cosign, SLSA generator, GPG, minisign", async () => {
    const publish = 'uses: softprops/action-gh-release@v2\nwith:\n  files: "dist/*"';
    // Provenance (SLSA build provenance) passes; a signature, or an attestation of another predicate, is signed (Scorecard's 8).
    for (const [sign, expected] of [
      ["uses: actions/attest-build-provenance@v2\nwith:\n  subject-path: dist/*", "pass"],
      ["uses: actions/attest@v2\nwith:\n  subject-path: dist/*\n  predicate-type: https://slsa.dev/provenance/v1\n  predicate-path: provenance.json", "pass"],
      ["uses: actions/attest@v2", "signed"],
      ["uses: actions/attest-sbom@v2\nwith:\n  subject-path: dist/*\n  sbom-path: sbom.spdx.json", "signed"],
      ["run: cosign sign-blob --yes --bundle dist/app.sigstore.json dist/app", "signed"],
      ["run: gpg --batch --armor --detach-sign dist/app.tar.gz", "signed"],
      ["run: minisign -Sm dist/app.tar.gz", "signed"],
      ["uses: sigstore/gh-action-sigstore-python@v3.0.0\nwith:\n  inputs: dist/*", "signed"],
    ]) {
      assert.equal((await run(wf(release([sign as string, publish])))).outcome, expected, sign);
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
    // As Astro's changesets release: the token variable emptied on purpose so npm uses OIDC.
    const changesets = "uses: changesets/action@v1\nwith:\n  publish: pnpm exec changeset publish\nenv:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n  NPM_TOKEN: ''";
    const onMain = { on: "on:\n  push:\n    branches: [main]\n", permissions: "contents: write\nid-token: write" };
    assert.equal((await run(wf(release([changesets], onMain)))).outcome, "pass");
    assert.equal((await run(wf(release([changesets.replace("NPM_TOKEN: ''", "NPM_TOKEN: ${{ secrets.NPM_TOKEN }}")], onMain)))).outcome, "fail");
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
    assert.equal((await run({ ...action, ".goreleaser.yaml": "version: 2\nsigns:\n  - cmd: cosign\n    artifacts: checksum\n" })).outcome, "signed");
    assert.equal((await run(wf(release(["uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --snapshot --clean"])))).outcome, "not-applicable");
    // A GoReleaser config used outside CI is a release process too.
    const { findings } = await runRule(rule, tmpDir({ ".goreleaser.yml": "builds:\n  - main: .\n" }));
    assert.deepEqual(findings.map((f) => [f.message, f.locations]), [[".goreleaser.yml releases without a signs section, so the artifacts GoReleaser publishes are not signed", [{ path: ".goreleaser.yml", startLine: 1, startColumn: 1 }]]]);
  });

  it("counts an attestation of an image alone (subject-name) for the image, not for the packages and files the release also publishes (ruff)", async () => {
    const attest = (subject: string) => `uses: actions/attest-build-provenance@v2\nwith:\n  ${subject}`;
    const steps = (subject: string) => [attest(subject), "run: uv publish -v wheels/*", "run: gh release create v1 artifacts/*"];
    const image = await run(wf(release(steps("subject-name: ghcr.io/astral-sh/ruff\n  subject-digest: sha256:abc\n  push-to-registry: true"))));
    assert.deepEqual(image.messages, [".github/workflows/release.yml publishes a PyPI package (uv publish) and GitHub release files (gh release create) without a signature or provenance attestation"]);
    assert.equal((await run(wf(release(steps("subject-path: wheels/*"))))).outcome, "pass");
  });

  it("follows local reusable workflows and reports the caller once", async () => {
    const caller = "name: Release\non:\n  release:\n    types: [published]\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n  publish:\n    needs: build\n    uses: ./.github/workflows/publish.yml\n";
    const build = "on: workflow_call\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make dist\n";
    const publish = "on:\n  workflow_call:\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: twine upload dist/*\n";
    const files = { ".github/workflows/release.yml": caller, ".github/workflows/build.yml": build, ".github/workflows/publish.yml": publish };
    const { findings } = await runRule(rule, tmpDir(files));
    // One finding, about the workflow that runs; it points at the command, then at the job that calls it.
    assert.deepEqual(findings.map((f) => [f.message, f.locations, f.evidence["triggers"]]), [
      [".github/workflows/release.yml publishes a PyPI package (twine upload) without a signature or provenance attestation", [{ path: ".github/workflows/publish.yml", startLine: 7, startColumn: 14 }, { path: ".github/workflows/release.yml", startLine: 10, startColumn: 11 }], ["release"]],
    ]);
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

  // Linear time on such scripts is measured in bench/hostile.bench.ts, never timed here.
  it("judges adversarial scripts", async () => {
    const hostile = `run: "${"gpg ".repeat(20_000)}${"docker buildx build ".repeat(5_000)}${" -x".repeat(20_000)} gh release create ${"'a".repeat(5_000)}"`;
    assert.notEqual((await run(wf(release([hostile])))).outcome, "error");
  });

  it("points at the publishing command's line inside a multi-line run block", async () => {
    const text = release(["run: |\n  make dist\n  sha256sum dist/* > dist/SHA256SUMS\n  gh release create \"$GITHUB_REF_NAME\" \\\n    dist/*.tar.gz dist/SHA256SUMS"]);
    const { findings } = await runRule(rule, tmpDir(wf(text)));
    const line = text.split("\n").findIndex((l) => l.includes("gh release create")) + 1;
    assert.deepEqual(findings[0]?.locations, [{ path: ".github/workflows/release.yml", startLine: line, startColumn: 11 }]);
  });

  it("recognises signing commands called by path, cosign sign-blob, gpg and minisign", async () => {
    const publish = 'run: gh release create "$TAG" dist/*.tar.gz';
    for (const sign of [
      "run: ./cosign sign-blob --yes --bundle dist/app.bundle dist/app.tar.gz",
      "run: bin/cosign attest-blob --yes --predicate sbom.json --type spdxjson dist/app.tar.gz",
      "run: $HOME/.local/bin/cosign-linux-amd64 sign-blob --yes dist/app.tar.gz",
      "run: gpg --batch --yes --detach-sign --armor dist/app.tar.gz",
      "run: gpg --armor --sign dist/app.tar.gz",
      "run: minisign -S -s minisign.key -m dist/app.tar.gz",
      "run: python -m sigstore sign dist/*",
    ]) {
      assert.equal((await run(wf(release([sign, publish])))).outcome, "signed", sign);
    }
    // cosign's attestation of SLSA provenance is provenance.
    assert.equal((await run(wf(release(["run: bin/cosign attest-blob --yes --predicate provenance.json --type slsaprovenance1 dist/app.tar.gz", publish])))).outcome, "pass");
  });

  it("takes `cosign sign` of an image as signing the image alone, not the release's files", async () => {
    const files = 'run: gh release create "$TAG" dist/*.tar.gz';
    const image = "run: docker push ghcr.io/acme/app:${{ github.ref_name }}";
    for (const sign of ["run: cosign sign --yes ghcr.io/acme/app@${DIGEST}", "run: bin/cosign attest --yes --predicate sbom.json ghcr.io/acme/app@${DIGEST}", "run: notation sign ghcr.io/acme/app@${DIGEST}"]) {
      assert.deepEqual((await run(wf(release([files, image, sign])))).messages, [
        ".github/workflows/release.yml publishes GitHub release files (gh release create) without a signature or provenance attestation",
      ], sign);
      assert.equal((await run(wf(release([image, sign])))).outcome, "signed", `${sign} signs the image`);
    }
    // sign-blob signs files, and so covers the release's files (and, as any file signature does here, the rest).
    assert.equal((await run(wf(release([files, image, "run: cosign sign-blob --yes --bundle dist/app.sigstore.json dist/app.tar.gz"])))).outcome, "signed");
  });

  it("does not take verifying an attestation, or importing a GPG key to sign commits, as signing the release", async () => {
    const upload = 'run: gh release upload "$TAG" dist/widget-linux-amd64';
    const verify = "run: |\n  curl -fsSLO https://example.org/buildtool.tar.gz\n  gh attestation verify buildtool.tar.gz --repo acme/buildtool";
    assert.deepEqual((await run(wf(release([verify, upload])))).messages, [".github/workflows/release.yml publishes GitHub release files (gh release upload) without a signature or provenance attestation"]);
    const importKey = "uses: crazy-max/ghaction-import-gpg@v6\nwith:\n  gpg_private_key: ${{ secrets.GPG_KEY }}\n  git_user_signingkey: true\n  git_commit_gpgsign: true";
    const bump = "run: |\n  npm version patch -m 'release %s'\n  git push --follow-tags";
    const publish = "run: npm publish\nenv:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}";
    assert.deepEqual((await run(wf(release([importKey, bump, publish])))).messages, [".github/workflows/release.yml publishes an npm package (npm publish) without a signature or provenance attestation"]);
    // The imported key used to sign the release's files counts, through that command.
    assert.equal((await run(wf(release([importKey, "run: gpg --batch --armor --detach-sign dist/widget-linux-amd64", 'run: gh release upload "$TAG" dist/widget-linux-amd64 dist/widget-linux-amd64.asc'])))).outcome, "signed");
  });

  it("credits signatures a workflow run on the published release attaches to the files another workflow released", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "sign-on-release-published"));
    // The files build-release.yml attaches are signed by sign-release.yml; cosign sign-blob bundles are
    // signatures, not provenance: Scorecard's 8, said by the one low finding.
    assert.deepEqual(findings.map((f) => [f.severity, f.grade, f.locations[0]?.path]), [["low", 8, ".github/workflows/build-release.yml"]]);
    const build = release(['run: gh release create "$GITHUB_REF_NAME" dist/widget-linux-amd64 dist/widget-darwin-arm64']);
    const sign = (on: string, steps: string[]) => release(steps, { on }).replace("name: Release", "name: Sign");
    const fetchAndSign = ['run: gh release download "$TAG" --dir assets', "run: for f in assets/*; do cosign sign-blob --yes --bundle \"$f.sigstore.json\" \"$f\"; done", 'run: gh release upload "$TAG" assets/*.sigstore.json'];
    // `types: [published, created]` fires as well; a workflow on `edited` only, or one that signs nothing, credits nothing.
    assert.equal((await run({ ".github/workflows/build.yml": build, ".github/workflows/sign.yml": sign("on:\n  release:\n    types: [published, created]\n", fetchAndSign) })).outcome, "signed");
    assert.deepEqual((await run({ ".github/workflows/build.yml": build, ".github/workflows/sign.yml": sign("on:\n  release:\n    types: [edited]\n", fetchAndSign) })).messages, [
      ".github/workflows/build.yml publishes GitHub release files (gh release create) without a signature or provenance attestation",
    ]);
    const nothing = await run({ ".github/workflows/build.yml": build, ".github/workflows/notify.yml": sign("on:\n  release:\n    types: [published]\n", ['run: gh release download "$TAG" --dir assets', "run: ls assets"]) });
    assert.equal(nothing.outcome, "fail");
    // Files a maintainer attaches by hand get the same signatures when the release is published.
    const byHand = await runRule(rule, tmpDir({ "release.fish": "#!/usr/bin/env fish\ngh release create (git describe --tags) dist/*.tar.gz\n", ".github/workflows/sign.yml": sign("on: release\n", fetchAndSign) }));
    assert.deepEqual(byHand.findings.map((f) => [f.evidence.signedOnly, f.locations.some((l) => l.path === "release.fish")]), [[["release-assets"], true]]);
    // Attested with provenance on the release event instead: a pass, with the evidence saying who signs.
    const fetchAndAttest = ['run: gh release download "$TAG" --dir assets', "uses: actions/attest-build-provenance@v2\nwith:\n  subject-path: assets/*"];
    const attested = await runRule(rule, tmpDir({ "release.fish": "#!/usr/bin/env fish\ngh release create (git describe --tags) dist/*.tar.gz\n", ".github/workflows/sign.yml": sign("on: release\n", fetchAndAttest) }));
    assert.deepEqual([attested.outcome, attested.findings], ["pass", []]);
    assert.ok(attested.assessment.rules[0]?.evidence?.some((e) => e.message === "release.fish publishes GitHub release files by hand, and .github/workflows/sign.yml signs the files of each release when it is published"));
    // Signing on the release event does not sign an npm package another workflow publishes.
    const npm = await run({ ".github/workflows/npm.yml": release(["run: npm publish\nenv:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"]), ".github/workflows/sign.yml": sign("on:\n  release:\n    types: [published]\n", fetchAndSign) });
    assert.deepEqual(npm.messages, [".github/workflows/npm.yml publishes an npm package (npm publish) without a signature or provenance attestation"]);
    // Nor does an image signature made on the release event sign the files.
    const images = await run({ ".github/workflows/build.yml": build, ".github/workflows/images.yml": sign("on:\n  release:\n    types: [published]\n", ["run: docker push ghcr.io/acme/widget:${{ github.ref_name }}", "run: cosign sign --yes ghcr.io/acme/widget@${DIGEST}"]) });
    assert.deepEqual(images.messages, [".github/workflows/build.yml publishes GitHub release files (gh release create) without a signature or provenance attestation"]);
  });

  it("reads GoReleaser's nested signing: docker_signs signs images only; hooks that sign with extra_files that attach the signatures count", async () => {
    const action = wf(release(["uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --clean"]));
    const archives = "version: 2\nbuilds:\n  - main: ./cmd/widget\narchives:\n  - formats: [tar.gz]\nchecksum:\n  name_template: checksums.txt\n";
    const dockers = "dockers:\n  - image_templates: ['ghcr.io/acme/widget:{{ .Version }}']\ndocker_signs:\n  - artifacts: images\n    args: ['sign', '${artifact}@${digest}', '--yes']\n";
    assert.deepEqual((await run({ ...action, ".goreleaser.yaml": archives + dockers })).messages, [
      ".github/workflows/release.yml publishes GoReleaser artifacts (goreleaser/goreleaser-action) without a signature or provenance attestation",
    ]);
    assert.equal((await run({ ...action, ".goreleaser.yaml": `${archives}${dockers}signs:\n  - artifacts: checksum\n` })).outcome, "signed");
    // A configuration that makes no GitHub release and uploads no files publishes its images alone.
    assert.equal((await run({ ...action, ".goreleaser.yaml": `version: 2\nbuilds:\n  - main: .\n${dockers}release:\n  disable: true\n` })).outcome, "signed");

    const hooks = await runRule(rule, fixtureDir(rule.meta.id, "goreleaser-hook-signing"));
    assert.deepEqual(hooks.findings.map((f) => f.evidence.signedOnly), [["goreleaser"]], "signed by its hooks, without provenance");
    const hookSigns = "builds:\n  - main: .\n    hooks:\n      post:\n        - cmd: cosign sign-blob --yes --output-signature dist/{{ .Name }}.sig {{ .Path }}\n";
    // Signatures the hooks make but nothing attaches are not published.
    assert.equal((await run({ ...action, ".goreleaser.yaml": hookSigns })).outcome, "fail");
    assert.equal((await run({ ...action, ".goreleaser.yaml": `${hookSigns}release:\n  extra_files:\n    - glob: ./dist/*.sig\n` })).outcome, "signed");
    // A glob for signature files with no hook that signs is no signature either.
    assert.equal((await run({ ...action, ".goreleaser.yaml": "builds:\n  - main: .\nrelease:\n  extra_files:\n    - glob: ./dist/*.sig\n" })).outcome, "fail");
    // A hook that runs a script counts when the script signs.
    const script = "builds:\n  - main: .\n    hooks:\n      post: ./scripts/sign.sh {{ .Path }}\nrelease:\n  extra_files:\n    - glob: ./dist/*.asc\n";
    assert.equal((await run({ ...action, ".goreleaser.yaml": script, "scripts/sign.sh": "#!/bin/sh\ngpg --batch --armor --detach-sign \"$1\"\n" })).outcome, "signed");
  });

  it("is incomplete, not failed, where GoReleaser's signing hangs on a template the checkout cannot resolve", async () => {
    const action = wf(release(["uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --clean"]));
    const templatedHook = "builds:\n  - main: .\n    hooks:\n      post:\n        - cmd: '{{ .Env.SIGNER }} {{ .Path }}'\nrelease:\n  extra_files:\n    - glob: ./dist/*.sig\n";
    const hook = await run({ ...action, ".goreleaser.yaml": templatedHook });
    assert.deepEqual([hook.outcome, hook.messages], ["incomplete", []]);
    assert.match(hook.reason, /\.goreleaser\.yaml:5:16: \.github\/workflows\/release\.yml publishes GoReleaser artifacts with no signature in the steps the checkout shows, and \.goreleaser\.yaml's hook \{\{ \.Env\.SIGNER \}\} \{\{ \.Path \}\} runs a command a template names/);
    const templatedGlob = "builds:\n  - main: .\n    hooks:\n      post: cosign sign-blob --yes --output-signature dist/{{ .Name }}.sig {{ .Path }}\nrelease:\n  extra_files:\n    - glob: '{{ .Env.SIGNATURES }}'\n";
    const glob = await run({ ...action, ".goreleaser.yaml": templatedGlob });
    assert.equal(glob.outcome, "incomplete");
    assert.match(glob.reason, /release\.extra_files glob \{\{ \.Env\.SIGNATURES \}\} is a template the checkout cannot resolve/);
    // Run by hand, the same configuration waits on the template too.
    assert.equal((await run({ ".goreleaser.yaml": templatedHook })).outcome, "incomplete");
  });

  it("takes a JavaScript release tool given an npm token for an npm publish", async () => {
    const babel = wf(release(["run: yarn release-tool publish --yes\nenv:\n  YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"]));
    assert.deepEqual((await run(babel)).messages, [".github/workflows/release.yml publishes an npm package (yarn release-tool publish) without a signature or provenance attestation"]);
    const semantic = wf(release(["run: npx semantic-release\nenv:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"], { on: "on:\n  push:\n    branches: [main]\n" }));
    assert.equal((await run(semantic)).outcome, "fail");
    assert.equal((await run({ ...semantic, "package.json": '{"name":"x","publishConfig":{"provenance":true}}' })).outcome, "pass");
    // Without a token, or with an empty one, the same command proves nothing.
    assert.equal((await run(wf(release(["run: yarn release-tool publish --yes"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["run: yarn release-tool publish --yes\nenv:\n  NPM_TOKEN: ''"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["run: yarn install --immutable\nenv:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"])))).outcome, "not-applicable");
  });

  it("counts signature and provenance files uploaded beside the release files, as Scorecard looks for them among a release's assets", async () => {
    const upload = (files: string) => wf(release([`uses: softprops/action-gh-release@v2\nwith:\n  files: |\n    ${files.split("\n").join("\n    ")}`]));
    assert.equal((await run(upload("dist/app.tar.gz"))).outcome, "fail");
    // Scorecard: a signature file scores 8, an in-toto provenance file 10.
    for (const sig of ["dist/app.tar.gz.asc", "dist/app.tar.gz.sig", "dist/app.tar.gz.minisig", "dist/app.sigstore.json", "charts/app-1.0.0.tgz.prov"]) {
      assert.equal((await run(upload(`dist/app.tar.gz\n${sig}`))).outcome, "signed", sig);
    }
    assert.equal((await run(upload("dist/app.tar.gz\ndist/app.intoto.jsonl"))).outcome, "pass");
    assert.equal((await run(upload("dist/app.tar.gz\ndist/app.tar.gz.sig\ndist/app.intoto.jsonl"))).outcome, "pass", "provenance beside a signature");
    assert.equal((await run(upload("dist/app.tar.gz\ndist/signature-tool.tar.gz"))).outcome, "fail");
    assert.equal((await run(wf(release(['run: gh release upload "$TAG" dist/app.tar.gz dist/app.tar.gz.asc'])))).outcome, "signed");
    assert.equal((await run(wf(release(["uses: svenstaro/upload-release-action@v2\nwith:\n  file: dist/*.sig\n  file_glob: true"])))).outcome, "signed");
  });

  it("treats Helm chart releases as publishing, signed by chart-releaser's CR_SIGN or helm package --sign", async () => {
    const onMain = { on: "on:\n  push:\n    branches: [main]\n" };
    const releaser = "uses: helm/chart-releaser-action@v1.7.0\nenv:\n  CR_TOKEN: ${{ secrets.GITHUB_TOKEN }}";
    assert.deepEqual((await run(wf(release([releaser], onMain)))).messages, [
      ".github/workflows/release.yml publishes GitHub release files (helm/chart-releaser-action) without a signature or provenance attestation",
    ]);
    assert.equal((await run(wf(release([`${releaser}\n  CR_SIGN: true\n  CR_KEY: charts@example.org`], onMain)))).outcome, "signed");
    assert.equal((await run(wf(release(["uses: helm/chart-releaser-action@v1.7.0\nwith:\n  skip_upload: true"], onMain)))).outcome, "not-applicable");
    const push = 'run: helm push "charts/app-1.0.0.tgz" "oci://ghcr.io/acme/charts"';
    assert.deepEqual((await run(wf(release([push])))).messages, [".github/workflows/release.yml publishes container images (helm push) without a signature or provenance attestation"]);
    assert.equal((await run(wf(release(["run: helm package --sign --key 'Acme Charts' --keyring ~/.gnupg/secring.gpg charts/app", push])))).outcome, "signed");
    assert.equal((await run(wf(release(["run: helm push app-1.0.0.tgz oci://localhost:5000/charts"])))).outcome, "not-applicable");
    assert.equal((await run(wf(release(["run: helm package charts/app"])))).outcome, "not-applicable");
  });

  it("judges signing on the release path, not on branch builds that push development images", async () => {
    const image = "uses: docker/build-push-action@v6\nwith:\n  push: true\n  tags: ghcr.io/acme/app:edge";
    const branch = await run({ ".github/workflows/ci.yml": release([image], { on: "on:\n  push:\n    branches: [main]\n  schedule:\n    - cron: '0 3 * * *'\n" }).replace("name: Release", "name: CI") });
    assert.equal(branch.outcome, "not-applicable");
    assert.match(branch.reason, /push only development images from branch builds/);
    const tags = await run({ ".github/workflows/ci.yml": release([image]).replace("name: Release", "name: CI") });
    assert.deepEqual(tags.messages, [".github/workflows/ci.yml publishes container images (docker/build-push-action) without a signature or provenance attestation"]);
    const onRelease = await run({ ".github/workflows/images.yml": release(["run: docker push ghcr.io/acme/app:${{ github.ref_name }}"], { on: "on:\n  release:\n    types: [published]\n" }).replace("name: Release", "name: Images") });
    assert.equal(onRelease.outcome, "fail");
  });

  it("follows scripts, Makefile targets and justfile recipes a release workflow runs", async () => {
    const makefile = "dist:\n\tpython -m build\n\npublish: dist\n\t@twine upload dist/*\n";
    const { findings } = await runRule(rule, tmpDir({ ...wf(release(["run: make publish"])), Makefile: makefile }));
    assert.deepEqual(findings.map((f) => [f.message, f.locations]), [
      [".github/workflows/release.yml publishes a PyPI package (twine upload in Makefile (publish)) without a signature or provenance attestation", [{ path: "Makefile", startLine: 5, startColumn: 2 }, { path: ".github/workflows/release.yml", startLine: 10, startColumn: 14 }]],
    ]);
    const signed = "sign:\n\tcosign sign-blob --yes --bundle dist/x.bundle dist/x.tar.gz\n\npublish: sign\n\ttwine upload dist/*\n";
    assert.equal((await run({ ...wf(release(["run: make publish"])), Makefile: signed })).outcome, "signed");
    const script = await run({ ...wf(release(["run: ./scripts/release.sh"])), "scripts/release.sh": "#!/bin/sh\nset -e\ncargo publish --locked\n" });
    assert.deepEqual(script.messages, [".github/workflows/release.yml publishes a crate (cargo publish in scripts/release.sh) without a signature or provenance attestation"]);
    const inSubdir = await run({ ...wf(release(["run: bash release.sh\nworking-directory: tools"])), "tools/release.sh": "gem build x.gemspec\ngem push x-*.gem\n" });
    assert.deepEqual(inSubdir.messages, [".github/workflows/release.yml publishes a gem (gem push in tools/release.sh) without a signature or provenance attestation"]);
    const just = await run({ ...wf(release(["run: just release"])), justfile: "build:\n    npm run build\n\nrelease: build\n    npm publish\n" });
    assert.deepEqual(just.messages, [".github/workflows/release.yml publishes an npm package (npm publish in justfile (release)) without a signature or provenance attestation"]);
  });

  it("takes a release Makefile that runs GoReleaser as signed when the GoReleaser config signs (cosign's release.mk)", async () => {
    const files = { "release/release.mk": "release:\n\tLDFLAGS=\"$(LDFLAGS)\" goreleaser release --clean --timeout 120m\n", Makefile: "include release/release.mk\n" };
    assert.equal((await run({ ...files, ".goreleaser.yml": "signs:\n  - cmd: cosign\n    args: [\"sign-blob\", \"--output\", \"${artifact}.sig\", \"${artifact}\"]\n    artifacts: binary\n" })).outcome, "signed");
    assert.match((await run({ ...files, ".goreleaser.yml": "builds:\n  - main: .\n" })).messages.join("\n"), /release\/release\.mk target release publishes GoReleaser artifacts \(goreleaser release\) by hand/);
  });

  it("is incomplete when a release workflow calls a script nobody can read", async () => {
    const dir = tmpDir(wf(release(["run: ./release.sh"])));
    symlinkSync("/etc/hostname", join(dir, "release.sh"));
    const r = await runRule(rule, dir);
    assert.equal(r.outcome, "incomplete");
    assert.match(r.assessment.rules[0]?.reason ?? "", /release\.sh is a symbolic link out of the checkout/);
  });

  it("reports release scripts nothing in CI runs as releases by hand, at the publishing line", async () => {
    const { findings } = await runRule(rule, tmpDir({ "release.fish": "#!/usr/bin/env fish\nset -l v (git describe --tags)\ngh release create $v dist/*.tar.gz\n" }));
    assert.deepEqual(findings.map((f) => [f.message, f.locations]), [["release.fish publishes GitHub release files (gh release create) by hand, outside CI, without a signature or provenance attestation", [{ path: "release.fish", startLine: 3, startColumn: 1 }]]]);
    const make = await runRule(rule, tmpDir({ Makefile: "test:\n\tgo test ./...\n\nrelease:\n\tgoreleaser release --clean\n" }));
    assert.deepEqual(make.findings.map((f) => [f.message, f.locations[0]]), [["Makefile target release publishes GoReleaser artifacts (goreleaser release) by hand, outside CI, without a signature or provenance attestation", { path: "Makefile", startLine: 5, startColumn: 2 }]]);
    assert.equal((await run({ "scripts/release.sh": "gpg --detach-sign dist/x.tar.gz\ngh release upload v1 dist/x.tar.gz dist/x.tar.gz.sig\n" })).outcome, "pass");
    // `make release` signs, then runs the upload target: the upload is signed on the way it is meant to be run.
    assert.equal((await run({ Makefile: "release: sign upload\n\nsign:\n\tgpg --detach-sign dist/x.tar.gz\n\nupload:\n\ttwine upload dist/*\n" })).outcome, "pass");
    // Vendored and example scripts are someone else's releases.
    assert.equal((await run({ "vendor/lib/release.sh": "npm publish\n", "examples/app/publish.sh": "twine upload dist/*\n" })).outcome, "not-applicable");
  });

  it("says a hand release script is a leftover, without failing, when a workflow publishes and signs the same kind of release", async () => {
    const signed = wf(release(["uses: pypa/gh-action-pypi-publish@release/v1"], { permissions: "id-token: write" }));
    const script = { "ci/deploy.sh": "#!/bin/bash\npython3 -m build\npython3 -m twine upload dist/* -u $PYPI_USERNAME -p $PYPI_PASSWORD\n" };
    const r = await runRule(rule, tmpDir({ ...signed, ...script }));
    assert.equal(r.outcome, "pass");
    assert.ok(r.assessment.rules[0]?.evidence?.some((e) => /^ci\/deploy\.sh also publishes a PyPI package \(twine upload\) by hand without a signature; \.github\/workflows\/release\.yml publishes and signs the same releases/.test(e.message)));
    // The workflow signs PyPI releases, not npm ones: a script publishing to npm by hand is repo/packaging's to report, said here.
    const npm = await runRule(rule, tmpDir({ ...signed, "scripts/publish.sh": "npm publish\n" }));
    assert.deepEqual([npm.outcome, npm.findings], ["pass", []]);
    assert.ok(npm.assessment.rules[0]?.evidence?.some((e) => e.message.startsWith("scripts/publish.sh publishes an npm package (npm publish) by hand, which repo/packaging judges")));
    // Release files the same script attaches by hand are still judged here.
    const files = await runRule(rule, tmpDir({ ...signed, "scripts/publish.sh": "npm publish\ngh release upload v1 dist/x.tgz\n" }));
    assert.deepEqual(files.findings.map((f) => f.message), ["scripts/publish.sh publishes GitHub release files (gh release upload) by hand, outside CI, without a signature or provenance attestation"]);
  });

  it("is not applicable, saying why, to a publishable package nothing in the checkout publishes: no release to judge, as Scorecard finds none", async () => {
    const npm = await run({ "package.json": JSON.stringify({ name: "widget", version: "1.2.0" }), "index.js": "" });
    assert.deepEqual([npm.outcome, npm.messages], ["not-applicable", []]);
    assert.equal(npm.reason, "package.json declares an npm package (widget) but no workflow or script publishes it: no release to judge (if it is published by hand, publish from a CI workflow on tags that attests it)");
    const py = await run({ "pyproject.toml": '[project]\nname = "widget"\nversion = "1.0"\n', "Cargo.toml": '[package]\nname = "widget"\nversion = "0.1.0"\n' });
    assert.equal(py.outcome, "not-applicable");
    assert.match(py.reason, /^pyproject\.toml declares a PyPI package \(widget\) and Cargo\.toml declares a crate for crates\.io \(widget\) but no workflow or script publishes them: no release to judge/);
    const { assessment } = await runRule(rule, tmpDir({ "package.json": JSON.stringify({ name: "widget", version: "1.2.0" }) }));
    const check = assessment.checks.find((c) => c.id === "Signed-Releases");
    assert.deepEqual([check?.status, check?.score], ["not-applicable", null], "not a failing score");
    for (const quiet of <Record<string, string>[]>[
      { "package.json": JSON.stringify({ name: "site", version: "1.0.0", private: true }) },
      { "Cargo.toml": '[package]\nname = "tool"\nversion = "0.1.0"\npublish = false\n' },
      { "package.json": JSON.stringify({ name: "widget", version: "1.0.0" }), ".releaserc.json": "{}" },
      { "package.json": JSON.stringify({ name: "widget", version: "1.0.0" }), ".github/workflows/release.yml": release(["run: npx semantic-release"], { on: "on:\n  push:\n    branches: [main]\n" }) },
      { "go.mod": "module example.com/x\n" },
    ]) {
      assert.equal((await run(quiet)).outcome, "not-applicable", JSON.stringify(quiet));
    }
  });

  it("leaves a package a maintainer's script publishes to a registry by hand to repo/packaging, and is not applicable when that is the only release (Scorecard finds no release files to judge)", async () => {
    const { findings, outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "manual-release-script"));
    assert.deepEqual([outcome, findings], ["not-applicable", []]);
    assert.equal(
      assessment.rules[0]?.reason,
      "the only releases are packages published to a registry by hand (scripts/release.sh publishes a PyPI package (twine upload)), which repo/packaging judges (published by hand, not by CI); a registry publish attaches no file to a GitHub release, so there is no release for Scorecard's Signed-Releases to judge (publish from a CI workflow on tags that attests what it publishes)",
    );
    assert.equal(assessment.checks.find((c) => c.id === "Signed-Releases")?.score, null, "not a failing score");
    // A script that signs what it uploads is judged as signed all the same.
    assert.equal((await run({ "scripts/release.sh": "gpg --detach-sign dist/x.tar.gz\ntwine upload dist/*\n" })).outcome, "pass");
  });

  it("leaves development images pushed from branch builds alone", async () => {
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "development-images"))).outcome, "not-applicable");
  });
});
