import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesDigests } from "../../src/verify/digests.js";
import { isSlsa, matchingSubject, parseStatement, secureAlgorithm, summariseProvenance } from "../../src/verify/statement.js";

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

// The in-toto attestation framework's validation model (in-toto/attestation docs/validation.md):
// an exact statement type, subjects matched on secure digests only, exact predicate types.
const payload = (doc: object): Buffer => Buffer.from(JSON.stringify(doc));
const statement = (type: string, digest: Record<string, string>, predicateType = "https://slsa.dev/provenance/v1"): object => ({ _type: type, subject: [{ name: "a", digest }], predicateType, predicate: {} });

describe("in-toto statement validation", () => {
  it("accepts exactly Statement/v1 and the legacy v0.1, and nothing that merely starts like them", () => {
    for (const type of ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"]) assert.equal(parseStatement(payload(statement(type, { sha256: "a".repeat(64) }))).type, type);
    for (const type of ["https://in-toto.io/Statement/v99-evil", "https://in-toto.io/Statement/v1/../v2", "https://in-toto.io/Statement/v1 ", "https://in-toto.io/Statement/", "http://in-toto.io/Statement/v1"]) {
      assert.throws(() => parseStatement(payload(statement(type, { sha256: "a".repeat(64) }))), /not an in-toto statement assay reads/, type);
    }
  });

  it("matches subjects on SHA-2 (and SHA-3) digests, never on SHA-1 or MD5", () => {
    const digests = { sha256: "a".repeat(64), sha512: "b".repeat(128), sha1: "c".repeat(40), md5: "d".repeat(32) };
    const read = (d: Record<string, string>): ReturnType<typeof parseStatement> => parseStatement(payload(statement("https://in-toto.io/Statement/v1", d)));
    assert.equal(matchingSubject(read({ sha1: "c".repeat(40) }), digests), undefined);
    assert.equal(matchingSubject(read({ md5: "d".repeat(32) }), digests), undefined);
    assert.deepEqual(matchingSubject(read({ sha1: "c".repeat(40), sha512: "B".repeat(128) }), digests), { name: "a", algorithm: "sha512" });
    assert.deepEqual(matchingSubject(read({ sha3_256: "e".repeat(64) }), { "sha3-256": "e".repeat(64) }), { name: "a", algorithm: "sha3_256" });
    assert.equal(secureAlgorithm("sha1"), undefined);
    assert.equal(secureAlgorithm("__proto__"), undefined);
    assert.equal(secureAlgorithm("SHA256"), "sha256");
  });

  it("counts as SLSA provenance only the exact v0.1, v0.2 and v1 predicate types", () => {
    for (const t of ["https://slsa.dev/provenance/v0.1", "https://slsa.dev/provenance/v0.2", "https://slsa.dev/provenance/v1"]) assert.equal(isSlsa(t), true, t);
    for (const t of ["https://slsa.dev/provenance/anything-at-all", "https://slsa.dev/provenance/v1-evil", "https://slsa.dev/provenance/", "https://slsa.dev/provenance/v1/", "https://evil.example/https://slsa.dev/provenance/v1"]) assert.equal(isSlsa(t), false, t);
  });

  it("does not compute SHA-1 for artifacts any more", () => {
    assert.deepEqual(Object.keys(bytesDigests(Buffer.from("x"))).sort(), ["sha256", "sha384", "sha512"]);
  });
});
