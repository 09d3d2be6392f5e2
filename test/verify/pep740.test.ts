import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ValidationError } from "@sigstore/bundle";
import { pep740ToBundle } from "../../src/verify/pep740.js";
import { runCli } from "../cli/run-cli.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";

// PEP 740 objects are written here from the spec's field names ("Index hosted attestations"), around
// the real keyless bundle of sigstore@1.0.0's provenance: the same certificate, Rekor entry,
// statement and signature, renamed as PyPI serves them.

const ROOT = new URL("../../", import.meta.url).pathname;
const TGZ = join(ROOT, "test/fixtures/verify/sigstore-1.0.0.tgz");
const ATTESTATIONS = join(sharedData() ?? "/nonexistent", "sigstore/npm-sigstore-1.0.0-attestations.json");
const KEYLESS = ["--certificate-identity", "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"];

interface RealBundle {
  verificationMaterial: { x509CertificateChain: { certificates: { rawBytes: string }[] }; tlogEntries: unknown[] };
  dsseEnvelope: { payload: string; signatures: { sig: string }[] };
}

function attestation(): { version: number; verification_material: { certificate: string; transparency_entries: unknown[] }; envelope: { statement: string; signature: string } } {
  const b = (JSON.parse(readFileSync(ATTESTATIONS, "utf8")) as { attestations: { bundle: RealBundle }[] }).attestations[0]!.bundle;
  return {
    version: 1,
    verification_material: { certificate: b.verificationMaterial.x509CertificateChain.certificates[0]!.rawBytes, transparency_entries: b.verificationMaterial.tlogEntries },
    envelope: { statement: b.dsseEnvelope.payload, signature: b.dsseEnvelope.signatures[0]!.sig },
  };
}

function write(name: string, doc: unknown): string {
  const d = tmpDir({ [name]: JSON.stringify(doc, null, 2) });
  return join(d, name);
}

describe("PEP 740 attestations as Sigstore bundles", () => {
  it("uses v0.3 with a single certificate when the entries carry inclusion proofs", () => {
    const b = pep740ToBundle({ version: 1, verification_material: { certificate: "AAAA", transparency_entries: [{ inclusionProof: {} }] }, envelope: { statement: "e30=", signature: "AAAA" } }) as Record<string, Record<string, unknown>>;
    assert.equal(b["mediaType"] as unknown, "application/vnd.dev.sigstore.bundle.v0.3+json");
    assert.deepEqual(b["verificationMaterial"]!["certificate"], { rawBytes: "AAAA" });
    assert.deepEqual(b["dsseEnvelope"], { payload: "e30=", payloadType: "application/vnd.in-toto+json", signatures: [{ sig: "AAAA", keyid: "" }] });
  });

  it("names the missing field", () => {
    assert.throws(() => pep740ToBundle({ version: 1, verification_material: { certificate: "AAAA", transparency_entries: [] }, envelope: { statement: "e30=", signature: "AAAA" } }), (e: unknown) => e instanceof ValidationError && e.fields?.[0] === "verification_material.transparency_entries");
    assert.throws(() => pep740ToBundle({ version: 2, verification_material: {}, envelope: {} }), (e: unknown) => e instanceof ValidationError && e.fields?.[0] === "version");
  });
});

describe("assay verify: PEP 740 provenance (real signature)", skipWithoutSharedData(), () => {
  it("verifies a provenance object and a single attestation object", async () => {
    const provenance = write("provenance.json", { version: 1, attestation_bundles: [{ publisher: { kind: "GitHub", repository: "sigstore/sigstore-js", workflow: "publish.yml" }, attestations: [attestation()] }] });
    const r = await runCli(["verify", TGZ, "--attestation", provenance, ...KEYLESS]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ subject: pkg:npm\/sigstore@1\.0\.0 matches the artifact's sha512/);
    const single = await runCli(["verify", TGZ, "--bundle", write("x.publish.attestation", attestation()), ...KEYLESS]);
    assert.equal(single.code, 0, single.stdout + single.stderr);
  });

  it("fails a signature altered after signing, and another artifact", async () => {
    const a = attestation();
    const sig = Buffer.from(a.envelope.signature, "base64");
    sig[30] = sig[30]! ^ 1;
    a.envelope.signature = sig.toString("base64");
    const r = await runCli(["verify", TGZ, "--attestation", write("p.json", { version: 1, attestation_bundles: [{ publisher: { kind: "GitHub" }, attestations: [a] }] }), ...KEYLESS]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: transparency log: the transparency log entry records a different signature/);
    const other = write("other.tgz", "not the package");
    const o = await runCli(["verify", other, "--attestation", write("a.json", attestation()), ...KEYLESS]);
    assert.equal(o.code, 1);
    assert.match(o.stdout, /not verified: subject: the artifact's digest is not a subject/);
  });

  it("reports a malformed attestation at its field", async () => {
    const a = attestation() as { verification_material: Partial<{ certificate: string }> };
    delete a.verification_material.certificate;
    const r = await runCli(["verify", TGZ, "--attestation", write("p.json", { version: 1, attestation_bundles: [{ attestations: [a] }] }), ...KEYLESS]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /p\.json:\d+:\d+: the PEP 740 attestation has no certificate \(verification_material\.certificate\)/);
  });
});
