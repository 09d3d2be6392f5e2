import * as cvssNamespace from "ae-cvss-calculator";
import type { AdvisoryRecord, OsvAffected } from "../core/advisories.js";
import type { Severity } from "../core/severity.js";

// A record's severity: computed from its CVSS vector (v4 before v3.1/3.0 before v2) with
// ae-cvss-calculator, else the database's own label or score, else medium. Ratings follow the
// CVSS qualitative scale: 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9–10 critical.

// The package is a CommonJS bundle whose exports Node's ES module loader cannot see by name.
const cvss = ((cvssNamespace as unknown as { default?: typeof cvssNamespace }).default ?? cvssNamespace) as typeof cvssNamespace;

/** How a severity was decided, for reports. */
export interface SeverityVerdict {
  severity: Severity;
  score?: number;
  vector?: string;
  /** `cvss` (a vector), `database` (the database's label or score) or `default`. */
  source: "cvss" | "database" | "default";
}

/** The CVSS qualitative rating of a base score. */
export function rating(score: number): Severity {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "info";
}

const V3 = /^CVSS:3\.[01](\/[A-Za-z]{1,4}:[A-Za-z]{1,10}){1,40}$/;
const V4 = /^CVSS:4\.0(\/[A-Za-z]{1,4}:[A-Za-z]{1,10}){1,60}$/;
const V2 = /^(AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC])(\/[A-Za-z]{1,3}:[A-Z]{1,3}){0,10}$/;

const scores = new Map<string, number | undefined>();

/** The base score of a CVSS vector, or undefined when it is not a complete, valid vector (cached: the calculator is slow to build). */
export function cvssScore(vector: string): number | undefined {
  if (scores.has(vector)) return scores.get(vector);
  const score = computeScore(vector.trim());
  if (scores.size > 100_000) scores.clear();
  scores.set(vector, score);
  return score;
}

function computeScore(v: string): number | undefined {
  try {
    let calc: { calculateScores(): { base?: number }; isBaseFullyDefined(): boolean } | undefined;
    if (V4.test(v)) calc = new cvss.Cvss4P0(v);
    else if (V3.test(v)) calc = v.startsWith("CVSS:3.0") ? new cvss.Cvss3P0(v) : new cvss.Cvss3P1(v);
    else if (V2.test(v)) calc = new cvss.Cvss2(v);
    if (!calc || !calc.isBaseFullyDefined()) return undefined;
    const base = calc.calculateScores().base;
    return typeof base === "number" && Number.isFinite(base) ? base : undefined;
  } catch {
    return undefined;
  }
}

const TYPE_RANK: Record<string, number> = { CVSS_V4: 3, CVSS_V3: 2, CVSS_V2: 1 };

/** Databases' severity words (GHSA's `MODERATE`, Red Hat's `Important`, Ubuntu's `negligible`). */
const NAMED: Readonly<Record<string, Severity>> = { critical: "critical", high: "high", important: "high", moderate: "medium", medium: "medium", low: "low", negligible: "low", none: "info" };

/** The severity a database word names; own keys only, so `constructor` names nothing. */
function named(word: string): Severity | undefined {
  const w = word.trim().toLowerCase();
  return Object.hasOwn(NAMED, w) ? NAMED[w] : undefined;
}

/** The severity of a record for one affected package (its own vectors first). */
export function severityOf(record: AdvisoryRecord, affected?: OsvAffected): SeverityVerdict {
  const vectors = [...(affected?.severity ?? []), ...record.severity].filter((s) => Object.hasOwn(TYPE_RANK, s.type)).sort((a, b) => (TYPE_RANK[b.type] ?? 0) - (TYPE_RANK[a.type] ?? 0));
  for (const s of vectors) {
    const score = cvssScore(s.score);
    if (score !== undefined) return { severity: rating(score), score, vector: s.score, source: "cvss" };
  }
  // OSV 1.6's `Ubuntu` type is the Ubuntu CVE tracker's priority word, not a vector: the
  // database's own rating, which is all an Ubuntu record without CVSS has (`untriaged` says nothing).
  for (const s of [...(affected?.severity ?? []), ...record.severity]) {
    const word = s.type === "Ubuntu" ? named(s.score) : undefined;
    if (word) return { severity: word, source: "database" };
  }
  const label = record.databaseSeverity?.trim();
  if (label) {
    const word = named(label);
    if (word) return { severity: word, source: "database" };
    const score = cvssScore(label);
    if (score !== undefined) return { severity: rating(score), score, vector: label, source: "database" };
    const n = Number(label);
    if (label !== "" && Number.isFinite(n) && n >= 0 && n <= 10) return { severity: rating(n), score: n, source: "database" };
  }
  return { severity: "medium", source: "default" };
}
