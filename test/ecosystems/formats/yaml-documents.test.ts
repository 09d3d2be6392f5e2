import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitDocuments } from "../../../src/ecosystems/formats/yaml-documents.js";
import { lineTable } from "../../../src/ecosystems/formats/yaml-fast-data.js";

const STREAMS = [
  "",
  "\n",
  "a: 1",
  "a: 1\n",
  "---\na: 1\n---\nb: 2\n",
  "--- inline\n---\n# only a comment\n---\nc: 3\n...\n--- # comment\nd: 4",
  "%YAML 1.2\n---\na: 1\n...\n\n",
  "\t# tab then comment\r\n---\r\nkind: A\r\n--- \r\nkind: B\r\n",
  "  \n---\n\t\n--- |\n  text\n---x\n-- -\n....\n",
  // Enough lines to grow the measured arrays past their first guess.
  Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? "---" : `k${i}: v`)).join("\n"),
  `${"\n".repeat(500)}a: 1`,
];

describe("splitDocuments", () => {
  it("splits the same with the lines measured beforehand as without", () => {
    for (const text of STREAMS) assert.deepEqual(splitDocuments(text, lineTable(text)), splitDocuments(text), JSON.stringify(text.slice(0, 60)));
  });

  it("splits at --- and ... lines, a `--- value` document starting on its separator", () => {
    const text = "--- inline\n---\n# only a comment\n---\nc: 3\n...\nd: 4";
    assert.deepEqual(
      splitDocuments(text).map((d) => text.slice(d.start, d.end)),
      ["inline\n", "c: 3\n", "d: 4"],
    );
  });
});

describe("lineTable", () => {
  it("measures every line (none after a final newline), past its first size guess too", () => {
    for (const text of STREAMS) {
      const t = lineTable(text);
      const lines = text === "" ? [] : text.split("\n");
      if (text.endsWith("\n")) lines.pop();
      assert.equal(t.count, lines.length);
      let at = 0;
      lines.forEach((line, i) => {
        assert.equal(t.starts[i], at);
        assert.equal(t.ends[i], at + line.length);
        assert.equal(t.indents[i], line.length - line.replace(/^ +/, "").length);
        at += line.length + 1;
      });
      assert.equal(t.starts.length, t.count);
    }
  });
});
