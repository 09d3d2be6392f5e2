import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messageRecordsReview } from "../../../../src/rules/repo/lib/review-evidence.js";

const alice = { name: "Alice", email: "alice@example.org" };

describe("review evidence in a commit message", () => {
  it("takes review platforms and trailers that name someone other than the author", () => {
    assert.equal(messageRecordsReview("Tighten bounds\n\nChange-Id: I0123456789abcdef\nReviewed-on: https://review.example.org/c/w/+/4242\nReviewed-by: Bob <bob@example.org>", alice), true);
    assert.equal(messageRecordsReview("Fix\n\nDifferential Revision: https://phabricator.example.org/D123", alice), true);
    assert.equal(messageRecordsReview("Fix\n\nPiperOrigin-RevId: 123456789", alice), true);
    assert.equal(messageRecordsReview("mm: fix a leak\n\nSigned-off-by: Alice <alice@example.org>\nAcked-by: Bob <bob@example.org>", alice), true);
  });

  it("does not take the author's own trailer, a Gerrit change without votes or a plain commit as a review", () => {
    assert.equal(messageRecordsReview("Tighten bounds\n\nChange-Id: I0123456789abcdef\nReviewed-on: https://review.example.org/c/w/+/4243", alice), false);
    assert.equal(messageRecordsReview("Tighten bounds\n\nReviewed-on: https://review.example.org/c/w/+/4244\nReviewed-by: Alice <alice@example.org>", alice), false);
    assert.equal(messageRecordsReview("mm: fix a leak\n\nReviewed-by: Alice <ALICE@example.org>", alice), false, "letter case aside");
    assert.equal(messageRecordsReview("Fix\n\nChange-Id: I0123456789abcdef", alice), false);
    assert.equal(messageRecordsReview("Fix the parser (#41)", alice), false);
  });

  it("does not take one person's two addresses for two people", () => {
    assert.equal(messageRecordsReview("Fix\n\nReviewed-by: Alice <1234+alice@users.noreply.github.com>", alice), false, "the same name");
    assert.equal(messageRecordsReview("Fix\n\nReviewed-by: A. Liddell <alice@example.org>", alice), false, "the same address");
  });
});
