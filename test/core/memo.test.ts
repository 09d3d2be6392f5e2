import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { memoiseText } from "../../src/core/memo.js";

describe("memoiseText", () => {
  it("calls the function once per kept text, every time for texts outside the limits, and empties a full memo", () => {
    const calls: string[] = [];
    const upper = memoiseText((t) => (calls.push(t), t.toUpperCase()), { minChars: 2, maxChars: 5, maxEntries: 2 });
    assert.deepEqual(["ab", "ab", "x", "x", "abcdef", "abcdef"].map(upper), ["AB", "AB", "X", "X", "ABCDEF", "ABCDEF"]);
    assert.deepEqual(calls, ["ab", "x", "x", "abcdef", "abcdef"]);
    calls.length = 0;
    ["cd", "ef", "ab"].forEach(upper); // the third kept text empties the memo: "ab" is computed again
    assert.deepEqual(calls, ["cd", "ef", "ab"]);
  });
});
