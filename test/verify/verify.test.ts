import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { dsseBundle, messageBundle, modelStatement, testKey } from "../helpers/sigstore-bundles.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { tmpDir } from "../helpers/tmp-repo.js";
import { testLog } from "./test-log.js";
import { spawnSync } from "../helpers/child-timeout.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const TGZ = join(ROOT, "test/fixtures/verify/sigstore-1.0.0.tgz");
const ATTESTATIONS = join(sharedData() ?? "/nonexistent", "sigstore/npm-sigstore-1.0.0-attestations.json");
const IDENTITY = "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0";
const ISSUER = "https://token.actions.githubusercontent.com";
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = (files: Record<string, string | Buffer> = {}): string => {
  const d = tmpDir(files);
  dirs.push(d);
  return d;
};

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await cli(["verify", ...argv], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: ROOT, env: {} });
  return { code, out, err };
}

/** The npm document's bundles, one file per attestation (the provenance first). */
function npmBundles(dir: string): { provenance: string; publish: string; doc: Record<string, unknown> } {
  const doc = JSON.parse(readFileSync(ATTESTATIONS, "utf8")) as { attestations: { bundle: unknown }[] };
  const provenance = join(dir, "provenance.sigstore.json");
  const publish = join(dir, "publish.sigstore.json");
  writeFileSync(provenance, JSON.stringify(doc.attestations[0]!.bundle, null, 2));
  writeFileSync(publish, JSON.stringify(doc.attestations[1]!.bundle, null, 2));
  return { provenance, publish, doc };
}

describe("assay verify: npm provenance of sigstore@1.0.0 (real data)", skipWithoutSharedData(), () => {
  it("passes for the real tarball, with the SLSA provenance summarised", async () => {
    const r = await run(TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /✓ identity: https:\/\/github\.com\/sigstore\/sigstore-js\/\.github\/workflows\/publish\.yml@refs\/tags\/v1\.0\.0 \(issuer https:\/\/token\.actions\.githubusercontent\.com\)/);
    assert.match(r.out, /source repository: https:\/\/github\.com\/sigstore\/sigstore-js\n\s+ref: refs\/tags\/v1\.0\.0\n\s+workflow: \.github\/workflows\/publish\.yml/);
    assert.match(r.out, /verified with trusted key SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA/);
    assert.match(r.out, /\nverified\n$/);
  });

  it("gives a machine-readable verdict, and filters SLSA provenance", async () => {
    const r = await run(TGZ, "--attestation", ATTESTATIONS, "--predicate-type", "slsa", "--certificate-identity-regexp", "^https://github\\.com/sigstore/sigstore-js/", "--certificate-oidc-issuer", ISSUER, "--format", "json");
    assert.equal(r.code, 0, r.out);
    const v = JSON.parse(r.out) as { verified: boolean; results: { predicateType: string; provenance: Record<string, string>; signer: Record<string, string> }[] };
    assert.equal(v.verified, true);
    assert.deepEqual(v.results.map((x) => x.predicateType), ["https://slsa.dev/provenance/v0.2"]);
    assert.deepEqual(v.results[0]!.provenance, { slsaVersion: "v0.2", builder: "https://github.com/npm/cli@9.4.2", buildType: "https://github.com/npm/cli/gha@v0", sourceRepository: "https://github.com/sigstore/sigstore-js", ref: "refs/tags/v1.0.0", workflow: ".github/workflows/publish.yml", commit: "06528997c3c8ab9f864fad9a3658446aca7fd86d" });
    assert.equal(v.results[0]!.signer["identity"], IDENTITY);
  });

  it("matches the issuer with --certificate-oidc-issuer-regexp, and fails one that does not match", async () => {
    const ok = await run(TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer-regexp", "^https://token\\.actions\\.githubusercontent\\.com$");
    assert.equal(ok.code, 0, ok.out + ok.err);
    const other = await run(TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer-regexp", "^https://gitlab\\.com$");
    assert.equal(other.code, 1);
    assert.match(other.out, /not verified: bundle 1 of 2 \(https:\/\/slsa\.dev\/provenance\/v0\.2\): identity: signed by .* with issuer https:\/\/token\.actions\.githubusercontent\.com, not an issuer matching \/\^https:\/\/gitlab\\\.com\$\//);
    const both = await run(TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER, "--certificate-oidc-issuer-regexp", ".");
    assert.equal(both.code, 2);
    assert.match(both.err, /pass --certificate-oidc-issuer or --certificate-oidc-issuer-regexp, not both/);
    const bad = await run(TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer-regexp", "(");
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--certificate-oidc-issuer-regexp: Invalid regular expression/);
  });

  it("fails a wrong identity, naming the identity it found", async () => {
    const r = await run(TGZ, "--bundle", npmBundles(tmp()).provenance, "--certificate-identity", "https://github.com/evil/fork/.github/workflows/publish.yml@refs/tags/v1.0.0", "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`not verified: identity: signed by ${IDENTITY.replace(/[.?/]/g, "\\$&")} \\(issuer ${ISSUER.replace(/[./]/g, "\\$&")}\\), not the identity https://github\\.com/evil/fork/`));
  });

  it("fails a tampered artifact: its digest is not the statement's subject", async () => {
    const dir = tmp();
    const copy = join(dir, "sigstore-1.0.0.tgz");
    copyFileSync(TGZ, copy);
    writeFileSync(copy, Buffer.concat([readFileSync(copy), Buffer.from([0])]));
    const r = await run(copy, "--bundle", npmBundles(dir).provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: subject: the artifact's digest is not a subject of the statement \(subjects: pkg:npm\/sigstore@1\.0\.0 sha512\): it is not the artifact that was signed/);
  });

  it("fails a tampered bundle (the statement swapped after signing)", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    const b = JSON.parse(readFileSync(provenance, "utf8")) as { dsseEnvelope: { payload: string } };
    const st = JSON.parse(Buffer.from(b.dsseEnvelope.payload, "base64").toString()) as { predicate: { builder: { id: string } } };
    st.predicate.builder.id = "https://evil.example/builder";
    b.dsseEnvelope.payload = Buffer.from(JSON.stringify(st)).toString("base64");
    writeFileSync(provenance, JSON.stringify(b));
    const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: transparency log: the transparency log entry records a different signature or digest than the bundle carries: the bundle or the artifact was altered/);
  });

  it("fails a bundle whose certificate is malformed DER, saying it cannot be read rather than blaming the artifact", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    const b = JSON.parse(readFileSync(provenance, "utf8")) as { verificationMaterial: { x509CertificateChain: { certificates: { rawBytes: string }[] } } };
    // A SEQUENCE that claims 4 GiB, then the indefinite-length form DER forbids.
    for (const bad of [Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30]), Buffer.from([0x30, 0x80, 0x30, 0x80, 0, 0, 0, 0])]) {
      b.verificationMaterial.x509CertificateChain.certificates[0]!.rawBytes = bad.toString("base64");
      writeFileSync(provenance, JSON.stringify(b));
      const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /not verified: signature: the bundle's verification material cannot be read \(.+\), so nothing was verified/);
    }
  });

  it("reports a truncated bundle as one error with its position", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    writeFileSync(provenance, readFileSync(provenance, "utf8").slice(0, 900));
    const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 2);
    assert.match(r.err, /provenance\.sigstore\.json:\d+:\d+: invalid JSON syntax \(the file looks truncated\)/);
    assert.equal(r.err.trim().split("\n").length, 1);
  });

  it("says which version's rule a relabelled bundle breaks, at the field", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    writeFileSync(provenance, readFileSync(provenance, "utf8").replace("application/vnd.dev.sigstore.bundle+json;version=0.1", "application/vnd.dev.sigstore.bundle+json;version=0.2"));
    const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 2);
    assert.match(r.err, /provenance\.sigstore\.json:\d+:\d+: a v0\.2 bundle needs an inclusion proof for every transparency log entry .*\(verificationMaterial\.tlogEntries\[0\]\.inclusionProof\)/);
  });

  it("reports a malformed DSSE envelope at the field", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    writeFileSync(provenance, readFileSync(provenance, "utf8").replace(/"payload": "[^"]*"/, '"payload": "%%% not base64 %%%"'));
    const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 2);
    assert.match(r.err, /provenance\.sigstore\.json:\d+:\d+: malformed DSSE envelope: the payload is not base64 \(dsseEnvelope\.payload\)/);
  });

  it("asks who must have signed a keyless bundle", async () => {
    const r = await run(TGZ, "--bundle", npmBundles(tmp()).provenance);
    assert.equal(r.code, 2);
    assert.match(r.err, /signed keyless .*--certificate-identity/);
  });

  it("reads the wrappers bundles come in, with --bundle as with --attestation", async () => {
    const { doc } = npmBundles(tmp());
    const items = doc["attestations"] as { bundle: unknown }[];
    const dir = tmp({
      // GitHub's attestations API: the same list, with the repository and a URL beside each bundle.
      "github.json": JSON.stringify({ attestations: items.map((a) => ({ bundle: a.bundle, repository_id: 1, bundle_url: "https://example.invalid/b" })) }),
      // `gh attestation download`: one compact bundle a line (here with Windows line ends).
      "sha256.jsonl": items.map((a) => JSON.stringify(a.bundle)).join("\r\n") + "\r\n",
    });
    for (const [flag, file] of [["--bundle", ATTESTATIONS], ["--attestation", join(dir, "github.json")], ["--bundle", join(dir, "sha256.jsonl")]] as const) {
      const r = await run(TGZ, flag, file, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
      assert.equal(r.code, 0, `${flag} ${file}: ${r.out}${r.err}`);
    }
  });

  it("names the key id that no trusted key has", async () => {
    const dir = tmp();
    const { publish } = npmBundles(dir);
    writeFileSync(publish, readFileSync(publish, "utf8").replace(/"hint": "[^"]*"/, '"hint": "SHA256:not-a-registry-key"'));
    const r = await run(TGZ, "--bundle", publish);
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: key: the signing key is not trusted \(pass it with --key\) \(no trusted key has the id SHA256:not-a-registry-key\)/);
  });

  it("fails a keyless bundle without its transparency log entry, saying why", async () => {
    const dir = tmp();
    const { provenance } = npmBundles(dir);
    const b = JSON.parse(readFileSync(provenance, "utf8")) as { verificationMaterial: { tlogEntries: unknown[] } };
    b.verificationMaterial.tlogEntries = [];
    writeFileSync(provenance, JSON.stringify(b));
    const r = await run(TGZ, "--bundle", provenance, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER);
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: transparency log: no transparency log entry or signed timestamp: nothing proves the short-lived signing certificate was valid/);
  });

  it("verifies with no network at all (an empty network namespace)", () => {
    const probe = spawnSync("unshare", ["-n", "true"], {});
    if (probe.error || probe.status !== 0) {
      assert.ok(true, "unshare -n is not available here; skipped");
      return;
    }
    const r = spawnSync("unshare", ["-n", process.execPath, join(ROOT, "bin/assay.js"), "verify", TGZ, "--attestation", ATTESTATIONS, "--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER], { encoding: "utf8", cwd: ROOT });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\nverified\n$/);
  });
});

describe("assay verify: keyed signatures", () => {
  it("says when GitHub's attestations document links a bundle instead of holding it", async () => {
    const dir = tmp({ x: "x", "gh.json": '{"attestations": [{"bundle": null, "bundle_url": "https://example.invalid/b.json"}]}', "k.pub": testKey().publicPem });
    const r = await run(join(dir, "x"), "--attestation", join(dir, "gh.json"), "--key", join(dir, "k.pub"));
    assert.equal(r.code, 2);
    assert.match(r.err, /gh\.json:1:\d+: this attestation's bundle is not inline \(GitHub links large bundles at bundle_url\): download it and pass it \(bundle\)/);
  });

  it("says which formats it reads when a file is none of them", async () => {
    const dir = tmp({ x: "x", "what.json": '{"signature": "abc"}', "k.pub": testKey().publicPem });
    const r = await run(join(dir, "x"), "--bundle", join(dir, "what.json"), "--key", join(dir, "k.pub"));
    assert.equal(r.code, 2);
    assert.match(r.err, /what\.json:1:1: not a Sigstore bundle \(no mediaType\), nor an attestations document \(npm, GitHub\), a PEP 740 provenance or attestation, a cosign bundle or a DSSE envelope/);
  });

  it("refuses a key or trusted root that is not a small regular file before reading it", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("release 1.2.3\n");
    const dir = tmp({ "app.tar.gz": artifact, "app.sigstore.json": JSON.stringify(messageBundle(artifact, privateKey)), "big.pub": Buffer.alloc(70 * 1024, 65), "k.pub": publicPem });
    const bundle = join(dir, "app.sigstore.json");
    const big = await run(join(dir, "app.tar.gz"), "--bundle", bundle, "--key", join(dir, "big.pub"));
    assert.equal(big.code, 2);
    assert.match(big.err, /big\.pub: 71680 bytes is too large for a public key/);
    const device = await run(join(dir, "app.tar.gz"), "--bundle", bundle, "--key", "/dev/zero");
    assert.equal(device.code, 2);
    assert.match(device.err, /\/dev\/zero: not a regular file/);
    const root = await run(join(dir, "app.tar.gz"), "--bundle", bundle, "--key", join(dir, "k.pub"), "--trusted-root", "/dev/zero");
    assert.equal(root.code, 2);
    assert.match(root.err, /\/dev\/zero: not a regular file/);
  });

  it("passes a message signature made with the key, and fails the altered artifact", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("release 1.2.3\n");
    const log = testLog();
    const dir = tmp({ "app.tar.gz": artifact, "cosign.pub": publicPem, "root.json": JSON.stringify(log.trustedRoot), "app.sigstore.json": JSON.stringify(log.logged(messageBundle(artifact, privateKey), publicPem)) });
    const ok = await run(join(dir, "app.tar.gz"), "--bundle", join(dir, "app.sigstore.json"), "--key", join(dir, "cosign.pub"), "--trusted-root", join(dir, "root.json"));
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /✓ signature: verified with the key given with --key/);
    writeFileSync(join(dir, "app.tar.gz"), "release 1.2.4\n");
    const bad = await run(join(dir, "app.tar.gz"), "--bundle", join(dir, "app.sigstore.json"), "--key", join(dir, "cosign.pub"), "--trusted-root", join(dir, "root.json"));
    assert.equal(bad.code, 1);
    assert.match(bad.out, /not verified: signature: the signature does not match: the artifact or the bundle was altered/);
  });

  it("fails a bundle whose message digest is another file's, though the signature is over this one", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("release 1.2.3\n");
    const bundle = messageBundle(artifact, privateKey) as { messageSignature: { messageDigest: { digest: string } } };
    bundle.messageSignature.messageDigest.digest = Buffer.alloc(32, 7).toString("base64");
    const dir = tmp({ app: artifact, "k.pub": publicPem, "app.sigstore.json": JSON.stringify(bundle) });
    const r = await run(join(dir, "app"), "--bundle", join(dir, "app.sigstore.json"), "--key", join(dir, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: subject: the bundle's sha256 message digest is not the artifact's/);
  });

  it("refuses a DSSE payload that is not an in-toto statement, naming the field", async () => {
    const { privateKey, publicPem } = testKey();
    const bundle = dsseBundle({ _type: "https://in-toto.io/Statement/v1", subject: [{ name: "x", digest: { sha256: "0".repeat(64) } }], predicateType: "p", predicate: {} }, privateKey) as { dsseEnvelope: { payloadType: string } };
    bundle.dsseEnvelope.payloadType = "application/vnd.example+json";
    const dir = tmp({ x: "x", "k.pub": publicPem, "x.sigstore.json": JSON.stringify(bundle) });
    const r = await run(join(dir, "x"), "--bundle", join(dir, "x.sigstore.json"), "--key", join(dir, "k.pub"));
    assert.equal(r.code, 2);
    assert.match(r.err, /x\.sigstore\.json: malformed DSSE envelope: the payload type is "application\/vnd\.example\+json", not an in-toto statement \(application\/vnd\.in-toto\+json\) \(dsseEnvelope\.payloadType\)/);
  });

  it("reads a bundle written with the .proto field names (protobuf JSON's other spelling)", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("release 1.2.3\n");
    const snake = (v: unknown): unknown => (Array.isArray(v) ? v.map(snake) : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(x)])) : v);
    const dir = tmp({ app: artifact, "k.pub": publicPem, "app.sigstore.json": JSON.stringify(snake(messageBundle(artifact, privateKey))) });
    assert.match(readFileSync(join(dir, "app.sigstore.json"), "utf8"), /"media_type".*"verification_material".*"message_signature"/);
    const r = await run(join(dir, "app"), "--bundle", join(dir, "app.sigstore.json"), "--key", join(dir, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(r.code, 0, r.out + r.err);
  });

  it("reads a bundle saved with a byte order mark, UTF-8 or UTF-16 as PowerShell writes them", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("release 1.2.3\n");
    const dir = tmp({ app: artifact, "k.pub": publicPem, "app.sigstore.json": `\uFEFF${JSON.stringify(messageBundle(artifact, privateKey))}` });
    const r = await run(join(dir, "app"), "--bundle", join(dir, "app.sigstore.json"), "--key", join(dir, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(r.code, 0, r.out + r.err);
    writeFileSync(join(dir, "utf16.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(messageBundle(artifact, privateKey)), "utf16le")]));
    const utf16 = await run(join(dir, "app"), "--bundle", join(dir, "utf16.json"), "--key", join(dir, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(utf16.code, 0, utf16.out + utf16.err);
  });

  it("fails with another key", async () => {
    const a = testKey();
    const b = testKey();
    const artifact = Buffer.from("x");
    const dir = tmp({ x: artifact, "other.pub": b.publicPem, "x.sigstore.json": JSON.stringify(messageBundle(artifact, a.privateKey)) });
    assert.equal((await run(join(dir, "x"), "--bundle", join(dir, "x.sigstore.json"), "--key", join(dir, "other.pub"), "--insecure-ignore-tlog")).code, 1);
  });

  it("checks an in-toto statement's subject against the artifact", async () => {
    const { privateKey, publicPem } = testKey();
    const artifact = Buffer.from("binary");
    const { createHash } = await import("node:crypto");
    const statement = { _type: "https://in-toto.io/Statement/v1", subject: [{ name: "tool", digest: { sha256: createHash("sha256").update(artifact).digest("hex") } }], predicateType: "https://slsa.dev/provenance/v1", predicate: { buildDefinition: { buildType: "https://actions.github.io/buildtypes/workflow/v1", externalParameters: { workflow: { ref: "refs/tags/v2.0.0", repository: "https://github.com/acme/tool", path: ".github/workflows/release.yml" } }, resolvedDependencies: [{ uri: "git+https://github.com/acme/tool@refs/tags/v2.0.0", digest: { gitCommit: "a".repeat(40) } }] }, runDetails: { builder: { id: "https://github.com/actions/runner/github-hosted" } } } };
    const dir = tmp({ tool: artifact, "k.pub": publicPem, "tool.intoto.jsonl": `${JSON.stringify(dsseBundle(statement, privateKey))}\n` });
    const r = await run(join(dir, "tool"), "--attestation", join(dir, "tool.intoto.jsonl"), "--key", join(dir, "k.pub"), "--insecure-ignore-tlog", "--predicate-type", "slsa", "--format", "json");
    assert.equal(r.code, 0, r.out + r.err);
    const v = JSON.parse(r.out) as { results: { provenance: Record<string, string> }[] };
    assert.deepEqual(v.results[0]!.provenance, { slsaVersion: "v1", builder: "https://github.com/actions/runner/github-hosted", buildType: "https://actions.github.io/buildtypes/workflow/v1", sourceRepository: "https://github.com/acme/tool", ref: "refs/tags/v2.0.0", workflow: ".github/workflows/release.yml", commit: "a".repeat(40) });
  });
});

describe("assay verify: OpenSSF model signatures", () => {
  const files = { "config.json": '{"hidden": 8}\n', "model.safetensors": Buffer.from("weights"), "tokenizer/vocab.txt": "a\nb\n" };

  it("passes when every file matches, and names missing, extra and changed files", async () => {
    const { privateKey, publicPem } = testKey();
    const model = tmp({ ...files, "model.sig": JSON.stringify(dsseBundle(modelStatement("tiny", files), privateKey)) });
    const keyDir = tmp({ "k.pub": publicPem });
    const ok = await run(model, "--model-signature", join(model, "model.sig"), "--key", join(keyDir, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /✓ files: all 3 files of .* match the signed digests/);

    writeFileSync(join(model, "config.json"), '{"hidden": 9}\n');
    unlinkSync(join(model, "tokenizer/vocab.txt"));
    mkdirSync(join(model, "extra"), { recursive: true });
    writeFileSync(join(model, "extra/payload.pkl"), "x");
    const bad = await run(model, "--model-signature", join(model, "model.sig"), "--key", join(keyDir, "k.pub"), "--insecure-ignore-tlog", "--format", "json");
    assert.equal(bad.code, 1);
    const v = JSON.parse(bad.out) as { model: { missing: string[]; extra: string[]; changed: string[] }; failure: string };
    assert.deepEqual(v.model, { files: 3, missing: ["tokenizer/vocab.txt"], extra: ["extra/payload.pkl"], changed: ["config.json"] } as unknown);
    assert.equal(v.failure, "files: missing: tokenizer/vocab.txt; extra: extra/payload.pkl; changed: config.json");
  });

  it("fails a manifest altered after signing", async () => {
    const { privateKey, publicPem } = testKey();
    const st = modelStatement("tiny", files) as { predicate: { resources: { digest: string }[] } };
    const bundle = dsseBundle(st, privateKey) as { dsseEnvelope: { payload: string } };
    const payload = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString()) as typeof st;
    payload.predicate.resources[0]!.digest = "0".repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(payload)).toString("base64");
    const model = tmp({ ...files, "model.sig": JSON.stringify(bundle), "k.pub": publicPem });
    const r = await run(model, "--model-signature", join(model, "model.sig"), "--key", join(model, "k.pub"), "--insecure-ignore-tlog");
    assert.equal(r.code, 1);
    assert.match(r.out, /not verified: signature: the signature does not match/);
  });
});
