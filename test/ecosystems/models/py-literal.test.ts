import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePyLiteral, PyLiteralError, pyRepr } from "../../../src/ecosystems/models/py-literal.js";

const repr = (text: string, python2Longs = false): string => pyRepr(parsePyLiteral(text, { python2Longs }), 10_000);

describe("Python literal reader", () => {
  it("reads strings as Python does: prefixes, escapes, raw strings, triple quotes and implicit concatenation", () => {
    // Expected values checked with CPython's ast.literal_eval.
    assert.equal(repr("'|' \"O\""), "'|O'");
    assert.equal(repr("u'\\x4f' '\\117' '\\u004F' '\\U0000004f'"), "'OOOO'");
    assert.equal(repr("'a\\q\\\\b\\'c'"), "'a\\\\q\\\\b\\'c'");
    assert.equal(repr("r'\\x4f' R'\\''"), "'\\\\x4f\\\\\\''");
    assert.equal(repr("'''a'b''' \"\"\"c\"d\"\"\""), "'a\\'bc\"d'");
    assert.equal(repr("'a\\\nb'"), "'ab'");
    assert.equal(repr("b'\\x41\\u0041' rb'\\n'"), "b'A\\\\u0041\\\\n'");
    assert.equal(repr("('a'\n  # a comment\n  'b')"), "'ab'");
    for (const bad of ["'a' b'b'", "f'x'", "'\\N{DIGIT ONE}'", "'\\x4'", "'abc", "'a\nb'", "b'\u00e9'", "ur'x'"]) assert.throws(() => parsePyLiteral(bad), PyLiteralError, bad);
  });

  it("reads numbers, constants and containers; a parenthesised value is itself, a trailing comma makes a tuple", () => {
    assert.equal(repr("(1, -2, 0x1F, 0o17, 0b11, 1_000, 1.5, 2e3, 3j, 1+2j, True, False, None, ...)"), "(1, -2, 31, 15, 3, 1000, <float>, <float>, <complex>, <complex>, True, False, None, ...)");
    assert.equal(repr("(('x'),)"), "('x',)");
    assert.equal(repr("[(), [], {}, set(), {1, 2}]"), "[(), [], {}, {}, {1, 2}]");
    assert.equal(repr("{'shape': (3L, 4L), }", true), "{'shape': (3, 4)}");
    for (const bad of ["(3L,)", "07", "1 2", "[1, *x]", "{**x}", "foo", "len('a')", "--1", "{1: 2, 3}", "(1,"]) assert.throws(() => parsePyLiteral(bad), PyLiteralError, bad);
  });

  it("keeps the first place and the last value of a duplicated dict key", () => {
    assert.equal(repr("{'descr': '<f8', 'shape': (), 'descr': '|O', ('descr'): 'i4'}"), "{'descr': 'i4', 'shape': ()}");
    assert.equal(repr("{b'k': 1, 'k': 2}"), "{b'k': 1, 'k': 2}");
  });

  // Its time on a megabyte of keys is measured by bench/hostile.bench.ts (a .npy header of duplicate keys).
  it("reads a megabyte of keys, duplicates kept once, and refuses nesting past its cap", () => {
    const many = `{${Array.from({ length: 60_000 }, (_, i) => `'k${i % 30_000}': ${i}`).join(", ")}}`;
    const v = parsePyLiteral(many);
    assert.ok(v.t === "dict" && v.keys.length === 30_000);
    assert.throws(() => parsePyLiteral(`${"[".repeat(150)}${"]".repeat(150)}`), /nested too deep/);
  });
});
