import assert from "node:assert/strict";
import { describe, it } from "node:test";
import picomatch from "picomatch";
import { safeGlob } from "../../src/core/glob.js";

// Patterns with several wildcards run on assay's own matcher: it must agree with picomatch on
// ordinary paths, and stay linear on the paths that make picomatch's regular expressions backtrack.
const PATTERNS = ["**/*.min.*", "src/**/*.test.*", "**/testdata/**", "a/**/b/*.js", "*.{js,ts}*", "docs/**/*-v[0-9]*.md", "**/x/**/y/**", "*-*-*.txt", "**/[^_]*.py*", "[!_]*-*", "vendor/**/*"];
const PATHS = ["a.min.js", "x/y/a.min.css", "src/a/b.test.ts", "src/b.test.js", "testdata/x", "p/testdata/q/r", "a/b/c.js", "a/c/b/d.js", "a/b/c/d.js", "f.js", "f.tsx", "g.json", "docs/api-v2.md", "docs/a/b/guide-v10.md", "docs/guide.md", "x/y", "q/x/r/y/z", "x/z/y", "a-b-c.txt", "a-b.txt", "m/_init.py", "m/init.pyc", "vendor", "vendor/a/b", ".github/x.min.js", "vendorx/a", "!a-b", "_a-b"];

describe("safeGlob", () => {
  it("agrees with picomatch on ordinary paths, with dot on", () => {
    for (const pattern of PATTERNS) {
      const ours = safeGlob(pattern, { dot: true });
      const theirs = picomatch(pattern, { dot: true });
      for (const path of PATHS) assert.equal(ours(path), theirs(path), `${pattern} on ${path}`);
    }
  });

  it("agrees with picomatch with dot off: a wildcard at a segment's start never matches a dotfile's dot, even matching nothing", () => {
    const patterns = [...PATTERNS, "**/*abc", "?a*b*", "**/.github/**", ".github/**/*", "x/**/*.y*", "**/*"];
    const paths = [...PATHS, "x/abc", "abc", ".abc", "x/.abc", ".x/abc", "xab.b", ".ab.b", ".github/w/a.yml", "a/.github/b", ".github/.x", "x/a/.b.y", "x/.a/b.y", "x/a/b.y", ".testdata/x", "testdata/.x"];
    for (const pattern of patterns) {
      const ours = safeGlob(pattern, { dot: false });
      const theirs = picomatch(pattern, { dot: false });
      for (const path of paths) assert.equal(ours(path), theirs(path), `${pattern} on ${path}`);
    }
    // The shape that went wrong: a leading `*` that matches nothing before a literal.
    assert.equal(safeGlob("**/*abc", { dot: false })("x/abc"), true);
    assert.equal(safeGlob("**/*abc", { dot: false })("x/.abc"), false);
  });

  it("matches a list of patterns, simple and not, like any of them", () => {
    const m = safeGlob(["vendor/**", "**/*a*b*c"], { dot: true });
    assert.ok(m("vendor/x.go") && m("q/xaybzc") && !m("q/abd"));
  });

  it("gives the right answer on the patterns and names that make a regular expression backtrack (bench/repository-patterns.bench.ts times them)", () => {
    assert.equal(safeGlob("*a*a*a*a*a*a*a*a*b", { dot: true })("a".repeat(250)), false);
    assert.equal(safeGlob("**/x/**/x/**/x/**/y", { dot: true })(`${"x/".repeat(2000)}z`), false);
    assert.equal(safeGlob("**a**a**a**a**b", { dot: true })("a".repeat(4000)), false);
    // picomatch passes parentheses through as a regex group: here they are literal characters.
    assert.equal(safeGlob("(a|aa)+b", { dot: true })(`${"a".repeat(60)}c`), false);
    assert.equal(safeGlob("(a|aa)+b", { dot: true })("(a|aa)+b"), true);
    assert.equal(safeGlob("{a,aa}".repeat(25), { dot: true })(`${"a".repeat(37)}c`), false);
    assert.equal(safeGlob("x/{a,b}/{c,d}.txt", { dot: true })("x/b/c.txt"), true);
  });
});
