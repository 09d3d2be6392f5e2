/** A JSON path step: a property name or an array index. */
export type JsonStep = string | number;

/** The key under which `jsonLines` stores a path. */
export function pathKey(path: readonly JsonStep[]): string {
  return path.join("\u0000");
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/**
 * The 1-based line where each selected member starts (a property's key, an array element's first
 * character), found in one pass over text that already parsed as JSON: locating thousands of
 * lockfile entries one by one would walk the tree once each. `select` sees the path of every
 * member and says which to keep. With `allowComments`, `//` and `/* *\/` comments are skipped.
 */
export function jsonLines(text: string, select: (path: readonly JsonStep[]) => boolean, allowComments = false): Map<string, number> {
  const out = new Map<string, number>();
  const path: JsonStep[] = [];
  // One frame per open container: whether it is an array, its next index, and for objects whether a key comes next.
  const arrays: boolean[] = [];
  const next: number[] = [];
  let expectKey = false;
  let valueStart = false;
  let line = 1;
  const element = (): void => {
    const depth = arrays.length;
    if (depth === 0 || !arrays[depth - 1] || !valueStart) return;
    valueStart = false;
    path.length = depth;
    path[depth - 1] = (next[depth - 1] as number) + 0;
    next[depth - 1] = (next[depth - 1] as number) + 1;
    if (select(path)) out.set(pathKey(path), line);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (allowComments && c === 47) {
      const n = text.charCodeAt(i + 1);
      if (n === 47) {
        const end = text.indexOf("\n", i);
        i = (end < 0 ? text.length : end) - 1;
        continue;
      }
      if (n === 42) {
        const end = text.indexOf("*/", i + 2);
        const stop = end < 0 ? text.length : end + 2;
        for (let k = i; k < stop; k++) if (text.charCodeAt(k) === NEWLINE) line++;
        i = stop - 1;
        continue;
      }
    }
    if (c === QUOTE) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          j += 2;
        } else j++;
      }
      if (expectKey && arrays.length > 0 && !arrays[arrays.length - 1]) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            // Text that parsed as JSON has valid escapes; keep the raw key otherwise.
          }
        }
        expectKey = false;
        path.length = arrays.length;
        path[arrays.length - 1] = key;
        if (select(path)) out.set(pathKey(path), line);
      } else element();
      i = j;
      continue;
    }
    if (c === 123 || c === 91) {
      element();
      arrays.push(c === 91);
      next.push(0);
      expectKey = c === 123;
      valueStart = c === 91;
      continue;
    }
    if (c === 125 || c === 93) {
      arrays.pop();
      next.pop();
      expectKey = false;
      valueStart = false;
      continue;
    }
    if (c === 44) {
      const top = arrays.length - 1;
      if (top >= 0 && arrays[top]) valueStart = true;
      else expectKey = true;
      continue;
    }
    if (c === 58) continue;
    // The first character of a literal (number, true, false, null).
    element();
  }
  return out;
}
