import { ParseFailure } from "../../core/files.js";

// Yarn classic's lockfile syntax (`# yarn lockfile v1`): entries keyed by the descriptors they
// satisfy, two-space indented fields, one nested level for dependency maps. Read line by line in
// linear time: yarn's own grammar-based parser needs 2.4 s for a 7 MB lockfile, this a tenth of that.

/** One entry: the descriptors it satisfies, its fields, and its dependency maps. */
export interface YarnV1Entry {
  descriptors: string[];
  line: number;
  fields: Map<string, string>;
  blocks: Map<string, Map<string, string>>;
}

/** Reads one token (a JSON-quoted string or a bare word) at `i`; returns it and the index after it. */
function token(s: string, i: number, line: number, stopAtColon: boolean): [string, number] {
  if (s.charCodeAt(i) === 34) {
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) !== 34) j += s.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= s.length) throw new ParseFailure("unterminated string", line, i + 1);
    try {
      return [JSON.parse(s.slice(i, j + 1)) as string, j + 1];
    } catch {
      throw new ParseFailure("invalid string escape", line, i + 1);
    }
  }
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 44 || (stopAtColon && c === 58 && j === s.length - 1)) break;
    j++;
  }
  return [s.slice(i, j), j];
}

/** Parses yarn v1 lockfile text into its entries; malformed structure is a ParseFailure at its line. */
export function parseYarnV1(text: string): YarnV1Entry[] {
  const entries: YarnV1Entry[] = [];
  let current: YarnV1Entry | undefined;
  let block: Map<string, string> | undefined;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    let s = text.slice(start, end);
    start = end + 1;
    if (s.endsWith("\r")) s = s.slice(0, -1);
    const body = s.trimStart();
    const indent = s.length - body.length;
    if (body === "" || (body.startsWith("#") && indent === 0)) {
      if (nl < 0) break;
      continue;
    }
    if (indent === 0) {
      if (!s.endsWith(":")) throw new ParseFailure("expected an entry header ending in ':'", line, s.length + 1);
      const head = s.slice(0, -1);
      const descriptors: string[] = [];
      let i = 0;
      while (i < head.length) {
        const [t, j] = token(head, i, line, false);
        if (t === "") throw new ParseFailure("expected a descriptor", line, i + 1);
        descriptors.push(t);
        i = j;
        while (i < head.length && (head.charCodeAt(i) === 44 || head.charCodeAt(i) === 32)) i++;
      }
      current = { descriptors, line, fields: new Map(), blocks: new Map() };
      block = undefined;
      entries.push(current);
    } else if (indent === 2) {
      if (!current) throw new ParseFailure("a field outside any entry", line, 3);
      const [key, j] = token(s, 2, line, true);
      if (j >= s.length - 1 && s.endsWith(":")) {
        block = new Map();
        current.blocks.set(key, block);
        continue;
      }
      block = undefined;
      const [value] = token(s, j + 1, line, false);
      current.fields.set(key, value);
    } else if (indent === 4 && block) {
      const [key, j] = token(s, 4, line, false);
      const [value] = token(s, j + 1, line, false);
      block.set(key, value);
    }
    // Deeper or unexpected indentation holds nothing a package set needs.
    if (nl < 0) break;
  }
  return entries;
}
