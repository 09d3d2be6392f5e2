// The store on disk (one folder, the user's cache by default):
//   store.json                 the manifest: which record set is current for each ecosystem and source
//   sets/<id>/records.jsonl    one AdvisoryRecord per line, in the order they were read
//   sets/<id>/index.json       package key → [offset, length, offset, length, …] into records.jsonl
//   sets/<id>/raw.jsonl        imported sets only: the records exactly as imported (for `db export`)
// A set is written whole into a fresh folder, then the manifest is replaced by rename: a reader
// or an interrupted update always sees a complete old or new set, never a mix.

/** The manifest's format version. */
export const STORE_FORMAT = 1;
export const MANIFEST = "store.json";
export const SETS = "sets";

/** One record set in the manifest. */
export interface SetEntry {
  ecosystem: string;
  source: "osv" | "local";
  /** Folder under sets/. */
  dir: string;
  records: number;
  updated: string;
  origin: string;
  sha256?: string;
  /** Withdrawn records left out, and entries that were not OSV records. */
  withdrawn?: number;
  skipped?: number;
}

/** The manifest. */
export interface Manifest {
  format: number;
  sets: SetEntry[];
}
