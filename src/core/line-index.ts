import { grown } from "./grown.js";

/** Positions of offsets into one text, its line starts found once. */
export interface LineIndex {
  positionAt(offset: number): { line: number; column: number };
  lineStarts(): ArrayLike<number>;
}

/**
 * 1-based line and column of UTF-16 offsets into `text`, with the line starts found once, on the
 * first question (a lockfile or a long file may place thousands of positions).
 */
export function lineIndex(text: string): LineIndex {
  let starts: Int32Array | undefined;
  const lineStarts = (): Int32Array => {
    if (!starts) {
      // A typed array sized by a guess and doubled when short, not a growing list (files by the
      // hundred, lines by the million), so each newline is searched for once.
      let found = new Int32Array(64 + (text.length >> 4));
      let k = 1;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
        if (k === found.length) found = grown(found, found.length * 2);
        found[k++] = i + 1;
      }
      starts = found.subarray(0, k);
    }
    return starts;
  };
  return {
    lineStarts,
    positionAt(offset: number) {
      const s = lineStarts();
      let lo = 0;
      let hi = s.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((s[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - (s[lo] as number) + 1 };
    },
  };
}

/**
 * Calls `visit` with each line's 1-based number and text (without `\n` or `\r\n`), in one linear
 * pass, the empty line after a final newline included; stops early when `visit` returns false.
 */
export function eachLine(text: string, visit: (line: number, s: string) => boolean | void): void {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    const s = text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
    if (visit(line, s) === false || nl < 0) return;
    start = end + 1;
  }
}
