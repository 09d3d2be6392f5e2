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

/** A SARIF location for one finding location. */
export function physicalLocation(l: Location): SarifLocation {
  const r = region(l);
  return { physicalLocation: r ? { artifactLocation: artifactLocation(l.path), region: r } : { artifactLocation: artifactLocation(l.path) } };
}

/**
 * Where a repository-level finding (a missing SECURITY.md, an unprotected branch) points.
 * SARIF allows `locations: []`, but GitHub code scanning rejects the whole upload when any result
 * lacks a physical location; pointing at a file the rule did not name would be invented evidence.
 * The checkout root itself (`.` under %SRCROOT%, no region) is a valid URI reference, is true,
 * and GitHub files the alert against the repository rather than a line.
 */
export function repositoryLocation(): SarifLocation {
  return { physicalLocation: { artifactLocation: { uri: ".", uriBaseId: SRCROOT } } };
}
