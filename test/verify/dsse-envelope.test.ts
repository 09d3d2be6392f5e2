import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../cli/run-cli.js";
import { dsseBundle, testKey } from "../helpers/sigstore-bundles.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";

// Bare DSSE envelopes, one a line of an `.intoto.jsonl` (the in-toto attestation bundle spec), as
// keyed in-toto tools write them and as slsa-github-generator wrote them with a certificate.

const ROOT = new URL("../../", import.meta.url).pathname;
const TGZ = join(ROOT, "test/fixtures/verify/sigstore-1.0.0.tgz");
const ATTESTATIONS = join(sharedData() ?? "/nonexistent", "sigstore/npm-sigstore-1.0.0-attestations.json");

describe("assay verify: bare DSSE envelopes", () => {
  it("verifies a keyed envelope with --key and fails it with another key", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("tool binary");
    const statement = { _type: "https://in-toto.io/Statement/v1", subject: [{ name: "tool", digest: { sha256: createHash("sha256").update(artifact).digest("hex") } }], predicateType: "https://slsa.dev/provenance/v1", predicate: {} };
    const envelope = (dsseBundle(statement, privateKey) as { dsseEnvelope: object }).dsseEnvelope;
    const d = tmpDir({ tool: artifact, "tool.intoto.jsonl": `${JSON.stringify(envelope)}\n`, "k.pub": publicPem, "other.pub": testKey().publicPem });
    const ok = await runCli(["verify", join(d, "tool"), "--attestation", join(d, "tool.intoto.jsonl"), "--key", join(d, "k.pub"), "--insecure-ignore-tlog"]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const bad = await runCli(["verify", join(d, "tool"), "--attestation", join(d, "tool.intoto.jsonl"), "--key", join(d, "other.pub"), "--insecure-ignore-tlog"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /not verified: signature: the signature does not match/);
  });

  it("reports an envelope with two signatures at the field", async () => {
    const d = tmpDir({ tool: "x", "e.jsonl": `${JSON.stringify({ payloadType: "application/vnd.in-toto+json", payload: "e30=", signatures: [{ sig: "AA==" }, { sig: "AA==" }] })}\n`, "k.pub": testKey().publicPem });
    const r = await runCli(["verify", join(d, "tool"), "--attestation", join(d, "e.jsonl"), "--key", join(d, "k.pub")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /e\.jsonl:1:\d+: the DSSE envelope has 2 signatures: assay verifies envelopes with one signature \(signatures\)/);
  });
});

describe("assay verify: a keyless bare envelope (real certificate and signature)", skipWithoutSharedData(), () => {
  it("fails closed: without its transparency log entry it cannot be verified offline", async () => {
    const b = (JSON.parse(readFileSync(ATTESTATIONS, "utf8")) as { attestations: { bundle: { verificationMaterial: { x509CertificateChain: { certificates: { rawBytes: string }[] } }; dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string }[] } } }[] }).attestations[0]!.bundle;
    const der = b.verificationMaterial.x509CertificateChain.certificates[0]!.rawBytes;
    const cert = `-----BEGIN CERTIFICATE-----\n${der.replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
    const line = JSON.stringify({ payloadType: b.dsseEnvelope.payloadType, payload: b.dsseEnvelope.payload, signatures: [{ keyid: "", sig: b.dsseEnvelope.signatures[0]!.sig, cert }] });
    const d = tmpDir({ "sigstore.intoto.jsonl": `${line}\n` });
    const r = await runCli(["verify", TGZ, "--attestation", join(d, "sigstore.intoto.jsonl"), "--certificate-identity", "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: transparency log: no transparency log entry or signed timestamp/);
  });
});
