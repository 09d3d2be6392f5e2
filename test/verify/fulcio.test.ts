import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certificateFacts, normaliseRepository, workflowMatches } from "../../src/verify/fulcio.js";
import { buildChecks } from "../../src/verify/verify.js";
import type { Statement } from "../../src/verify/statement.js";

// Fulcio's extensions as the CA writes them (sigstore/fulcio docs/oid-info.md): v2 extensions
// (1.3.6.1.4.1.57264.1.8 and up) hold a DER UTF8String, the deprecated 1.1-1.6 raw bytes.

const GITHUB = "https://token.actions.githubusercontent.com";
const utf8String = (s: string): Buffer => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from(b.length < 128 ? [0x0c, b.length] : [0x0c, 0x81, b.length]), b]);
};
const oid = (id: string, value: Buffer): { oid: { id: number[] }; value: Buffer } => ({ oid: { id: id.split(".").map(Number) }, value });
const SIGNER = "https://github.com/acme/tool/.github/workflows/release.yml@refs/tags/v2.0.0";
const v2 = [oid("1.3.6.1.4.1.57264.1.12", utf8String("https://github.com/acme/tool")), oid("1.3.6.1.4.1.57264.1.9", utf8String(SIGNER))];
const provenance = (repository: string): Statement => ({ type: "https://in-toto.io/Statement/v1", subjects: [], predicateType: "https://slsa.dev/provenance/v1", predicate: { buildDefinition: { externalParameters: { workflow: { repository, path: ".github/workflows/release.yml", ref: "refs/tags/v2.0.0" } } } } });

describe("Fulcio certificate facts", () => {
  it("reads the Source Repository URI and Build Signer URI extensions", () => {
    const f = certificateFacts(v2, "https://example.invalid/ignored", "https://gitlab.com");
    assert.equal(f.sourceRepository, "https://github.com/acme/tool");
    assert.equal(f.signerWorkflow, SIGNER);
  });

  it("falls back to the legacy GitHub extension and the subject only for GitHub Actions certificates", () => {
    const legacy = [oid("1.3.6.1.4.1.57264.1.5", Buffer.from("acme/tool"))];
    assert.deepEqual([certificateFacts(legacy, SIGNER, GITHUB).sourceRepository, certificateFacts(legacy, SIGNER, GITHUB).signerWorkflow], ["https://github.com/acme/tool", SIGNER]);
    const other = certificateFacts(legacy, "https://github.com/acme/tool/x@y", "https://accounts.google.com");
    assert.equal(other.sourceRepository, undefined);
    assert.equal(other.signerWorkflow, undefined);
  });

  it("has no facts when the certificate has no such extension, and a value that is not a DER UTF8String is none", () => {
    assert.equal(certificateFacts([], "me@example.org", "https://accounts.google.com").sourceRepository, undefined);
    assert.equal(certificateFacts([oid("1.3.6.1.4.1.57264.1.12", Buffer.from("https://github.com/acme/tool"))], "", "https://gitlab.com").sourceRepository, undefined);
  });
});

describe("--source-repository and --signer-workflow matching", () => {
  it("compares repositories exactly after normalising, so owner/repo never matches owner/repo-evil", () => {
    assert.equal(normaliseRepository("acme/tool"), "https://github.com/acme/tool");
    for (const same of ["https://github.com/acme/tool", "https://github.com/Acme/Tool/", "git+https://github.com/acme/tool.git", "acme/tool"]) assert.equal(normaliseRepository(same), "https://github.com/acme/tool", same);
    for (const other of ["acme/tool-evil", "acme/too", "acme/tool/extra", "https://github.com.evil.example/acme/tool", "https://gitlab.com/acme/tool"]) assert.notEqual(normaliseRepository(other), "https://github.com/acme/tool", other);
    for (const bad of ["acme", "", "https://github.com/acme/tool?x=1", "https://user@github.com/acme/tool", "https://github.com/"]) assert.equal(normaliseRepository(bad), undefined, bad);
  });

  it("matches a workflow by path (any ref) or by path and ref, exactly", () => {
    assert.equal(workflowMatches("acme/tool/.github/workflows/release.yml", SIGNER), true);
    assert.equal(workflowMatches("https://github.com/acme/tool/.github/workflows/release.yml@refs/tags/v2.0.0", SIGNER), true);
    assert.equal(workflowMatches("acme/tool/.github/workflows/release.yml@refs/tags/v2.0.1", SIGNER), false);
    assert.equal(workflowMatches("acme/tool/.github/workflows/release", SIGNER), false);
    assert.equal(workflowMatches("acme/tool/.github/workflows/release.yml", "https://github.com/acme/tool/.github/workflows/release.yml-evil@refs/heads/main"), false);
    assert.equal(workflowMatches("acme/tool-evil/.github/workflows/release.yml", SIGNER), false);
  });

  it("checks the flags against the certificate, failing closed when it lacks the fact", () => {
    const policy = { sourceRepository: "acme/tool", signerWorkflow: "acme/tool/.github/workflows/release.yml" };
    assert.deepEqual(buildChecks(policy, certificateFacts(v2, "", GITHUB), undefined).map((c) => [c.name, c.ok]), [["source", true], ["workflow", true]]);
    assert.deepEqual(buildChecks({ sourceRepository: "acme/tool-evil" }, certificateFacts(v2, "", GITHUB), undefined).map((c) => c.ok), [false]);
    const none = buildChecks(policy, certificateFacts([], "me@example.org", "https://accounts.google.com"), undefined);
    assert.deepEqual(none.map((c) => [c.name, c.ok]), [["source", false], ["workflow", false]]);
    assert.match(none[0]?.detail ?? "", /the certificate names no source repository/);
  });

  it("fails a provenance whose claimed source is not the certificate's, and passes one that is", () => {
    const facts = certificateFacts(v2, "", GITHUB);
    const bad = buildChecks({}, facts, provenance("https://github.com/victim/tool"));
    assert.deepEqual(bad.map((c) => [c.name, c.ok]), [["source", false]]);
    assert.match(bad[0]?.detail ?? "", /the provenance claims the source repository https:\/\/github\.com\/victim\/tool, but the certificate's .* says https:\/\/github\.com\/acme\/tool/);
    assert.deepEqual(buildChecks({}, facts, provenance("https://github.com/acme/tool")).map((c) => c.ok), [true]);
    // Nothing to compare: no check, and nothing claimed to be checked.
    assert.deepEqual(buildChecks({}, certificateFacts([], "", "https://accounts.google.com"), provenance("https://github.com/victim/tool")), []);
  });
});
