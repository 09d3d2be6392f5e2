import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAssayError } from "../../src/core/errors.js";
import { parseJsonText } from "../../src/core/json-text.js";

function failure(text: string): { message: string; position: unknown } {
  try {
    parseJsonText(text, "baseline.json", "BASELINE_INVALID", "hint");
  } catch (e) {
    assert.ok(isAssayError(e));
    return { message: e.message, position: e.position };
  }
  throw new Error("parsed");
}

describe("parseJsonText", () => {
  it("parses JSON and points at line:column of a syntax error, quoting nothing of the file", () => {
    assert.deepEqual(parseJsonText('{"a": [1]}', "x.json", "BASELINE_INVALID", "h"), { a: [1] });
    const f = failure('{\n  "a": 1,\n  "secret-ish": x\n}');
    assert.deepEqual(f.position, { path: "baseline.json", line: 3, column: 17 });
    assert.doesNotMatch(f.message, /secret-ish/);
  });

  it("places 100,000 unclosed brackets where the nesting got too deep, without the slow fallback", () => {
    const f = failure("[".repeat(100_000));
    assert.deepEqual(f.position, { path: "baseline.json", line: 1, column: 257 });
  });
});
