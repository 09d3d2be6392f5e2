import type { Location } from "../core/finding.js";

/** `path:line:col` with as much precision as is known, for people and editors that jump to it. */
export function formatLocation(l: Location, withColumn = true): string {
  if (l.startLine === undefined) return l.path;
  if (!withColumn || l.startColumn === undefined) return `${l.path}:${l.startLine}`;
  return `${l.path}:${l.startLine}:${l.startColumn}`;
}
