import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/private-key.js";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(61);

describe("secrets/private-key", () => {
  it("reports a PEM key over its whole block, from BEGIN to END", async () => {
    const { findings } = await run({ "deploy/key.pem": `# deploy key\n${t("«pem:EC PRIVATE KEY|4»")}\n` });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]]), [["Private key (PEM, OpenSSH or PGP) (EC)", { path: "deploy/key.pem", startLine: 2, startColumn: 1, endLine: 7, endColumn: 28 }]]);
    assert.equal(findings[0]!.snippet, "----********");
  });

  it("reports an encrypted key at medium severity", async () => {
    const { findings } = await run({ "k.pem": `${t("«pem:ENCRYPTED PRIVATE KEY|10»")}\n` });
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["medium", "Private key (PEM, OpenSSH or PGP) (encrypted PKCS#8, encrypted with a passphrase)"]]);
  });

  it("stays quiet on certificates, public keys and elided examples", async () => {
    const { findings } = await run({ "a.crt": `${t("«pem:CERTIFICATE|12»")}\n`, "b.pub": `${t("«pem:PUBLIC KEY|4»")}\n`, "README.md": "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n" });
    assert.deepEqual(findings, []);
  });

  it("reads many BEGIN lines without an END in linear time and reports nothing", async () => {
    const { findings } = await run({ "junk.txt": "-----BEGIN RSA PRIVATE KEY-----\n".repeat(20_000) });
    assert.deepEqual(findings, []);
  });

  it("reports committed keystores by name and first bytes: release keys medium, Android's debug keystore low, test ones at low confidence", async () => {
    const body = (head: number[]): Uint8Array => Uint8Array.from([...head, ...Array.from({ length: 60 }, (_, i) => (i * 37 + 11) % 256)]);
    const { findings } = await run({
      "app/release.jks": body([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]),
      "certs/server.p12": body([0x30, 0x82, 0x0a, 0x1b, 0x02, 0x01, 0x03]),
      "app/debug.keystore": body([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]),
      "src/test/resources/client.pfx": body([0x30, 0x82, 0x04, 0x00, 0x02, 0x01, 0x03]),
      // A Git LFS pointer and a text file under a keystore's name are not keystores.
      "assets/store.p12": "version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 2412\n",
      "notes.keystore": "keystore notes\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.confidence, f.evidence.kind]), [
      ["app/debug.keystore", "low", "medium", "Java keystore (JKS)"],
      ["app/release.jks", "medium", "medium", "Java keystore (JKS)"],
      ["certs/server.p12", "medium", "medium", "PKCS#12 keystore"],
      ["src/test/resources/client.pfx", "medium", "low", "PKCS#12 keystore"],
    ]);
  });
  it("reads a keystore behind a link inside the checkout whose target has no keystore name", async () => {
    const dir = tmpDir({ "blobs/0a1b2c": Uint8Array.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, ...Array.from({ length: 60 }, (_, i) => (i * 37 + 11) % 256)]) });
    symlinkSync("blobs/0a1b2c", join(dir, "release.jks"));
    const { findings } = await runRule(rule, dir);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["kind"]]), [["release.jks", "Java keystore (JKS)"]]);
  });

  it("reports a PGP key whose armour names its owner with `<` and `>` as the key it is, not a placeholder", async () => {
    const body = Array.from({ length: 6 }, () => t("«b64:64»")).join("\n");
    const armoured = (comment: string): string => `-----BEGIN PGP PRIVATE KEY BLOCK-----\n${comment}\n${body}\n=${t("«b64:4»")}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
    const { findings } = await run({ "keys/alice.asc": armoured("Comment: Alice <alice@example.org>\n"), "keys/bob.asc": armoured("Version: GnuPG v2\nComment: Bob <bob@acme-corp.io>\n") });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.severity]), [["keys/alice.asc", "high"], ["keys/bob.asc", "high"]]);
  });
});
