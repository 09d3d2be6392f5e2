import pep440 from "@renovatebot/pep440";
import type { VersionOrder } from "../packages.js";
import { cachedParser, compareStrings } from "./numeric.js";

// PEP 440 (https://peps.python.org/pep-0440/) through @renovatebot/pep440. Versions PEP 440
// cannot read are ordered as setuptools' LegacyVersion ordered them (still found in old
// advisories and lockfiles): before every valid version, among themselves by their legacy key.

const REPLACE: Record<string, string> = { pre: "c", preview: "c", "-": "final-", rc: "c", dev: "@" };

/** setuptools' LegacyVersion sort key: padded numbers and `*`-prefixed words. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const raw = version.toLowerCase().split(/(\d+|[a-z]+|\.|-)/);
  const pieces = [...raw, "*final"];
  for (let piece of pieces) {
    if (piece !== "*final") piece = REPLACE[piece] ?? piece;
    if (!piece || piece === ".") continue;
    const part = piece === "*final" ? piece : /^[0-9]/.test(piece) ? piece.padStart(8, "0") : `*${piece}`;
    if (part.startsWith("*")) {
      if (part < "*final") while (parts.length > 0 && parts[parts.length - 1] === "*final-") parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === "00000000") parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

/** A parsed version reduced to what PEP 440 orders by, compared field by field. */
type Key = [number, number[], [number, number], number, number, [number, string][] | null];

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, rc: 2, c: 2, pre: 2, preview: 2 };

/**
 * PEP 440's order ("Summary of permitted suffixes and relative ordering"): epoch, then the release
 * without trailing zeros, then dev-only releases before pre-releases before the release, then
 * post-releases after it, dev releases before their base, and a local label after the public one.
 */
function keyOf(v: string): Key | null {
  const p = pep440.parse(v) as { epoch: number; release: number[]; pre: [string, number] | null; post: [string, number] | null; dev: [string, number] | null; local: (string | number)[] | null } | null;
  if (!p) return null;
  const release = [...p.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const pre: [number, number] = p.pre ? [PRE_RANK[p.pre[0]] ?? 2, p.pre[1]] : !p.post && p.dev ? [-Infinity, 0] : [Infinity, 0];
  const post = p.post ? p.post[1] : -Infinity;
  const dev = p.dev ? p.dev[1] : Infinity;
  const local = p.local ? p.local.map((x): [number, string] => (typeof x === "number" || /^\d+$/.test(String(x)) ? [Number(x), ""] : [-Infinity, String(x)])) : null;
  return [p.epoch, release, pre, post, dev, local];
}

const cmp = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);

function compareKeys(a: Key, b: Key): number {
  let c = cmp(a[0], b[0]);
  if (c !== 0) return c;
  for (let i = 0; i < Math.max(a[1].length, b[1].length); i++) {
    c = cmp(a[1][i] ?? 0, b[1][i] ?? 0);
    if (c !== 0) return c;
  }
  c = cmp(a[2][0], b[2][0]) || cmp(a[2][1], b[2][1]) || cmp(a[3], b[3]) || cmp(a[4], b[4]);
  if (c !== 0) return c;
  const x = a[5];
  const y = b[5];
  if (!x || !y) return x === y ? 0 : x ? 1 : -1;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [xn, xs] = x[i] as [number, string];
    const [yn, ys] = y[i] as [number, string];
    c = cmp(xn, yn) || (xs < ys ? -1 : xs > ys ? 1 : 0);
    if (c !== 0) return c;
  }
  return cmp(x.length, y.length);
}

const key = cachedParser(keyOf);
const isValid = (v: string): boolean => key(v) !== null;
const legacy = cachedParser(legacyKey);

function compareLegacy(a: string, b: string): number {
  const x = legacy(a);
  const y = legacy(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareStrings(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** PEP 440 order for PyPI. */
export const pep440Order: VersionOrder = {
  compare(a, b) {
    const va = isValid(a);
    const vb = isValid(b);
    if (va && vb) return compareKeys(key(a) as Key, key(b) as Key);
    if (va !== vb) return va ? 1 : -1;
    return compareLegacy(a, b);
  },
  valid: (v) => isValid(v),
};
