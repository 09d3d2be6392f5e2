import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summariseProvenance } from "../../src/verify/statement.js";

// SLSA provenance v0.2 as the two common GitHub builders write it (slsa.dev/provenance/v0.2 fields).
const v02 = (entryPoint: string): Parameters<typeof summariseProvenance>[0] => ({
  type: "https://in-toto.io/Statement/v0.1",
  subjects: [],
  predicateType: "https://slsa.dev/provenance/v0.2",
  predicate: { builder: { id: "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.9.0" }, buildType: "https://github.com/slsa-framework/slsa-github-generator/generic@v1", invocation: { configSource: { uri: "git+https://github.com/acme/tool@refs/tags/v1.2.0", digest: { sha1: "b".repeat(40) }, entryPoint } } },
});

describe("SLSA v0.2 provenance summary", () => {
  it("keeps the workflow path whether the entry point names the repository (npm) or not (slsa-github-generator)", () => {
    assert.equal(summariseProvenance(v02(".github/workflows/release.yml"))?.workflow, ".github/workflows/release.yml");
    assert.equal(summariseProvenance(v02("acme/tool/.github/workflows/release.yml@refs/tags/v1.2.0"))?.workflow, ".github/workflows/release.yml");
    assert.deepEqual(summariseProvenance(v02(".github/workflows/release.yml")), { slsaVersion: "v0.2", builder: "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.9.0", buildType: "https://github.com/slsa-framework/slsa-github-generator/generic@v1", sourceRepository: "https://github.com/acme/tool", ref: "refs/tags/v1.2.0", workflow: ".github/workflows/release.yml", commit: "b".repeat(40) });
  });
});
