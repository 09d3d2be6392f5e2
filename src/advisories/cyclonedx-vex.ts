import type { VexProductRange, VexStatement, VexStatus } from "../core/vex.js";
import type { JsonFile } from "../ecosystems/formats/json.js";
import { problemAt, quoted, type VexProblem } from "./vex-problem.js";
import { parseVers, versEcosystem } from "../ecosystems/vers.js";
import { canonicalPurl, withoutVersion, withVersion } from "./vex-purl.js";
import { isObject, list, str } from "./vex-json.js";

// CycloneDX VEX (https://cyclonedx.org/capabilities/vex/, specification 1.4 to 1.6), on its own or
// embedded in a full BOM: each `vulnerabilities[]` entry with an `analysis.state` is a statement about
// the components its `affects[].ref` name, by `bom-ref` in the same document or by BOM-Link
// (`urn:cdx:<serial>/<version>#<bom-ref>`) in another CycloneDX document read beside it. A ref that
// is itself a package URL names that package, as Trivy matches a ref against a package's purl.
// A ref that resolves to no package URL is not applied (it could name anything) and is said once per entry.
// A version entry names one version (`version`) or a `vers:` range (`range`, src/ecosystems/vers.ts);
// a range that cannot be read, or is not in the package's own versioning scheme, is not applied.

/** CycloneDX analysis states and the status each stands for, as Trivy maps them (not_affected and fixed close a finding). */
const STATES: Readonly<Record<string, VexStatus>> = {
  not_affected: "not_affected",
  false_positive: "not_affected",
  resolved: "fixed",
  resolved_with_pedigree: "fixed",
  exploitable: "affected",
  in_triage: "under_investigation",
};

const MAX_DEPTH = 32;
const MAX_COMPONENTS = 200_000;
const MAX_VULNERABILITIES = 100_000;
const MAX_AFFECTS = 10_000;
const MAX_VERSIONS = 1_000;
const MAX_REF = 4_096;


/** A BOM's identity for BOM-Links, and the package URL of each `bom-ref` (undefined: a ref without one). */
export interface BomRefs {
  /** `<uuid>/<version>` as a BOM-Link names the BOM, when it has a serial number. */
  link: string | undefined;
  refs: Map<string, string | undefined>;
}

/** The `bom-ref`s of a CycloneDX document: its subject, its components (nested too) and its services. */
export function cycloneDxRefs(doc: unknown): BomRefs {
  const refs = new Map<string, string | undefined>();
  if (!isObject(doc)) return { link: undefined, refs };
  let seen = 0;
  const visit = (c: unknown, depth: number): void => {
    if (!isObject(c) || depth > MAX_DEPTH || seen++ >= MAX_COMPONENTS) return;
    const ref = str(c["bom-ref"]);
    const purl = str(c.purl);
    if (ref !== undefined && !refs.has(ref)) refs.set(ref, purl !== undefined ? canonicalPurl(purl) : undefined);
    for (const sub of list(c.components, MAX_COMPONENTS)) visit(sub, depth + 1);
    for (const sub of list(c.services, MAX_COMPONENTS)) visit(sub, depth + 1);
  };
  const metadata = isObject(doc.metadata) ? doc.metadata : undefined;
  visit(metadata?.component, 0);
  for (const c of list(doc.components, MAX_COMPONENTS)) visit(c, 0);
  for (const s of list(doc.services, MAX_COMPONENTS)) visit(s, 0);
  const serial = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(str(doc.serialNumber) ?? "");
  const version = typeof doc.version === "number" && Number.isInteger(doc.version) ? doc.version : 1;
  return { link: serial ? `${(serial[1] as string).toLowerCase()}/${version}` : undefined, refs };
}

const BOM_LINK = /^urn:cdx:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([1-9][0-9]{0,8})(?:#(.*))?$/is;

function decoded(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The package URL a ref names, or undefined when it names none this scan can see. */
function resolveRef(ref: string, own: BomRefs, boms: ReadonlyMap<string, BomRefs>): string | undefined {
  if (ref.length > MAX_REF) return undefined;
  const link = BOM_LINK.exec(ref);
  let target = ref;
  let bom: BomRefs | undefined = own;
  if (link) {
    // A link without a fragment names a whole BOM, not a package.
    const fragment = link[3] !== undefined ? decoded(link[3]) : undefined;
    if (fragment === undefined || fragment === "") return undefined;
    target = fragment;
    const key = `${(link[1] as string).toLowerCase()}/${link[2] as string}`;
    bom = own.link === key ? own : boms.get(key);
  }
  const purl = bom?.refs.get(target);
  if (purl !== undefined) return purl;
  return /^pkg:/i.test(target) ? canonicalPurl(target) : undefined;
}

/**
 * The status a version entry gives: only a version said `unaffected` takes the entry's state; one
 * said `affected` (the schema's default when `status` is left out) or `unknown` is never closed by it.
 */
function versionStatus(state: VexStatus, versionState: unknown): VexStatus {
  const closes = state === "not_affected" || state === "fixed";
  if (!closes || versionState === "unaffected") return state;
  return versionState === "unknown" ? "under_investigation" : "affected";
}

/** What the `affects` entries of one vulnerability name, by the status each gives: exact package URLs and version ranges. */
interface Affected {
  products: Map<VexStatus, string[]>;
  ranges: Map<VexStatus, VexProductRange[]>;
}

function push<T>(m: Map<VexStatus, T[]>, s: VexStatus, x: T): void {
  const xs = m.get(s);
  if (xs) xs.push(x);
  else m.set(s, [x]);
}

/** The purl's type (`npm` in `pkg:npm/x`). */
const purlType = (purl: string): string => purl.slice(4, purl.indexOf("/", 4));

/** True when a range in `scheme` can be about a package of purl type `type`: the same ordering, or `vers:generic/*` (every version of anything). */
function schemeFits(scheme: string, type: string, every: boolean): boolean {
  if (every && scheme === "generic") return true;
  const ecosystem = versEcosystem(scheme);
  return scheme === type || (ecosystem !== undefined && ecosystem === versEcosystem(type));
}

/**
 * Adds what one `affects` entry names to `into`, and returns a reason for each version range that
 * cannot be applied: malformed, in a scheme assay cannot order, or in another ecosystem's scheme
 * than the package's (`vers:pypi/…` on an npm package).
 */
function addAffected(into: Affected, purl: string, versions: unknown, state: VexStatus): string[] {
  const entries = list(versions, MAX_VERSIONS);
  if (entries.length === 0) {
    push(into.products, state, purl);
    return [];
  }
  const refused: string[] = [];
  for (const v of entries) {
    if (!isObject(v)) continue;
    const version = str(v.version);
    if (version !== undefined) {
      push(into.products, versionStatus(state, v.status), withVersion(purl, version));
      continue;
    }
    const vers = str(v.range);
    if (vers === undefined) continue;
    const range = parseVers(vers);
    if ("error" in range) refused.push(`${quoted(vers)} ${range.error}`);
    else if (!schemeFits(range.scheme, purlType(purl), range.constraints === "*")) refused.push(`${quoted(vers)} is not in the versioning scheme of ${quoted(purl)}`);
    else push(into.ranges, versionStatus(state, v.status), { purl: withoutVersion(purl), vers, range });
  }
  return refused;
}

/** The VEX statements of a parsed CycloneDX document; `boms` are the other CycloneDX documents read beside it, by BOM-Link key. */
export function readCycloneDxVex(json: JsonFile, path: string, boms: ReadonlyMap<string, BomRefs>): { statements: VexStatement[]; problems: VexProblem[] } {
  const statements: VexStatement[] = [];
  const problems: VexProblem[] = [];
  const doc = isObject(json.value) ? json.value : {};
  const own = cycloneDxRefs(doc);
  list(doc.vulnerabilities, MAX_VULNERABILITIES).forEach((raw, i) => {
    const at = ["vulnerabilities", i];
    const say = (message: string): void => void problems.push(problemAt(json, path, at, `vulnerabilities[${i}]${message}`));
    if (!isObject(raw)) return say(" is not an object");
    const analysis = isObject(raw.analysis) ? raw.analysis : undefined;
    // An entry without an analysis reports a vulnerability (a BOM with vulnerabilities), it states nothing about it.
    if (analysis?.state === undefined) return undefined;
    const id = str(raw.id);
    if (id === undefined) return say(" names no vulnerability (`id`)");
    const stated = str(analysis.state) ?? "";
    const state = STATES[stated];
    if (state === undefined) return say(` (${id}) has an unknown analysis.state ${quoted(stated)} (${Object.keys(STATES).join(", ")})`);
    const refs = list(raw.affects, MAX_AFFECTS).map((a) => (isObject(a) ? { ref: str(a.ref), versions: a.versions } : { ref: undefined, versions: undefined }));
    if (refs.length === 0) return say(` (${id}) names no affected component (\`affects[].ref\`)`);
    const affected: Affected = { products: new Map(), ranges: new Map() };
    const unresolved: string[] = [];
    const refused: string[] = [];
    for (const { ref, versions } of refs) {
      const purl = ref !== undefined ? resolveRef(ref, own, boms) : undefined;
      if (purl === undefined) {
        unresolved.push(ref ?? "(no ref)");
        continue;
      }
      refused.push(...addAffected(affected, purl, versions, state));
    }
    if (unresolved.length > 0) {
      const shown = unresolved.slice(0, 3).map(quoted).join(", ");
      say(` (${id}): affects ref ${shown}${unresolved.length > 3 ? ` and ${unresolved.length - 3} more` : ""} name${unresolved.length === 1 ? "s" : ""} no component with a package URL (in this document, or a CycloneDX document beside it for a BOM-Link)`);
    }
    if (refused.length > 0) {
      say(` (${id}): version range ${refused.slice(0, 3).join("; ")}${refused.length > 3 ? `; and ${refused.length - 3} more` : ""} (\`affects[].versions[].range\`), not applied`);
    }
    const aliases = [...new Set(list(raw.references, 1_000).flatMap((r) => (isObject(r) && str(r.id) !== undefined && r.id !== id ? [r.id as string] : [])))];
    const justification = str(analysis.justification);
    const detail = str(analysis.detail);
    const response = list(analysis.response, 10).filter((r): r is string => typeof r === "string");
    for (const status of new Set([...affected.products.keys(), ...affected.ranges.keys()])) {
      const s: VexStatement = { vulnerability: id, products: [...new Set(affected.products.get(status) ?? [])], status, source: path };
      const ranges = affected.ranges.get(status);
      if (ranges !== undefined) s.ranges = ranges;
      if (aliases.length > 0) s.aliases = aliases;
      if (stated !== status) s.stated = stated;
      if (justification !== undefined && status === "not_affected") s.justification = justification;
      if (detail !== undefined) s.impactStatement = detail;
      if (response.length > 0 && status === "affected") s.actionStatement = response.join(", ");
      statements.push(s);
    }
    return undefined;
  });
  return { statements, problems };
}
