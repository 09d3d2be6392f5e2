import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { firstSentence } from "../../../src/report/text/sentence.js";

describe("firstSentence", () => {
  it("stops at the first sentence end", () => {
    assert.equal(firstSentence("One thing. Another thing."), "One thing.");
    assert.equal(firstSentence("Really? Yes."), "Really?");
  });

  it("does not stop at abbreviations or dotted names", () => {
    assert.equal(firstSentence("Pin it (e.g. to a SHA) now. Later more."), "Pin it (e.g. to a SHA) now.");
    assert.equal(firstSentence("Add SECURITY.md to the root. Then more."), "Add SECURITY.md to the root.");
  });

  it("returns single sentences and unterminated text whole, on one line", () => {
    assert.equal(firstSentence("no full stop"), "no full stop");
    assert.equal(firstSentence("  spread\nover lines.\n"), "spread over lines.");
  });
});
