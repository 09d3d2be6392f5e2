/**
 * 1-based lines of each `[[name]]` array-of-tables header, in order, so the n-th table of a parsed
 * lockfile (`[[package]]` in Cargo.lock, poetry.lock, uv.lock) can be placed. Undefined when the
 * count differs from `expected` (a header inside a multi-line string): no line beats a wrong one.
 */
export function arrayTableLines(text: string, name: string, expected: number): number[] | undefined {
  const out: number[] = [];
  let line = 1;
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.startsWith("[[", i)) {
      const close = text.indexOf("]]", i + 2);
      if (close > 0 && close < end && text.slice(i + 2, close).trim() === name) out.push(line);
    }
    if (nl < 0) break;
    start = nl + 1;
    line++;
  }
  return out.length === expected ? out : undefined;
}
