import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigits } from "./numeric.js";

// R's package_version: numbers separated by `.` or `-`, compared one by one by value; when one
// runs out, the longer version is the greater (0.1.0 < 0.1.0.0).

const parse = cachedParser((v: string) => v.trim().split(/[.-]/));

/** CRAN's version order. */
export const cranOrder: VersionOrder = {
  compare(a, b) {
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareDigits(x[i] as string, y[i] as string);
      if (c !== 0) return c;
    }
    return Math.sign(x.length - y.length);
  },
  valid: (v) => /^\d+([.-]\d+)+$/.test(v.trim()),
};
