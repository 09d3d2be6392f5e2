import { ParseFailure } from "../core/files.js";
import { parseJson } from "../ecosystems/formats/json.js";

// OpenVEX (https://github.com/openvex/spec, 0.2.0, and the 0.0.x form with plain strings) read
// into the statements triage applies. The product of a statement may be the dependency itself,
// or the project with the dependency as a subcomponent; a product that is not a package (the
// project, an image) covers every package with that vulnerability.

/** The statuses OpenVEX defines. */
export const VEX_STATUSES = ["not_affected", "affected", "fixed", "under_investigation"] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** The justifications OpenVEX defines for `not_affected`. */
export const VEX_JUSTIFICATIONS = ["component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"] as const;

/** A statement as triage applies it (the policy's VexStatement). */
export interface ReadVexStatement {
  vulnerability: string;
  aliases?: string[];
  products: string[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
  source: string;
}

/** A document that could not be read, with where. */
export interface VexProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

const PACKAGE_TYPES = new Set(["npm", "pypi", "cargo", "golang", "maven", "gem", "composer", "nuget", "pub", "hex", "cran", "conan", "deb", "rpm", "apk", "swift", "cocoapods", "hackage", "conda", "bitnami", "githubactions"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function purlOf(p: unknown): string | undefined {
  if (typeof p === "string") return p;
  if (!isObject(p)) return undefined;
  const ids = isObject(p.identifiers) ? p.identifiers : undefined;
  const id = typeof ids?.purl === "string" ? ids.purl : typeof p["@id"] === "string" ? p["@id"] : undefined;
  return id;
}

function isPackagePurl(purl: string): boolean {
  const m = /^pkg:([a-z0-9.+-]+)\//i.exec(purl);
  return m !== null && PACKAGE_TYPES.has((m[1] as string).toLowerCase());
}

/** Reads one OpenVEX document's text; its statements, or one problem with its position. */
export function readOpenVex(text: string, path: string): { statements: ReadVexStatement[]; problems: VexProblem[] } {
  const problems: VexProblem[] = [];
  let doc: unknown;
  try {
    doc = parseJson(text).value;
  } catch (e) {
    const f = e instanceof ParseFailure ? e : undefined;
    return { statements: [], problems: [{ path, message: f?.message ?? String(e), ...(f?.line !== undefined ? { line: f.line } : {}), ...(f?.column !== undefined ? { column: f.column } : {}) }] };
  }
  if (!isObject(doc) || typeof doc["@context"] !== "string" || !doc["@context"].startsWith("https://openvex.dev/ns")) {
    return { statements: [], problems: [{ path, message: "not an OpenVEX document (no `@context` of https://openvex.dev/ns…)" }] };
  }
  if (!Array.isArray(doc.statements)) return { statements: [], problems: [{ path, message: "an OpenVEX document needs a `statements` list" }] };
  const statements: ReadVexStatement[] = [];
  doc.statements.slice(0, 100_000).forEach((raw: unknown, i: number) => {
    const where = `statement ${i + 1}`;
    if (!isObject(raw)) return problems.push({ path, message: `${where} is not an object` });
    const v = raw.vulnerability;
    const name = typeof v === "string" ? v : isObject(v) ? (typeof v.name === "string" ? v.name : typeof v["@id"] === "string" ? v["@id"] : undefined) : undefined;
    if (!name) return problems.push({ path, message: `${where} names no vulnerability` });
    const aliases = isObject(v) && Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === "string") : [];
    const status = raw.status;
    if (typeof status !== "string" || !(VEX_STATUSES as readonly string[]).includes(status)) return problems.push({ path, message: `${where} has no valid status (${VEX_STATUSES.join(", ")})` });
    const products: string[] = [];
    let anyProduct = false;
    for (const p of Array.isArray(raw.products) ? raw.products : []) {
      const subs = isObject(p) && Array.isArray(p.subcomponents) ? p.subcomponents.map(purlOf).filter((s): s is string => s !== undefined) : [];
      if (subs.length > 0) products.push(...subs);
      else {
        const purl = purlOf(p);
        if (purl && isPackagePurl(purl)) products.push(purl);
        else anyProduct = true;
      }
    }
    const s: ReadVexStatement = { vulnerability: name, products: anyProduct ? [] : products, status: status as VexStatus, source: path };
    if (aliases.length > 0) s.aliases = aliases;
    if (typeof raw.justification === "string") s.justification = raw.justification;
    if (typeof raw.impact_statement === "string") s.impactStatement = raw.impact_statement;
    if (typeof raw.action_statement === "string") s.actionStatement = raw.action_statement;
    statements.push(s);
    return undefined;
  });
  return { statements, problems };
}
