import type { VexStatement, VexStatus } from "../core/vex.js";
import type { JsonFile } from "../ecosystems/formats/json.js";
import { problemAt, quoted, type VexProblem } from "./vex-problem.js";
import { canonicalPurl } from "./vex-purl.js";
import { isObject, list, str, strings, type Json } from "./vex-json.js";

// CSAF 2.0 documents of the VEX profile (`document.category: csaf_vex`, OASIS CSAF 2.0 section 4.5):
// each vulnerability's `product_status` lists say which products are, and are not, affected. A product
// is named by id in the `product_tree` (its branches, `full_product_names` and `relationships`); only a
// product whose `product_identification_helper` gives a package URL can match a dependency. A
// relationship ("component X default_component_of product Y") stands for its component, as an
// OpenVEX product with subcomponents does in src/advisories/openvex.ts. `flags` give the justification
// and `threats` of category `impact` the impact statement, per product or product group.

/** The product status lists and the status each stands for (known_not_affected and fixed close a finding, as Trivy reads them). */
const LISTS: readonly (readonly [string, VexStatus])[] = [
  ["known_not_affected", "not_affected"],
  ["fixed", "fixed"],
  ["first_fixed", "fixed"],
  ["known_affected", "affected"],
  ["first_affected", "affected"],
  ["last_affected", "affected"],
  ["under_investigation", "under_investigation"],
];

const MAX_DEPTH = 32;
const MAX_PRODUCTS = 200_000;
const MAX_VULNERABILITIES = 100_000;
const MAX_STATEMENTS = 500_000;
const MAX_PURLS = 100;


/** The package URLs a product's identification helper gives (`purl` in CSAF 2.0, `purls` in 2.1). */
function helperPurls(product: unknown): string[] {
  const helper = isObject(product) && isObject(product.product_identification_helper) ? product.product_identification_helper : undefined;
  if (!helper) return [];
  const raw = [...(str(helper.purl) !== undefined ? [helper.purl as string] : []), ...strings(helper.purls, MAX_PURLS)];
  return raw.flatMap((p) => canonicalPurl(p) ?? []);
}

/** The package URLs of every product id of a product tree; bounded in depth and count. */
export function csafProductPurls(tree: unknown): Map<string, string[]> {
  const purls = new Map<string, string[]>();
  if (!isObject(tree)) return purls;
  let seen = 0;
  const add = (product: unknown): void => {
    const id = isObject(product) ? str(product.product_id) : undefined;
    if (id === undefined || seen++ >= MAX_PRODUCTS) return;
    purls.set(id, [...new Set([...(purls.get(id) ?? []), ...helperPurls(product)])]);
  };
  const visit = (branch: unknown, depth: number): void => {
    if (!isObject(branch) || depth > MAX_DEPTH || seen >= MAX_PRODUCTS) return;
    if (branch.product !== undefined) add(branch.product);
    for (const b of list(branch.branches, MAX_PRODUCTS)) visit(b, depth + 1);
  };
  for (const b of list(tree.branches, MAX_PRODUCTS)) visit(b, 0);
  for (const p of list(tree.full_product_names, MAX_PRODUCTS)) add(p);
  for (const r of list(tree.relationships, MAX_PRODUCTS)) {
    if (!isObject(r) || !isObject(r.full_product_name)) continue;
    const id = str(r.full_product_name.product_id);
    if (id === undefined || seen++ >= MAX_PRODUCTS) continue;
    // The combined product is the component as part of something: its own purl if it has one, else the component's.
    const own = helperPurls(r.full_product_name);
    const component = str(r.product_reference);
    const purlsOf = own.length > 0 ? own : component !== undefined ? (purls.get(component) ?? []) : [];
    purls.set(id, [...new Set([...(purls.get(id) ?? []), ...purlsOf])]);
  }
  return purls;
}

/** Product group ids and their products. */
function productGroups(tree: unknown): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const g of list(isObject(tree) ? tree.product_groups : undefined, MAX_PRODUCTS)) {
    const id = isObject(g) ? str(g.group_id) : undefined;
    if (id !== undefined && isObject(g)) groups.set(id, strings(g.product_ids, MAX_PRODUCTS));
  }
  return groups;
}

/** Product ids named through groups, at most, in one document: a group named over and over must not multiply the work. */
const MAX_EXPANSION = 2_000_000;

/**
 * For each product an entry of `items` names (by product or group id), the text `pick` takes from
 * it; the first wins. Past the document's `budget` the rest go without (a known_not_affected
 * product without its justification is then not applied: it stays open, never the other way).
 */
function perProduct(items: unknown, groups: ReadonlyMap<string, string[]>, budget: { left: number }, pick: (item: Json) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const name = (id: string, text: string): void => {
    budget.left--;
    if (!out.has(id)) out.set(id, text);
  };
  for (const item of list(items, MAX_PRODUCTS)) {
    if (!isObject(item) || budget.left <= 0) continue;
    const text = pick(item);
    if (text === undefined) continue;
    const named = [strings(item.product_ids, MAX_PRODUCTS), ...strings(item.group_ids, MAX_PRODUCTS).map((g) => groups.get(g) ?? [])];
    for (const ids of named) {
      for (const id of ids) {
        if (budget.left <= 0) return out;
        name(id, text);
      }
    }
  }
  return out;
}

/** Why a parsed CSAF document is not one this reader applies, or undefined when it is a CSAF 2.x VEX. */
export function csafProblem(doc: unknown): string | undefined {
  const document = isObject(doc) && isObject(doc.document) ? doc.document : undefined;
  const version = str(document?.csaf_version);
  if (version === undefined || !/^2\.[0-9]$/.test(version)) return `a CSAF document of version ${quoted(version ?? "")}; CSAF 2.0 is read`;
  const category = str(document?.category);
  if (category !== "csaf_vex") return `a CSAF document of category ${quoted(category ?? "")}; only the VEX profile (csaf_vex) is read as VEX`;
  return undefined;
}

/** The VEX statements of a parsed CSAF VEX document (see csafProblem first). */
export function readCsafVex(json: JsonFile, path: string): { statements: VexStatement[]; problems: VexProblem[] } {
  const statements: VexStatement[] = [];
  const problems: VexProblem[] = [];
  const doc = isObject(json.value) ? json.value : {};
  const purls = csafProductPurls(doc.product_tree);
  const groups = productGroups(doc.product_tree);
  const budget = { left: MAX_EXPANSION };
  list(doc.vulnerabilities, MAX_VULNERABILITIES).forEach((raw, i) => {
    const say = (message: string): void => void problems.push(problemAt(json, path, ["vulnerabilities", i], `vulnerabilities[${i}]${message}`));
    if (!isObject(raw)) return say(" is not an object");
    const ids = list(raw.ids, 1_000).flatMap((x) => (isObject(x) && str(x.text) !== undefined ? [x.text as string] : []));
    const cve = str(raw.cve);
    const name = cve ?? ids[0];
    if (name === undefined) return say(" names no vulnerability (`cve` or `ids`)");
    const aliases = [...new Set(ids.filter((x) => x !== name))];
    const status = isObject(raw.product_status) ? raw.product_status : {};
    const flags = perProduct(raw.flags, groups, budget, (f) => str(f.label));
    const impacts = perProduct(raw.threats, groups, budget, (t) => (t.category === "impact" ? str(t.details) : undefined));
    const actions = perProduct(raw.remediations, groups, budget, (r) => (str(r.details) !== undefined ? `${str(r.category) ?? "remediation"}: ${r.details as string}` : undefined));
    const unresolved: string[] = [];
    const unjustified: string[] = [];
    for (const [key, vexStatus] of LISTS) {
      for (const product of strings(status[key], MAX_PRODUCTS)) {
        const products = purls.get(product) ?? [];
        if (products.length === 0) {
          // Only a product that would close a finding is worth a word: vendors name platforms by CPE in their affected lists.
          if (vexStatus === "not_affected" || vexStatus === "fixed") unresolved.push(product);
          continue;
        }
        // The VEX profile (CSAF 2.0 section 4.5, test 6.1.27.9) has each known_not_affected product say
        // why, by a flag or an impact threat; one that does not is no triage decision, as in OpenVEX.
        if (vexStatus === "not_affected" && !flags.has(product) && !impacts.has(product)) {
          unjustified.push(product);
          continue;
        }
        if (statements.length >= MAX_STATEMENTS) return undefined;
        const s: VexStatement = { vulnerability: name, products, status: vexStatus, source: path, ...(key !== vexStatus ? { stated: key } : {}) };
        if (aliases.length > 0) s.aliases = aliases;
        const justification = flags.get(product);
        const impact = impacts.get(product);
        const action = actions.get(product);
        if (justification !== undefined && vexStatus === "not_affected") s.justification = justification;
        if (impact !== undefined) s.impactStatement = impact;
        if (action !== undefined && vexStatus === "affected") s.actionStatement = action;
        statements.push(s);
      }
    }
    if (unjustified.length > 0) {
      const shown = unjustified.slice(0, 3).map(quoted).join(", ");
      say(` (${name}): known_not_affected product${unjustified.length === 1 ? "" : "s"} ${shown}${unjustified.length > 3 ? ` and ${unjustified.length - 3} more` : ""} without a flag or an impact threat saying why, which the VEX profile requires`);
    }
    if (unresolved.length > 0) {
      const shown = unresolved.slice(0, 3).map(quoted).join(", ");
      say(` (${name}): product${unresolved.length === 1 ? "" : "s"} ${shown}${unresolved.length > 3 ? ` and ${unresolved.length - 3} more` : ""} resolve${unresolved.length === 1 ? "s" : ""} to no package URL (\`product_identification_helper.purl\`)`);
    }
    return undefined;
  });
  return { statements, problems };
}
