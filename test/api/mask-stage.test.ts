import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskDiagnostics, maskFinding, maskFindings, maskRuleResults } from "../../src/api/mask-stage.js";
import type { Finding } from "../../src/core/finding.js";
import { tokens } from "../helpers/secret-tokens.js";

const t = tokens(111);

describe("mask stage", () => {
  it("masks credentials in a finding's message, snippet, fix and evidence, and drops edits that would write one", () => {
    const gh = t("«gh:ghp_»");
    const f: Finding = {
      ruleId: "repo/x", check: "X", severity: "low", confidence: "high", fingerprint: "f", status: "open", locations: [{ path: "a" }],
      message: `owner ${gh} is not a user`, snippet: `/src/ ${gh}`, fix: `remove ${gh}`,
      evidence: { line: `x ${gh}`, list: ["clean", `y ${gh}`], n: 3 },
      edits: [{ path: "a", offset: 0, replace: `/src/ ${gh}`, with: "/src/ @team" }],
    };
    const m = maskFinding(f);
    assert.ok(!JSON.stringify(m).includes(gh.slice(4)));
    assert.equal(m.message, `owner ${gh.slice(0, 4)}******** is not a user`);
    assert.deepEqual(m.evidence.list, ["clean", `y ${gh.slice(0, 4)}********`]);
    assert.equal(m.evidence.n, 3);
    assert.equal(m.edits, undefined);
  });

  it("screens every rule's snippets but those its rule masked at source, and every message", () => {
    const gh = t("«gh:ghp_»");
    const finding = (ruleId: string): Finding => ({ ruleId, check: "X", severity: "low", confidence: "high", fingerprint: ruleId, status: "open", locations: [{ path: "a" }], message: `seen ${gh}`, snippet: `token ${gh}`, evidence: {} });
    const [other, own] = maskFindings([finding("repo/x"), finding("secrets/forge-token")], (id) => id.startsWith("secrets/"));
    assert.equal(other!.snippet, `token ${gh.slice(0, 4)}********`);
    assert.equal(other!.message, `seen ${gh.slice(0, 4)}********`);
    // The secrets family quotes a line it masked with every match found in its file: not screened twice.
    assert.equal(own!.snippet, `token ${gh}`);
    assert.equal(own!.message, `seen ${gh.slice(0, 4)}********`);
  });

  it("screens fixes, evidence and edits of a batch in the same pass as messages, and evidence only where its rule did not mask at source", () => {
    const gh = t("«gh:ghp_»");
    const finding = (ruleId: string, n: number): Finding => ({
      ruleId, check: "X", severity: "low", confidence: "high", fingerprint: `${ruleId}${n}`, status: "open", locations: [{ path: "a" }],
      message: `clean message ${n}`, fix: `rotate ${gh}`, evidence: { line: `x ${gh}`, list: ["clean", `y ${gh}`], n },
      edits: [{ path: "a", offset: 0, replace: "old", with: `token: ${gh}` }, { path: "a", offset: 9, replace: "x", with: "y" }],
    });
    const out = maskFindings([finding("repo/x", 1), finding("repo/x", 2), finding("secrets/forge-token", 3)], (id) => id.startsWith("secrets/"));
    const masked = `${gh.slice(0, 4)}********`;
    for (const f of out) {
      assert.equal(f.fix, `rotate ${masked}`);
      assert.deepEqual(f.edits?.map((e) => e.with), ["y"], "an edit that would write the token is dropped");
    }
    assert.deepEqual(out[0]!.evidence, { line: `x ${masked}`, list: ["clean", `y ${masked}`], n: 1 });
    assert.ok(!JSON.stringify(out.slice(0, 2)).includes(gh.slice(4)));
    assert.equal(out[2]!.evidence["line"], `x ${gh}`, "the secrets family's evidence is previews it masked itself");
  });

  it("leaves clean findings untouched (the same object)", () => {
    const f: Finding = { ruleId: "repo/x", check: "X", severity: "low", confidence: "high", fingerprint: "f", status: "open", locations: [], message: "no SECURITY.md", evidence: {} };
    assert.equal(maskFinding(f), f);
  });

  it("masks diagnostics and rule reasons (a parser may quote the line it failed on)", () => {
    const key = `AKIA${t("«b32:16»")}`;
    const [d] = maskDiagnostics([{ level: "error", code: "parse-error", message: `bad YAML near "${key}"`, path: "a.yml" }]);
    assert.ok(!d!.message.includes(key));
    const [r] = maskRuleResults([{ id: "repo/x", title: "", check: "", severity: "low", confidence: "high", network: false, rationale: "", remediation: "", references: [], assessmentSection: "metadata", outcome: "incomplete", reason: `a.yml: ${key}`, findings: 0 }]);
    assert.ok(!r!.reason!.includes(key));
    const [e] = maskRuleResults([{ id: "repo/x", title: "", check: "", severity: "low", confidence: "high", network: false, rationale: "", remediation: "", references: [], assessmentSection: "metadata", outcome: "pass", findings: 0, evidence: [{ message: `configured with ${key}` }, { message: "nothing to hide" }] }]);
    assert.ok(!e!.evidence![0]!.message.includes(key));
    assert.equal(e!.evidence![1]!.message, "nothing to hide");
  });
});
