import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings } from "./numeric.js";

// Gem::Version order: the version is read as runs of digits and runs of letters (`-` reads as
// `.pre.`); a letter makes a pre-release, which sorts before its release; trailing zeros do not
// count, in the release part and in the pre-release part (6.2 = 6.2.0).

type Segment = string | { n: string };

function segments(input: string): Segment[] {
  const s = input.trim().replace(/-/g, ".pre.");
  const out: Segment[] = [];
  for (const m of s.matchAll(/[0-9]{1,1000}|[a-zA-Z]{1,1000}/g)) out.push(/^[0-9]/.test(m[0]) ? { n: m[0] } : m[0]);
  return canonical(out);
}

const isZero = (s: Segment): boolean => typeof s !== "string" && /^0*$/.test(s.n);

function dropTrailingZeros(list: Segment[]): Segment[] {
  let end = list.length;
  while (end > 0 && isZero(list[end - 1] as Segment)) end--;
  return list.slice(0, end);
}

/** Gem::Version#canonical_segments: trailing zeros dropped from the release and the pre-release parts. */
function canonical(list: Segment[]): Segment[] {
  const firstString = list.findIndex((s) => typeof s === "string");
  if (firstString < 0) return dropTrailingZeros(list);
  return [...dropTrailingZeros(list.slice(0, firstString)), ...dropTrailingZeros(list.slice(firstString))];
}

function compareGems(a: Segment[], b: Segment[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? { n: "0" };
    const y = b[i] ?? { n: "0" };
    const xs = typeof x === "string";
    const ys = typeof y === "string";
    if (xs && ys) {
      const c = compareStrings(x, y);
      if (c !== 0) return c;
    } else if (xs) return -1;
    else if (ys) return 1;
    else {
      const c = compareDigits(x.n, y.n);
      if (c !== 0) return c;
    }
  }
  return 0;
}

const parse = cachedParser(segments);

/** RubyGems' Gem::Version order. */
export const rubygemsOrder: VersionOrder = {
  compare: (a, b) => compareGems(parse(a), parse(b)),
  valid: (v) => /^\s*[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\s*$/.test(v),
};
