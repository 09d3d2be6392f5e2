/**
 * 1-based line and column of UTF-16 offsets into `text`, with the line starts found once, on the
 * first question (a lockfile or a long file may place thousands of positions).
 */
export function lineIndex(text: string): { positionAt(offset: number): { line: number; column: number }; lineStarts(): readonly number[] } {
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
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
