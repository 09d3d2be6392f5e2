import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ioErrorText } from "../../src/core/io-error.js";

/** The error a failing file operation throws. */
function thrown(op: () => unknown): unknown {
  try {
    op();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("ioErrorText", () => {
  it("says a file system error in words, keeping its code", () => {
    assert.equal(ioErrorText(thrown(() => readFileSync("/nonexistent/assay-test"))), "no such file or directory (ENOENT)");
    assert.equal(ioErrorText(thrown(() => readFileSync("/"))), "is a directory (EISDIR)");
  });

  it("falls back on the message for a code it does not know, and on name and message for other errors", () => {
    assert.equal(ioErrorText(Object.assign(new Error("EWHAT: something odd, open 'x'"), { code: "EWHAT" })), "something odd (EWHAT)");
    assert.equal(ioErrorText(new RangeError("Maximum call stack size exceeded")), "RangeError: Maximum call stack size exceeded");
    assert.equal(ioErrorText("plain"), "plain");
  });
});
