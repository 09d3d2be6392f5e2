import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import type { Finding } from "../../src/core/finding.js";
import { defaultPolicy, parsePolicy } from "../../src/policy/policy-file.js";
import { triage } from "../../src/policy/triage.js";
import { CHECKS, RULES } from "../../src/rules/index.js";

const parse = (text: string) => parsePolicy(text, "assay.yml", RULES.map((r) => r.meta), CHECKS);
const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function secretFinding(over: Partial<Finding> = {}): Finding {
  return { ruleId: "secrets/forge-token", check: "Secrets", severity: "critical", confidence: "high", message: "GitHub token", locations: [{ path: "src/app.ts", startLine: 3 }], evidence: { secretHash: HASH, secretPreview: "ghp_********" }, fingerprint: "f1", status: "open", ...over };
}

describe("policy: secrets section", () => {
  it("parses allowlists and what the scan includes", () => {
    const p = parse(`secrets:\n  allow:\n    paths: ["test/fixtures/**"]\n    hashes: [${HASH.slice(0, 16).toUpperCase()}]\n  scan:\n    vendored: true\n    minified: false\n`);
    assert.deepEqual(p.secrets, { allowPaths: ["test/fixtures/**"], allowHashes: [HASH.slice(0, 16)], scanVendored: true, scanMinified: false });
    assert.deepEqual(parse("version: 1\n").secrets, defaultPolicy().secrets);
  });

  it("names file, line and column of a mistake", () => {
    for (const [text, line, pattern] of [
      ["secrets:\n  allow:\n    hashes: [nothex]\n", 3, /SHA-256/],
      ["secrets:\n  scan:\n    vendored: yes please\n", 3, /true or false/],
      ["secrets:\n  alow: {}\n", 2, /unknown key `secrets.alow`/],
      ["secrets: [a]\n", 1, /must be a mapping/],
    ] as const) {
      assert.throws(() => parse(text), (e: unknown) => e instanceof AssayError && e.code === "POLICY_INVALID" && e.position?.line === line && pattern.test(e.message), text);
    }
  });

  it("suppresses allowed secrets by path or by hash prefix, with the reason, and nothing of other families", () => {
    const policy = defaultPolicy();
    policy.secrets.allowPaths = ["test/**"];
    policy.secrets.allowHashes = [HASH.slice(0, 12)];
    const r = triage([secretFinding(), secretFinding({ fingerprint: "f2", evidence: { secretHash: "0".repeat(64) }, locations: [{ path: "test/x.ts" }] }), secretFinding({ fingerprint: "f3", evidence: { secretHash: "1".repeat(64) } }), secretFinding({ ruleId: "repo/license", fingerprint: "f4", locations: [{ path: "test/y" }] })], { policy, today: "2026-06-01" });
    assert.deepEqual(r.findings.map((f) => [f.fingerprint, f.status, f.statusReason]), [
      ["f1", "suppressed", `allowed by secrets.allow.hashes in the policy (${HASH.slice(0, 12)}…)`],
      ["f2", "suppressed", "allowed by secrets.allow.paths in the policy (test/**)"],
      ["f3", "open", undefined],
      ["f4", "open", undefined],
    ]);
  });

  it("says a baselined secret is still present at HEAD, or still in the history", () => {
    const r = triage([secretFinding(), secretFinding({ fingerprint: "f2", evidence: { secretHash: HASH, presentAtHead: false } })], { policy: defaultPolicy(), today: "2026-06-01", baseline: new Set(["f1", "f2"]) });
    assert.match(r.findings[0]!.statusReason ?? "", /still present at HEAD: it stays usable until it is revoked/);
    assert.match(r.findings[1]!.statusReason ?? "", /still in the history/);
  });
});
