import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clip, commandData, commandProperty, inertLine, inertText, safeJson, sarifText, visible, visibleLines } from "../../src/core/escape.js";

describe("escaping for terminals and logs", () => {
  it("makes every control and reordering character visible", () => {
    assert.equal(visible("a\u001b[2Jb\u0007c\u0000d\be"), "a\\e[2Jb\\ac\\0d\\be");
    assert.equal(visible("x\ny\rz\r\nw\tv"), "x\\ny\\rz\\r\\nw v");
    assert.equal(visible("\u009b31m \u007f \u0085"), "\\x9b31m \\x7f \\x85");
    assert.equal(visible("evil\u202etxt.exe \u2066a\u2069 \u200e \u2028"), "evil\\u202etxt.exe \\u2066a\\u2069 \\u200e \\u2028");
    assert.equal(visible("tab\tkept", true), "tab\tkept");
    assert.equal(visible("plain ascii, ünïcode and emoji 🚀"), "plain ascii, ünïcode and emoji 🚀");
    assert.deepEqual(visibleLines("a\nb\u001b\r\nc"), ["a", "b\\e", "c"]);
  });

  it("shows characters that print nothing, so a name cannot pass for another or hide a message", () => {
    assert.equal(visible("a\u200bpp.so"), "a\\u200bpp.so");
    assert.equal(visible("\u200c\u200d\u2060\u2063\ufeff\u00ad\u180e\ufff9"), "\\u200c\\u200d\\u2060\\u2063\\ufeff\\xad\\u180e\\ufff9");
    // Unicode tags (ASCII smuggling): "hi" in U+E0068 U+E0069, one escape per character, not per surrogate.
    assert.equal(visible("note\u{e0068}\u{e0069}"), "note\\u{e0068}\\u{e0069}");
    assert.equal(commandData("x\u200by"), "x\\u200by");
    const data = { a: "zw\u200bj \u{e0068} \ufeff" };
    const text = safeJson(JSON.stringify(data));
    assert.ok(!/[\u200b\ufeff]|\udb40/.test(text), text);
    assert.deepEqual(JSON.parse(text), data);
  });

  it("keeps lines from acting as GitHub workflow commands", () => {
    for (const line of ["::error::pwned", "   ::add-mask::x", "\t::stop-commands::tok"]) assert.ok(!inertLine(line).trimStart().startsWith("::"), line);
    assert.equal(inertLine("  ::error::x"), "  \\x3a:error::x");
    assert.equal(inertLine("mentions ##[error]boom and ##[set-output name=a;]b"), "mentions ##\\[error]boom and ##\\[set-output name=a;]b");
    assert.equal(inertLine("a :: b"), "a :: b");
    assert.equal(inertText("ok\n::warning::x\n##[group]y"), "ok\n\\x3a:warning::x\n##\\[group]y");
  });

  it("encodes workflow-command data and properties as GitHub does", () => {
    assert.equal(commandData("100% done\r\nnext::error::x"), "100%25 done%0D%0Anext::error::x");
    assert.equal(commandProperty("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    assert.equal(commandData("bell\u0007 esc\u001b[1m ##[error]"), "bell\\a esc\\e[1m ##\\[error]");
  });

  it("escapes SARIF text: embedded links and placeholders stay literal", () => {
    assert.equal(sarifText("see [here](https://evil) and {0}"), "see \\[here\\](https://evil) and {{0}}");
    assert.equal(sarifText("a\\[b\nline two\u001b"), "a\\\\\\[b\nline two\\e");
    assert.equal(sarifText("${{ github.event.issue.title }}"), "${{ github.event.issue.title }}");
  });

  it("keeps printed JSON equal to its data while escaping what terminals act on", () => {
    const data = { a: "x\u009b[31m \u202e ##[error]y \u2028", b: ["##["] };
    const text = safeJson(JSON.stringify(data, null, 2));
    assert.ok(!/[\u0080-\u009f\u202e\u2028]/.test(text));
    assert.ok(!text.includes("##["));
    assert.deepEqual(JSON.parse(text), data);
    assert.deepEqual(JSON.parse(safeJson(JSON.stringify({ k: "\\##[x" }))), { k: "\\##[x" });
  });

  it("clips long text with an ellipsis", () => {
    assert.equal(clip("abcdef", 4), "abc…");
    assert.equal(clip("abc", 4), "abc");
  });
});
