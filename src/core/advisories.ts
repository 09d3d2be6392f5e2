// The advisory database as rules see it: OSV records (https://ossf.github.io/osv-schema/) reduced
// to what matching and reports need, and a read-only store that the CLI opens and the engine hands
// to the rules that declare `meta.advisories`. Rules never open the store themselves.

/** One event of an OSV range: exactly one of the four keys. */
export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** An OSV range: `SEMVER`, `ECOSYSTEM` or `GIT` (skipped for lockfile versions). */
export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

/** A Go record's vulnerable package paths and symbols (`ecosystem_specific.imports`). */
export interface OsvImport {
  path: string;
  symbols: string[];
}

/** One `affected` entry: the package, its ranges and explicit versions. */
export interface OsvAffected {
  ecosystem: string;
  name: string;
  ranges: OsvRange[];
  versions: string[];
  /** CVSS vectors given for this package only (`affected[].severity`). */
  severity?: { type: string; score: string }[];
  imports?: OsvImport[];
  /** RustSec's informational kind (`unmaintained`, `unsound`, `notice`), when set. */
  informational?: string;
}

/** An OSV record as the store keeps it. */
export interface AdvisoryRecord {
  id: string;
  aliases: string[];
  /** The summary, or the first line of the details. */
  summary: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  severity: { type: string; score: string }[];
  /** The database's own label or score (`database_specific.severity`, `cvss_v3`…), when there is no vector. */
  databaseSeverity?: string;
  affected: OsvAffected[];
  /** The first advisory web page of the record, for reports. */
  url?: string;
  /** A known malicious package (MAL- ids, OpenSSF malicious-packages), not a vulnerability. */
  malicious: boolean;
  /** Imported by the project (private or embargoed), not from a public database. */
  local: boolean;
}

/** What the store holds for one ecosystem from one source. */
export interface AdvisoryEcosystemStatus {
  ecosystem: string;
  /** `osv` (downloaded) or `local` (imported). */
  source: "osv" | "local";
  records: number;
  /** When it was last written, ISO 8601. */
  updated: string;
  /** Where it came from: the download URL, or the imported paths. */
  origin: string;
  /** sha256 of what was downloaded or imported, hex. */
  sha256?: string;
}

/** The store's state: where it is and what it holds. */
export interface AdvisoryStatus {
  location: string;
  ecosystems: AdvisoryEcosystemStatus[];
}

/** A read-only advisory store. */
export interface AdvisoryDatabase {
  readonly status: AdvisoryStatus;
  /**
   * The records naming a package in an ecosystem, from every source, withdrawn ones excluded.
   * `name` is as the lockfile model writes it; the store normalises it as the ecosystem requires.
   */
  lookup(ecosystem: string, name: string): readonly AdvisoryRecord[];
}

/** How a scan gets its advisory database: the database, or why there is none (and how to get one). */
export type AdvisoryConnection = { database: AdvisoryDatabase } | { reason: string };
