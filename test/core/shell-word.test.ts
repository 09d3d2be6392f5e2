import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shellWord } from "../../src/core/shell-word.js";

describe("shellWord", () => {
  it("leaves plainly safe words as they are", () => {
    for (const w of ["repo", "./a/b-c_d.yml", "Maven:Central", "v1.2.3"]) assert.equal(shellWord(w), w);
  });

  it("quotes what the shell would split, expand or read as syntax, and escapes single quotes", () => {
    assert.equal(shellWord("Rocky Linux"), "'Rocky Linux'");
    assert.equal(shellWord("~root/x"), "'~root/x'", "`~` starts a home folder");
    assert.equal(shellWord("$(id)"), "'$(id)'");
    assert.equal(shellWord("it's"), "'it'\\''s'");
    assert.equal(shellWord(""), "''");
  });
});
