// Version numbers can be longer than any machine integer (dates, hashes read as digits): these
// compare decimal digit strings exactly, without converting them.

/** Compares two strings of decimal digits by value (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares lists of digit strings part by part by value; when one runs out, the longer list is the greater (1.0 < 1.0.0). */
export function compareDigitLists(x: readonly string[], y: readonly string[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareDigits(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return Math.sign(x.length - y.length);
}

/** The digits without leading zeros ("" for zero). */
export function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

/** True when `s` is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** -1, 0 or 1 from ordinary string order (code units). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * A comparator that parses each distinct string once: advisory ranges compare the same few
 * bounds against thousands of versions. The cache is bounded so hostile input cannot grow it.
 */
export function cachedParser<T>(parse: (s: string) => T, limit = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = parse(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}
