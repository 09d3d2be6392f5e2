import type { AdvisoryRecord, OsvAffected, OsvEvent, OsvImport, OsvRange } from "../core/advisories.js";

// Reads an OSV record (JSON already parsed, or YAML parsed to the same shape) into the form the
// store keeps. Hostile input: every list is bounded, every field type-checked; a record that is
// not an OSV record is refused with a reason, never half-read.

const MAX_AFFECTED = 5_000;
const MAX_RANGES = 1_000;
const MAX_EVENTS = 5_000;
const MAX_VERSIONS = 100_000;
const MAX_ALIASES = 1_000;
const MAX_TEXT = 1_000;

/** Why a value is not an OSV record. */
export class OsvRecordError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function list<T>(v: unknown, max: number, what: string, item: (x: unknown) => T | undefined): T[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OsvRecordError(`\`${what}\` is not a list`);
  if (v.length > max) throw new OsvRecordError(`\`${what}\` has ${v.length} entries (at most ${max})`);
  const out: T[] = [];
  for (const x of v) {
    const t = item(x);
    if (t !== undefined) out.push(t);
  }
  return out;
}

function event(v: unknown): OsvEvent | undefined {
  if (!isObject(v)) return undefined;
  for (const key of ["introduced", "fixed", "last_affected", "limit"] as const) {
    const value = v[key];
    if (typeof value === "string") return { [key]: value } as OsvEvent;
  }
  return undefined;
}

function range(v: unknown): OsvRange | undefined {
  if (!isObject(v) || typeof v.type !== "string") return undefined;
  return { type: v.type, events: list(v.events, MAX_EVENTS, "events", event) };
}

function severities(v: unknown): { type: string; score: string }[] {
  return list(v, 20, "severity", (x) => (isObject(x) && typeof x.type === "string" && typeof x.score === "string" ? { type: x.type, score: x.score.slice(0, 200) } : undefined));
}

function imports(v: unknown): OsvImport[] | undefined {
  if (!isObject(v) || !Array.isArray(v.imports)) return undefined;
  return list(v.imports, 1_000, "imports", (x) => (isObject(x) && typeof x.path === "string" ? { path: x.path, symbols: list(x.symbols, 10_000, "symbols", str) } : undefined));
}

function affected(v: unknown): OsvAffected | undefined {
  if (!isObject(v) || !isObject(v.package)) return undefined;
  const ecosystem = str(v.package.ecosystem);
  const name = str(v.package.name);
  if (!ecosystem || !name) return undefined;
  const out: OsvAffected = { ecosystem, name, ranges: list(v.ranges, MAX_RANGES, "ranges", range), versions: list(v.versions, MAX_VERSIONS, "versions", str) };
  const sev = severities(v.severity);
  if (sev.length > 0) out.severity = sev;
  const imp = imports(v.ecosystem_specific);
  if (imp && imp.length > 0) out.imports = imp;
  const info = isObject(v.database_specific) ? str(v.database_specific.informational) : undefined;
  if (info) out.informational = info;
  return out;
}

/** The database's own severity when it gives no vector: a label (GHSA's `MODERATE`) or a CVSS score. */
function databaseSeverity(raw: Json): string | undefined {
  const db = isObject(raw.database_specific) ? raw.database_specific : undefined;
  if (!db) return undefined;
  // The newest CVSS first, as for vectors (severity.ts); ruby-advisory-db gives some advisories only a `cvss_v4` score.
  for (const key of ["severity", "cvss_v4", "cvss_v3", "cvss_score", "cvss_v2", "cvss"]) {
    const v = db[key];
    if (typeof v === "string" && v.length <= 200) return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** True for malicious-package records: MAL- ids (or aliases) and OpenSSF malicious-packages origins. */
export function isMaliciousRecord(id: string, aliases: readonly string[], raw?: Json): boolean {
  if (id.startsWith("MAL-") || aliases.some((a) => a.startsWith("MAL-"))) return true;
  return raw !== undefined && isObject(raw.database_specific) && Array.isArray(raw.database_specific["malicious-packages-origins"]);
}

function firstLine(s: string): string {
  const line = s.trim().split("\n").find((l) => l.trim() !== "" && !/^#+\s*$/.test(l.trim())) ?? "";
  return line.replace(/^#+\s*/, "").trim();
}

/** Reads one OSV record; throws OsvRecordError when it is not one. */
export function readOsvRecord(raw: unknown, opts: { local?: boolean } = {}): AdvisoryRecord {
  if (!isObject(raw)) throw new OsvRecordError("not a JSON object");
  const id = str(raw.id);
  if (!id || id.length > 200) throw new OsvRecordError("has no `id`");
  const modified = raw.modified instanceof Date ? raw.modified.toISOString() : str(raw.modified);
  if (!modified) throw new OsvRecordError(`${id} has no \`modified\` date`);
  const aliases = list(raw.aliases, MAX_ALIASES, "aliases", (x) => (typeof x === "string" && x.length <= 200 ? x : undefined));
  const summary = (str(raw.summary)?.trim() || firstLine(str(raw.details) ?? "")).slice(0, MAX_TEXT);
  const refs = list(raw.references, 5_000, "references", (x) => (isObject(x) && typeof x.url === "string" ? { type: str(x.type) ?? "", url: x.url } : undefined));
  const url = (refs.find((r) => r.type === "ADVISORY") ?? refs[0])?.url;
  const record: AdvisoryRecord = {
    id,
    aliases: aliases.filter((a) => a !== id),
    summary,
    modified,
    severity: severities(raw.severity),
    affected: list(raw.affected, MAX_AFFECTED, "affected", affected),
    malicious: isMaliciousRecord(id, aliases, raw),
    local: opts.local === true,
  };
  const published = raw.published instanceof Date ? raw.published.toISOString() : str(raw.published);
  if (published) record.published = published;
  const withdrawn = raw.withdrawn instanceof Date ? raw.withdrawn.toISOString() : str(raw.withdrawn);
  if (withdrawn) record.withdrawn = withdrawn;
  const dbSev = databaseSeverity(raw);
  if (dbSev) record.databaseSeverity = dbSev;
  if (url && /^https?:\/\//.test(url) && url.length <= 500) record.url = url;
  return record;
}
