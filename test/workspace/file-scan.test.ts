// Reading a batch of files for the text scan: whole files in one read where they fit, long files
// in chunks that lose no line, and what is not a regular file left alone without a hang.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { TextScanFunction } from "../../src/core/text-scan.js";
import { CHUNK, OVERLAP, scanFileBatch } from "../../src/workspace/file-scan.js";
import { execFileSync } from "../helpers/child-timeout.js";

const root = mkdtempSync(join(tmpdir(), "assay-file-scan-"));
after(() => rmSync(root, { recursive: true, force: true }));
const settings = { scanVendored: false, scanMinified: false };
/** A scanner that reports each file's size and line origin, so the test sees what was read. */
const sizes = (bytes: Uint8Array, _path: string, origin: { line: number }): { bytes: number; line: number }[] => [{ bytes: bytes.length, line: origin.line }];

describe("scanFileBatch", () => {
  it("skips a file whose folder is gone without a word, and names one under a link out of the checkout", () => {
    const dir = mkdtempSync(join(tmpdir(), "assay-file-scan-gone-"));
    try {
      const outside = mkdtempSync(join(tmpdir(), "assay-file-scan-out-"));
      writeFileSync(join(outside, "x.txt"), "x");
      symlinkSync(outside, join(dir, "link"));
      writeFileSync(join(dir, "a.txt"), "a");
      const r = scanFileBatch(dir, ["gone/x.txt", "a.txt/x.txt", "link/x.txt", "a.txt"], settings, sizes);
      assert.deepEqual(r.unread, [{ path: "link/x.txt", reason: "symlink-outside", message: "is under a symbolic link or outside the checkout" }]);
      assert.equal(r.scanned, 1);
      rmSync(outside, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads small files whole, however their sizes fall", () => {
    const lens = [1, 100, 4095, 4096, 4097, 65_536, 1_000_001];
    // Short lines: a long one would make the file look minified, and skipped.
    lens.forEach((n, i) => writeFileSync(join(root, `f${i}.txt`), `${"a\n".repeat(Math.floor(n / 2))}${n % 2 ? "\n" : ""}`));
    const r = scanFileBatch(root, lens.map((_, i) => `f${i}.txt`), settings, sizes);
    assert.deepEqual(r.files.map((f) => f.matches[0]?.bytes), lens);
    assert.equal(r.bytes, lens.reduce((a, b) => a + b));
    assert.deepEqual(r.unread, []);
  });

  it("scans a UTF-16 text with its byte order mark as the text it is, and leaves binary that only starts like one", () => {
    const text = "# saved by PowerShell\r\nAPI_TOKEN=abc\r\n";
    writeFileSync(join(root, "le.env"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    writeFileSync(join(root, "be.env"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    // UTF-32LE's mark starts like UTF-16LE's, and its characters decode to NULs; an odd length or a lone surrogate is no UTF-16.
    writeFileSync(join(root, "u32.txt"), Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]));
    writeFileSync(join(root, "odd.bin"), Buffer.from([0xff, 0xfe, 0x41, 0, 0]));
    writeFileSync(join(root, "surrogate.bin"), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0, 0]));
    const texts = (bytes: Uint8Array): string[] => [Buffer.from(bytes).toString("utf8")];
    const r = scanFileBatch(root, ["le.env", "be.env", "u32.txt", "odd.bin", "surrogate.bin"], settings, texts);
    assert.deepEqual(r.files.map((f) => [f.path, f.matches[0]]), [["le.env", text], ["be.env", text]]);
    assert.equal(r.skipped.binary, 3);
  });

  it("reads a file as long as the buffer, and longer, in chunks that add up to it", () => {
    const line = `${"b".repeat(99)}\n`;
    for (const [name, size, chunks] of [["exact.txt", CHUNK + OVERLAP, 1], ["long.txt", CHUNK * 2 + 12_345 * 100, 3]] as const) {
      writeFileSync(join(root, name), line.repeat(Math.floor(size / 100)));
      const r = scanFileBatch(root, [name], settings, sizes);
      assert.equal(r.bytes, Math.floor(size / 100) * 100, name);
      const parts = r.files[0]?.matches ?? [];
      assert.equal(parts.length, chunks, name);
      // Chunks own whole lines: each starts on the line after the last one of the chunk before.
      assert.equal(parts[0]?.line, 1);
      if (chunks > 1) assert.equal(parts[1]?.line, 1 + Math.floor(CHUNK / 100), name);
    }
  });

  it("tells which files hold a needle, and which it could not tell (not read to the end)", () => {
    const line = `${"c".repeat(63)}\n`;
    writeFileSync(join(root, "n-yes.sh"), "x=1 # assay: ignore[secrets/jwt]\n");
    writeFileSync(join(root, "n-no.sh"), "x=1\n");
    // The needle only in a long file's last chunk, and in a long minified file (read to its end for prefixed tokens).
    writeFileSync(join(root, "n-tail.txt"), `${line.repeat(Math.ceil(CHUNK / 64) + 10)}ignore[x]\n`);
    writeFileSync(join(root, "n-min.js"), `${"var a=1;".repeat(Math.ceil((CHUNK + OVERLAP) / 8) + 100)}\n// ignore[x]\n`);
    const r = scanFileBatch(root, ["n-yes.sh", "n-no.sh", "n-tail.txt", "n-min.js", "../outside", "n-gone.sh"], settings, sizes, new Map(), "ignore[");
    assert.deepEqual(r.needle?.found, ["n-yes.sh", "n-tail.txt", "n-min.js"]);
    assert.deepEqual(r.needle?.missed, ["../outside", "n-gone.sh"]);
    assert.equal(r.skipped.minified, 1);
    assert.equal(scanFileBatch(root, ["n-yes.sh"], settings, sizes).needle, undefined, "no needle asked, none looked for");
  });

  it("takes the scanner's word on the needle when it watched for it on its way, and searches what it did not scan", () => {
    writeFileSync(join(root, "told-yes.txt"), "no marker here, only other[x]\n");
    writeFileSync(join(root, "told-no.sh"), "x=1 # assay: ignore[secrets/jwt]\n");
    writeFileSync(join(root, "blob.dat"), Buffer.from("\u0000\u0001 ignore[x] binary\n"));
    let lastPath = "";
    const watching: TextScanFunction<never> = (_bytes, path) => {
      lastPath = path;
      return [];
    };
    watching.sawMarker = (marker) => (marker === "ignore[" ? lastPath.startsWith("told-yes") : undefined);
    const r = scanFileBatch(root, ["told-yes.txt", "told-no.sh", "blob.dat"], settings, watching, new Map(), "ignore[");
    assert.deepEqual(r.needle?.found, ["told-yes.txt", "blob.dat"]);
    assert.equal(r.skipped.binary, 1);
    const other = scanFileBatch(root, ["told-yes.txt", "told-no.sh"], settings, watching, new Map(), "other[");
    assert.deepEqual(other.needle?.found, ["told-yes.txt"], "a needle it does not watch for is searched");
  });

  it("leaves a FIFO alone: no hang, no content, not an error", { skip: process.platform === "win32" }, () => {
    execFileSync("mkfifo", [join(root, "pipe")]);
    const r = scanFileBatch(root, ["pipe"], settings, sizes);
    assert.deepEqual(r.files, []);
    assert.deepEqual(r.unread, []);
    assert.equal(r.scanned, 0);
  });

  it("keeps every match of a long file's chunk, however many (no stack overflow past ~120,000)", () => {
    const line = `${"d".repeat(63)}\n`;
    writeFileSync(join(root, "many.txt"), line.repeat(Math.ceil((CHUNK + OVERLAP) / 64) + 10));
    const each = 300_000;
    const many = (): number[] => new Array<number>(each).fill(1);
    const r = scanFileBatch(root, ["many.txt"], settings, many);
    assert.deepEqual(r.unread, []);
    assert.equal(r.files[0]?.matches.length, 2 * each);
  });
});
