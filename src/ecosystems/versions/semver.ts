import semver from "semver";
import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings, isDigits } from "./numeric.js";

// SemVer 2.0.0 precedence (https://semver.org/#spec-item-11), read leniently the way advisory
// databases write versions: an optional `v`, numbers of any length, missing minor or patch as 0,
// and anything after the third number that is not a pre-release treated as build metadata.

/** A parsed SemVer-like version: three numbers (digit strings), pre-release identifiers, build. */
export interface SemverParts {
  core: [string, string, string];
  pre: string[];
  build: string[];
}

/** Reads a SemVer-like version; never throws (what cannot be read becomes build text). */
export function parseSemverLike(input: string): SemverParts {
  let s = input.trim();
  if (s.startsWith("v") || s.startsWith("V")) s = s.slice(1);
  const core: [string, string, string] = ["0", "0", "0"];
  let i = 0;
  for (let part = 0; part < 3; part++) {
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) break;
    core[part] = s.slice(start, i);
    if (part < 2 && s[i] === "." && /[0-9]/.test(s[i + 1] ?? "")) i++;
    else break;
  }
  const rest = s.slice(i);
  let pre: string[] = [];
  let build: string[] = [];
  if (rest.startsWith("-")) {
    const plus = rest.indexOf("+");
    pre = (plus < 0 ? rest.slice(1) : rest.slice(1, plus)).split(".");
    if (plus >= 0) build = rest.slice(plus + 1).split(".");
  } else if (rest.startsWith("+")) {
    build = rest.slice(1).split(".");
  } else if (rest !== "") {
    build = [rest];
  }
  return { core, pre, build };
}

/** Compares identifier lists as SemVer compares pre-releases: numeric ones by value and before alphanumeric ones. */
export function compareIdentifiers(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    let c: number;
    if (xn && yn) c = compareDigits(x, y);
    else if (xn) c = -1;
    else if (yn) c = 1;
    else c = compareStrings(x, y);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer precedence of two parsed versions; build metadata is ignored. */
export function compareSemverParts(a: SemverParts, b: SemverParts): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i] as string, b.core[i] as string);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  return compareIdentifiers(a.pre, b.pre);
}

const parse = cachedParser(parseSemverLike);

/** SemVer 2.0.0 precedence: npm, crates.io, Hex and the `SEMVER` range type. */
export const semverOrder: VersionOrder = {
  compare: (a, b) => compareSemverParts(parse(a), parse(b)),
  valid: (v) => semver.valid(v) !== null,
};
