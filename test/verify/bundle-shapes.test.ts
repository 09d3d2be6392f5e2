import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { X509Certificate } from "@sigstore/core";
import { AssayError } from "../../src/core/errors.js";
import { certificateFacts } from "../../src/verify/fulcio.js";
import { readAttestations } from "../../src/verify/inputs.js";
import { loadTrust } from "../../src/verify/trust.js";
import { parseStatement, type Statement } from "../../src/verify/statement.js";
import { buildChecks, verifyBundle } from "../../src/verify/verify.js";
import { bundleFromJSON } from "@sigstore/bundle";
import { bytesDigests } from "../../src/verify/digests.js";
import { dsseBundle, messageBundle, testKey } from "../helpers/sigstore-bundles.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";
import { testLog } from "./test-log.js";

// Bundle shapes as protobuf-specs' bundle.proto defines each version (media types, where the
// certificate goes, inclusion proof or promise), and the build facts Fulcio writes into a GitHub
// Actions certificate (sigstore/fulcio docs/oid-info.md) against what an SLSA provenance claims.
// The bundles here are shaped, not signed: reading them is what is tested.

const V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
const V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
const V03_LEGACY = "application/vnd.dev.sigstore.bundle+json;version=0.3";
const V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

const artifact = Buffer.from("release 1.2.3\n");
const b64 = (n: number, fill: number): string => Buffer.alloc(n, fill).toString("base64");
const promise = { signedEntryTimestamp: b64(70, 1) };
const proof = { logIndex: "7", rootHash: b64(32, 2), treeSize: "8", hashes: [b64(32, 3)], checkpoint: { envelope: `log - 1\n8\n${b64(32, 2)}\n\n— log AAAA\n` } };
const entry = (extra: object): object => ({ logIndex: "7", logId: { keyId: b64(32, 4) }, kindVersion: { kind: "hashedrekord", version: "0.0.1" }, integratedTime: "1700000000", canonicalizedBody: b64(10, 5), ...extra });

/** A keyed message-signature bundle with the given media type and verification material. */
function shaped(mediaType: string, material: object = {}): object {
  const b = messageBundle(artifact, testKey().privateKey) as { verificationMaterial: object };
  return { ...b, mediaType, verificationMaterial: { ...b.verificationMaterial, ...material } };
}

/** Reads one bundle file; the error's message when it is refused. */
function read(bundle: object): string {
  const d = tmpDir({ "b.sigstore.json": JSON.stringify(bundle) });
  try {
    readAttestations(join(d, "b.sigstore.json"));
    return "read";
  } catch (e) {
    assert.ok(e instanceof AssayError, String(e));
    return e.message;
  }
}

describe("bundle media types", () => {
  it("reads the four media types protobuf-specs defines", () => {
    for (const m of [V01, V02, V03_LEGACY, V03]) assert.equal(read(shaped(m)), "read", m);
  });

  it("refuses a media type that only starts like one, or names a version that does not exist", () => {
    // @sigstore/bundle matches a prefix and would read all of these by v0.3's rules.
    for (const m of [`${V01}-evil`, `${V03_LEGACY}; charset=utf-8`, "application/vnd.dev.sigstore.bundle+json;version=0.4", "application/vnd.dev.sigstore.bundle.v0.4+json", "application/vnd.dev.sigstore.bundle.v0.3+jsonx", "application/vnd.dev.sigstore.bundle.v1.0+json"]) {
      assert.match(read(shaped(m)), /^the media type ".*" is not a Sigstore bundle's .*\(mediaType\)$/, m);
    }
    assert.match(read({ ...shaped(V03), mediaType: 3 }), /is not a Sigstore bundle's/);
    const snake = read({ media_type: "application/vnd.dev.sigstore.bundle.v9.9+json", verification_material: { public_key: { hint: "k" }, tlog_entries: [] }, message_signature: { message_digest: { algorithm: "SHA2_256", digest: b64(32, 1) }, signature: b64(64, 1) } });
    assert.match(snake, /^the media type "application\/vnd\.dev\.sigstore\.bundle\.v9\.9\+json" is not a Sigstore bundle's/);
  });
});

describe("what each bundle version requires of its log entries and certificate", () => {
  const cert = b64(300, 9);

  it("lets v0.1 prove an entry by its signed inclusion promise alone, and v0.2 and later only by an inclusion proof", () => {
    assert.equal(read(shaped(V01, { tlogEntries: [entry({ inclusionPromise: promise })] })), "read");
    assert.match(read(shaped(V01, { tlogEntries: [entry({ inclusionProof: proof })] })), /^a v0\.1 bundle needs a signed inclusion promise/);
    for (const m of [V02, V03_LEGACY, V03]) {
      assert.match(read(shaped(m, { tlogEntries: [entry({ inclusionPromise: promise })] })), /needs an inclusion proof for every transparency log entry/, m);
      assert.equal(read(shaped(m, { tlogEntries: [entry({ inclusionProof: proof, inclusionPromise: promise })] })), "read", m);
      const noCheckpoint = { ...proof, checkpoint: undefined };
      assert.match(read(shaped(m, { tlogEntries: [entry({ inclusionProof: noCheckpoint })] })), /inclusion proof has no checkpoint/, m);
    }
  });

  it("takes a certificate chain up to v0.2 and the bare certificate from v0.3, with or without the legacy media type", () => {
    const chain = { publicKey: undefined, x509CertificateChain: { certificates: [{ rawBytes: cert }] } };
    const bare = { publicKey: undefined, certificate: { rawBytes: cert } };
    const withProof = { tlogEntries: [entry({ inclusionProof: proof })] };
    assert.equal(read(shaped(V01, { ...chain, tlogEntries: [entry({ inclusionPromise: promise })] })), "read");
    assert.equal(read(shaped(V02, { ...chain, ...withProof })), "read");
    for (const m of [V03, V03_LEGACY]) {
      assert.equal(read(shaped(m, { ...bare, ...withProof })), "read", m);
      assert.match(read(shaped(m, { ...chain, ...withProof })), /a v0\.3 bundle carries its signing certificate alone/, m);
    }
  });

  it("reads RFC 3161 timestamps as verification data, with or without log entries", () => {
    assert.equal(read(shaped(V03, { timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: b64(200, 6) }] } })), "read");
  });
});

// Fulcio's extensions: v2 (1.8 and up) hold a DER UTF8String, the deprecated 1.1–1.6 raw bytes.
const GITHUB = "https://token.actions.githubusercontent.com";
const utf8String = (s: string): Buffer => Buffer.concat([Buffer.from([0x0c, Buffer.byteLength(s)]), Buffer.from(s)]);
const oid = (id: string, value: Buffer): { oid: { id: number[] }; value: Buffer } => ({ oid: { id: id.split(".").map(Number) }, value });
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const v2 = [oid("1.3.6.1.4.1.57264.1.12", utf8String("https://github.com/acme/app")), oid("1.3.6.1.4.1.57264.1.13", utf8String(COMMIT)), oid("1.3.6.1.4.1.57264.1.14", utf8String("refs/tags/v1.2.3"))];
const v1 = [oid("1.3.6.1.4.1.57264.1.5", Buffer.from("acme/app")), oid("1.3.6.1.4.1.57264.1.3", Buffer.from(COMMIT)), oid("1.3.6.1.4.1.57264.1.6", Buffer.from("refs/tags/v1.2.3"))];

/** SLSA v1 provenance as GitHub's artifact attestations and npm (buildType workflow/v1) write it. */
function provenance(buildType: string, ref: string, commit: string): Statement {
  return {
    type: "https://in-toto.io/Statement/v1",
    subjects: [],
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: { buildType, externalParameters: { workflow: { ref, repository: "https://github.com/acme/app", path: ".github/workflows/release.yml" } }, resolvedDependencies: [{ uri: `git+https://github.com/acme/app@${ref}`, digest: { gitCommit: commit } }] },
      runDetails: { builder: { id: "https://github.com/actions/runner/github-hosted" } },
    },
  };
}

describe("a provenance's commit and ref against the certificate's (as slsa-verifier matches them)", () => {
  const npm = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1";
  const gh = "https://actions.github.io/buildtypes/workflow/v1";

  it("reads the Source Repository Digest and Ref (v2), or GitHub's Workflow SHA and Ref (v1) for GitHub Actions only", () => {
    const f = certificateFacts(v2, "", GITHUB);
    assert.deepEqual([f.sourceCommit, f.sourceRef], [COMMIT, "refs/tags/v1.2.3"]);
    const legacy = certificateFacts(v1, "", GITHUB);
    assert.deepEqual([legacy.sourceCommit, legacy.sourceRef, legacy.sourceRepository], [COMMIT, "refs/tags/v1.2.3", "https://github.com/acme/app"]);
    assert.match(legacy.from.sourceCommit ?? "", /GitHub Workflow SHA extension, 1\.3\.6\.1\.4\.1\.57264\.1\.3/);
    const other = certificateFacts(v1, "", "https://gitlab.com");
    assert.deepEqual([other.sourceCommit, other.sourceRef], [undefined, undefined]);
    // A v2 value that is not a DER UTF8String is no fact.
    assert.equal(certificateFacts([oid("1.3.6.1.4.1.57264.1.13", Buffer.from(COMMIT))], "", "https://gitlab.com").sourceCommit, undefined);
  });

  it("passes a provenance that agrees, and fails one that claims another commit or ref", () => {
    for (const facts of [certificateFacts(v2, "", GITHUB), certificateFacts(v1, "", GITHUB)]) {
      for (const type of [npm, gh]) {
        assert.deepEqual(buildChecks({}, facts, provenance(type, "refs/tags/v1.2.3", COMMIT.toUpperCase())).map((c) => [c.name, c.ok]), [["source", true], ["source", true], ["source", true]]);
        const commit = buildChecks({}, facts, provenance(type, "refs/tags/v1.2.3", "f".repeat(40)));
        assert.deepEqual(commit.map((c) => c.ok), [true, false, true]);
        assert.match(commit[1]?.detail ?? "", new RegExp(`the provenance claims the source commit f{40}, but the certificate's .* says ${COMMIT}: the provenance does not describe the build that signed it`));
        const ref = buildChecks({}, facts, provenance(type, "refs/tags/v1.2.3-evil", COMMIT));
        assert.deepEqual(ref.map((c) => c.ok), [true, true, false]);
        assert.match(ref[2]?.detail ?? "", /the provenance claims the source ref refs\/tags\/v1\.2\.3-evil, but the certificate's .* says refs\/tags\/v1\.2\.3/);
      }
    }
  });

  it("compares nothing the certificate does not state", () => {
    assert.deepEqual(buildChecks({}, certificateFacts([], "me@example.org", "https://accounts.google.com"), provenance(gh, "refs/heads/main", COMMIT)), []);
  });
});

describe("a provenance's commit and ref against the certificate's (real npm provenance of sigstore@1.0.0)", skipWithoutSharedData(), () => {
  it("agree, read from the certificate's v1 extensions and the v0.2 predicate", () => {
    const doc = JSON.parse(readFileSync(join(sharedData() ?? "", "sigstore/npm-sigstore-1.0.0-attestations.json"), "utf8")) as { attestations: { bundle: { verificationMaterial: { x509CertificateChain: { certificates: { rawBytes: string }[] } }; dsseEnvelope: { payload: string } } }[] };
    const b = doc.attestations[0]!.bundle;
    const cert = X509Certificate.parse(Buffer.from(b.verificationMaterial.x509CertificateChain.certificates[0]!.rawBytes, "base64") as Buffer<ArrayBuffer>);
    const oids = cert.extensions.map((e) => ({ oid: { id: (e.subs[0]?.toOID() ?? "").split(".").map(Number) }, value: e.subs[e.subs.length - 1]?.value as Buffer }));
    const facts = certificateFacts(oids, cert.subjectAltName ?? "", GITHUB);
    assert.deepEqual([facts.sourceRepository, facts.sourceCommit, facts.sourceRef], ["https://github.com/sigstore/sigstore-js", "06528997c3c8ab9f864fad9a3658446aca7fd86d", "refs/tags/v1.0.0"]);
    const checks = buildChecks({ sourceRepository: "Sigstore/Sigstore-JS" }, facts, parseStatement(Buffer.from(b.dsseEnvelope.payload, "base64")));
    assert.deepEqual(checks.map((c) => [c.name, c.ok]), [["source", true], ["source", true], ["source", true], ["source", true]]);
    assert.deepEqual(buildChecks({ sourceRepository: "sigstore/sigstore-js-evil" }, facts, undefined).map((c) => c.ok), [false]);
  });
});

describe("an in-toto statement's subjects against the artifact (signed with a test key, logged in a test log)", () => {
  const hex = (alg: string, b: Buffer): string => createHash(alg).update(b).digest("hex");

  /** Verifies a statement over `subject` against the artifact; the subject check. */
  function subjectOf(type: string, subject: object[]): { verified: boolean; detail: string } {
    const { privateKey, publicPem } = testKey();
    const log = testLog();
    const statement = { _type: type, subject, predicateType: "https://slsa.dev/provenance/v1", predicate: {} };
    const bundle = bundleFromJSON(log.logged(dsseBundle(statement, privateKey), publicPem));
    const r = verifyBundle({ bundle, origin: "b" }, loadTrust({ keyPem: publicPem, trustedRootJson: log.trustedRoot }), {}, { digests: bytesDigests(artifact) });
    return { verified: r.verified, detail: r.checks.find((c) => c.name === "subject")?.detail ?? "(no subject check)" };
  }

  it("finds the artifact among several subjects, by sha256 or by sha512 alone, whatever its name says", () => {
    for (const type of ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"]) {
      const r = subjectOf(type, [{ name: "dist/other.tgz", digest: { sha256: "0".repeat(64) } }, { name: "dist/app-1.2.3.tgz", digest: { sha512: hex("sha512", artifact) } }]);
      assert.deepEqual(r, { verified: true, detail: "dist/app-1.2.3.tgz matches the artifact's sha512" }, type);
      assert.equal(subjectOf(type, [{ name: "pkg:npm/app@1.2.3", digest: { sha256: hex("sha256", artifact).toUpperCase() } }]).verified, true);
    }
  });

  it("fails a statement none of whose subjects is the artifact, or that pins it by SHA-1 only", () => {
    const other = subjectOf("https://in-toto.io/Statement/v1", [{ name: "app-1.2.3.tgz", digest: { sha256: hex("sha256", Buffer.from("another build")) } }]);
    assert.equal(other.verified, false);
    assert.match(other.detail, /the artifact's digest is not a subject of the statement \(subjects: app-1\.2\.3\.tgz sha256\): it is not the artifact that was signed/);
    const sha1 = subjectOf("https://in-toto.io/Statement/v1", [{ name: "app", digest: { sha1: hex("sha1", artifact) } }]);
    assert.equal(sha1.verified, false);
    assert.match(sha1.detail, /no subject of the statement has a digest assay accepts/);
  });
});

describe("documents that wrap or point to bundles", () => {
  it("reads one element of GitHub's attestations API saved alone", () => {
    const inner = shaped(V03);
    assert.equal(read({ bundle: inner, repository_id: 123, bundle_url: "https://example.invalid/b.json" }), "read");
    assert.match(read({ bundle: { ...inner, mediaType: `${V03}x` }, repository_id: 1 }), /is not a Sigstore bundle's/);
  });

  it("says that npm's dist.attestations only links the attestations document", () => {
    const msg = read({ url: "https://registry.npmjs.org/-/npm/v1/attestations/app@1.2.3", provenance: { predicateType: "https://slsa.dev/provenance/v1" } });
    assert.match(msg, /^this is npm's dist\.attestations, which links the attestations document: download "https:\/\/registry\.npmjs\.org\/-\/npm\/v1\/attestations\/app@1\.2\.3" and pass that \(url\)$/);
  });
});
