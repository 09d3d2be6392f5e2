import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings, isDigits } from "./numeric.js";

// NuGet's order (NuGet.Versioning): up to four numbers (missing ones are 0, leading zeros do not
// count), then the release label compared as SemVer 2.0 compares pre-releases but ignoring
// case; build metadata after `+` does not count.

interface NugetVersion {
  numbers: string[];
  labels: string[];
}

function parseNuget(input: string): NugetVersion {
  let s = input.trim();
  if (s.startsWith("v") || s.startsWith("V")) s = s.slice(1);
  const plus = s.indexOf("+");
  if (plus >= 0) s = s.slice(0, plus);
  const dash = s.indexOf("-");
  const core = dash >= 0 ? s.slice(0, dash) : s;
  const labels = dash >= 0 ? s.slice(dash + 1).toLowerCase().split(".") : [];
  const numbers = core.split(".");
  while (numbers.length < 4) numbers.push("0");
  return { numbers, labels };
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

function compareNuget(a: NugetVersion, b: NugetVersion): number {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const x = a.numbers[i] ?? "0";
    const y = b.numbers[i] ?? "0";
    const c = isDigits(x) && isDigits(y) ? compareDigits(x, y) : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return compareLabels(a.labels, b.labels);
}

const parse = cachedParser(parseNuget);

/** NuGet's version order. */
export const nugetOrder: VersionOrder = {
  compare: (a, b) => compareNuget(parse(a), parse(b)),
  valid: (v) => /^\d{1,30}(\.\d{1,30}){0,3}(-[0-9A-Za-z-]{1,100}(\.[0-9A-Za-z-]{1,100}){0,50})?(\+[0-9A-Za-z.-]{1,200})?$/.test(v.trim()),
};
