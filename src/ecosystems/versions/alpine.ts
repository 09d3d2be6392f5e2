import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits, compareStrings } from "./numeric.js";

// apk's version format (apk-package(5)): number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}.
// Numbers after the first compare as text when either starts with 0 (so 1.01 < 1.1 is not
// 1.1 = 1.01); suffixes rank alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p; the
// hash does not count; a version with text left over sorts before the same one without it, and
// two unreadable versions compare as text.

interface ApkVersion {
  original: string;
  numbers: string[];
  letter: string;
  suffixes: { weight: number; n: string }[];
  revision: string;
  rest: string;
  invalid: boolean;
}

const SUFFIXES = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
const NONE = SUFFIXES.indexOf("");

function parseApk(input: string): ApkVersion {
  const v: ApkVersion = { original: input, numbers: [], letter: "", suffixes: [], revision: "0", rest: "", invalid: false };
  let s = input;
  const nums = /^(?:\d+\.?)*/.exec(s)?.[0] ?? "";
  if (nums !== "") {
    v.numbers = nums.split(".").filter((p, i, all) => p !== "" || i < all.length - 1);
    s = s.slice(nums.length);
  }
  if (/^[a-z]/.test(s)) {
    v.letter = s[0] as string;
    s = s.slice(1);
  }
  for (;;) {
    const m = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(s);
    if (!m) break;
    v.suffixes.push({ weight: SUFFIXES.indexOf(m[1] as string), n: m[2] || "0" });
    s = s.slice(m[0].length);
  }
  const hash = /^~[0-9a-f]+/.exec(s);
  if (hash) s = s.slice(hash[0].length);
  if (s !== "") {
    const r = /^-r(\d*)/.exec(s);
    if (!r) v.invalid = true;
    else {
      v.revision = r[1] || "0";
      s = s.slice(r[0].length);
    }
  }
  v.rest = s;
  return v;
}

function compareNumber(a: string, b: string, index: number): number {
  if (index > 0 && (a.startsWith("0") || b.startsWith("0"))) return compareStrings(a, b);
  return compareDigits(a, b);
}

function compareApk(a: ApkVersion, b: ApkVersion): number {
  if (a.invalid && b.invalid) return compareStrings(a.original, b.original);
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const c = compareNumber(a.numbers[i] ?? "0", b.numbers[i] ?? "0", i);
    if (c !== 0) return c;
  }
  if (a.letter !== b.letter) return a.letter === "" ? -1 : b.letter === "" ? 1 : compareStrings(a.letter, b.letter);
  for (let i = 0; i < Math.max(a.suffixes.length, b.suffixes.length); i++) {
    const x = a.suffixes[i] ?? { weight: NONE, n: "0" };
    const y = b.suffixes[i] ?? { weight: NONE, n: "0" };
    if (x.weight !== y.weight) return Math.sign(x.weight - y.weight);
    const c = compareDigits(x.n, y.n);
    if (c !== 0) return c;
  }
  const r = compareDigits(a.revision, b.revision);
  if (r !== 0) return r;
  if ((a.rest === "") !== (b.rest === "")) return a.rest === "" ? 1 : -1;
  return 0;
}

const parse = cachedParser(parseApk);

/** Alpine's (apk) version order. */
export const alpineOrder: VersionOrder = {
  compare: (a, b) => compareApk(parse(a), parse(b)),
  valid: (v) => !parse(v).invalid && /^\d/.test(v),
};
