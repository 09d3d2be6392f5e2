import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../../src/core/apply-edits.js";

const e = (offset: number, replace: string, by: string) => ({ path: "f", offset, replace, with: by });

describe("applyEdits", () => {
  it("applies non-overlapping edits in any order", () => {
    const r = applyEdits("uses: a@v1\nuses: b@v2\n", [e(19, "v2", "sha2"), e(6, "a@v1", "a@sha1")]);
    assert.equal(r.text, "uses: a@sha1\nuses: b@sha2\n");
    assert.equal(r.applied.length, 2);
  });
  it("inserts text", () => {
    assert.equal(applyEdits("a\nc\n", [e(2, "", "b\n")]).text, "a\nb\nc\n");
  });
  it("refuses an edit whose text is no longer there", () => {
    const r = applyEdits("uses: a@v3\n", [e(6, "a@v1", "a@sha")]);
    assert.equal(r.text, "uses: a@v3\n");
    assert.deepEqual(r.rejected.map((x) => x.reason), ["stale"]);
  });
  it("refuses overlapping edits instead of merging them", () => {
    const r = applyEdits("abcdef", [e(0, "abcd", "X"), e(2, "cd", "Y")]);
    assert.equal(r.text, "Xef");
    assert.deepEqual(r.rejected.map((x) => x.reason), ["overlap"]);
  });
  it("applies identical edits from two findings once", () => {
    const r = applyEdits("a", [e(1, "", "\nb"), e(1, "", "\nb")]);
    assert.equal(r.text, "a\nb");
    assert.equal(r.rejected.length, 0);
  });
  it("keeps insertions at one point, in the order given", () => {
    const r = applyEdits("a\n", [e(2, "", "b\n"), e(2, "", "c\n")]);
    assert.equal(r.text, "a\nb\nc\n");
    assert.equal(r.rejected.length, 0);
  });
  it("puts a deeper-indented insertion at one point before a shallower one, whatever the order given", () => {
    // A key added to the block that ends there, then a sibling entry after that block.
    const r = applyEdits("- a: 1\n", [e(7, "", "- b: 2\n"), e(7, "", "  c: 3\n")]);
    assert.equal(r.text, "- a: 1\n  c: 3\n- b: 2\n");
  });
  it("puts an insertion before a replacement that starts at the same point", () => {
    assert.equal(applyEdits("xy", [e(0, "x", "X"), e(0, "", "+")]).text, "+Xy");
  });
});
