import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, isDigits } from "./numeric.js";

// Packagist: PHP's version_compare, which Composer's comparator applies, after dropping a leading
// `v`: `-`, `_` and `+` separate like `.`, a change between digits and other characters starts a
// new part, and words rank dev < alpha = a < beta = b < RC = rc < (number) < pl = p, with words
// PHP does not know ranked like dev. A part that is left over ranks against "#" (a number).
// Composer normalises a version before it compares (VersionParser: `2.0` is 2.0.0.0), so the
// leading numbers are padded to four: a package locked at `v2.0` is at the advisory's `fixed:
// 2.0.0`, not below it (bare version_compare, and OSV-Scanner, put 2.0 before 2.0.0).

function canonical(input: string): string[] {
  let s = input.trim();
  if (s.startsWith("v") || s.startsWith("V")) s = s.slice(1);
  s = s.replace(/[-_+]/g, ".");
  const parts: string[] = [];
  let cur = "";
  for (const c of s) {
    if (c === ".") {
      parts.push(cur);
      cur = "";
      continue;
    }
    const last = cur[cur.length - 1];
    if (last !== undefined && (last >= "0" && last <= "9") !== (c >= "0" && c <= "9")) {
      parts.push(cur);
      cur = "";
    }
    cur += c;
  }
  parts.push(cur);
  let numbers = 0;
  // "#" is version_compare's stand-in for a number.
  while (numbers < parts.length && (isDigits(parts[numbers] as string) || parts[numbers] === "#")) numbers++;
  if (numbers > 0 && numbers < 4) parts.splice(numbers, 0, ...Array<string>(4 - numbers).fill("0"));
  return parts;
}

function weight(part: string): number {
  if (part.startsWith("RC")) return 3;
  const specials = ["dev", "a", "b", "rc", "#", "p"];
  for (let i = 0; i < specials.length; i++) if (part.startsWith(specials[i] as string)) return i;
  return 0;
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : Math.sign(weight(xn ? "#" : x) - weight(yn ? "#" : y));
    if (c !== 0) return c;
  }
  if (a.length > b.length) return isDigits(a[n] as string) ? 1 : compareParts(a.slice(n), ["#"]);
  if (a.length < b.length) return isDigits(b[n] as string) ? -1 : compareParts(["#"], b.slice(n));
  return 0;
}

const parse = cachedParser(canonical);

/** Composer's (PHP version_compare) order for Packagist. */
export const composerOrder: VersionOrder = {
  compare: (a, b) => compareParts(parse(a), parse(b)),
  valid: (v) => /^v?[0-9]+(\.[0-9]+){0,3}([-_.+]?[0-9A-Za-z]+){0,10}$/i.test(v.trim()) || /^dev-/.test(v.trim()),
};
