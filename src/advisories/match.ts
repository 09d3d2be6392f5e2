import type { AdvisoryDatabase, AdvisoryRecord, OsvAffected, OsvImport, OsvRange } from "../core/advisories.js";
import { stdlibSemver } from "../ecosystems/go/toolchain-version.js";
import { osvEcosystemOf, type LockedPackage, type VersionOrder } from "../ecosystems/packages.js";
import { semverOrder, versionOrder } from "../ecosystems/versions.js";
import { baseEcosystem, foldedKey } from "./package-key.js";
import { severityOf, type SeverityVerdict } from "./severity.js";
import { severityRank } from "../core/severity.js";

// OSV matching (https://ossf.github.io/osv-schema/#evaluation): a version is affected when an
// `affected` entry for its package lists it in `versions` or a SEMVER/ECOSYSTEM range includes
// it; GIT ranges (commit hashes) say nothing about a lockfile version and are skipped; withdrawn
// records never match. Records that name each other (aliases) are one vulnerability.
// Where osv-scanner departs from the schema, the schema wins: osv-scanner stops at the first
// range that is neither SEMVER nor ECOSYSTEM, so a PyPI record that lists its GIT range first
// (half of them) matches only through its `versions` list; here its ECOSYSTEM range still counts.

/** One vulnerability (or malicious-package report) in one locked package. */
export interface VulnerabilityMatch {
  package: LockedPackage;
  /** The records that describe it, linked by their aliases; the primary one first. */
  records: AdvisoryRecord[];
  /** The primary record's id. */
  id: string;
  /** Every record's id. */
  ids: string[];
  /** Every other name they go by (CVE, GHSA…), not in `ids`. */
  aliases: string[];
  summary: string;
  severity: SeverityVerdict;
  /** The nearest version that fixes every record that names a fix; undefined when none does. */
  fixed?: string;
  /** How far `fixed` is from the locked version. */
  upgrade?: "patch" | "minor" | "major";
  malicious: boolean;
  /** At least one record was imported by the project (private or embargoed). */
  local: boolean;
  /** Go: the vulnerable packages and symbols (`ecosystem_specific.imports`). */
  imports: OsvImport[];
  /** RustSec informational advisories (`unmaintained`, `unsound`, `notice`). */
  informational?: string;
  url?: string;
}

type Sorted = { kind: "introduced" | "fixed" | "last_affected"; version: string }[];
const sortedCache = new WeakMap<OsvRange, { sorted: Sorted; limits: string[] }>();

function orderOf(range: OsvRange, ecosystem: string): VersionOrder | undefined {
  if (range.type === "SEMVER") return semverOrder;
  if (range.type === "ECOSYSTEM") return versionOrder(ecosystem);
  return undefined;
}

function prepared(range: OsvRange, order: VersionOrder): { sorted: Sorted; limits: string[] } {
  let p = sortedCache.get(range);
  if (p) return p;
  const sorted: Sorted = [];
  const limits: string[] = [];
  for (const e of range.events) {
    if ("introduced" in e) sorted.push({ kind: "introduced", version: e.introduced });
    else if ("fixed" in e) sorted.push({ kind: "fixed", version: e.fixed });
    else if ("last_affected" in e) sorted.push({ kind: "last_affected", version: e.last_affected });
    else if ("limit" in e) limits.push(e.limit);
  }
  const cmp = (a: string, b: string): number => (a === b ? 0 : a === "0" ? -1 : b === "0" ? 1 : order.compare(a, b));
  sorted.sort((a, b) => cmp(a.version, b.version));
  p = { sorted, limits };
  sortedCache.set(range, p);
  return p;
}

/** Whether a range includes `version` (OSV's IncludedInRanges for one range). */
export function rangeIncludes(range: OsvRange, ecosystem: string, version: string): boolean {
  const order = orderOf(range, ecosystem);
  if (!order) return false;
  const { sorted, limits } = prepared(range, order);
  const below = (bound: string): number => (bound === "0" ? 1 : order.compare(version, bound));
  if (limits.length > 0 && !limits.some((l) => l.includes("*") || below(l) < 0)) return false;
  let affected = false;
  for (const e of sorted) {
    if (e.kind === "introduced" && below(e.version) >= 0) affected = true;
    else if (e.kind === "fixed" && below(e.version) >= 0) affected = false;
    else if (e.kind === "last_affected" && below(e.version) > 0) affected = false;
  }
  return affected;
}

const versionSets = new WeakMap<OsvAffected, Set<string>>();

/** Whether an explicit `versions` list names the version: as written, or an equal version in the ecosystem's order (PyPI's 1.0 = 1.0.0). */
function listed(entry: OsvAffected, version: string, order: VersionOrder | undefined): boolean {
  if (entry.versions.length === 0) return false;
  let exact = versionSets.get(entry);
  if (!exact) versionSets.set(entry, (exact = new Set(entry.versions)));
  if (exact.has(version)) return true;
  if (!order || !order.valid(version)) return false;
  // Only a few lists are checked this way (a range usually decides first); each compare is cached per version string.
  return entry.versions.some((v) => order.valid(v) && order.compare(v, version) === 0);
}

/** Whether one `affected` entry includes the version: in a range, or in its `versions` list. */
export function affectedIncludes(entry: OsvAffected, version: string): boolean {
  return entry.ranges.some((range) => rangeIncludes(range, entry.ecosystem, version)) || listed(entry, version, versionOrder(entry.ecosystem));
}

/**
 * The `affected` entries of a record that are about this package. An OS package's are those of its
 * release (`Debian:12`), of any stream of it (Red Hat's `Red Hat:enterprise_linux:9::appstream`),
 * or of the ecosystem without one, which the schema lets a record use for every release (`Rocky
 * Linux`); another release's, or Ubuntu Pro's, never.
 */
function entriesFor(record: AdvisoryRecord, pkg: LockedPackage): OsvAffected[] {
  const key = foldedKey(pkg.ecosystem, pkg.name);
  const full = osvEcosystemOf(pkg);
  const stream = `${full}::`;
  const sle = pkg.ecosystem === "SUSE" && pkg.release !== undefined ? sleVersion(pkg.release) : undefined;
  const about = (e: string): boolean =>
    pkg.release === undefined ? baseEcosystem(e) === pkg.ecosystem : e === full || e.startsWith(stream) || e === pkg.ecosystem || (sle !== undefined && e.startsWith("SUSE:") && sleVersion(e.slice(5)) === sle);
  return record.affected.filter((a) => about(a.ecosystem) && foldedKey(a.ecosystem, a.name) === key);
}

/**
 * The release a SUSE Linux Enterprise product is of (`Linux Enterprise Module for Basesystem 15
 * SP5` → `15 SP5`, `Linux Enterprise Server 15 SP5-LTSS` → `15 SP5`): SUSE files one release's
 * packages under each module and support phase that ships them, so a SLES 15 SP5 package is
 * matched by the records of every `Linux Enterprise` product of 15 SP5. Undefined for other
 * products (SUSE Manager, SLE Micro and others numbered otherwise).
 */
function sleVersion(product: string): string | undefined {
  return /^Linux Enterprise [A-Za-z0-9 ]{1,80}? (\d{1,2}(?: SP\d{1,2})?)(?:-[A-Za-z]{1,20}){0,3}$/.exec(product)?.[1];
}

interface Hit {
  record: AdvisoryRecord;
  /** The record's entries for this package that include the version (most records have one). */
  entries: OsvAffected[];
  /** All of the record's entries for this package, which a fixed version must be clear of. */
  all: OsvAffected[];
}

/** The version advisories are compared with: as locked, except Go's toolchain version for `stdlib`. */
function comparedVersion(pkg: LockedPackage): string {
  return pkg.ecosystem === "Go" && pkg.name === "stdlib" ? stdlibSemver(pkg.version) : pkg.version;
}

// Where a package comes from written in place of its version (`https://…/x.tgz`, `file:../x`,
// `github:o/r#sha`, `npm:x@1`): no ecosystem's version starts so (a Debian or RPM epoch is digits).
const SPECIFIER = /^(?:[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/|(?:file|link|portal|workspace|patch|npm|git|github|gitlab|bitbucket|gist|git\+[a-z]{1,10}):)/;

/**
 * True when a "version" is a source specifier, not a version: compared with a range it would
 * read as 0.0.0 and fall inside every range that starts at 0, so it is never matched.
 */
export function isSourceSpecifier(version: string): boolean {
  return SPECIFIER.test(version);
}

/** The records that affect one locked package, grouped into vulnerabilities by their aliases. */
export function matchPackage(db: AdvisoryDatabase, pkg: LockedPackage): VulnerabilityMatch[] {
  if (pkg.source !== undefined && pkg.source !== "registry") return [];
  if (isSourceSpecifier(pkg.version)) return [];
  const version = comparedVersion(pkg);
  const hits: Hit[] = [];
  const records = db.lookup(pkg.ecosystem, pkg.name);
  // A local copy of a public record (an embargoed correction of its ranges) replaces it: were the
  // public one matched too, its old ranges would still report a version the team has cleared.
  const localIds = new Set(records.flatMap((r) => (r.local ? [r.id] : [])));
  for (const record of records) {
    if (record.withdrawn || (!record.local && localIds.has(record.id))) continue;
    // Every entry that includes the version counts: a Go record gives each vulnerable package (its
    // `imports`) or each release line its own entry of one module, and they may overlap.
    const all = entriesFor(record, pkg);
    const entries = all.filter((entry) => affectedIncludes(entry, version));
    if (entries.length > 0) hits.push({ record, entries, all });
  }
  return group(hits).map((g) => toMatch(pkg, g));
}

/** Unites records that share an id or alias (union-find over their names). */
function group(hits: Hit[]): Hit[][] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const byName = new Map<string, number>();
  hits.forEach((h, i) => {
    for (const name of [h.record.id, ...h.record.aliases]) {
      const key = name.toUpperCase();
      const j = byName.get(key);
      if (j === undefined) byName.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Hit[]>();
  hits.forEach((h, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(h);
    groups.set(root, g);
  });
  return [...groups.values()];
}

function toMatch(pkg: LockedPackage, hits: Hit[]): VulnerabilityMatch {
  hits.sort((a, b) => Number(b.record.local) - Number(a.record.local) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const primary = hits[0] as Hit;
  const ids = hits.map((h) => h.record.id);
  const aliases = [...new Set(hits.flatMap((h) => h.record.aliases))].filter((a) => !ids.includes(a)).sort();
  let severity = severityOf(primary.record, primary.entries[0]);
  for (const h of hits.slice(1)) {
    const s = severityOf(h.record, h.entries[0]);
    // A computed vector beats a default; among equals, the more severe reading wins.
    if ((severity.source === "default" && s.source !== "default") || (s.source !== "default" && severityRank(s.severity) > severityRank(severity.severity))) severity = s;
  }
  const order = versionOrder(pkg.ecosystem);
  const fixed = nearestFix(hits, order, comparedVersion(pkg));
  const malicious = hits.some((h) => h.record.malicious);
  const match: VulnerabilityMatch = {
    package: pkg,
    records: hits.map((h) => h.record),
    id: primary.record.id,
    ids,
    aliases,
    summary: hits.map((h) => h.record.summary).find((s) => s !== "") ?? "",
    severity: malicious ? { severity: "critical", source: "database" } : severity,
    malicious,
    local: hits.some((h) => h.record.local),
    imports: hits.flatMap((h) => h.entries.flatMap((e) => e.imports ?? [])),
  };
  if (fixed !== undefined) {
    match.fixed = fixed;
    const kind = upgradeKind(pkg.version, fixed);
    if (kind) match.upgrade = kind;
  }
  const info = hits.map((h) => h.entries.find((e) => e.informational)?.informational).find((i) => i !== undefined);
  if (info && hits.every((h) => h.entries.every((e) => e.informational))) match.informational = info;
  const url = hits.map((h) => h.record.url).find((u) => u !== undefined);
  if (url) match.url = url;
  return match;
}

/** How many fixed versions above the locked one are tried (each is checked against every entry). */
const MAX_FIX_CANDIDATES = 64;

/**
 * The nearest version that fixes the vulnerability: the smallest fix above the version that no
 * record naming a fix still includes. A fix one entry (or one range) names may sit inside another
 * entry's range (Go's stdlib records: 1.20.11 fixes the first entry, the second is fixed in 1.20.12),
 * and suggesting it would leave the package vulnerable. A record that names no fix at all does not
 * hold the others' fix back (aliased databases often lack the fixed version).
 */
function nearestFix(hits: Hit[], order: VersionOrder | undefined, version: string): string | undefined {
  if (!order) return undefined;
  // A GIT range's fix is a commit, no version.
  const fixesOf = (h: Hit): string[] => h.all.flatMap((e) => e.ranges.flatMap((r) => (r.type === "GIT" ? [] : r.events.flatMap((ev) => ("fixed" in ev ? [ev.fixed] : [])))));
  const named = hits.map((h) => ({ h, fixes: fixesOf(h) })).filter((x) => x.fixes.length > 0);
  const fixers = named.map((x) => x.h);
  const candidates = [...new Set(named.flatMap((x) => x.fixes))]
    .filter((f) => order.compare(f, version) > 0)
    .sort((a, b) => order.compare(a, b));
  // Real records name a handful of fixes; past MAX_FIX_CANDIDATES the answer is "none known", never a guess.
  for (const f of candidates.slice(0, MAX_FIX_CANDIDATES)) if (!fixers.some((h) => h.all.some((e) => affectedIncludes(e, f)))) return f;
  return undefined;
}

/** Patch, minor or major: which of the first three numbers of the version changes. */
export function upgradeKind(from: string, to: string): "patch" | "minor" | "major" | undefined {
  // An epoch (Debian's `1:`, PEP 440's `1!`) is not the major number; a change of epoch is a major upgrade.
  const epoch = (v: string): number => Number(/^[vV]?(\d+)[:!]/.exec(v)?.[1] ?? 0);
  if (epoch(from) !== epoch(to)) return "major";
  const nums = (v: string): string[] => (v.replace(/^[vV]/, "").replace(/^\d+[:!]/, "").match(/\d+/g) ?? []).slice(0, 3).map((n) => n.replace(/^0+(?=\d)/, ""));
  const a = nums(from);
  const b = nums(to);
  if (a.length === 0 || b.length === 0) return undefined;
  if ((a[0] ?? "0") !== (b[0] ?? "0")) return "major";
  if ((a[1] ?? "0") !== (b[1] ?? "0")) return "minor";
  return "patch";
}

/** Every vulnerability in every package, in the packages' order. */
export function matchPackages(db: AdvisoryDatabase, packages: readonly LockedPackage[]): VulnerabilityMatch[] {
  return packages.flatMap((p) => matchPackage(db, p));
}
