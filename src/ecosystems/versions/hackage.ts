import type { VersionOrder } from "../packages.js";
import { cachedParser, compareDigitLists } from "./numeric.js";

// Hackage versions (the Package Versioning Policy): numbers separated by `.`, compared one by one
// by value as Cabal's Version does; when one runs out, the longer is the greater (1.0 < 1.0.0).
// Tags (`1.0-beta`, long deprecated) are not part of the order.

const parse = cachedParser((v: string) => v.trim().replace(/-.*$/, "").split("."));

/** Hackage's version order. */
export const hackageOrder: VersionOrder = {
  compare: (a, b) => compareDigitLists(parse(a), parse(b)),
  valid: (v) => /^\d+(?:\.\d+)*$/.test(v.trim()),
};
