import assert from "node:assert/strict";
import { test } from "node:test";
import { toRipgrep } from "../../bench/lib/rg-pattern.js";
import { DETECTORS } from "../../src/secrets/detectors/index.js";

test("lookarounds are dropped whole, classes and escapes inside them included", () => {
  assert.equal(toRipgrep("(?<![A-Za-z0-9(])ghp_[a-z]{4}(?=[\\s\"')\\]]|$)x", ""), "ghp_[a-z]{4}x");
  assert.equal(toRipgrep("a(?!b(c)d)e", ""), "ae");
});

test("escapes ripgrep 13 rejects are rewritten; the ones it takes are kept", () => {
  assert.equal(toRipgrep("1\\/\\/0\\-\\.\\x60\\s", ""), "1//0\\-\\.\\x60\\s");
});

test("class syntax ripgrep reads as nesting or set operations is escaped", () => {
  assert.equal(toRipgrep("[A-Z.[\\]:%]", ""), "[A-Z.\\[\\]:%]");
  assert.equal(toRipgrep("[a&&b~~c]", ""), "[a\\&\\&b\\~\\~c]");
  assert.equal(toRipgrep("[^]a]", ""), "[^]a]");
});

test("the case-insensitive flag becomes an inline group; the sticky flag has no meaning to ripgrep", () => {
  assert.equal(toRipgrep("abc", "iy"), "(?i)abc");
  assert.equal(toRipgrep("abc", "y"), "abc");
});

test("every detector's pattern converts, with no lookaround left and the rest still a JavaScript pattern", () => {
  for (const d of DETECTORS) {
    const p = toRipgrep(d.pattern.source, d.pattern.flags);
    assert.doesNotMatch(p, /\(\?<?[=!]/, d.id);
    assert.doesNotThrow(() => new RegExp(p.replace(/^\(\?i\)/, "")), d.id);
  }
});
