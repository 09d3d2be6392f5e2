import type { VersConstraint, VersComparator, VersRange } from "../core/vers.js";
import type { OsvEcosystem } from "./packages.js";
import { versionOrder } from "./versions.js";

// Version range specifiers (`vers:<scheme>/<constraint>|<constraint>|…`, the purl project's
// VERSION-RANGE-SPEC): what a CycloneDX VEX `affects[].versions[].range` is written in. A range is
// read strictly (sorted, distinct versions, lesser and greater bounds alternating, every version
// valid in the scheme's own ordering) because a range read loosely could close findings it was
// never about; anything this cannot read is refused with the reason, never guessed at.

export type { VersConstraint, VersComparator, VersRange } from "../core/vers.js";

/** Longest range read: real ones are a few dozen characters. */
export const MAX_VERS_LENGTH = 4_096;
/** Most constraints read in one range. */
export const MAX_VERS_CONSTRAINTS = 64;

/** vers schemes (package URL types, and the spec's `alpine` and `debian`) and the ecosystem whose ordering each uses. */
const SCHEMES: Readonly<Record<string, OsvEcosystem>> = {
  npm: "npm",
  pypi: "PyPI",
  maven: "Maven",
  nuget: "NuGet",
  gem: "RubyGems",
  golang: "Go",
  cargo: "crates.io",
  composer: "Packagist",
  pub: "Pub",
  hex: "Hex",
  cran: "CRAN",
  hackage: "Hackage",
  conan: "ConanCenter",
  swift: "SwiftURL",
  github: "GitHub Actions",
  deb: "Debian",
  debian: "Debian",
  rpm: "Red Hat",
  apk: "Alpine",
  alpine: "Alpine",
};

/** The ecosystem a vers scheme or package URL type orders versions as, when assay can order them. */
export function versEcosystem(scheme: string): OsvEcosystem | undefined {
  return Object.hasOwn(SCHEMES, scheme) ? SCHEMES[scheme] : undefined;
}

const COMPARATOR = /^(<=|>=|!=|<|>|=)?(.*)$/s;

function decoded(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Parses a vers string, or says why it cannot be read. */
export function parseVers(text: string): VersRange | { error: string } {
  if (text.length > MAX_VERS_LENGTH) return { error: `is longer than ${MAX_VERS_LENGTH} characters` };
  // The spec has spaces and tabs removed before anything else.
  const s = text.replace(/[ \t]/g, "");
  const m = /^vers:([a-z.+-][a-z0-9.+-]{0,63})\/(.+)$/is.exec(s);
  if (!m) return { error: "is not a `vers:<scheme>/<constraints>` range" };
  const scheme = (m[1] as string).toLowerCase();
  // Leading and trailing pipes are dropped, as the spec says (trimmed by hand: `/\|+$/` is quadratic on a run of pipes).
  let from = 0;
  let to = (m[2] as string).length;
  while (from < to && m[2]?.[from] === "|") from++;
  while (to > from && m[2]?.[to - 1] === "|") to--;
  const body = (m[2] as string).slice(from, to);
  if (body === "*") return { scheme, constraints: "*" };
  const parts = body.split("|");
  if (parts.length > MAX_VERS_CONSTRAINTS) return { error: `has more than ${MAX_VERS_CONSTRAINTS} constraints` };
  const ecosystem = versEcosystem(scheme);
  const order = ecosystem !== undefined ? versionOrder(ecosystem) : undefined;
  if (order === undefined) return { error: `uses versioning scheme "${scheme}", whose ordering assay does not know` };
  const constraints: VersConstraint[] = [];
  for (const part of parts) {
    const c = COMPARATOR.exec(part);
    const version = c?.[2] !== undefined ? decoded(c[2]) : undefined;
    if (version === undefined || version === "" || version === "*") return { error: `has a malformed constraint ${JSON.stringify(part.slice(0, 80))}` };
    if (!order.valid(version)) return { error: `has ${JSON.stringify(version.slice(0, 80))}, not a ${scheme} version` };
    constraints.push({ comparator: (c?.[1] ?? "=") as VersComparator, version });
  }
  for (let i = 1; i < constraints.length; i++) {
    if (order.compare((constraints[i - 1] as VersConstraint).version, (constraints[i] as VersConstraint).version) >= 0) return { error: "has constraints that are not sorted by version, or repeat one" };
  }
  // Ignoring `=` and `!=`, lesser and greater bounds alternate: `>=1|<2|>=3|<4`, never `>=1|>=2`.
  const bounds = constraints.filter((c) => c.comparator !== "=" && c.comparator !== "!=").map((c) => c.comparator.startsWith(">"));
  for (let i = 1; i < bounds.length; i++) if (bounds[i] === bounds[i - 1]) return { error: "has two lesser or two greater bounds in a row" };
  return { scheme, constraints };
}

/**
 * True when `version` is in the range, by the spec's algorithm, in the scheme's ordering. False when
 * the scheme has no ordering assay knows or the version is not valid in it: a range never covers
 * what it cannot compare.
 */
export function versContains(range: VersRange, version: string): boolean {
  if (range.constraints === "*") return true;
  const ecosystem = versEcosystem(range.scheme);
  const order = ecosystem !== undefined ? versionOrder(ecosystem) : undefined;
  if (order === undefined || !order.valid(version)) return false;
  const cmp = (c: VersConstraint): number => order.compare(version, c.version);
  for (const c of range.constraints) {
    if (cmp(c) !== 0) continue;
    if (c.comparator === "!=") return false;
    if (c.comparator === "=" || c.comparator === "<=" || c.comparator === ">=") return true;
  }
  const bounds = range.constraints.filter((c) => c.comparator !== "=" && c.comparator !== "!=");
  const lesser = (c: VersConstraint): boolean => c.comparator.startsWith("<");
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (first === undefined || last === undefined) return false;
  // Below a first upper bound, or above a last lower bound.
  if (lesser(first) && cmp(first) < 0) return true;
  if (!lesser(last) && cmp(last) > 0) return true;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i] as VersConstraint;
    const hi = bounds[i + 1] as VersConstraint;
    if (!lesser(lo) && lesser(hi) && cmp(lo) > 0 && cmp(hi) < 0) return true;
  }
  return false;
}
