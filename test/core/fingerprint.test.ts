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

  it("are 32 hex characters", () => {
    assert.match(fingerprints("r/x", [{ message: "repo-level" }])[0] ?? "", /^[0-9a-f]{32}$/);
  });
});
