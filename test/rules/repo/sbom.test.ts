import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/sbom.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

/** A workflow with one job of the given steps (each a YAML step body). */
function workflow(on: string, ...steps: string[]): string {
  return `name: Release\non: ${on}\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps.map((s) => `      - ${s.split("\n").join("\n        ")}\n`).join("")}`;
}

const ON_RELEASE = "\n  release:\n    types: [published]";

async function verdict(files: Record<string, string>): Promise<{ outcome: string; score: number | null | undefined; messages: string[]; evidence: string }> {
  const { outcome, findings, assessment } = await runRule(rule, tmpDir({ "main.go": "package main\n", ...files }));
  return {
    outcome,
    score: assessment.checks.find((c) => c.id === "SBOM")?.score,
    messages: findings.map((f) => f.message),
    evidence: (assessment.rules[0]?.evidence ?? []).map((e) => e.message).join("\n"),
  };
}

describe("repo/sbom", () => {
  it("scores 0 with no SBOM, passing over near misses and saying what CI makes that Scorecard cannot see", async () => {
    const { outcome, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      "no SBOM found: none at the repository root under a name Scorecard recognises (*.spdx*, *.cdx.json, *.cdx.xml), and no workflow attaches one to releases; CI makes an SBOM that Scorecard does not see: syft at .github/workflows/ci.yml:14 (no step attaches its output to releases under a name Scorecard recognises) (SBOMs uploaded to releases by hand cannot be seen offline)",
    );
    assert.match(findings[0]?.fix ?? "", /release:\n {4}types: \[published\][\s\S]*anchore\/sbom-action/);
    assert.equal(assessment.checks.find((c) => c.id === "SBOM")?.score, 0);
  });

  it("scores 10 when a release workflow attaches an SBOM Scorecard recognises", async () => {
    const { outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.equal(outcome, "pass");
    assert.match(assessment.rules[0]?.evidence?.[0]?.message ?? "", /^\.github\/workflows\/sbom\.yml:17 attaches an SBOM to releases \(anchore\/sbom-action\) under a name Scorecard recognises/);
    assert.equal(assessment.checks.find((c) => c.id === "SBOM")?.score, 10);
  });

  it("scores 5 for an SBOM at the repository root alone, pointing at it (Scorecard: in source, not in releases)", async () => {
    const { outcome, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "root-only"));
    assert.equal(outcome, "fail");
    assert.deepEqual(findings[0]?.locations, [{ path: "widget.cdx.json" }]);
    assert.match(findings[0]?.message ?? "", /^widget\.cdx\.json is an SBOM in the repository, but no workflow attaches one to releases/);
    assert.equal(assessment.checks.find((c) => c.id === "SBOM")?.score, 5);
  });

  it("takes the root file names Scorecard's pattern takes, and no others", async () => {
    const json = '{"spdxVersion":"SPDX-2.3"}\n';
    for (const name of ["sbom.spdx", "sbom.spdx.json", "SBOM.SPDX.JSON", "widget.spdx.yml", "bom.cdx.json", "bom.cdx.xml", "x.spdx.json.bak"]) {
      assert.equal((await verdict({ [name]: json })).score, 5, name);
    }
    for (const name of [".sbom.spdx.json", "docs/sbom.spdx.json", "bom.json", "sbom.json", "widget.cyclonedx.json", "spdx.json", "sbom.cdx.yaml"]) {
      assert.equal((await verdict({ [name]: json })).score, 0, name);
    }
  });

  for (const [name, on, steps] of [
    ["anchore/sbom-action on a tag push", "\n  push:\n    tags: ['v*']", ["uses: anchore/sbom-action@v0"]],
    ["anchore/sbom-action named by artifact-name", ON_RELEASE, ["uses: anchore/sbom-action@v0\nwith:\n  format: cyclonedx-json\n  artifact-name: widget.cdx.json"]],
    ["gh release upload of an SPDX file", "[workflow_dispatch]", ["run: syft dir:. -o spdx-json=widget.spdx.json", "run: gh release upload \"$TAG\" dist/widget.spdx.json --clobber"]],
    ["softprops/action-gh-release with an SBOM among its files", "\n  push:\n    tags: ['v*']", ["uses: softprops/action-gh-release@v2\nwith:\n  files: |\n    dist/*.tar.gz\n    dist/bom.cdx.json"]],
  ] as const) {
    it(`scores 10 with ${name}`, async () => {
      assert.equal((await verdict({ ".github/workflows/release.yml": workflow(on, ...steps) })).score, 10);
    });
  }

  for (const [name, on, steps, why] of [
    ["anchore/sbom-action on pushes to branches", "[push]", ["uses: anchore/sbom-action@v0"], /runs on no release event or tag push, so the action keeps its SBOM as a workflow artifact/],
    ["anchore/sbom-action in CycloneDX under its default name", ON_RELEASE, ["uses: anchore/sbom-action@v0\nwith:\n  format: cyclonedx-json"], /its release asset is named \*\.cyclonedx\.json, which Scorecard does not recognise/],
    ["anchore/sbom-action told not to upload", ON_RELEASE, ["uses: anchore/sbom-action@v0\nwith:\n  upload-release-assets: false"], /upload-release-assets is false/],
    ["an SBOM attached to an image", "[push]", ["uses: docker/build-push-action@v6\nwith:\n  sbom: true\n  push: true"], /attached to the image as an attestation, not to releases/],
  ] as const) {
    it(`scores 0 with ${name}, saying why`, async () => {
      const v = await verdict({ ".github/workflows/release.yml": workflow(on, ...steps) });
      assert.equal(v.score, 0);
      assert.match(v.messages[0] ?? "", why);
    });
  }

  it("reads GoReleaser's sboms: default names are not Scorecard's, .spdx.json documents are", async () => {
    const wf = { ".github/workflows/release.yml": workflow("\n  push:\n    tags: ['v*']", "uses: actions/setup-go@v5", "uses: goreleaser/goreleaser-action@v6\nwith:\n  args: release --clean") };
    const byDefault = await verdict({ ...wf, ".goreleaser.yaml": "version: 2\nsboms:\n  - artifacts: archive\nrelease:\n  draft: false\n" });
    assert.equal(byDefault.score, 0);
    assert.match(byDefault.messages[0] ?? "", /\.goreleaser\.yaml makes SBOMs \(sboms:\) under GoReleaser's default name, \{\{ \.ArtifactName \}\}\.sbom\.json/);
    const named = await verdict({ ...wf, ".goreleaser.yaml": 'version: 2\nsboms:\n  - artifacts: archive\n    documents:\n      - "{{ .ArtifactName }}.spdx.json"\n' });
    assert.equal(named.score, 10);
    assert.match(named.evidence, /GoReleaser, whose \.goreleaser\.yaml names its SBOMs/);
  });

  it("is incomplete when a workflow cannot be parsed and nothing readable attaches an SBOM", async () => {
    const v = await verdict({ ".github/workflows/release.yml": "on: [release]\njobs: [oops\n" });
    assert.equal(v.outcome, "incomplete");
  });
});
