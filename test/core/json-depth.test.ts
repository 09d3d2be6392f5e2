import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonTooDeepAt } from "../../src/core/json-depth.js";

describe("jsonTooDeepAt", () => {
  it("places the bracket that nests one level too deep, and passes the deepest allowed", () => {
    assert.equal(jsonTooDeepAt(`${"[".repeat(8)}${"]".repeat(8)}`, 8), undefined);
    assert.equal(jsonTooDeepAt(` ${"[".repeat(9)}${"]".repeat(9)}`, 8), 9);
    assert.equal(jsonTooDeepAt(`{"a":${"{\"b\":".repeat(8)}1${"}".repeat(9)}`, 8), 5 + 5 * 7);
  });

  it("does not count brackets inside strings, however many (the quick count only rules texts out)", () => {
    assert.equal(jsonTooDeepAt(JSON.stringify({ s: "[{".repeat(1000), t: ["\"[\\\"{"] }), 8), undefined);
    assert.equal(jsonTooDeepAt(`["\\"", ${"[".repeat(9)}${"]".repeat(9)}]`, 8), 14);
  });

  it("is linear on hostile input", () => {
    assert.equal(jsonTooDeepAt("[".repeat(2_000_000), 512), 512);
    assert.equal(jsonTooDeepAt("[]".repeat(1_000_000), 512), undefined);
  });
});
