import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings } from "./numeric.js";

// RPM's order (rpmvercmp, with `~` before everything and `^` after the end but before anything
// else): [epoch:]version[-release], the epoch only when it is a number; a release that is present
// sorts after one that is absent.

interface RpmVersion {
  epoch: string;
  version: string;
  release: string | undefined;
}

function parseRpm(input: string): RpmVersion {
  const s = input.trim();
  const colon = s.indexOf(":");
  const hasEpoch = colon >= 0 && /^\d*$/.test(s.slice(0, colon));
  const epoch = hasEpoch ? s.slice(0, colon) || "0" : "0";
  const rest = hasEpoch ? s.slice(colon + 1) : s;
  const dash = rest.lastIndexOf("-");
  return dash >= 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest, release: undefined };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
const isSeparator = (c: string | undefined): boolean => c !== undefined && !isDigit(c) && !isAlpha(c) && c !== "~" && c !== "^";

/** rpmvercmp: segments of digits or ASCII letters, everything else separates. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (test(a[i])) i++;
    while (test(b[j])) j++;
    if (j === sj) return numeric ? 1 : -1;
    const c = numeric ? compareDigits(a.slice(si, i), b.slice(sj, j)) : compareStrings(a.slice(si, i), b.slice(sj, j));
    if (c !== 0) return c;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

const parse = cachedParser(parseRpm);

/** RPM's version order (Red Hat). */
export const rpmOrder: VersionOrder = {
  compare(a, b) {
    const x = parse(a);
    const y = parse(b);
    const c = compareDigits(x.epoch, y.epoch) || rpmvercmp(x.version, y.version);
    if (c !== 0) return c;
    if (x.release === undefined || y.release === undefined) return x.release === y.release ? 0 : x.release === undefined ? -1 : 1;
    return rpmvercmp(x.release, y.release);
  },
  valid: (v) => /^(\d+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?$/.test(v.trim()),
};
