import { createHash } from "node:crypto";
import { ParseFailure } from "../core/files.js";
import { VEX_JUSTIFICATIONS, VEX_STATUSES, type VexDecision, type VexStatement, type VexStatus } from "../core/vex.js";
import { parseJson, type JsonFile } from "../ecosystems/formats/json.js";
import { problemAt, type VexProblem } from "./vex-problem.js";
import { isObject } from "./vex-json.js";
import { canonicalPurl } from "./vex-purl.js";
import { isoTime, oldestFirst } from "./vex-time.js";

// OpenVEX documents (https://github.com/openvex/spec, 0.2.0, and the 0.0.x form with plain
// strings), over the one statement model of src/core/vex.ts: the reader gives the statements
// triage applies, the writer records a decision (a new document, or one appended to, with its
// version bumped and its timestamp moved on) so triage decisions live in the repository. The
// product of a statement may be the dependency itself, or the project with the dependency as a
// subcomponent; a product that is not a package (the project, an image) covers every package.

export { VEX_JUSTIFICATIONS, VEX_STATUSES, type VexDecision, type VexProblem, type VexStatement, type VexStatus };

const PACKAGE_TYPES = new Set(["npm", "pypi", "cargo", "golang", "maven", "gem", "composer", "nuget", "pub", "hex", "cran", "conan", "deb", "rpm", "apk", "swift", "cocoapods", "hackage", "conda", "bitnami", "githubactions"]);


function purlOf(p: unknown): string | undefined {
  if (typeof p === "string") return p;
  if (!isObject(p)) return undefined;
  const ids = isObject(p.identifiers) ? p.identifiers : undefined;
  const id = typeof ids?.purl === "string" ? ids.purl : typeof p["@id"] === "string" ? p["@id"] : undefined;
  return id;
}

/**
 * The package a product or subcomponent names, in the form findings carry: OpenVEX writers spell
 * purls every way the spec allows (`@scope` unencoded, `Django`, `PKG:`), and a finding's purl is
 * compared as a string, so a statement written any other way would silently cover nothing.
 */
function packagePurl(purl: string): string | undefined {
  const m = /^pkg:([a-z0-9.+-]+)\//i.exec(purl);
  if (m === null || !PACKAGE_TYPES.has((m[1] as string).toLowerCase())) return undefined;
  return canonicalPurl(purl);
}

/** Why a parsed value is not an OpenVEX document (context and statements list), or undefined when it is one. */
export function documentProblem(doc: unknown): string | undefined {
  if (!isObject(doc) || typeof doc["@context"] !== "string" || !doc["@context"].startsWith("https://openvex.dev/ns")) return "not an OpenVEX document (no `@context` of https://openvex.dev/ns…)";
  if (!Array.isArray(doc.statements)) return "an OpenVEX document needs a `statements` list";
  return undefined;
}

const isStatus = (s: unknown): s is VexStatus => typeof s === "string" && (VEX_STATUSES as readonly string[]).includes(s);

/** Reads one OpenVEX document's text; its statements, or one problem with its position. */
export function readOpenVex(text: string, path: string): { statements: VexStatement[]; problems: VexProblem[] } {
  let json: JsonFile;
  try {
    json = parseJson(text);
  } catch (e) {
    const f = e instanceof ParseFailure ? e : undefined;
    return { statements: [], problems: [{ path, message: f?.message ?? String(e), ...(f?.line !== undefined ? { line: f.line } : {}), ...(f?.column !== undefined ? { column: f.column } : {}) }] };
  }
  return openVexStatements(json, path);
}

/** The statements of a parsed OpenVEX document, and the parts that are not OpenVEX. */
export function openVexStatements(json: JsonFile, path: string): { statements: VexStatement[]; problems: VexProblem[] } {
  const problems: VexProblem[] = [];
  const doc = json.value;
  const notVex = documentProblem(doc);
  if (notVex !== undefined || !isObject(doc) || !Array.isArray(doc.statements)) return { statements: [], problems: [{ path, message: notVex ?? "not an OpenVEX document" }] };
  const statements: VexStatement[] = [];
  // When each statement was made: its own timestamp, else the document's, which OpenVEX says it inherits.
  const when = new Map<VexStatement, number>();
  const documentTime = isoTime(doc.timestamp) ?? -Infinity;
  doc.statements.slice(0, 100_000).forEach((raw: unknown, i: number) => {
    const where = `statement ${i + 1}`;
    if (!isObject(raw)) return problems.push(problemAt(json, path, ["statements", i], `${where} is not an object`));
    const v = raw.vulnerability;
    const name = typeof v === "string" ? v : isObject(v) ? (typeof v.name === "string" ? v.name : typeof v["@id"] === "string" ? v["@id"] : undefined) : undefined;
    if (!name) return problems.push(problemAt(json, path, ["statements", i], `${where} names no vulnerability`));
    const aliases = isObject(v) && Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === "string") : [];
    const status = raw.status;
    if (!isStatus(status)) return problems.push(problemAt(json, path, ["statements", i], `${where} has no valid status (${VEX_STATUSES.join(", ")})`));
    // OpenVEX: not_affected MUST say why, with a justification of its list or an impact statement.
    // One that does neither is not a triage decision, and must not close a finding.
    const justification = typeof raw.justification === "string" ? raw.justification : undefined;
    if (justification !== undefined && !(VEX_JUSTIFICATIONS as readonly string[]).includes(justification)) return problems.push(problemAt(json, path, ["statements", i, "justification"], `${where}'s justification \`${justification}\` is not one of ${VEX_JUSTIFICATIONS.join(", ")}`));
    if (status === "not_affected" && justification === undefined && typeof raw.impact_statement !== "string") return problems.push(problemAt(json, path, ["statements", i], `${where} is not_affected without a justification or an impact_statement, which OpenVEX requires`));
    const products: string[] = [];
    let anyProduct = false;
    for (const p of Array.isArray(raw.products) ? raw.products : []) {
      const subs = isObject(p) && Array.isArray(p.subcomponents) ? p.subcomponents.map(purlOf).filter((s): s is string => s !== undefined) : [];
      if (subs.length > 0) products.push(...subs.map((s) => canonicalPurl(s) ?? s));
      else {
        const purl = purlOf(p);
        const pkg = purl !== undefined ? packagePurl(purl) : undefined;
        if (pkg !== undefined) products.push(pkg);
        else anyProduct = true;
      }
    }
    const s: VexStatement = { vulnerability: name, products: anyProduct ? [] : products, status, source: path };
    if (aliases.length > 0) s.aliases = aliases;
    if (typeof raw.justification === "string") s.justification = raw.justification;
    if (typeof raw.impact_statement === "string") s.impactStatement = raw.impact_statement;
    if (typeof raw.action_statement === "string") s.actionStatement = raw.action_statement;
    statements.push(s);
    when.set(s, isoTime(raw.last_updated) ?? isoTime(raw.timestamp) ?? documentTime);
    return undefined;
  });
  // The newest statement about a product wins, wherever the document lists it (OpenVEX 0.2.0, as
  // go-vex and Trivy read it).
  oldestFirst(statements, when);
  return { statements, problems };
}

/** Why a decision is not a valid OpenVEX statement, or undefined when it is. */
export function decisionProblem(d: VexDecision): string | undefined {
  if (!isStatus(d.status)) return `status must be one of ${VEX_STATUSES.join(", ")}`;
  if (d.products.length === 0) return "name at least one product (the dependency's package URL, e.g. pkg:npm/lodash@4.17.15)";
  if (d.products.some((p) => !/^pkg:[a-z0-9.+-]+\/\S+$/i.test(p))) return "products must be package URLs (pkg:type/name@version)";
  if (d.status === "not_affected" && !d.justification && !d.impactStatement) return "not_affected needs a justification or an impact statement";
  if (d.justification && !(VEX_JUSTIFICATIONS as readonly string[]).includes(d.justification)) return `justification must be one of ${VEX_JUSTIFICATIONS.join(", ")}`;
  if (d.justification && d.status !== "not_affected") return "a justification goes with not_affected only";
  if (d.status === "affected" && !d.actionStatement) return "affected needs an action statement (what users should do)";
  return undefined;
}

/** The document text with the decision added (a new document when `existing` is undefined). */
export function appendVexStatement(existing: string | undefined, d: VexDecision, opts: { author: string; now: Date }): string {
  const timestamp = opts.now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const statement: Record<string, unknown> = {
    vulnerability: { name: d.vulnerability, ...(d.aliases && d.aliases.length > 0 ? { aliases: d.aliases } : {}) },
    timestamp,
    products: d.products.map((p) => ({ "@id": p })),
    status: d.status,
    ...(d.justification ? { justification: d.justification } : {}),
    ...(d.impactStatement ? { impact_statement: d.impactStatement } : {}),
    ...(d.actionStatement ? { action_statement: d.actionStatement } : {}),
  };
  let doc: Record<string, unknown>;
  if (existing === undefined) {
    doc = { "@context": "https://openvex.dev/ns/v0.2.0", "@id": "", author: opts.author, timestamp, version: 1, tooling: "assay", statements: [statement] };
    doc["@id"] = `https://openvex.dev/docs/public/vex-${createHash("sha256").update(JSON.stringify(statement)).digest("hex")}`;
  } else {
    doc = JSON.parse(existing) as Record<string, unknown>;
    const notVex = documentProblem(doc);
    if (notVex !== undefined) throw new Error(notVex);
    (doc.statements as unknown[]).push(statement);
    doc.version = (typeof doc.version === "number" ? doc.version : 0) + 1;
    doc.timestamp = timestamp;
    doc.last_updated = timestamp;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
