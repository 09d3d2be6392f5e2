import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CREDENTIAL_PATTERNS, hasCredential, maskCredentials } from "../../src/core/mask.js";
import { maskFinding } from "../../src/core/redact.js";

describe("maskCredentials", () => {
  it("masks provider tokens, keeping the prefix that says what they are", () => {
    const cases: [string, string][] = [
      [`token ghp_${"a".repeat(36)} end`, "token ghp_******** end"],
      [`gho_${"B".repeat(36)}`, "gho_********"],
      [`ghs_${"c1".repeat(18)}`, "ghs_********"],
      [`GITHUB_TOKEN=ghs_1234567_eyJ${"h".repeat(30)}.eyJ${"p".repeat(200)}.${"s".repeat(86)} next`, "GITHUB_TOKEN=ghs_******** next"],
      [`github_pat_11AAAAAAA0${"b".repeat(12)}_${"C".repeat(59)}`, "github_pat_********"],
      ["id=AKIAIOSFODNN7EXAMPLE;", "id=AKIA********;"],
      [`${"ASIA"}Y34FZKBOKMUTVV7A`, "ASIA********"],
      ["xoxb-123456789012-abcdefghijkl", "xoxb-********"],
      ["xoxp-1-2-3-abcdef0123", "xoxp-********"],
      [`${"sk_live"}_4eC39HqLyjWDarjtT1zdp7dc`, "sk_live_********"],
      ["glpat-abcdefghij0123456789", "glpat-********"],
      [`npm_${"x".repeat(36)}`, "npm_********"],
      ["https://ci:s3cr3t@example.com/repo.git", "https://ci:********@example.com/repo.git"],
      ["https://ci:s3cr3t@sha256.example.com/", "https://ci:********@sha256.example.com/"],
      ["git+ssh://me:pw@host:22/x", "git+ssh://me:********@host:22/x"],
    ];
    for (const [text, masked] of cases) assert.equal(maskCredentials(text), masked, text);
  });

  it("masks the body of a private key block, and a block cut off in a snippet", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\nabcdEF==\n-----END RSA PRIVATE KEY-----";
    assert.equal(maskCredentials(`before\n${key}\nafter`), "before\n-----BEGIN RSA PRIVATE KEY-----\n********\n-----END RSA PRIVATE KEY-----\nafter");
    assert.equal(maskCredentials("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA"), "-----BEGIN OPENSSH PRIVATE KEY-----\n********\n");
    assert.equal(maskCredentials("-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz"), "-----BEGIN PGP PRIVATE KEY BLOCK-----\n********\n");
    assert.equal(maskCredentials("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"), "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----");
  });

  it("screens texts with one pass that never skips one a pattern would mask", () => {
    // Through a copy of the list too (its screen is built apart), and through a list whose extra
    // pattern cannot join the alternation (a flag), which gets no screen: all must mask alike.
    const withFlag = [...CREDENTIAL_PATTERNS, { id: "x", pattern: /zzz(q+)/gi, keep: 0 }];
    const cases: [string, string][] = [
      ["id=AKIAIOSFODNN7EXAMPLE;", "id=AKIA********;"],
      [`a ghp_${"a".repeat(36)} b`, "a ghp_******** b"],
      ["https://u:p@h/x", "https://u:********@h/x"],
      [`AIza${"0".repeat(35)}`, "AIza********"],
      ["plain text with_underscores and gl words", "plain text with_underscores and gl words"],
    ];
    for (const [text, masked] of cases) {
      assert.equal(maskCredentials(text), masked, text);
      assert.equal(maskCredentials(text, [...CREDENTIAL_PATTERNS]), masked, text);
      assert.equal(maskCredentials(text, withFlag), masked, text);
    }
    assert.equal(maskCredentials("ZZZQQ here", withFlag), "ZZZ******** here");
    assert.equal(maskCredentials("ZZZQQ here", []), "ZZZQQ here");
  });

  it("leaves ordinary text alone", () => {
    // An image pinned by digest is name:tag@sha256:…, not user:password@host (a workflow's docker:// step, a Helm oci:// chart).
    const pinned = `docker://alpine:3.19@sha256:${"0123456789abcdef".repeat(4)}`;
    for (const text of ["ghp_short", "see https://example.com/path?q=1", "git@github.com:org/repo.git", "AKIA is a prefix", "xoxb-", "npm publish", "sk_live_", pinned, `uses: ${pinned} # 3.19`]) {
      assert.equal(maskCredentials(text), text, text);
      assert.equal(hasCredential(text), false, text);
    }
  });

  it("runs in one linear pass on adversarial text", () => {
    // Correctness only; the time is measured in bench/hostile.bench.ts.
    const hostile = ["a://".repeat(50_000), "-----BEGIN ".repeat(20_000), "ghp_".repeat(50_000), `${"x".repeat(200)}:`.repeat(2_000)].join("");
    assert.equal(typeof maskCredentials(hostile), "string");
  });

  it("every pattern is global, so every occurrence is masked", () => {
    for (const p of CREDENTIAL_PATTERNS) assert.ok(p.pattern.global, p.id);
    assert.equal(maskCredentials(`AKIAIOSFODNN7EXAMPLE ${"AKIA"}IOSFODNN7EXAMPLF`), "AKIA******** AKIA********");
  });
});

describe("maskFinding", () => {
  it("masks message, snippet, fix and evidence, and drops edits that carry a credential", () => {
    const token = `ghp_${"z".repeat(36)}`;
    const f = maskFinding({
      message: `owner ${token}`,
      snippet: `/src/ ${token}`,
      fix: `remove ${token}`,
      evidence: { owner: token, owners: [token, "@org"], count: 2 },
      edits: [{ path: "CODEOWNERS", offset: 0, replace: token, with: "" }],
    });
    assert.equal(f.message, "owner ghp_********");
    assert.equal(f.snippet, "/src/ ghp_********");
    assert.equal(f.fix, "remove ghp_********");
    assert.deepEqual(f.evidence, { owner: "ghp_********", owners: ["ghp_********", "@org"], count: 2 });
    assert.equal(f.edits, undefined);
    const clean = maskFinding({ message: "fine", edits: [{ path: "a", offset: 0, replace: "", with: "b" }] });
    assert.equal(clean.edits?.length, 1);
  });

  it("leaves the snippet and evidence of a rule that masked them at source, and still masks its message and fix", () => {
    const token = `ghp_${"z".repeat(36)}`;
    const f = maskFinding({ message: `seen ${token}`, snippet: `token ${token}`, fix: `revoke ${token}`, evidence: { preview: token } }, undefined, false);
    assert.equal(f.message, "seen ghp_********");
    assert.equal(f.fix, "revoke ghp_********");
    assert.equal(f.snippet, `token ${token}`);
    assert.deepEqual(f.evidence, { preview: token });
  });
});
