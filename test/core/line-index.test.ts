import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eachLine, lineIndex } from "../../src/core/line-index.js";

describe("lineIndex", () => {
  it("starts a line at 0 and after every newline, the empty line after a final one included", () => {
    assert.deepEqual(Array.from(lineIndex("").lineStarts()), [0]);
    assert.deepEqual(Array.from(lineIndex("a\nbc\n").lineStarts()), [0, 2, 5]);
    assert.deepEqual(Array.from(lineIndex("\n\n").lineStarts()), [0, 1, 2]);
  });

  it("gives 1-based lines and columns, on short and on long texts (past its first size guess)", () => {
    const text = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? "" : `line ${i}`)).join("\n");
    const ix = lineIndex(text);
    const lines = text.split("\n");
    assert.equal(ix.lineStarts().length, lines.length);
    let at = 0;
    lines.forEach((line, i) => {
      assert.deepEqual(ix.positionAt(at), { line: i + 1, column: 1 });
      if (line.length > 2) assert.deepEqual(ix.positionAt(at + 2), { line: i + 1, column: 3 });
      at += line.length + 1;
    });
  });

  it("walks lines without their \\r", () => {
    const seen: string[] = [];
    eachLine("a\r\nb\n", (_n, s) => void seen.push(s));
    assert.deepEqual(seen, ["a", "b", ""]);
  });
});
