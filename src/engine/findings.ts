import type { DependencyKind } from "../core/dependency.js";
import type { Finding, FindingInput, Location } from "../core/finding.js";
import { fingerprints, rememberBasis } from "../core/fingerprint.js";
import type { RuleMeta } from "../core/rule.js";
import { severityRank, type Severity } from "../core/severity.js";

/** Findings one rule may report for one file; past it, one summary finding gives the exact count. */
export const MAX_FINDINGS_PER_FILE = 200;

/**
 * Turns what a rule reported into findings: rule id, check, severity (the policy may override
 * it), fingerprint and cleaned locations, at most MAX_FINDINGS_PER_FILE per file plus a summary.
 * `keepBasis`: remember what each fingerprint was made of (see `fingerprintIfAt`), for a baseline.
 */
export function toFindings(meta: RuleMeta, inputs: readonly FindingInput[], severityOverride?: Severity, overflow?: ReadonlyMap<string, OverflowCount>, keepBasis = false): Finding[] {
  const capped = capPerFile(inputs, meta.severity, overflow);
  // With a baseline, each finding remembers its basis, so a baseline entry of a file that moved still matches it.
  const bases: { what: string; nth: number; path: string }[] | undefined = keepBasis ? [] : undefined;
  const fps = fingerprints(meta.id, capped, bases && ((i, what, nth, path) => (bases[i] = { what, nth, path })));
  return capped.map((f, i): Finding => {
    const severity = severityOverride ?? f.severity ?? meta.severity;
    const confidence = f.confidence ?? meta.confidence;
    const locations = f.locations ? cleanLocations(f.locations) : [];
    // Shared, not copied: nothing after a rule's report changes a finding's evidence (the mask
    // stage copies what it masks), and tens of thousands of copies would only feed the GC.
    const evidence = f.evidence ?? {};
    const fingerprint = fps[i] as string;
    // A fix without a snippet (most findings) is written in the literal, in the order a later
    // property would take: a property added afterwards costs every finding one more object.
    const finding: Finding =
      f.fix !== undefined && f.snippet === undefined
        ? { ruleId: meta.id, check: meta.check, severity, confidence, message: f.message, locations, evidence, fingerprint, status: "open", fix: f.fix }
        : { ruleId: meta.id, check: meta.check, severity, confidence, message: f.message, locations, evidence, fingerprint, status: "open" };
    if (f.snippet !== undefined) {
      finding.snippet = f.snippet;
      if (f.fix !== undefined) finding.fix = f.fix;
    }
    if (f.impact !== undefined) finding.impact = f.impact;
    if (f.grade !== undefined) finding.grade = f.grade;
    if (f.dependency !== undefined) finding.dependency = f.dependency;
    const more = SUMMARIES.get(f);
    if (more !== undefined) finding.more = more;
    if (meta.fixable && f.edits !== undefined && f.edits.length > 0) finding.edits = f.edits.map((e) => ({ ...e }));
    const basis = bases?.[i];
    if (basis) rememberBasis(finding, meta.id, basis.what, basis.nth, basis.path);
    return finding;
  });
}

/** Findings past the cap in one file, as the engine counts them. */
interface OverflowCount {
  count: number;
  severity?: Severity;
  dependency?: DependencyKind;
}

/** Summary findings this module made, with how many findings each stands for (a rule cannot make one). */
const SUMMARIES = new WeakMap<FindingInput, number>();

/**
 * Keeps a report readable and small: a flood of findings in one file becomes the first ones and a
 * count. The engine already stops keeping findings past the cap (`overflow` counts them); inputs
 * built elsewhere may still hold more, and are cut here the same way.
 */
function capPerFile(inputs: readonly FindingInput[], ruleSeverity: Severity, overflow?: ReadonlyMap<string, OverflowCount>): FindingInput[] {
  const perFile = new Map<string, number>();
  // The most severe finding past the cap, per file: the summary stands for it.
  const worst = new Map<string, Severity>();
  const kind = new Map<string, DependencyKind>();
  for (const f of inputs) {
    const p = f.locations?.[0]?.path ?? "";
    const n = (perFile.get(p) ?? 0) + 1;
    perFile.set(p, n);
    if (n <= MAX_FINDINGS_PER_FILE) continue;
    const s = f.severity ?? ruleSeverity;
    const w = worst.get(p);
    if (w === undefined || severityRank(s) > severityRank(w)) worst.set(p, s);
    if (f.dependency && !kind.has(p)) kind.set(p, f.dependency);
  }
  const extra = new Map<string, OverflowCount>();
  for (const [p, n] of perFile) if (n > MAX_FINDINGS_PER_FILE) extra.set(p, { count: n - MAX_FINDINGS_PER_FILE });
  for (const [p, o] of overflow ?? []) extra.set(p, { count: (extra.get(p)?.count ?? 0) + o.count, ...(o.severity ? { severity: o.severity } : {}), ...(o.dependency ? { dependency: o.dependency } : {}) });
  if (extra.size === 0) return [...inputs];
  const kept = new Map<string, number>();
  const out: FindingInput[] = [];
  const summarise = (p: string, severity: Severity | undefined): void => {
    const more = extra.get(p)?.count ?? 0;
    const total = MAX_FINDINGS_PER_FILE + more;
    const dependency = extra.get(p)?.dependency ?? kind.get(p);
    const summary: FindingInput = {
      message: `${more} more finding${more === 1 ? "" : "s"} of this rule in ${p || "the repository"} are not listed (${total} in all; only the first ${MAX_FINDINGS_PER_FILE} are shown)`,
      ...(p ? { locations: [{ path: p }] } : {}),
      evidence: { total, shown: MAX_FINDINGS_PER_FILE },
      key: "more-findings",
      ...(severity ? { severity } : {}),
      // The unpinned dependencies it stands for still weigh on the pinned share: a flood must not raise a score.
      ...(dependency ? { dependency } : {}),
    };
    SUMMARIES.set(summary, more);
    out.push(summary);
  };
  for (const f of inputs) {
    const p = f.locations?.[0]?.path ?? "";
    const n = kept.get(p) ?? 0;
    kept.set(p, n + 1);
    if (n < MAX_FINDINGS_PER_FILE) {
      out.push(f);
      // The engine's overflow for this file follows its last kept finding.
      if (n === MAX_FINDINGS_PER_FILE - 1 && overflow?.has(p) && (perFile.get(p) ?? 0) === MAX_FINDINGS_PER_FILE) summarise(p, overflow.get(p)?.severity);
    } else if (n === MAX_FINDINGS_PER_FILE) summarise(p, moreSevere(worst.get(p), extra.get(p)?.severity));
  }
  return out;
}

const POSITION_FIELDS = ["startLine", "startColumn", "endLine", "endColumn"] as const;

const WINDOWS = process.platform === "win32";

/** The locations cleaned; the same array when every one is clean already (nearly always). */
function cleanLocations(ls: readonly Location[]): Location[] {
  if (ls.every(isClean)) return ls as Location[];
  return ls.map(cleanLocation);
}

/** A location with a `/`-separated relative path and positions that are whole numbers from 1; the same object when it is so already. */
function cleanLocation(l: Location): Location {
  if (isClean(l)) return l;
  // A backslash is a separator only on Windows: elsewhere it is part of a name (`fixtures\leak.py` at the top),
  // and reading it as `/` would put the finding under another path's exception.
  const path = (WINDOWS ? l.path.replace(/\\/g, "/") : l.path).replace(/^\.\//, "");
  const out: Location = { path };
  for (let i = 0; i < POSITION_FIELDS.length; i++) {
    const k = POSITION_FIELDS[i] as (typeof POSITION_FIELDS)[number];
    const v = l[k];
    if (typeof v === "number" && Number.isInteger(v) && v >= 1) out[k] = v;
  }
  return out;
}

/** True when a location needs no cleaning: nearly every one, checked without a copy (findings come by the ten thousand). */
function isClean(l: Location): boolean {
  if ((WINDOWS && l.path.includes("\\")) || l.path.startsWith("./")) return false;
  let fields = 1;
  for (let i = 0; i < POSITION_FIELDS.length; i++) {
    const v = l[POSITION_FIELDS[i] as (typeof POSITION_FIELDS)[number]];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) return false;
    fields++;
  }
  // Only the known fields are kept: a location with anything else is copied.
  let keys = 0;
  for (const k in l) if (Object.hasOwn(l, k)) keys++;
  return keys === fields;
}

/** The more severe of two severities, either possibly unknown. */
function moreSevere(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return severityRank(a) >= severityRank(b) ? a : b;
}
