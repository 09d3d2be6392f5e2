import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits } from "./numeric.js";

// dpkg's order (deb-version(7)): [epoch:]upstream[-revision]; each part compared by alternating
// runs of non-digits (letters before other characters, `~` before everything, even the end) and
// digits (by value).

interface DebVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

function parseDebian(input: string): DebVersion {
  const s = input.trim();
  const colon = s.indexOf(":");
  const epoch = colon >= 0 && /^\d+$/.test(s.slice(0, colon)) ? s.slice(0, colon) : "0";
  const rest = colon >= 0 && epoch === s.slice(0, colon) ? s.slice(colon + 1) : s;
  const dash = rest.lastIndexOf("-");
  return dash >= 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: "" };
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === "~") return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** dpkg's verrevcmp. */
export function debianPartCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const x = isDigit(a[i]) ? 0 : order(a[i]);
      const y = isDigit(b[j]) ? 0 : order(b[j]);
      if (x !== y) return Math.sign(x - y);
      i++;
      j++;
    }
    let si = i;
    while (isDigit(a[i])) i++;
    let sj = j;
    while (isDigit(b[j])) j++;
    const c = compareDigits(a.slice(si, i) || "0", b.slice(sj, j) || "0");
    if (c !== 0) return c;
    si = sj = 0;
  }
  return 0;
}

const parse = cachedParser(parseDebian);

/** Debian's (dpkg) version order. */
export const debianOrder: VersionOrder = {
  compare(a, b) {
    const x = parse(a);
    const y = parse(b);
    return compareDigits(x.epoch, y.epoch) || debianPartCompare(x.upstream, y.upstream) || debianPartCompare(x.revision, y.revision);
  },
  valid: (v) => /^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/.test(v.trim()),
};
