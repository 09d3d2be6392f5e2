import type { Finding } from "../core/finding.js";
import type { VexStatement } from "../core/vex.js";

export type { VexStatement } from "../core/vex.js";

/**
 * The VEX identity of a finding: the advisories it is about (`evidence.vulnerabilities`, ids and
 * aliases) and the package it was found in (`evidence.purl`). Findings without them are not VEX's business.
 */
export function vexIdentity(f: Finding): { vulnerabilities: string[]; purl: string | undefined } | undefined {
  const v = f.evidence.vulnerabilities;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const purl = typeof f.evidence.purl === "string" ? f.evidence.purl : undefined;
  return { vulnerabilities: v.map((x: string) => x.toUpperCase()), purl };
}

/** The last statement that applies to a finding (later statements supersede earlier ones, as in OpenVEX). */
export function vexFor(f: Finding, statements: readonly VexStatement[]): VexStatement | undefined {
  const id = vexIdentity(f);
  if (!id) return undefined;
  let found: VexStatement | undefined;
  for (const s of statements) {
    const names = [s.vulnerability, ...(s.aliases ?? [])].map((n) => n.toUpperCase());
    if (!names.some((n) => id.vulnerabilities.includes(n))) continue;
    if (s.products.length > 0 && !(id.purl && s.products.some((p) => purlCovers(p, id.purl as string)))) continue;
    found = s;
  }
  return found;
}

/** True when a statement's product purl names the finding's package (at its version, or at any version). */
export function purlCovers(product: string, purl: string): boolean {
  const strip = (p: string): string => p.split("?")[0]?.split("#")[0] ?? p;
  const a = strip(product);
  const b = strip(purl);
  if (a === b) return true;
  const at = b.lastIndexOf("@");
  return !a.slice(a.lastIndexOf("/") + 1).includes("@") && at > 0 && b.slice(0, at) === a;
}

/** How a statement reads in a report: "VEX not_affected [false_positive] (code_not_reachable) — .vex/x.json". */
export function describeVex(s: VexStatement): string {
  const detail = s.justification ?? s.impactStatement ?? s.actionStatement;
  const stated = s.stated !== undefined ? ` [${s.stated}]` : "";
  return `VEX ${s.status}${stated}${detail ? ` (${detail})` : ""} — ${s.source}`;
}
