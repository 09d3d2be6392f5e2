import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fingerprints } from "../../src/core/fingerprint.js";
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
