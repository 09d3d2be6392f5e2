import type { Assessment } from "../core/assessment.js";
import type { Location } from "../core/finding.js";

/** `path:line:col` with as much precision as is known, for people and editors that jump to it. */
export function formatLocation(l: Location, withColumn = true): string {
  if (l.startLine === undefined) return l.path;
  if (!withColumn || l.startColumn === undefined) return `${l.path}:${l.startLine}`;
  return `${l.path}:${l.startLine}:${l.startColumn}`;
}

/**
 * The assessment with its paths as the repository names them. A scan of a folder inside a
 * repository (`assay scan services/api`) records paths relative to the folder; GitHub places
 * SARIF results and annotations by paths from the repository's top, so those reports prefix the
 * folder. A path that is not the checkout's (absolute, or out of it with `..`) is left alone.
 */
export function inRepository(a: Assessment): Assessment {
  const sub = a.target.subfolder;
  if (!sub) return a;
  const p = (path: string): string => (/^(?:[A-Za-z]:)?[\\/]/.test(path) || path === ".." || path.startsWith("../") ? path : path === "." || path === "" ? sub : `${sub}/${path}`);
  return {
    ...a,
    findings: a.findings.map((f) => ({ ...f, locations: f.locations.map((l) => ({ ...l, path: p(l.path) })) })),
    diagnostics: a.diagnostics.map((d) => (d.path === undefined ? d : { ...d, path: p(d.path) })),
  };
}
