import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { parseToml } from "../../../src/ecosystems/formats/toml.js";

describe("TOML syntax errors", () => {
  it("say a string is not closed where a line ends inside it, and keep other control characters as such", () => {
    for (const eol of ["\n", "\r\n"]) {
      assert.throws(() => parseToml(`[[package]]${eol}name = "x"${eol}version = "1.0${eol}`), (e: unknown) => e instanceof ParseFailure && /a string is not closed before the end of its line/.test(e.message) && e.line === 3, JSON.stringify(eol));
    }
    assert.throws(() => parseToml('name = "a\u0001b"\n'), (e: unknown) => e instanceof ParseFailure && /control characters are not allowed in strings/.test(e.message));
  });
});
