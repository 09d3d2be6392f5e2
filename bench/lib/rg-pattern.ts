// The secrets detectors' patterns rewritten for ripgrep's default engine, so the bench compares
// assay with ripgrep searching the same patterns. ripgrep has no lookaround: a lookaround group is
// dropped whole, which makes its pattern match more, never less (ripgrep does no less work than
// assay). ripgrep 13 rejects `\/`, reads `[`, `&&` and `~~` inside
// a class as class syntax, and takes JavaScript's flags as inline groups.

/** One JavaScript regular expression as a pattern ripgrep's default engine accepts. */
export function toRipgrep(source: string, flags: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      out += next === "/" ? "/" : `\\${next}`;
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
      // In ripgrep's syntax `[` inside a class opens a nested class, and `&&`, `~~` are set operations.
      out += c === "[" || c === "&" || c === "~" ? `\\${c}` : c;
    } else if (c === "[") {
      inClass = true;
      const end = classOpening(source, i);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === "(" && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      i = groupEnd(source, i);
    } else out += c;
  }
  return (flags.includes("i") ? "(?i)" : "") + out;
}

/** The index of the `)` that closes the group opened at `start`. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") {
      inClass = true;
      i = classOpening(source, i);
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced group at ${start} in /${source}/`);
}

/** The last index of the class opening at `i`: its `[`, then a `^` and a leading `]` (a literal there), if any. */
function classOpening(source: string, i: number): number {
  let end = i;
  if (source[end + 1] === "^") end++;
  if (source[end + 1] === "]") end++;
  return end;
}
