import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PATCH_COMMIT_MARK } from "../../src/workspace/history.js";
import { scanPatchBatch } from "../../src/workspace/patch-scan.js";
import { pathVerdict } from "../../src/workspace/scan-filter.js";

/** A scanner that reports every added line containing NEEDLE (only PREFIXED ones when told to look for the unmistakable), with the line the origin gives it. */
function needles(bytes: Uint8Array, path: string, origin: { line: number; lines?: Int32Array; unmistakableOnly?: boolean }): { path: string; line: number; text: string }[] {
  const want = origin.unmistakableOnly ? "PREFIXED" : "NEEDLE";
  return Buffer.from(bytes).toString("utf8").split("\n").flatMap((text, i) => (text.includes(want) ? [{ path, line: origin.lines?.[i] ?? origin.line + i, text }] : []));
}

const settings = { scanVendored: false, scanMinified: false };
const scan = (patch: string) => scanPatchBatch(Buffer.from(patch), needles, (p) => pathVerdict(p, settings), false);

describe("patch scan", () => {
  it("scans each commit's added lines per file, at their line numbers in the new file", () => {
    const patch = `${PATCH_COMMIT_MARK}aaaa 2024-01-02T00:00:00Z 2024-01-02T00:00:00Z\n\ndiff --git a/x.env b/x.env\nindex 1..2 100644\n--- a/x.env\n+++ b/x.env\n@@ -3,0 +4,2 @@\n+A=NEEDLE1\n+B=2\n@@ -9 +11 @@\n-old NEEDLE\n+new NEEDLE2\n${PATCH_COMMIT_MARK}bbbb 2024-01-01T00:00:00Z 2024-01-01T00:00:00Z\n\ndiff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1 @@\n+NEEDLE3\n`;
    const r = scan(patch);
    assert.equal(r.commits, 2);
    assert.deepEqual(r.hits.map((h) => [h.commit, h.authorDate, h.path, h.matches.map((m) => [m.line, m.text])]), [
      ["aaaa", "2024-01-02T00:00:00Z", "x.env", [[4, "A=NEEDLE1"], [11, "new NEEDLE2"]]],
      ["bbbb", "2024-01-01T00:00:00Z", "y", [[1, "NEEDLE3"]]],
    ]);
  });

  it("reads an added line that starts with ++ as content, not a file header", () => {
    const patch = `${PATCH_COMMIT_MARK}cccc d d\n\ndiff --git a/z b/z\n--- a/z\n+++ b/z\n@@ -1,0 +2,2 @@\n+++ NEEDLE in content\n+x\n`;
    assert.deepEqual(scan(patch).hits.map((h) => [h.path, h.matches.map((m) => m.text)]), [["z", ["++ NEEDLE in content"]]]);
  });

  it("searches a minified file (by name or by a long line) for the unmistakable only, counting it", () => {
    const long = "x".repeat(25_000);
    const patch = `${PATCH_COMMIT_MARK}ffff d d\n\ndiff --git a/a.min.js b/a.min.js\n--- /dev/null\n+++ b/a.min.js\n@@ -0,0 +1,2 @@\n+NEEDLE\n+PREFIXED\ndiff --git a/app.js b/app.js\n--- /dev/null\n+++ b/app.js\n@@ -0,0 +1,3 @@\n+${long}\n+NEEDLE\n+PREFIXED NEEDLE\ndiff --git a/plain.js b/plain.js\n--- /dev/null\n+++ b/plain.js\n@@ -0,0 +1 @@\n+NEEDLE\n`;
    const r = scan(patch);
    assert.deepEqual(r.hits.map((h) => [h.path, h.matches.map((m) => [m.line, m.text])]), [
      ["a.min.js", [[2, "PREFIXED"]]],
      ["app.js", [[3, "PREFIXED NEEDLE"]]],
      ["plain.js", [[1, "NEEDLE"]]],
    ]);
    assert.equal(r.skipped.minified, 2);
  });

  it("skips deleted files, binary files and vendored paths, counting them with minified files", () => {
    const long = "x".repeat(25_000);
    const patch = `${PATCH_COMMIT_MARK}dddd d d\n\ndiff --git a/gone b/gone\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-NEEDLE\ndiff --git a/node_modules/p/i.js b/node_modules/p/i.js\n--- /dev/null\n+++ b/node_modules/p/i.js\n@@ -0,0 +1 @@\n+NEEDLE\ndiff --git a/app.js b/app.js\n--- /dev/null\n+++ b/app.js\n@@ -0,0 +1,2 @@\n+${long}\n+NEEDLE\ndiff --git a/img.png b/img.png\nBinary files /dev/null and b/img.png differ\n`;
    const r = scan(patch);
    assert.deepEqual(r.hits, [], "app.js is searched only for the unmistakable");
    assert.deepEqual(r.skipped, { binary: 0, vendored: 1, minified: 1, truncated: 0 });
  });

  it("unquotes paths git quotes", () => {
    const patch = `${PATCH_COMMIT_MARK}eeee d d\n\ndiff --git "a/caf\\303\\251 x" "b/caf\\303\\251 x"\n--- /dev/null\n+++ "b/caf\\303\\251 x"\n@@ -0,0 +1 @@\n+NEEDLE\n`;
    assert.deepEqual(scan(patch).hits.map((h) => h.path), ["café x"]);
  });
});
