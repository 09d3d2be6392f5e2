import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/private-key.js";
import { ruleRunner } from "../../helpers/run-rule.js";
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
});
