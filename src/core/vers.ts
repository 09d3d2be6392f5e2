// The shape of a version range specifier (`vers:`, the purl project's VERSION-RANGE-SPEC) once read;
// src/ecosystems/vers.ts parses and evaluates one.

/** The comparators a constraint may use. */
export type VersComparator = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** One constraint: a comparator and a version, percent-decoded. */
export interface VersConstraint {
  comparator: VersComparator;
  version: string;
}

/** A parsed range: its versioning scheme and its constraints, or `*` for every version. */
export interface VersRange {
  scheme: string;
  constraints: readonly VersConstraint[] | "*";
}
