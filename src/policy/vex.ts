import type { Finding } from "../core/finding.js";
import type { VexProductRange, VexStatement } from "../core/vex.js";
import { versContains } from "../ecosystems/vers.js";
import { parsePurl } from "../ecosystems/purl.js";

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

/** Statements by the upper-cased names they are about, each list in document order; built once per list of statements. */
const indexes = new WeakMap<readonly VexStatement[], Map<string, number[]>>();

function indexOf(statements: readonly VexStatement[]): Map<string, number[]> {
  let index = indexes.get(statements);
  if (index) return index;
  index = new Map();
  statements.forEach((s, i) => {
    for (const n of new Set([s.vulnerability, ...(s.aliases ?? [])].map((x) => x.toUpperCase()))) {
      const at = index?.get(n);
      if (at) at.push(i);
      else index?.set(n, [i]);
    }
  });
  indexes.set(statements, index);
  return index;
}

/** The last statement that applies to a finding (later statements supersede earlier ones, as in OpenVEX). */
export function vexFor(f: Finding, statements: readonly VexStatement[]): VexStatement | undefined {
  const id = vexIdentity(f);
  if (!id) return undefined;
  const index = indexOf(statements);
  let found = -1;
  for (const name of id.vulnerabilities) {
    for (const i of index.get(name) ?? []) {
      const s = statements[i] as VexStatement;
      if (i <= found) continue;
      if (!coversPackage(s, id.purl)) continue;
      found = i;
    }
  }
  return found < 0 ? undefined : statements[found];
}

/** True when a statement is about the finding's package: it names no product (any), or names it exactly or by a version range. */
function coversPackage(s: VexStatement, purl: string | undefined): boolean {
  const ranges = s.ranges ?? [];
  if (s.products.length === 0 && ranges.length === 0) return true;
  if (purl === undefined) return false;
  return s.products.some((p) => purlCovers(p, purl)) || ranges.some((r) => rangeCovers(r, purl));
}

/**
 * True when the finding's package is the range's and its version is in the range, in its ecosystem's
 * ordering; a purl without a version, or with one that ordering cannot read, is never covered.
 */
export function rangeCovers(r: VexProductRange, purl: string): boolean {
  const query = purl.indexOf("?");
  const bare = (query >= 0 ? purl.slice(0, query) : purl).split("#")[0] ?? "";
  const at = bare.lastIndexOf("@");
  if (at <= bare.lastIndexOf("/") || bare.slice(0, at) !== r.purl) return r.range.constraints === "*" && bare === r.purl;
  let version: string;
  try {
    version = decodeURIComponent(bare.slice(at + 1));
  } catch {
    return false;
  }
  // rpm purls carry the epoch as a qualifier (src/ecosystems/purl.ts); the ordering compares it as part of the version.
  const epoch = query >= 0 ? /[?&]epoch=(\d{1,9})(?:&|#|$)/.exec(purl.slice(query))?.[1] : undefined;
  return versContains(r.range, epoch !== undefined ? `${epoch}:${version}` : version);
}

/** True when a statement's product purl names the finding's package (at its version, or at any version). */
export function purlCovers(product: string, purl: string): boolean {
  // NuGet ids are case-insensitive (the registry and the CLI fold them): Newtonsoft.Json is newtonsoft.json.
  const strip = (p: string): string => {
    const bare = p.split("?")[0]?.split("#")[0] ?? p;
    return /^pkg:nuget\//i.test(bare) ? bare.toLowerCase() : bare;
  };
  // An RPM's epoch is part of its version (a qualifier in its purl, none meaning 0): a statement
  // about epoch 2 says nothing of the same version string at epoch 1. (A product with no version
  // covers every one, whatever its epoch.)
  if (/^pkg:rpm\//i.test(purl)) {
    const p = parsePurl(product);
    if (p !== undefined && p.version !== "" && (p.qualifiers["epoch"] ?? "0") !== (parsePurl(purl)?.qualifiers["epoch"] ?? "0")) return false;
  }
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
