import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PatchBatcher } from "../../src/workspace/patch-batcher.js";

const MARK = "\u0001commit ";
const COMMIT = Buffer.from(`\n${MARK}`);
const FILE = Buffer.from("\ndiff --git ");

/** A `git log -p`-shaped stream: commits of files, each file a few added lines. */
function stream(commits: number, filesPer: number, linesPer: number): string {
  let out = "";
  for (let c = 0; c < commits; c++) {
    out += `${MARK}${String(c).padStart(40, "0")} 2026-01-01T00:00:00Z\n`;
    for (let f = 0; f < filesPer; f++) {
      out += `diff --git a/f${c}-${f}.txt b/f${c}-${f}.txt\n--- /dev/null\n+++ b/f${c}-${f}.txt\n@@ -0,0 +1,${linesPer} @@\n`;
      for (let l = 0; l < linesPer; l++) out += `+line ${l} of file ${f} in commit ${c}\n`;
    }
  }
  return out;
}

/** The stream pushed in chunks of the given sizes (cycled), and what came out. */
function run(text: string, sizes: readonly number[], opts: { batchBytes: number; maxFilePatch?: number; cuts?: number[] }): Buffer[] {
  const batcher = new PatchBatcher({ commitMark: COMMIT, fileMark: FILE, batchBytes: opts.batchBytes, maxFilePatch: opts.maxFilePatch ?? 1 << 30, onCut: (_data, at) => opts.cuts?.push(at) });
  const bytes = Buffer.from(text, "latin1");
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    // Each chunk in its own memory, as a pipe delivers them.
    out.push(...batcher.push(Buffer.from(bytes.subarray(at, at + n))));
    at += n;
  }
  const rest = batcher.end();
  if (rest) out.push(rest);
  return out;
}

describe("PatchBatcher", () => {
  const text = stream(60, 3, 5);
  const chunkings: [string, number[]][] = [
    ["one byte at a time", [1]],
    ["chunks shorter than the marks", [3, 5, 2]],
    ["uneven chunks", [7, 64, 13, 500, 1]],
    ["pipe-sized chunks", [65_536]],
    ["one chunk", [text.length]],
  ];

  for (const [name, sizes] of chunkings) {
    it(`cuts only just before a commit, whatever the chunks (${name})`, () => {
      const batches = run(text, sizes, { batchBytes: 2_000 });
      assert.equal(Buffer.concat(batches).toString("latin1"), text, "every byte once, in order");
      for (const [i, b] of batches.entries()) {
        assert.ok(b.toString("latin1").startsWith(MARK), `batch ${i} starts at a commit`);
        if (i < batches.length - 1) assert.equal(b[b.length - 1], 10, `batch ${i} ends with its last line's newline`);
      }
      if ((sizes[0] as number) < text.length / 10) assert.ok(batches.length >= 10, `${batches.length} batches of ~2 kB from ${text.length} bytes`);
    });
  }

  it("hands out batches that own their memory, so they move to a worker thread without a copy", () => {
    for (const b of run(text, [4_096], { batchBytes: 10_000 })) {
      assert.equal(b.byteOffset, 0);
      assert.equal(b.byteLength, b.buffer.byteLength);
    }
  });

  it("finds a commit mark split between two chunks", () => {
    // Chunks that end inside every mark: the cut must still land on the mark's newline.
    const marks: number[] = [];
    for (let i = text.indexOf(`\n${MARK}`); i >= 0; i = text.indexOf(`\n${MARK}`, i + 1)) marks.push(i);
    const sizes: number[] = [];
    let at = 0;
    for (const m of marks) {
      sizes.push(m + 4 - at);
      at = m + 4;
    }
    sizes.push(text.length - at);
    const starts = new Set(marks.map((m) => m + 1));
    let offset = 0;
    const batches = run(text, sizes, { batchBytes: 1 });
    for (const b of batches.slice(0, -1)) {
      offset += b.length;
      assert.ok(starts.has(offset), `a batch ends at ${offset}, not just before a commit`);
    }
    assert.ok(batches.length > marks.length / 2, `${batches.length} batches for ${marks.length + 1} commits`);
  });

  // The cap is checked as chunks arrive (a pipe delivers at most 64 KiB, the cap is 65 MiB): chunks here are smaller than it too.
  it("cuts a file's patch past maxFilePatch at the same place whatever the chunks, keeping the files and commits after it", () => {
    const big = `${MARK}${"b".repeat(40)} 2026-01-01T00:00:00Z\ndiff --git a/big b/big\n--- /dev/null\n+++ b/big\n@@ -0,0 +1,3000 @@\n${Array.from({ length: 3000 }, (_, i) => `+big line ${i}\n`).join("")}diff --git a/after b/after\n--- /dev/null\n+++ b/after\n@@ -0,0 +1 @@\n+after the big file\n`;
    const whole = stream(2, 1, 2) + big + stream(2, 1, 2).replaceAll("commit 0", "commit 9");
    const results = [[1], [5, 9], [4_096]].map((sizes) => {
      const cuts: number[] = [];
      const out = Buffer.concat(run(whole, sizes, { batchBytes: 500, maxFilePatch: 5_000, cuts })).toString("latin1");
      return { out, cuts };
    });
    for (const { out, cuts } of results) {
      assert.equal(cuts.length, 1, "one patch cut");
      assert.ok(out.length < whole.length - 20_000, `the big patch was cut: ${out.length} of ${whole.length} bytes kept`);
      assert.ok(out.includes("+big line 0\n") && !out.includes("+big line 2999\n"));
      assert.ok(out.includes("+after the big file\n"), "the next file is kept");
      assert.equal(out.split(MARK).length - 1, 5, "every commit is kept");
    }
    // Where the cut falls depends on how much arrived when it went past the cap, by at most a chunk.
    const sizesKept = results.map((r) => r.out.length);
    assert.ok(Math.max(...sizesKept) - Math.min(...sizesKept) <= 4_096, `kept ${sizesKept.join(", ")}`);
  });
});
