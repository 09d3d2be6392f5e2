import { AssayError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { parseJsonText } from "../core/json-text.js";
import { isSeverity, severityRank, type Severity } from "../core/severity.js";

/** One recorded finding. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path?: string;
  /** The severity it had when accepted: a finding that has grown more severe since is open again. */
  severity?: Severity;
}

/**
 * A baseline's fingerprints, with the severity each was accepted at where the file records it
 * (files written before severities were recorded accept a fingerprint at any severity).
 */
export class BaselineFingerprints extends Set<string> {
  readonly severities = new Map<string, Severity>();
  /** The rule each entry was recorded for: only the entries of rules a scan ran to the end can be stale. */
  readonly rules = new Map<string, string>();
  /** The file each entry was recorded in: an entry of a file no longer there may match the same finding where the file moved. */
  readonly paths = new Map<string, string>();
}

/** A baseline file: findings accepted as existing debt, shown as `baselined`. */
export interface Baseline {
  version: 1;
  tool: "assay";
  findings: BaselineEntry[];
}

/** Builds a baseline from findings, sorted for stable diffs. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings
    .filter((f) => f.status === "open" || f.status === "baselined")
    .map((f): BaselineEntry => {
      const path = f.locations[0]?.path;
      return path === undefined ? { fingerprint: f.fingerprint, ruleId: f.ruleId, severity: f.severity } : { fingerprint: f.fingerprint, ruleId: f.ruleId, path, severity: f.severity };
    })
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || (a.path ?? "").localeCompare(b.path ?? "") || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: "assay", findings: entries };
}

/** Parses a baseline file; a corrupt one is an AssayError, never silently empty. */
export function parseBaseline(text: string, path: string): BaselineFingerprints {
  const hint = "regenerate it with `assay baseline`";
  const data = parseJsonText(text, path, "BASELINE_INVALID", hint);
  const bad = (why: string): never => {
    throw new AssayError("BASELINE_INVALID", `not an assay baseline: ${why}`, { position: { path }, hint });
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) return bad("expected a JSON object");
  const o = data as Record<string, unknown>;
  // The files people mistake for one: say which it is, rather than that its `version` is wrong.
  if (Array.isArray(o.runs)) bad("it is a SARIF log (`assay scan --format sarif`, or another tool's output)");
  if (typeof o.schemaVersion === "string" && "gate" in o) bad("it is an assay assessment (`assay scan --format json`)");
  if (o.version === undefined) bad("it has no `version` (another tool's file?)");
  if (o.version !== 1) bad("unsupported `version` (expected 1)");
  if (!Array.isArray(o.findings)) return bad("`findings` must be a list");
  const set = new BaselineFingerprints();
  o.findings.forEach((f: unknown, i: number) => {
    const entry = typeof f === "object" && f !== null ? (f as Record<string, unknown>) : undefined;
    const fp = entry?.fingerprint;
    if (typeof fp !== "string" || fp === "") return bad(`findings[${i}] has no fingerprint`);
    if (entry?.severity !== undefined && !isSeverity(entry.severity)) bad(`findings[${i}] has an unknown severity`);
    // One fingerprint recorded twice at two severities: the higher is what was accepted.
    const sev = entry?.severity as Severity | undefined;
    const had = set.has(fp) ? (set.severities.get(fp) ?? null) : undefined;
    set.add(fp);
    if (typeof entry?.ruleId === "string") set.rules.set(fp, entry.ruleId);
    if (typeof entry?.path === "string") set.paths.set(fp, entry.path);
    if (had === null || (had !== undefined && sev === undefined)) set.severities.delete(fp);
    else if (sev !== undefined && (had === undefined || severityRank(sev) > severityRank(had))) set.severities.set(fp, sev);
  });
  return set;
}
