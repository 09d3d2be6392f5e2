// Parses a batch of `git log -p -U0` output and scans the lines each commit added, file by file:
// the added lines of one file in one commit become one block of text (so a key spread over
// several added lines is still one key), with each line's number in the new file.
import type { HistoryScanHit, TextOrigin } from "../core/text-scan.js";
import { PATCH_COMMIT_MARK, type PatchCut } from "./history.js";
import { unquoteGitPath } from "./git-path.js";

/** Which paths a whole-tree scan leaves out (vendored, minified, binary by name). */
export type PathFilter = (path: string) => "scan" | "binary" | "vendored" | "minified";

/** An added line longer than this marks the file as minified in that commit (searched for the unmistakable only). */
const MINIFIED_LINE = 20_000;
/** Added bytes kept for one file in one commit; past it the rest of that file is not scanned. */
const MAX_BLOCK = 64 * 1024 * 1024;

const MARK = Buffer.from(PATCH_COMMIT_MARK);

/** What one batch held and what the scanner found in it. */
export interface PatchBatchResult<M> {
  commits: number;
  /** Bytes of added lines scanned. */
  bytes: number;
  hits: HistoryScanHit<M>[];
  /** File versions left out, by reason. */
  skipped: { binary: number; vendored: number; minified: number; truncated: number };
  /** The file versions counted in `skipped.truncated`: scanned only up to MAX_BLOCK. */
  truncated: PatchCut[];
}

/** Scans the added lines of every commit in `batch` with `scan`. */
export function scanPatchBatch<M>(batch: Buffer, scan: (bytes: Uint8Array, path: string, origin: TextOrigin) => M[], filter: PathFilter, scanMinified: boolean): PatchBatchResult<M> {
  const result: PatchBatchResult<M> = { commits: 0, bytes: 0, hits: [], skipped: { binary: 0, vendored: 0, minified: 0, truncated: 0 }, truncated: [] };
  let commit = "";
  let authorDate = "";
  let path: string | undefined;
  let skip = false;
  // A minified or bundled file: searched only for what is unmistakable in it (prefixed tokens).
  let unmistakable = false;
  let slices: number[] = []; // start, end pairs into batch
  let lineNumbers: number[] = [];
  let blockBytes = 0;
  let nextLine = 0;
  let plusLeft = 0;
  let minusLeft = 0;

  const flush = (): void => {
    if (path !== undefined && !skip && slices.length > 0) {
      // The lines copied one after the other into the thread's block buffer (no Buffer per line):
      // the scanner keeps nothing of the bytes, so the buffer serves the next block.
      const block = joinLines(batch, slices);
      result.bytes += block.length;
      const origin: TextOrigin = { line: lineNumbers[0] ?? 1, lines: Int32Array.from(lineNumbers) };
      const matches = scan(block, path, unmistakable ? { ...origin, unmistakableOnly: true } : origin);
      if (matches.length > 0) result.hits.push({ commit, authorDate, path, matches });
    }
    path = undefined;
    skip = false;
    unmistakable = false;
    slices = [];
    lineNumbers = [];
    blockBytes = 0;
    plusLeft = 0;
    minusLeft = 0;
  };

  let pos = 0;
  const n = batch.length;
  while (pos < n) {
    let nl = batch.indexOf(10, pos);
    if (nl < 0) nl = n;
    const first = batch[pos] as number;
    if (plusLeft > 0 || minusLeft > 0) {
      // Inside a hunk: with -U0 it holds exactly the counted removed and added lines.
      if (first === 43 /* + */ && plusLeft > 0) {
        plusLeft--;
        if (path !== undefined && !skip) {
          const end = nl > pos + 1 && batch[nl - 1] === 13 ? nl - 1 : nl;
          if (end - pos - 1 > MINIFIED_LINE && !scanMinified && !unmistakable) {
            unmistakable = true;
            result.skipped.minified++;
          }
          if (blockBytes + end - pos > MAX_BLOCK) {
            skip = true;
            result.skipped.truncated++;
            result.truncated.push({ commit, path });
          } else {
            slices.push(pos + 1, end);
            lineNumbers.push(nextLine);
            blockBytes += end - pos;
          }
        }
        nextLine++;
      } else if (first === 45 /* - */ && minusLeft > 0) {
        minusLeft--;
      } else if (first !== 92 /* \ No newline at end of file */) {
        plusLeft = 0;
        minusLeft = 0;
        continue;
      }
      pos = nl + 1;
      continue;
    }
    if (first === 1 && batch.compare(MARK, 0, MARK.length, pos, pos + MARK.length) === 0) {
      flush();
      const [hash = "", date = ""] = batch.toString("utf8", pos + MARK.length, nl).split(" ");
      commit = hash;
      authorDate = date;
      result.commits++;
    } else if (first === 100 /* d */ && startsWith(batch, pos, "diff --git ")) {
      flush();
    } else if (first === 43 /* + */ && startsWith(batch, pos, "+++ ")) {
      flush();
      const target = batch.toString("utf8", pos + 4, nl).replace(/\t$/, "");
      if (target !== "/dev/null") {
        path = unquoteGitPath(target).replace(/^b\//, "");
        const verdict = filter(path);
        if (verdict === "minified") unmistakable = true;
        if (verdict !== "scan") result.skipped[verdict]++;
        if (verdict !== "scan" && verdict !== "minified") skip = true;
      }
    } else if (first === 64 /* @ */ && startsWith(batch, pos, "@@ ")) {
      const header = batch.toString("latin1", pos, Math.min(nl, pos + 200));
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(header);
      if (m) {
        minusLeft = m[1] === undefined ? 1 : Number(m[1]);
        nextLine = Number(m[2]);
        plusLeft = m[3] === undefined ? 1 : Number(m[3]);
      }
    }
    pos = nl + 1;
  }
  flush();
  return result;
}

let blockBuffer = Buffer.allocUnsafeSlow(1024 * 1024);

/** The slices of `batch` (start, end pairs) joined by line feeds, in a buffer reused from block to block. */
function joinLines(batch: Buffer, slices: readonly number[]): Buffer {
  let length = slices.length / 2 - 1;
  for (let i = 0; i < slices.length; i += 2) length += (slices[i + 1] as number) - (slices[i] as number);
  if (length > blockBuffer.length) blockBuffer = Buffer.allocUnsafeSlow(Math.max(length, blockBuffer.length * 2));
  let at = 0;
  for (let i = 0; i < slices.length; i += 2) {
    if (i > 0) blockBuffer[at++] = 10;
    at += batch.copy(blockBuffer, at, slices[i] as number, slices[i + 1] as number);
  }
  return blockBuffer.subarray(0, at);
}

function startsWith(buf: Buffer, at: number, literal: string): boolean {
  for (let i = 0; i < literal.length; i++) if (buf[at + i] !== literal.charCodeAt(i)) return false;
  return true;
}
