import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadTrust } from "../../src/verify/trust.js";
import { verifyBundle } from "../../src/verify/verify.js";
import { bundleFromJSON } from "@sigstore/bundle";
import { runCli, type CliRun } from "../cli/run-cli.js";
import { dsseBundle, messageBundle, testKey } from "../helpers/sigstore-bundles.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";
import { testLog } from "./test-log.js";

// What a signature made with a key cannot show (a signer's identity, a trusted time of its own),
// what the identity flags refuse (empty values), and what a predicate type or a statement must be
// to count. The real inputs are npm's attestations for sigstore@1.0.0, changed here in the test;
// keyed ones are signed with keys the tests generate.

const ROOT = new URL("../../", import.meta.url).pathname;
const TGZ = join(ROOT, "test/fixtures/verify/sigstore-1.0.0.tgz");
const ATTESTATIONS = join(sharedData() ?? "/nonexistent", "sigstore/npm-sigstore-1.0.0-attestations.json");
const IDENTITY = "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0";
const ISSUER = "https://token.actions.githubusercontent.com";
const KEYLESS = ["--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER];
const WRONG = ["--certificate-identity", "https://github.com/victim/x/.github/workflows/r.yml@refs/tags/v1", "--certificate-oidc-issuer", ISSUER];
const NPM_KEY = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
const PUBLISH = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

interface Doc {
  attestations: { predicateType: string; bundle: { verificationMaterial: { tlogEntries: { integratedTime: string; logIndex: string }[] }; dsseEnvelope: { payload: string; signatures: { sig: string }[] } } }[];
}
const doc = (): Doc => JSON.parse(readFileSync(ATTESTATIONS, "utf8")) as Doc;
/** npm's document with only the registry's publish attestation (what anyone who publishes to npm gets). */
const publishOnly = (): Doc => ({ attestations: [doc().attestations[1]!] });
const write = (name: string, value: unknown): string => join(tmpDir({ [name]: JSON.stringify(value) }), name);
const verify = (...args: string[]): Promise<CliRun> => runCli(["verify", ...args]);
const json = (r: CliRun): { verified: boolean; failure?: string; results: { note?: string; index?: number; signer: Record<string, string> }[] } => JSON.parse(r.stdout) as never;

describe("assay verify: a key names no signer (real npm publish attestation)", skipWithoutSharedData(), () => {
  it("fails npm's publish attestation alone when an identity or issuer is required, saying why", async () => {
    const only = write("npm.json", publishOnly());
    const bundle = write("publish.sigstore.json", publishOnly().attestations[0]!.bundle);
    for (const args of [["--attestation", only, ...WRONG], ["--bundle", bundle, ...WRONG], ["--attestation", only, ...KEYLESS], ["--attestation", only, "--certificate-oidc-issuer", ISSUER], ["--attestation", only, "--certificate-oidc-issuer-regexp", "."]]) {
      const r = await verify(TGZ, ...args);
      assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, new RegExp(`not verified: identity: signed with the npm registry's key ${NPM_KEY}, not a Fulcio certificate: a key names no signer, so it cannot show the required`));
    }
  });

  it("fails a document of keyed bundles only, however many, when an identity is required", async () => {
    const twice = { attestations: [publishOnly().attestations[0]!, publishOnly().attestations[0]!] };
    const r = await verify(TGZ, "--attestation", write("npm.json", twice), ...KEYLESS, "--format", "json");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const v = json(r);
    assert.equal(v.verified, false);
    assert.match(v.failure ?? "", /^identity: no bundle in .*npm\.json is signed with a certificate/);
  });

  it("keeps verifying npm's whole document under identity flags, the publish attestation marked as not counting", async () => {
    const r = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, "--format", "json");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const v = json(r);
    assert.equal(v.results[0]?.note, undefined);
    assert.match(v.results[1]?.note ?? "", /npm's publish attestation, checked with the npm registry's key: .* does not count toward the identity flags/);
    assert.equal(v.results[1]?.signer["key"], "npm registry");
  });

  it("trusts the npm registry's keys only for npm publish attestations", async () => {
    const d = doc().attestations[1]!.bundle;
    const st = JSON.parse(Buffer.from(d.dsseEnvelope.payload, "base64").toString()) as { predicateType: string };
    st.predicateType = "https://slsa.dev/provenance/v1";
    d.dsseEnvelope.payload = Buffer.from(JSON.stringify(st)).toString("base64");
    const r = await verify(TGZ, "--bundle", write("relabelled.json", d));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: key: the npm registry's keys are trusted only for npm publish attestations \(https:\/\/github\.com\/npm\/attestation\/tree\/main\/specs\/publish\/v0\.1\), and this bundle is a https:\/\/slsa\.dev\/provenance\/v1 statement/);
    // A blob signature naming the registry's key is not the registry's to vouch for either.
    const blob = messageBundle(readFileSync(TGZ), testKey().privateKey) as { verificationMaterial: { publicKey: { hint: string } } };
    blob.verificationMaterial = { ...blob.verificationMaterial, publicKey: { hint: NPM_KEY } };
    const m = await verify(TGZ, "--bundle", write("blob.json", blob));
    assert.equal(m.code, 1);
    assert.match(m.stdout, /not verified: key: the npm registry's keys are trusted only for npm publish attestations .*, and this bundle is a message signature/);
  });

  it("checks the registry key's validity window at the time the log recorded the signature", async () => {
    // The key (SHA256:jl3b…) is valid from 2022-12-01 to 2025-01-29 (seeds.json): an entry logged
    // outside that window fails on the key, before anything else is looked at.
    for (const [time, iso] of [[1767225600, "2026-01-01T00:00:00.000Z"], [1654041600, "2022-06-01T00:00:00.000Z"]] as const) {
      const d = doc().attestations[1]!.bundle;
      d.verificationMaterial.tlogEntries[0]!.integratedTime = String(time);
      const r = await verify(TGZ, "--bundle", write("late.json", d));
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, new RegExp(`not verified: key: the key ${NPM_KEY} was not valid at ${iso.replace(/\./g, "\\.")}, when the signature was logged`));
    }
    const key = loadTrust().material.publicKey(NPM_KEY);
    assert.deepEqual([key.validFor(new Date("2023-02-09T00:00:00Z")), key.validFor(new Date("2025-02-01T00:00:00Z"))], [true, false]);
  });

  it("fails the registry's publish attestation without its log entry: nothing says when it was signed", async () => {
    const d = publishOnly();
    d.attestations[0]!.bundle.verificationMaterial.tlogEntries = [];
    const file = write("notlog.json", d);
    const r = await verify(TGZ, "--attestation", file);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /not verified: transparency log: no transparency log entry or signed timestamp: nothing proves when the key signed, so whether the key was valid then cannot be checked/);
    const insecure = await verify(TGZ, "--attestation", file, "--insecure-ignore-tlog");
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /--insecure-ignore-tlog goes with --key/);
  });
});

describe("assay verify: a key given with --key", () => {
  const artifact = Buffer.from("release 1.2.3\n");

  it("fails a keyed bundle with no log entry by default, and accepts it with --insecure-ignore-tlog, saying so", async () => {
    const { privateKey, publicPem } = testKey();
    const d = tmpDir({ app: artifact, "k.pub": publicPem, "app.sigstore.json": JSON.stringify(messageBundle(artifact, privateKey))});
    const strict = await verify(join(d, "app"), "--bundle", join(d, "app.sigstore.json"), "--key", join(d, "k.pub"));
    assert.equal(strict.code, 1, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /not verified: transparency log: no transparency log entry or signed timestamp: nothing proves when the key signed, .*--insecure-ignore-tlog/);
    const insecure = await verify(join(d, "app"), "--bundle", join(d, "app.sigstore.json"), "--key", join(d, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(insecure.code, 0, insecure.stdout + insecure.stderr);
    assert.match(insecure.stdout, /✓ transparency log: no transparency log entry, accepted with --insecure-ignore-tlog: nothing proves when it was signed/);
  });

  it("passes a keyed bundle whose log entry gives the time, with no insecure flag", async () => {
    const { privateKey, publicPem } = testKey();
    const log = testLog();
    const statement = { _type: "https://in-toto.io/Statement/v1", subject: [{ name: "app", digest: { sha256: createHash("sha256").update(artifact).digest("hex") } }], predicateType: "https://slsa.dev/provenance/v1", predicate: {} };
    const d = tmpDir({ app: artifact, "k.pub": publicPem, "root.json": JSON.stringify(log.trustedRoot), "app.sigstore.json": JSON.stringify(log.logged(dsseBundle(statement, privateKey), publicPem)) });
    const r = await verify(join(d, "app"), "--bundle", join(d, "app.sigstore.json"), "--key", join(d, "k.pub"), "--trusted-root", join(d, "root.json"));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ transparency log: inclusion verified \(1 entry, log index 0\)/);
  });

  it("refuses --key together with identity flags, and --insecure-ignore-tlog without --key", async () => {
    const d = tmpDir({ app: artifact, "k.pub": testKey().publicPem, "b.json": "{}" });
    for (const extra of [KEYLESS, ["--certificate-oidc-issuer", ISSUER], ["--source-repository", "acme/tool"]]) {
      const r = await verify(join(d, "app"), "--bundle", join(d, "b.json"), "--key", join(d, "k.pub"), ...extra);
      assert.equal(r.code, 2, extra.join(" "));
      assert.match(r.stderr, /--key and the certificate identity flags are two ways to verify: give one/);
    }
  });

  it("fails a keyed bundle under an identity policy in the library too, before anything else", () => {
    const { privateKey, publicPem } = testKey();
    const log = testLog();
    const bundle = bundleFromJSON(log.logged(messageBundle(artifact, privateKey), publicPem));
    const trust = loadTrust({ keyPem: publicPem, trustedRootJson: log.trustedRoot });
    const ok = verifyBundle({ bundle, origin: "b" }, trust, {}, { bytes: artifact });
    assert.equal(ok.verified, true, JSON.stringify(ok.checks));
    for (const policy of [{ identity: IDENTITY, issuer: ISSUER }, { issuer: ISSUER }, { identityRegexp: "." }, { sourceRepository: "acme/tool" }]) {
      const r = verifyBundle({ bundle, origin: "b" }, trust, policy, { bytes: artifact });
      assert.equal(r.verified, false, JSON.stringify(policy));
      assert.deepEqual(r.checks.map((c) => [c.name, c.ok]), [["identity", false]]);
      assert.match(r.checks[0]?.detail ?? "", /signed with the key given with --key, not a Fulcio certificate/);
    }
  });
});

describe("assay verify: empty identity flags are usage errors", () => {
  it("names the empty flag (an unset CI variable) instead of matching every signer", async () => {
    const d = tmpDir({ app: "x", "b.json": "{}" });
    const cases: [string[], string][] = [
      [["--certificate-identity-regexp", "", "--certificate-oidc-issuer-regexp", ""], "--certificate-identity-regexp"],
      [["--certificate-identity", IDENTITY, "--certificate-oidc-issuer-regexp", ""], "--certificate-oidc-issuer-regexp"],
      [["--certificate-identity", "", "--certificate-oidc-issuer", ISSUER], "--certificate-identity"],
      [["--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ""], "--certificate-oidc-issuer"],
      [["--certificate-identity-regexp", "  ", "--certificate-oidc-issuer", ISSUER], "--certificate-identity-regexp"],
      [[...KEYLESS, "--source-repository", ""], "--source-repository"],
      [[...KEYLESS, "--signer-workflow", ""], "--signer-workflow"],
      [[...KEYLESS, "--source-digest", ""], "--source-digest"],
      [[...KEYLESS, "--source-ref", " "], "--source-ref"],
    ];
    for (const [args, flag] of cases) {
      const r = await verify(join(d, "app"), "--attestation", join(d, "b.json"), ...args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, new RegExp(`^assay: error: ${flag} is empty \\(an unset variable\\?\\)`), args.join(" "));
    }
  });

  it("says in --help that the regular expressions are unanchored and that keys never meet identity flags", async () => {
    const r = await runCli(["verify", "--help"]);
    assert.match(r.stdout, /unanchored regular expressions, as in cosign: write \^…\$/);
    assert.match(r.stdout, /a bundle signed with a key never meets them/);
    assert.match(r.stdout, /--insecure-ignore-tlog/);
    assert.match(r.stdout, /--source-repository OWNER\/REPO\|URL/);
    assert.match(r.stdout, /--signer-workflow OWNER\/REPO\/PATH\[@REF\]\|URL/);
    assert.match(r.stdout, /--source-digest COMMIT, --source-ref refs\/tags\/TAG/);
  });
});

describe("assay verify: what counts as an attestation", () => {
  const artifact = Buffer.from("tool binary\n");
  const sha256 = createHash("sha256").update(artifact).digest("hex");

  /** One bundle signed with a fresh key and logged in a test log, verified with that key and log. */
  async function run(bundle: (k: ReturnType<typeof testKey>["privateKey"]) => object, ...extra: string[]): Promise<CliRun> {
    const { privateKey, publicPem } = testKey();
    const log = testLog();
    const d = tmpDir({ tool: artifact, "k.pub": publicPem, "root.json": JSON.stringify(log.trustedRoot), "a.json": JSON.stringify(log.logged(bundle(privateKey), publicPem)) });
    return verify(join(d, "tool"), "--attestation", join(d, "a.json"), "--key", join(d, "k.pub"), "--trusted-root", join(d, "root.json"), ...extra);
  }
  const st = (over: object): object => ({ _type: "https://in-toto.io/Statement/v1", subject: [{ name: "tool", digest: { sha256 } }], predicateType: "https://slsa.dev/provenance/v1", predicate: {}, ...over });

  it("does not let a plain message signature satisfy --predicate-type", async () => {
    for (const wanted of ["slsa", "https://slsa.dev/provenance/v1"]) {
      const r = await run((k) => messageBundle(artifact, k), "--predicate-type", wanted);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /not verified: no attestation with predicate type (SLSA provenance|https:\/\/slsa\.dev\/provenance\/v1) in /);
    }
    assert.equal((await run((k) => messageBundle(artifact, k))).code, 0);
  });

  it("does not count a look-alike predicate type as SLSA provenance", async () => {
    const r = await run((k) => dsseBundle(st({ predicateType: "https://slsa.dev/provenance/anything-at-all" }), k), "--predicate-type", "slsa");
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: no attestation with predicate type SLSA provenance in /);
    assert.equal((await run((k) => dsseBundle(st({}), k), "--predicate-type", "slsa")).code, 0);
  });

  it("refuses a statement type other than v1 and v0.1", async () => {
    const r = await run((k) => dsseBundle(st({ _type: "https://in-toto.io/Statement/v99-evil" }), k));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /malformed DSSE envelope: the DSSE payload is not an in-toto statement assay reads \(_type "https:\/\/in-toto\.io\/Statement\/v99-evil"/);
  });

  it("does not match a subject on SHA-1", async () => {
    const r = await run((k) => dsseBundle(st({ subject: [{ name: "tool", digest: { sha1: createHash("sha1").update(artifact).digest("hex") } }] }), k));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /not verified: subject: no subject of the statement has a digest assay accepts \(subjects: tool sha1\)/);
  });

  it("labels the provenance summary as the signer's claim", async () => {
    const r = await run((k) => dsseBundle(st({ predicate: { runDetails: { builder: { id: "https://example.invalid/builder" } } } }), k));
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /provenance \(SLSA v1\), as claimed by its signer:\n\s+builder: https:\/\/example\.invalid\/builder/);
  });
});

describe("assay verify: failures say what and which (real data)", skipWithoutSharedData(), () => {
  it("explains a transparency log entry listed twice as such", async () => {
    const d = doc();
    const entries = d.attestations[0]!.bundle.verificationMaterial.tlogEntries;
    entries.push(entries[0]!);
    const r = await verify(TGZ, "--attestation", write("dup.json", { attestations: [d.attestations[0]] }), ...KEYLESS);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not verified: transparency log: the bundle lists the transparency log entry at log index 12988397 twice/);
    assert.doesNotMatch(r.stdout, /no trusted time/);
  });

  it("names the bundle that failed (its index and predicate type) in a document that holds several", async () => {
    const d = doc();
    const sig = Buffer.from(d.attestations[1]!.bundle.dsseEnvelope.signatures[0]!.sig, "base64");
    sig.writeUInt8(sig.readUInt8(sig.length - 1) ^ 1, sig.length - 1);
    d.attestations[1]!.bundle.dsseEnvelope.signatures[0]!.sig = sig.toString("base64");
    const r = await verify(TGZ, "--attestation", write("npm.json", d), ...KEYLESS, "--format", "json");
    assert.equal(r.code, 1);
    const v = json(r);
    assert.match(v.failure ?? "", new RegExp(`^bundle 2 of 2 \\(${PUBLISH.replace(/[./]/g, "\\$&")}\\): transparency log: `));
    assert.deepEqual(v.results.map((x) => x.index), [1, 2]);
  });
});

describe("assay verify: --source-repository and --signer-workflow (real certificate)", skipWithoutSharedData(), () => {
  it("passes the repository and workflow the certificate names, and fails look-alikes", async () => {
    const ok = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, "--source-repository", "sigstore/sigstore-js", "--signer-workflow", "sigstore/sigstore-js/.github/workflows/publish.yml");
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /✓ source: https:\/\/github\.com\/sigstore\/sigstore-js \(the certificate's GitHub Workflow Repository extension, 1\.3\.6\.1\.4\.1\.57264\.1\.5\)/);
    assert.match(ok.stdout, /✓ source: the provenance's source repository https:\/\/github\.com\/sigstore\/sigstore-js is the certificate's/);
    assert.equal((await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, "--source-repository", "https://github.com/sigstore/sigstore-js")).code, 0);
    for (const [flag, value, why] of [
      ["--source-repository", "sigstore/sigstore-js-evil", /source: the certificate's GitHub Workflow Repository extension, 1\.3\.6\.1\.4\.1\.57264\.1\.5 says the source repository is https:\/\/github\.com\/sigstore\/sigstore-js, not sigstore\/sigstore-js-evil/],
      ["--source-repository", "sigstore/sigstore", /source: .* not sigstore\/sigstore$/m],
      ["--signer-workflow", "sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.1", /workflow: .* says the signing workflow is https:\/\/github\.com\/sigstore\/sigstore-js\/\.github\/workflows\/publish\.yml@refs\/tags\/v1\.0\.0, not /],
      ["--signer-workflow", "sigstore/sigstore-js/.github/workflows/release.yml", /workflow: /],
    ] as const) {
      const r = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, flag, value);
      assert.equal(r.code, 1, `${flag} ${value}: ${r.stdout}`);
      assert.match(r.stdout, why);
    }
    const bad = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, "--source-repository", "sigstore");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--source-repository sigstore: not a repository/);
  });

  it("passes the commit and ref the certificate names (--source-digest, --source-ref, as gh attestation verify), and fails others", async () => {
    const commit = "06528997c3c8ab9f864fad9a3658446aca7fd86d";
    const ok = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, "--source-digest", commit.toUpperCase(), "--source-ref", "refs/tags/v1.0.0");
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, new RegExp(`✓ source: commit ${commit} \\(the certificate's GitHub Workflow SHA extension`));
    assert.match(ok.stdout, /✓ source: ref refs\/tags\/v1\.0\.0 \(the certificate's GitHub Workflow Ref extension/);
    for (const [flag, value, why] of [
      ["--source-digest", "f".repeat(40), /source: the certificate's .* says the source commit is 06528997c3c8ab9f864fad9a3658446aca7fd86d, not f{40}/],
      ["--source-ref", "refs/tags/v1.0.0-rc", /source: the certificate's .* says the source ref is refs\/tags\/v1\.0\.0, not refs\/tags\/v1\.0\.0-rc/],
    ] as const) {
      const r = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, flag, value);
      assert.equal(r.code, 1, `${flag} ${value}: ${r.stdout}`);
      assert.match(r.stdout, why);
    }
    for (const [flag, value, why] of [["--source-digest", "0652899", /--source-digest 0652899: not a commit/], ["--source-ref", "v1.0.0", /--source-ref v1\.0\.0: not a full ref/]] as const) {
      const r = await verify(TGZ, "--attestation", ATTESTATIONS, ...KEYLESS, flag, value);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.match(r.stderr, why);
    }
  });
});
