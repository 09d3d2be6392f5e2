import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings, isDigits, stripZeros } from "./numeric.js";

// Maven's version order, as the POM reference's "Version Order Specification" states it (the
// order of ComparableVersion): tokens split at `.`, `-` and digit/letter transitions (a
// transition counts as `-`), trailing null tokens trimmed before each hyphen, the shorter
// version padded with nulls, and `.qualifier` < `-qualifier` < `-number` < `.number`.

interface Token {
  sep: "." | "-";
  value: string;
  numeric: boolean;
}

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { cr: "rc", ga: "", final: "", release: "" };

function tokenize(input: string): Token[] {
  const s = input.trim().toLowerCase();
  const tokens: Token[] = [];
  let sep: "." | "-" = "-";
  let start = 0;
  const push = (end: number, followedByDigit: boolean): void => {
    let value = s.slice(start, end);
    const numeric = isDigits(value);
    if (value === "") value = "0";
    else if (numeric) value = stripZeros(value) || "0";
    else {
      if (followedByDigit && value.length === 1) value = value === "a" ? "alpha" : value === "b" ? "beta" : value === "m" ? "milestone" : value;
      value = ALIASES[value] ?? value;
    }
    tokens.push({ sep, value, numeric: numeric || value === "0" });
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "." || c === "-") {
      push(i, false);
      sep = c;
      start = i + 1;
      continue;
    }
    const prev = s[i - 1];
    if (i > start && prev !== undefined && isDigit(prev) !== isDigit(c)) {
      push(i, isDigit(c));
      sep = "-";
      start = i;
    }
  }
  push(s.length, false);
  return trim(tokens);
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isNull(t: Token): boolean {
  return t.value === "0" || t.value === "";
}

/** Drops null tokens at the end, then before each hyphen, from the end to the start. */
function trim(tokens: Token[]): Token[] {
  let i = tokens.length - 1;
  while (i > 0) {
    if (isNull(tokens[i] as Token)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && (tokens[i] as Token).sep !== "-") i--;
    i--;
  }
  return tokens;
}

function padding(other: Token): Token {
  if (other.sep === ".") return other.value === "sp" ? { sep: ".", value: "", numeric: false } : { sep: ".", value: "0", numeric: true };
  return { sep: "-", value: "", numeric: false };
}

function rank(t: Token): number {
  if (t.numeric) return t.sep === "-" ? 2 : 3;
  return t.sep === "-" ? 1 : 0;
}

function qualifierIndex(q: string): number {
  const i = QUALIFIERS.indexOf(q);
  return i < 0 ? QUALIFIERS.length : i;
}

function compareTokens(a: Token, b: Token, aPad: boolean, bPad: boolean): number {
  if (a.sep !== b.sep) return Math.sign(rank(a) - rank(b));
  if (a.numeric && b.numeric) return compareDigits(a.value, b.value);
  // A real number sorts after a qualifier; a padded null does not.
  if (a.numeric && !aPad) return 1;
  if (b.numeric && !bPad) return -1;
  const x = qualifierIndex(a.value);
  const y = qualifierIndex(b.value);
  if (x === QUALIFIERS.length && y === QUALIFIERS.length) return compareStrings(a.value, b.value);
  return Math.sign(x - y);
}

function compareMaven(a: Token[], b: Token[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? padding(b[i] as Token);
    const y = b[i] ?? padding(a[i] as Token);
    if (x.sep === y.sep && x.value === y.value) continue;
    return compareTokens(x, y, i >= a.length, i >= b.length);
  }
  return 0;
}

const parse = cachedParser(tokenize);

/** Maven's ComparableVersion order. */
export const mavenOrder: VersionOrder = {
  compare: (a, b) => compareMaven(parse(a), parse(b)),
  valid: (v) => v.trim() !== "" && !/\s/.test(v.trim()),
};
