import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it, mock } from "node:test";
import { verifyArtifactBundle, verifyBundleSigner } from "../../src/advisories/signature.js";
import { AdvisoryStore } from "../../src/advisories/store.js";
import { cli } from "../../src/cli/main.js";
import { sigstoreSeeds } from "../../src/verify/trust.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { io } from "./helpers.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "assay-sig-"));
  dirs.push(d);
  return d;
};
/** A Sigstore bundle (v0.3, message signature, public-key hint), as `cosign sign-blob --key --new-bundle-format` writes one without a log entry. */
function keyedBundle(artifact: Buffer, privateKey: KeyObject): unknown {
  return {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: { publicKey: { hint: "advisory-team-key" }, tlogEntries: [] },
    messageSignature: { messageDigest: { algorithm: "SHA2_256", digest: createHash("sha256").update(artifact).digest("base64") }, signature: sign("sha256", artifact, privateKey).toString("base64") },
  };
}

const EXPORT = JSON.stringify({ assayAdvisories: 1, exported: "2026-05-01T00:00:00Z", records: [{ id: "ACME-2026-9", modified: "2026-05-01T00:00:00Z", summary: "Embargoed until 2026-06-01", affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "3.1.4" }] }] }] }] });

/** A folder holding EXPORT, its bundle signed with a new key, and that key's public half as team.pub. */
function signedExport(): { dir: string; file: string } {
  const dir = tmp();
  const file = join(dir, "embargoed.json");
  writeFileSync(file, EXPORT);
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  writeFileSync(join(dir, "team.pub"), publicKey.export({ type: "spki", format: "pem" }));
  writeFileSync(`${file}.sigstore.json`, JSON.stringify(keyedBundle(Buffer.from(EXPORT), privateKey)));
  return { dir, file };
}

describe("signed advisory exchange", () => {
  it("imports a file only when its bundle verifies with the given key, and refuses a tampered file or another key", async () => {
    const { dir, file } = signedExport();
    const db = join(dir, "db");
    const ok = io();
    assert.equal(await cli(["db", "import", file, "--db", db, "--require-signature", "--key", join(dir, "team.pub")], ok), 0, ok.err);
    assert.match(ok.out, /signature verified: key advisory-team-key/);
    const store = AdvisoryStore.open(db)!;
    assert.equal(store.lookup("npm", "widget")[0]?.local, true);
    store.close();

    writeFileSync(file, EXPORT.replace("3.1.4", "0.0.1"));
    const tampered = io();
    assert.equal(await cli(["db", "import", file, "--db", join(dir, "db2"), "--require-signature", "--key", join(dir, "team.pub")], tampered), 2);
    assert.match(tampered.err, /signature verification failed/);

    writeFileSync(file, EXPORT);
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    writeFileSync(join(dir, "other.pub"), other.export({ type: "spki", format: "pem" }));
    const wrongKey = io();
    assert.equal(await cli(["db", "import", file, "--db", join(dir, "db3"), "--require-signature", "--key", join(dir, "other.pub")], wrongKey), 2);
    assert.match(wrongKey.err, /signature verification failed/);
  });

  it("imports only the bytes it verified: a file swapped after the check is refused, not imported", async () => {
    const { dir, file } = signedExport();
    // The second read of the file (the import's) sees other bytes, as if it were replaced in between.
    const real = fs.readFileSync;
    let reads = 0;
    const swap = mock.method(fs, "readFileSync", (...args: Parameters<typeof fs.readFileSync>) => (args[0] === file && ++reads === 2 ? Buffer.from(EXPORT.replace("3.1.4", "0.0.1")) : real(...args)));
    syncBuiltinESMExports();
    const r = io();
    try {
      assert.equal(await cli(["db", "import", file, "--db", join(dir, "db"), "--require-signature", "--key", join(dir, "team.pub")], r), 2);
    } finally {
      swap.mock.restore();
      syncBuiltinESMExports();
    }
    assert.equal(reads, 2);
    assert.match(r.err, /changed between its signature check and its import; nothing was imported/);
    assert.equal(AdvisoryStore.open(join(dir, "db")), undefined);
  });

  it("refuses a signed import without a bundle or without a named signer", async () => {
    const dir = tmp();
    const file = join(dir, "a.json");
    writeFileSync(file, EXPORT);
    const none = io();
    assert.equal(await cli(["db", "import", file, "--db", join(dir, "db"), "--require-signature", "--certificate-identity", "x", "--certificate-oidc-issuer", "y"], none), 2);
    assert.match(none.err, /no Sigstore bundle for/);
    writeFileSync(`${file}.sigstore.json`, "{}");
    const unnamed = io();
    assert.equal(await cli(["db", "import", file, "--db", join(dir, "db"), "--require-signature"], unnamed), 2);
    assert.match(unnamed.err, /needs --certificate-identity and --certificate-oidc-issuer/);
  });

  describe("a real keyless bundle (npm's attestation for sigstore@1.0.0), verified offline against the shipped trusted root", skipWithoutSharedData(), () => {
    const bundle = (): unknown => (JSON.parse(readFileSync(join(sharedData() as string, "sigstore", "npm-sigstore-1.0.0-attestations.json"), "utf8")) as { attestations: { bundle: unknown }[] }).attestations[0]!.bundle;
    const identity = "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0";
    const issuer = "https://token.actions.githubusercontent.com";

    it("accepts the identity and issuer that signed it", () => {
      assert.deepEqual(verifyBundleSigner(bundle(), { kind: "identity", identities: [identity], issuers: [issuer] }), { identity, issuer, kind: "dsse" });
    });

    it("refuses another identity, another issuer, and a tampered payload", () => {
      assert.throws(() => verifyBundleSigner(bundle(), { kind: "identity", identities: ["https://github.com/evil/fork/.github/workflows/publish.yml@refs/tags/v1.0.0"], issuers: [issuer] }), /not an allowed identity/);
      assert.throws(() => verifyBundleSigner(bundle(), { kind: "identity", identities: [identity], issuers: ["https://accounts.google.com"] }), /not an allowed issuer/);
      const b = bundle() as { dsseEnvelope: { payload: string } };
      const payload = Buffer.from(b.dsseEnvelope.payload, "base64").toString("utf8").replace("sigstore", "sigstorf");
      b.dsseEnvelope.payload = Buffer.from(payload).toString("base64");
      assert.throws(() => verifyBundleSigner(b, { kind: "identity", identities: [identity], issuers: [issuer] }), /signature verification failed/);
    });

    it("refuses it for a file it is not about", () => {
      assert.throws(() => verifyArtifactBundle(Buffer.from(EXPORT), bundle(), { kind: "identity", identities: [identity], issuers: [issuer] }), /not about this file/);
    });

    it("reads --trusted-root as `assay verify` does: one JSON document or the JSON lines `gh attestation trusted-root` writes; a broken one is named", async () => {
      const dir = tmp();
      const file = join(dir, "embargoed.json");
      writeFileSync(file, EXPORT);
      writeFileSync(`${file}.sigstore.json`, JSON.stringify(bundle()));
      const root = Buffer.from(sigstoreSeeds()["trusted_root.json"]!, "base64").toString("utf8");
      const flags = (rootFile: string): string[] => ["db", "import", file, "--db", join(dir, "db"), "--require-signature", "--certificate-identity", identity, "--certificate-oidc-issuer", issuer, "--trusted-root", rootFile];
      for (const [name, text] of [["root.json", root], ["roots.jsonl", `${JSON.stringify(JSON.parse(root))}\n${JSON.stringify(JSON.parse(root))}\n`]] as const) {
        writeFileSync(join(dir, name), text);
        const r = io();
        assert.equal(await cli(flags(join(dir, name)), r), 2);
        // The root was read and the bundle checked under it: what fails is the file, which npm's attestation is not about.
        assert.match(r.err, /not about this file/, name);
      }
      writeFileSync(join(dir, "broken.json"), "{\"mediaType\": ");
      const broken = io();
      assert.equal(await cli(flags(join(dir, "broken.json")), broken), 2);
      assert.match(broken.err, /broken\.json: not a readable trusted root/);
      assert.equal(AdvisoryStore.open(join(dir, "db")), undefined, "nothing was imported");
    });
  });
});
