import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closest, didYouMean, editDistance } from "../../src/core/suggest.js";

describe("did you mean", () => {
  it("counts a swap of two neighbours as one edit, and ignores case", () => {
    assert.equal(editDistance("scna", "scan", 3), 1);
    assert.equal(editDistance("Code-Reveiw", "code-review", 3), 1);
    assert.equal(editDistance("kitten", "sitting", 5), 3);
  });

  it("stops past the limit", () => {
    assert.equal(editDistance("a".repeat(50), "b".repeat(50), 2), 3);
    assert.equal(editDistance("ab", "abcdef", 2), 3);
  });

  it("suggests the one close name", () => {
    assert.equal(closest("scna", ["scan", "secrets", "sbom"]), "scan");
    assert.equal(closest("--fromat", ["--format", "--output"]), "--format");
    assert.equal(closest("workflows/template-injectoin", ["workflows/template-injection", "workflows/unpinned-uses"]), "workflows/template-injection");
    assert.equal(didYouMean("secret", ["secrets", "scan"]), " (did you mean `secrets`?)");
  });

  it("suggests nothing when nothing is close, only the family matches, or two are equally close", () => {
    assert.equal(closest("frobnicate", ["scan", "secrets"]), undefined);
    assert.equal(closest("secrets/aws", ["secrets/jwt", "secrets/npm"]), undefined);
    assert.equal(closest("bat", ["cat", "hat"]), undefined);
    assert.equal(closest("x".repeat(500), ["x".repeat(499)]), undefined);
    assert.equal(didYouMean("zzz", ["scan"]), "");
  });

  it("prefers the first of names that differ only in case", () => {
    assert.equal(closest("Code-Reveiw", ["Code-Review", "code-review"]), "Code-Review");
  });
});
