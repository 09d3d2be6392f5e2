import assert from "node:assert/strict";
import { sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ValidationError } from "@sigstore/bundle";
import { certificateDer, cosignLegacyToBundle } from "../../src/verify/cosign-legacy.js";
import { runCli } from "../cli/run-cli.js";
import { testKey } from "../helpers/sigstore-bundles.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";

// cosign's outputs before the Sigstore bundle, written here from cosign's documentation
// (sign-blob --output-signature/--output-certificate, and --bundle's base64Signature/cert/rekorBundle).

const ATTESTATIONS = join(sharedData() ?? "/nonexistent", "sigstore/npm-sigstore-1.0.0-attestations.json");

describe("cosign's legacy bundle as a Sigstore bundle", () => {
  it("keeps the Rekor entry, its log id in base64 and its numbers as strings, and the artifact's digest", () => {
    const body = Buffer.from(JSON.stringify({ apiVersion: "0.0.1", kind: "hashedrekord", spec: {} })).toString("base64");
    const b = cosignLegacyToBundle({ base64Signature: "MEUCIQ==", rekorBundle: { SignedEntryTimestamp: "MEQC", Payload: { body, integratedTime: 1700000000, logIndex: 42, logID: "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d" } } }, "ab".repeat(32)) as {
      verificationMaterial: { tlogEntries: Record<string, unknown>[] };
      messageSignature: { messageDigest: { digest: string } };
    };
    assert.deepEqual(b.verificationMaterial.tlogEntries[0], { logIndex: "42", logId: { keyId: "wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=" }, kindVersion: { kind: "hashedrekord", version: "0.0.1" }, integratedTime: "1700000000", inclusionPromise: { signedEntryTimestamp: "MEQC" }, canonicalizedBody: body });
    assert.equal(b.messageSignature.messageDigest.digest, Buffer.from("ab".repeat(32), "hex").toString("base64"));
  });

  it("refuses an entry that is not a signature over a blob, naming the field", () => {
    const body = Buffer.from(JSON.stringify({ apiVersion: "0.0.2", kind: "intoto" })).toString("base64");
    assert.throws(() => cosignLegacyToBundle({ base64Signature: "MEUCIQ==", rekorBundle: { SignedEntryTimestamp: "MEQC", Payload: { body, integratedTime: 1, logIndex: 1, logID: "00".repeat(32) } } }, "ab".repeat(32)), (e: unknown) => e instanceof ValidationError && e.fields?.[0] === "rekorBundle.Payload.body");
    assert.throws(() => cosignLegacyToBundle({ base64Signature: "MEUCIQ==", cert: "not a certificate" }, "ab".repeat(32)), (e: unknown) => e instanceof ValidationError && e.fields?.[0] === "cert");
  });
});

describe("assay verify: cosign detached signatures and legacy bundles (keyed)", () => {
  const artifact = Buffer.from("release 1.2.3\n");

  it("verifies --signature with --key, base64 as cosign writes it or raw bytes", async () => {
    const { privateKey, publicPem } = testKey();
    const sig = sign("sha256", artifact, privateKey);
    const d = tmpDir({ app: artifact, "app.sig": sig.toString("base64"), "app.raw.sig": sig, "cosign.pub": publicPem, "other.pub": testKey().publicPem, "app.bundle": JSON.stringify({ base64Signature: sig.toString("base64") }) });
    for (const s of ["app.sig", "app.raw.sig"]) {
      const r = await runCli(["verify", join(d, "app"), "--signature", join(d, s), "--key", join(d, "cosign.pub"), "--insecure-ignore-tlog"]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    }
    const legacy = await runCli(["verify", join(d, "app"), "--bundle", join(d, "app.bundle"), "--key", join(d, "cosign.pub"), "--insecure-ignore-tlog"]);
    assert.equal(legacy.code, 0, legacy.stdout + legacy.stderr);
    const wrongKey = await runCli(["verify", join(d, "app"), "--signature", join(d, "app.sig"), "--key", join(d, "other.pub"), "--insecure-ignore-tlog"]);
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stdout, /not verified: signature: the signature does not match/);
  });

  it("fails another artifact", async () => {
    const { privateKey, publicPem } = testKey();
    const d = tmpDir({ app: Buffer.from("release 1.2.4\n"), "app.sig": sign("sha256", artifact, privateKey).toString("base64"), "cosign.pub": publicPem });
    const r = await runCli(["verify", join(d, "app"), "--signature", join(d, "app.sig"), "--key", join(d, "cosign.pub"), "--insecure-ignore-tlog"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: signature: the signature does not match: the artifact or the bundle was altered/);
  });

  it("refuses a signature file that is not a small regular file before reading it", async () => {
    const d = tmpDir({ app: artifact, "big.sig": Buffer.alloc(100 * 1024, 0x41), "k.pub": testKey().publicPem });
    const big = await runCli(["verify", join(d, "app"), "--signature", join(d, "big.sig"), "--key", join(d, "k.pub")]);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /big\.sig: 102400 bytes is too large for a signature or certificate/);
    const dir = await runCli(["verify", join(d, "app"), "--signature", d, "--key", join(d, "k.pub")]);
    assert.equal(dir.code, 2);
    assert.match(dir.stderr, /not a regular file/);
  });

  it("asks for --certificate only with --signature", async () => {
    const d = tmpDir({ app: artifact, "b.json": "{}", "c.pem": "x" });
    const r = await runCli(["verify", join(d, "app"), "--bundle", join(d, "b.json"), "--certificate", join(d, "c.pem"), "--key", join(d, "c.pem")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--certificate goes with --signature/);
  });
});

describe("assay verify: a keyless detached signature has no log entry to prove it offline", skipWithoutSharedData(), () => {
  it("fails closed, saying why, with the certificate as PEM or base64 PEM", async () => {
    const doc = JSON.parse(readFileSync(ATTESTATIONS, "utf8")) as { attestations: { bundle: { verificationMaterial: { x509CertificateChain: { certificates: { rawBytes: string }[] } } } }[] };
    const der = doc.attestations[0]!.bundle.verificationMaterial.x509CertificateChain.certificates[0]!.rawBytes;
    const pem = `-----BEGIN CERTIFICATE-----\n${der.replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
    assert.equal(certificateDer(pem), der);
    assert.equal(certificateDer(Buffer.from(pem).toString("base64")), der);
    const d = tmpDir({ app: Buffer.from("x"), "app.sig": Buffer.from("MEUCIQD").toString("base64"), "cert.pem": Buffer.from(pem).toString("base64") });
    const r = await runCli(["verify", join(d, "app"), "--signature", join(d, "app.sig"), "--certificate", join(d, "cert.pem"), "--certificate-identity", "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: transparency log: no transparency log entry or signed timestamp: nothing proves the short-lived signing certificate was valid when it signed/);
  });
});
