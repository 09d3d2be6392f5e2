import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadTrust, keylessThresholds, sigstoreSeeds } from "../../src/verify/trust.js";
import { runCli } from "../cli/run-cli.js";
import { tmpDir } from "../helpers/tmp-repo.js";
import { testInstance } from "./test-instance.js";
import { testLog } from "./test-log.js";

// Trusted roots: one file may hold several (what `gh attestation trusted-root` writes), and a
// keyless bundle is asked for what its root's instance makes. GitHub signs the attestations of
// private repositories with its own instance: a Fulcio without CT log and an RFC 3161 timestamp
// authority, no transparency log. The instance here is built the same way by the test.

const IDENTITY = "https://github.com/acme/private-tool/.github/workflows/release.yml@refs/tags/v1.0.0";
const ISSUER = "https://token.actions.githubusercontent.com";
const IDENTITY_FLAGS = ["--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER];
const publicGood = (): unknown => JSON.parse(Buffer.from(sigstoreSeeds()["trusted_root.json"] as string, "base64").toString("utf8"));

/** A checkout-less folder with an artifact, its bundle from `instance`, and the given trusted root files. */
function setUp(roots: Record<string, string>): { dir: string; artifact: string; bundle: string; instance: ReturnType<typeof testInstance> } {
  const instance = testInstance();
  const artifact = Buffer.from("private-tool 1.0.0\n");
  const statement = { _type: "https://in-toto.io/Statement/v1", subject: [{ name: "tool", digest: { sha256: createHash("sha256").update(artifact).digest("hex") } }], predicateType: "https://slsa.dev/provenance/v1", predicate: { buildDefinition: { buildType: "https://actions.github.io/buildtypes/workflow/v1", externalParameters: {} }, runDetails: { builder: { id: "https://github.com/actions/runner" } } } };
  const files: Record<string, string | Buffer> = { tool: artifact, "tool.sigstore.json": JSON.stringify(instance.signed(statement, IDENTITY, ISSUER)) };
  for (const [n, f] of Object.entries(roots)) files[n] = f.replace("@INSTANCE@", JSON.stringify(instance.trustedRoot));
  const dir = tmpDir(files);
  return { dir, artifact: join(dir, "tool"), bundle: join(dir, "tool.sigstore.json"), instance };
}

describe("keyless thresholds follow the trusted root", () => {
  it("asks Sigstore's public-good instance for a log entry, an SCT and a trusted time, and a logless instance for a trusted time alone", () => {
    assert.deepEqual(keylessThresholds(loadTrust().material), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
    assert.deepEqual(keylessThresholds(loadTrust({ trustedRootJson: testInstance().trustedRoot }).material), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 });
  });
});

describe("assay verify: an instance without logs (GitHub's, for private repositories)", () => {
  it("verifies a bundle timestamped by the instance's TSA against its trusted root, saying the timestamp gives the time", async () => {
    const { artifact, bundle, dir } = setUp({ "root.json": "@INSTANCE@" });
    const r = await runCli(["verify", artifact, "--bundle", bundle, ...IDENTITY_FLAGS, "--trusted-root", join(dir, "root.json")]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✓ transparency log: no transparency log entry; the signed timestamp gives the time/);
    assert.match(r.stdout, new RegExp(`✓ identity: ${IDENTITY.replace(/[.?]/g, "\\$&")} \\(issuer ${ISSUER.replace(/[.]/g, "\\.")}\\)`));
  });

  it("reads the JSON lines `gh attestation trusted-root` writes, verifying with whichever root is the bundle's", async () => {
    const { artifact, bundle, dir } = setUp({ "roots.jsonl": `${JSON.stringify(publicGood())}\n@INSTANCE@\n` });
    const r = await runCli(["verify", artifact, "--bundle", bundle, ...IDENTITY_FLAGS, "--trusted-root", join(dir, "roots.jsonl"), "--format", "json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((JSON.parse(r.stdout) as { verified: boolean }).verified, true);
  });

  it("fails it against Sigstore's public-good root alone: its certificate authority is not trusted there", async () => {
    const { artifact, bundle } = setUp({});
    const r = await runCli(["verify", artifact, "--bundle", bundle, ...IDENTITY_FLAGS]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /not verified: timestamp/);
  });

  it("still asks for a log entry when the root names a transparency log, and for the instance's own timestamp", async () => {
    const logged = { ...(testInstance().trustedRoot as object), tlogs: (testLog().trustedRoot as { tlogs: unknown[] }).tlogs };
    const withLog = setUp({ "root.json": "@INSTANCE@" });
    const rootWithLog = { ...(withLog.instance.trustedRoot as object), tlogs: (logged as { tlogs: unknown[] }).tlogs };
    const d = tmpDir({ "root.json": JSON.stringify(rootWithLog) });
    const r = await runCli(["verify", withLog.artifact, "--bundle", withLog.bundle, ...IDENTITY_FLAGS, "--trusted-root", join(d, "root.json")]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /not verified: transparency log/);
    // Another instance's root (same shape, other keys) does not vouch for this bundle's timestamp.
    const other = tmpDir({ "root.json": JSON.stringify(testInstance().trustedRoot) });
    const o = await runCli(["verify", withLog.artifact, "--bundle", withLog.bundle, ...IDENTITY_FLAGS, "--trusted-root", join(other, "root.json")]);
    assert.equal(o.code, 1, o.stdout + o.stderr);
    assert.match(o.stdout, /not verified: timestamp/);
  });

  it("refuses a roots file with a line that is not JSON, naming the line", async () => {
    const { artifact, bundle, dir } = setUp({ "roots.jsonl": `@INSTANCE@\n{"mediaType": \n` });
    const r = await runCli(["verify", artifact, "--bundle", bundle, ...IDENTITY_FLAGS, "--trusted-root", join(dir, "roots.jsonl")]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /roots\.jsonl: not a readable trusted root \(line 2: /);
  });
});
