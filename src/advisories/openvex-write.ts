import { createHash } from "node:crypto";
import { VEX_JUSTIFICATIONS, VEX_STATUSES, type VexStatus } from "./openvex.js";

// Writes OpenVEX 0.2.0 documents: a new one, or an existing one with a statement appended (its
// version bumped and its timestamp moved on), so triage decisions live in the repository.

/** A triage decision to record. */
export interface VexDecision {
  vulnerability: string;
  aliases?: string[];
  products: string[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
}

/** Why a decision is not a valid OpenVEX statement, or undefined when it is. */
export function decisionProblem(d: VexDecision): string | undefined {
  if (!(VEX_STATUSES as readonly string[]).includes(d.status)) return `status must be one of ${VEX_STATUSES.join(", ")}`;
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
    if (typeof doc["@context"] !== "string" || !doc["@context"].startsWith("https://openvex.dev/ns") || !Array.isArray(doc.statements)) throw new Error("not an OpenVEX document");
    (doc.statements as unknown[]).push(statement);
    doc.version = (typeof doc.version === "number" ? doc.version : 0) + 1;
    doc.timestamp = timestamp;
    doc.last_updated = timestamp;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
