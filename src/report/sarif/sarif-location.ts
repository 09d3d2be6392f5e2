import type { Location } from "../../core/finding.js";
import type { SarifArtifactLocation, SarifLocation, SarifRegion } from "./sarif-types.js";

/** Every path is relative to the checkout, which SARIF consumers know as %SRCROOT%. */
export const SRCROOT = "%SRCROOT%";

/**
 * SARIF URIs are URI references, so a path with spaces, `#`, `%` or `?` must be percent-encoded
 * segment by segment or the file is rejected (or, worse, points somewhere else).
 */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** An artifact location under %SRCROOT%. */
export function artifactLocation(path: string): SarifArtifactLocation {
  return { uri: pathToUri(path), uriBaseId: SRCROOT };
}

/** A region from 1-based positions; undefined without a start line, since a column alone says nothing. */
export function region(l: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }): SarifRegion | undefined {
  if (l.startLine === undefined) return undefined;
  const r: SarifRegion = { startLine: l.startLine };
  if (l.startColumn !== undefined) r.startColumn = l.startColumn;
  if (l.endLine !== undefined) r.endLine = l.endLine;
  // assay's end column is the last character (inclusive); SARIF's is the one after it (exclusive).
  if (l.endColumn !== undefined) r.endColumn = l.endColumn + 1;
  return r;
}

/**
 * A SARIF location for one finding location. A finding about a whole file (a checked-in binary)
 * gets line 1: GitHub code scanning only displays results whose region has a start line.
 */
export function physicalLocation(l: Location): SarifLocation {
  return { physicalLocation: { artifactLocation: artifactLocation(l.path), region: region(l) ?? { startLine: 1 } } };
}

/**
 * The placeholder path OpenSSF Scorecard uses for repository-level results; GitHub code scanning
 * accepts it and shows it as is, so users of both tools see the same thing.
 */
export const NO_FILE = "no file associated with this alert";

/**
 * Where a repository-level finding (a missing SECURITY.md, an unprotected branch) points.
 * SARIF allows `locations: []`, but GitHub code scanning rejects results without a physical
 * location and a start line; pointing at a file the rule did not name would be invented evidence,
 * so this uses Scorecard's placeholder, which code scanning is known to accept.
 */
export function repositoryLocation(): SarifLocation {
  return { physicalLocation: { artifactLocation: { uri: pathToUri(NO_FILE), uriBaseId: SRCROOT }, region: { startLine: 1 } } };
}
