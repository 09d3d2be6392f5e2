import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings, isDigits, stripZeros } from "./numeric.js";

// Conan 2's version order (conan/internal/model/version.py, "Version"): not SemVer. A version is
// `main[-pre][+build]`, each `.`-separated item compared as an integer when it is one and as text
// otherwise, so OpenSSL's `1.1.1k` (items 1, 1, "1k") sorts above `1.1.1` and below `1.1.1l`;
// read as SemVer the letter was dropped and `1.1.1k` equalled `1.1.1`, which put every lettered
// OpenSSL release inside a range fixed in one of them. Trailing zero items do not count
// (1.2 = 1.2.0); a pre-release sorts before its release.

interface ConanVersion {
  /** Items with trailing zeros dropped; digit items without leading zeros. */
  main: string[];
  pre: string[] | undefined;
  build: string[] | undefined;
}

/** Items of one part; integers as their digits without leading zeros, trailing zero items dropped. */
function items(part: string): string[] {
  const out = part.split(".").map((s) => (isDigits(s) ? stripZeros(s) || "0" : s));
  while (out.length > 0 && out[out.length - 1] === "0") out.pop();
  return out;
}

function parseConan(input: string): ConanVersion {
  let s = input.trim();
  // Conan splits the build at the last `+` and the pre-release at the first `-` of what is left.
  const plus = s.lastIndexOf("+");
  const build = plus >= 0 ? items(s.slice(plus + 1)) : undefined;
  if (plus >= 0) s = s.slice(0, plus);
  const dash = s.indexOf("-");
  const pre = dash >= 0 ? items(s.slice(dash + 1)) : undefined;
  return { main: items(dash >= 0 ? s.slice(0, dash) : s), pre, build };
}

/** Two items: by value when both are integers, else as text (Python's `str` order, as Conan falls back to). */
function compareItem(a: string, b: string): number {
  if (isDigits(a) && isDigits(b)) return compareDigits(a, b);
  return compareStrings(a, b);
}

/** Item lists as Python compares tuples: the first differing item decides, else the shorter is less. */
function compareItems(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareItem(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

/** An optional qualifier: none sorts before any (a build qualifier only breaks ties). */
function compareOptional(a: string[] | undefined, b: string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareItems(a, b);
}

function compareConan(a: ConanVersion, b: ConanVersion): number {
  const main = compareItems(a.main, b.main);
  if (a.pre !== undefined && b.pre !== undefined) return main || compareItems(a.pre, b.pre) || compareOptional(a.build, b.build);
  // A pre-release sorts before the release of the same main version, the main version decides otherwise.
  if (a.pre !== undefined || b.pre !== undefined) return main || (a.pre !== undefined ? -1 : 1);
  return main || compareOptional(a.build, b.build);
}

const parse = cachedParser(parseConan);

/** ConanCenter's version order, as Conan 2 compares versions. */
export const conanOrder: VersionOrder = {
  compare: (a, b) => compareConan(parse(a), parse(b)),
  valid: (v) => /^[0-9A-Za-z_][0-9A-Za-z_.+-]{0,127}$/.test(v.trim()),
};
