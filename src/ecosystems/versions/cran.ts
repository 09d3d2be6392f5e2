import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigitLists } from "./numeric.js";

// R's package_version: numbers separated by `.` or `-`, compared one by one by value; when one
// runs out, the longer version is the greater (0.1.0 < 0.1.0.0).

const parse = cachedParser((v: string) => v.trim().split(/[.-]/));

/** CRAN's version order. */
export const cranOrder: VersionOrder = {
  compare: (a, b) => compareDigitLists(parse(a), parse(b)),
  valid: (v) => /^\d+([.-]\d+)+$/.test(v.trim()),
};
