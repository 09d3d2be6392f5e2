import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import type { Rule } from "../../src/core/rule.js";
import { maskSecret, redactFinding } from "../../src/core/redact.js";
import { scan } from "../../src/api/scan.js";
import { render, FORMATS } from "../../src/report/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const SECRET = "ghp_Zx9PLANTEDSECRETvalue0123456789abcd";

describe("secret redaction", () => {
  it("masks the secret everywhere and keeps a preview and a hash", () => {
    const f = redactFinding({ message: `token ${SECRET} found`, snippet: `TOKEN=${SECRET}`, fix: `revoke ${SECRET}`, evidence: { raw: SECRET, list: [SECRET] }, secret: SECRET });
    assert.doesNotMatch(JSON.stringify(f), new RegExp(SECRET));
    assert.equal(f.evidence?.secretPreview, maskSecret(SECRET));
    assert.match(String(f.evidence?.secretHash), /^[0-9a-f]{64}$/);
    assert.equal(f.key, f.evidence?.secretHash);
    assert.equal("secret" in f, false);
  });

  it("masks a secret that is a plain word only where it stands alone in the file's text, never in the rule's own words", () => {
    const f = redactFinding({
      message: "Database URL with a password",
      snippet: "DATABASE_URL=postgres://user:pass@db/app # pass",
      evidence: { detector: "database-url-password" },
      secret: "pass",
    });
    assert.equal(f.message, "Database URL with a password");
    assert.equal(f.evidence?.["detector"], "database-url-password");
    const g = redactFinding({ message: "Password in a .netrc entry (a default password)", snippet: "machine h login u password password", evidence: { detector: "netrc-password" }, secret: "password" });
    assert.equal(g.message, "Password in a .netrc entry (a default password)");
    assert.equal(g.evidence?.["detector"], "netrc-password");
    // In the file's text the keyword and the value are the same word: both are masked.
    assert.equal(g.snippet, `machine h login u ${maskSecret("password")} ${maskSecret("password")}`);
    assert.equal(f.snippet, `DATABASE_URL=postgres://user:${maskSecret("pass")}@db/app # ${maskSecret("pass")}`);
    // A secret with digits or symbols is masked wherever it appears, inside words too.
    assert.equal(redactFinding({ message: "x", snippet: "apass1word", secret: "pass1" }).snippet, `a${maskSecret("pass1")}word`);
  });

  it("never lets a planted secret reach any report format", async () => {
    const leaky: Rule = {
      meta: { id: "test/leaky", title: "Leaky test rule", severity: "high", confidence: "high", check: "SAST", rationale: "r", remediation: "f", references: [], network: false, assessmentSection: "metadata" },
      async run(ctx) {
        const t = await ctx.readText("config.env");
        if (t) ctx.report({ message: `found ${SECRET}`, locations: [{ path: "config.env", startLine: 1 }], snippet: t.lineText(1), secret: SECRET });
      },
    };
    const a = await scan({ path: tmpDir({ "config.env": `TOKEN=${SECRET}\n` }), policy: defaultPolicy(), rules: [leaky], now: new Date("2026-06-01T00:00:00Z") });
    assert.equal(a.findings.length, 1);
    for (const format of FORMATS) assert.doesNotMatch(render(a, format, { verbose: true }), new RegExp(SECRET), format);
  });
});
