import type { VersionOrder } from "../packages.js";
import { cachedParser } from "./numeric.js";
import { compareIdentifiers, compareSemverParts, parseSemverLike } from "./semver.js";

// Dart's pub_semver: SemVer precedence, except that build metadata counts: a version without it
// sorts before the same version with it, and builds compare like pre-release identifiers.

const parse = cachedParser(parseSemverLike);

/** Pub's version order. */
export const pubOrder: VersionOrder = {
  compare(a, b) {
    const x = parse(a);
    const y = parse(b);
    const c = compareSemverParts(x, y);
    if (c !== 0) return c;
    if (x.build.length === 0 || y.build.length === 0) return x.build.length === y.build.length ? 0 : x.build.length === 0 ? -1 : 1;
    return compareIdentifiers(x.build, y.build);
  },
  valid: (v) => /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v.trim()),
};
