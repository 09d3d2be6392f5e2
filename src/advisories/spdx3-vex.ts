import type { VexStatement, VexStatus } from "../core/vex.js";
import type { JsonFile } from "../ecosystems/formats/json.js";
import { problemAt, quoted, type VexProblem } from "./vex-problem.js";
import { canonicalPurl } from "./vex-purl.js";
import { isoTime, oldestFirst } from "./vex-time.js";
import { isObject, list, str, type Json } from "./vex-json.js";

// SPDX 3.0 VEX (the Security profile, https://spdx.github.io/spdx-spec/v3.0.1/): a JSON-LD document
// whose `@graph` holds Vex…VulnAssessmentRelationship elements, each `from` a Vulnerability `to` the
// products it assesses (optionally narrowed by `security_assessedElement`, the component in them, as
// an OpenVEX subcomponent narrows a product). Only what triage needs is read: the element types, the
// vulnerability's identifiers, the products' package URLs, justification, impact and action
// statements, and times. As for CycloneDX and CSAF, a product that resolves to no package URL is
// never applied (it could name anything), and is said once per assessment.

const MAX_ELEMENTS = 500_000;
const MAX_TO = 10_000;
const MAX_IDENTIFIERS = 100;

/** The assessment types and the status each stands for. */
const TYPES: Readonly<Record<string, VexStatus>> = {
  VexNotAffectedVulnAssessmentRelationship: "not_affected",
  VexFixedVulnAssessmentRelationship: "fixed",
  VexAffectedVulnAssessmentRelationship: "affected",
  VexUnderInvestigationVulnAssessmentRelationship: "under_investigation",
};

/** SPDX 3's justification types, as OpenVEX (and the rest of assay) words them. */
const JUSTIFICATIONS: Readonly<Record<string, string>> = {
  componentNotPresent: "component_not_present",
  vulnerableCodeNotPresent: "vulnerable_code_not_present",
  vulnerableCodeCannotBeControlledByAdversary: "vulnerable_code_cannot_be_controlled_by_adversary",
  vulnerableCodeNotInExecutePath: "vulnerable_code_not_in_execute_path",
  inlineMitigationsAlreadyExist: "inline_mitigations_already_exist",
};

/** True for a JSON-LD document in SPDX 3's context (`https://spdx.org/rdf/3.0.1/spdx-context.jsonld`) with a `@graph`. */
export function isSpdx3(value: unknown): boolean {
  if (!isObject(value) || !Array.isArray(value["@graph"])) return false;
  const context = value["@context"];
  const contexts = Array.isArray(context) ? context.slice(0, 10) : [context];
  return contexts.some((c) => typeof c === "string" && /^https:\/\/spdx\.org\/rdf\/3\./.test(c));
}

/**
 * An element's type without its namespace: the compact form (`security_VexFixedVulnAssessmentRelationship`,
 * `software_Package`) and the full IRI (`https://spdx.org/rdf/3.0.1/terms/Security/…`) name one type.
 */
function typeOf(e: Json): string | undefined {
  const t = str(e.type) ?? str(e["@type"]);
  if (t === undefined) return undefined;
  const cut = Math.max(t.lastIndexOf("/"), t.lastIndexOf("#"), t.lastIndexOf("_"));
  return t.slice(cut + 1);
}

/** The first of the properties given that the element has, compact or prefixed (`security_impactStatement`, `impactStatement`). */
function prop(e: Json, ...names: string[]): unknown {
  for (const n of names) if (e[n] !== undefined) return e[n];
  return undefined;
}

const idOf = (e: Json): string | undefined => str(e.spdxId) ?? str(e["@id"]);

/** Identifiers of an element by type (`cve`, `packageUrl`, `securityOther`…), in document order. */
function identifiers(e: Json): { type: string; id: string }[] {
  return list(e.externalIdentifier, MAX_IDENTIFIERS).flatMap((x) => {
    if (!isObject(x)) return [];
    const type = str(x.externalIdentifierType);
    const id = str(x.identifier);
    return type !== undefined && id !== undefined ? [{ type: type.replace(/^.*[/#_]/, ""), id }] : [];
  });
}

/** The package URLs of an element: `software_packageUrl`, or an external identifier of type packageUrl. */
function purlsOf(e: Json): string[] {
  const raw = [str(prop(e, "software_packageUrl", "packageUrl")), ...identifiers(e).flatMap((x) => (x.type === "packageUrl" ? [x.id] : []))];
  return [...new Set(raw.flatMap((p) => (p === undefined ? [] : (canonicalPurl(p) ?? []))))];
}

/** The VEX statements of a parsed SPDX 3 document (see isSpdx3 first). */
export function readSpdx3Vex(json: JsonFile, path: string): { statements: VexStatement[]; problems: VexProblem[] } {
  const statements: VexStatement[] = [];
  const problems: VexProblem[] = [];
  const doc = isObject(json.value) ? json.value : {};
  const graph = list(doc["@graph"], MAX_ELEMENTS);
  const byId = new Map<string, Json>();
  for (const e of graph) {
    const id = isObject(e) ? idOf(e) : undefined;
    if (id !== undefined && !byId.has(id) && isObject(e)) byId.set(id, e);
  }
  // An element is named by id, or written inline.
  const element = (v: unknown): Json | undefined => (typeof v === "string" ? byId.get(v) : isObject(v) ? v : undefined);
  const when = new Map<VexStatement, number>();
  graph.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const status = TYPES[typeOf(raw) ?? ""];
    if (status === undefined) return;
    const say = (message: string): void => void problems.push(problemAt(json, path, ["@graph", i], `@graph[${i}] (${typeOf(raw) as string})${message}`));
    // A withdrawn assessment no longer says anything.
    if (isoTime(prop(raw, "security_withdrawnTime", "withdrawnTime")) !== undefined) return;
    const vulnerability = element(raw.from);
    const ids = vulnerability ? identifiers(vulnerability) : [];
    const names = [...ids.filter((x) => x.type === "cve"), ...ids.filter((x) => x.type !== "cve" && x.type !== "packageUrl")].map((x) => x.id);
    const name = names[0] ?? (vulnerability ? str(vulnerability.name) : undefined);
    if (name === undefined) return say(" names no vulnerability (`from` a security_Vulnerability with an externalIdentifier)");
    const justificationType = str(prop(raw, "security_justificationType", "justificationType"));
    const justification = justificationType !== undefined ? JUSTIFICATIONS[justificationType.replace(/^.*[/#]/, "")] : undefined;
    const impact = str(prop(raw, "security_impactStatement", "impactStatement"));
    if (justificationType !== undefined && justification === undefined) return say(` (${name}): justificationType ${quoted(justificationType)} is not one of ${Object.keys(JUSTIFICATIONS).join(", ")}`);
    if (status === "not_affected" && justification === undefined && impact === undefined) return say(` (${name}) gives neither a justificationType nor an impactStatement, one of which SPDX 3 requires`);
    // The assessed element is the component in the products the statement is about: it alone is named.
    const assessed = element(prop(raw, "security_assessedElement", "assessedElement"));
    const targets = assessed !== undefined ? [assessed] : list(Array.isArray(raw.to) ? raw.to : [raw.to], MAX_TO).map(element);
    const products: string[] = [];
    let unresolved = 0;
    for (const t of targets) {
      const purls = t !== undefined ? purlsOf(t) : [];
      if (purls.length === 0) unresolved++;
      products.push(...purls);
    }
    // Only a product that would close a finding is worth a word: the product an assessment is about is often the application, named by no purl.
    if (unresolved > 0 && (status === "not_affected" || status === "fixed")) say(` (${name}): ${unresolved} of its products name${unresolved === 1 ? "s" : ""} no package URL (\`software_packageUrl\` or an externalIdentifier of type packageUrl)`);
    if (products.length === 0) return undefined;
    const s: VexStatement = { vulnerability: name, products: [...new Set(products)], status, source: path };
    const aliases = names.filter((n) => n !== name);
    if (aliases.length > 0) s.aliases = [...new Set(aliases)];
    if (justification !== undefined && status === "not_affected") s.justification = justification;
    const statement = impact ?? str(prop(raw, "security_statusNotes", "statusNotes"));
    if (statement !== undefined) s.impactStatement = statement;
    const action = str(prop(raw, "security_actionStatement", "actionStatement"));
    if (action !== undefined && status === "affected") s.actionStatement = action;
    statements.push(s);
    when.set(s, isoTime(prop(raw, "security_modifiedTime", "modifiedTime")) ?? isoTime(prop(raw, "security_publishedTime", "publishedTime")) ?? -Infinity);
    return undefined;
  });
  // As in OpenVEX, the newest assessment of a product wins wherever the graph lists it.
  oldestFirst(statements, when);
  return { statements, problems };
}
