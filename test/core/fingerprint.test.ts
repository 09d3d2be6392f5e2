import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fingerprintIfAt, fingerprints, rememberBasis } from "../../src/core/fingerprint.js";
import type { FindingInput } from "../../src/core/finding.js";

const at = (line: number, snippet: string, path = "a.yml"): FindingInput => ({ message: "m", snippet, locations: [{ path, startLine: line, startColumn: 3 }] });

describe("fingerprints", () => {
  it("survive a line shift from an unrelated edit", () => {
    const before = fingerprints("fam/rule", [at(10, "run: echo ${{ x }}"), at(20, "uses: a/b@v1")]);
    const after = fingerprints("fam/rule", [at(14, "run: echo ${{ x }}"), at(24, "uses: a/b@v1")]);
    assert.deepEqual(after, before);
  });

  it("survive re-indentation", () => {
    assert.deepEqual(fingerprints("r/x", [at(3, "  uses:   a/b@v1")]), fingerprints("r/x", [at(3, "uses: a/b@v1")]));
  });

  it("tell apart two identical lines by their order, stably", () => {
    const fps = fingerprints("r/x", [at(5, "same"), at(9, "same")]);
    assert.notEqual(fps[0], fps[1]);
    const shifted = fingerprints("r/x", [at(9 + 3, "same"), at(5 + 3, "same")]);
    assert.deepEqual(shifted, [fps[1], fps[0]]);
  });

  it("change with the rule, the path, or what was found", () => {
    const base = fingerprints("r/x", [at(1, "a")])[0];
    assert.notEqual(fingerprints("r/y", [at(1, "a")])[0], base);
    assert.notEqual(fingerprints("r/x", [at(1, "a", "b.yml")])[0], base);
    assert.notEqual(fingerprints("r/x", [at(1, "b")])[0], base);
  });

  it("prefer the rule's key over the snippet", () => {
    const a = fingerprints("r/x", [{ ...at(1, "line one"), key: "pkg@1.0.0" }])[0];
    const b = fingerprints("r/x", [{ ...at(7, "line changed"), key: "pkg@1.0.0" }])[0];
    assert.equal(a, b);
  });

  it("stay the values baselines already hold (equal lines numbered by line, then column, then order)", () => {
    const cell = (line: number, column: number, snippet: string): FindingInput => ({ message: "m", snippet, locations: [{ path: "a.yml", startLine: line, startColumn: column }] });
    const fps = fingerprints("r/x", [cell(9, 1, "same"), cell(5, 7, "other"), cell(5, 2, "same"), cell(5, 2, "same"), { message: "repo-level" }, { message: "repo-level" }]);
    assert.deepEqual(fps, [
      "960086b2fd6c5f46e7189d4f729324a6",
      "d278f7298ce7e8d0b4405c61d6d02991",
      "57e1797f5c3e916da2dc1b3fc6a3332a",
      "afebc19fbfe91d1f2d79e63ea550ba01",
      "12ead01edeb74ac7c3e64f4e77367683",
      "7fe0b36dd5766f367af911c9b656a609",
    ]);
  });

  it("are 32 hex characters", () => {
    assert.match(fingerprints("r/x", [{ message: "repo-level" }])[0] ?? "", /^[0-9a-f]{32}$/);
  });
});

describe("fingerprintIfAt", () => {
  it("gives the fingerprint a finding had in the file's earlier place, the file's name in its key included, and nothing for a finding not remembered", () => {
    const old = [at(3, "same line", "old/ci.yml"), at(9, "same line", "old/ci.yml"), { message: "m", key: "old/ci.yml#job", locations: [{ path: "old/ci.yml" }] }];
    const now = old.map((f) => ({ ...f, locations: [{ ...f.locations?.[0], path: "new/ci.yml" }], ...(f.key ? { key: "new/ci.yml#job" } : {}) }));
    const before = fingerprints("fam/rule", old);
    const found: { f: object; what: string; nth: number; path: string }[] = [];
    const after = fingerprints("fam/rule", now, (i, what, nth, path) => found.push({ f: now[i] as object, what, nth, path }));
    for (const { f, what, nth, path } of found) rememberBasis(f, "fam/rule", what, nth, path);
    assert.notDeepEqual(after, before);
    assert.deepEqual(now.map((f) => fingerprintIfAt(f, "old/ci.yml")), before);
    assert.deepEqual(now.map((f) => fingerprintIfAt(f, "new/ci.yml")), after);
    assert.equal(fingerprintIfAt({}, "old/ci.yml"), undefined);
  });
});
