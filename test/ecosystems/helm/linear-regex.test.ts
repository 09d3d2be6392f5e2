import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linearRegex } from "../../../src/ecosystems/helm/linear-regex.js";

const matches = (pattern: string, text: string): boolean | undefined => linearRegex(pattern)?.test(text);

describe("linearRegex (Go's MatchString in linear time)", () => {
  it("searches unanchored unless ^ and $ anchor it", () => {
    assert.equal(matches("b+", "abbbc"), true);
    assert.equal(matches("^b+", "abbbc"), false);
    assert.equal(matches("c$", "abc"), true);
    assert.equal(matches("^$", ""), true);
    assert.equal(matches("a$", "a\n"), false);
  });

  it("knows classes, escapes, groups, alternation and counted repetition", () => {
    assert.equal(matches("^[0-9A-Za-z\\-]+$", "debian-12-r0"), true);
    assert.equal(matches("^[^/]+$", "a/b"), false);
    assert.equal(matches("^\\d{2,3}$", "1234"), false);
    assert.equal(matches("^\\d{2,3}$", "123"), true);
    assert.equal(matches("^a{2,}$", "a"), false);
    assert.equal(matches("^(?:ab|cd)*(?P<x>e)?$", "abcdab"), true);
    assert.equal(matches("^(?:ab|cd)*$", "abc"), false);
    assert.equal(matches("^\\w+\\s\\S$", "ab_1 x"), true);
    assert.equal(matches("^.$", "\n"), false);
    // A brace that opens no repetition is a literal one, as in Go.
    assert.equal(matches("^a{x}$", "a{x}"), true);
  });

  it("takes exponential-backtracking patterns in one pass", () => {
    assert.equal(matches("^(a|a)*$", `${"a".repeat(10_000)}b`), false);
    assert.equal(matches("^(a+)+$", "a".repeat(10_000)), true);
  });

  it("returns undefined for syntax it does not know, never a guess", () => {
    for (const p of ["(?i)abc", "a\\bc", "[[:alpha:]]", "(ab", "a)", "*a", "x{3,2}", "\\p{L}", "x".repeat(1001)]) assert.equal(linearRegex(p), undefined, p);
  });
});
