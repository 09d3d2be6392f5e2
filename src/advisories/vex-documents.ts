import { ParseFailure } from "../core/files.js";
import type { VexStatement } from "../core/vex.js";
import { parseJson, type JsonFile } from "../ecosystems/formats/json.js";
import { csafProblem, readCsafVex } from "./csaf-vex.js";
import { parseXml, type XmlFile } from "../ecosystems/formats/xml.js";
import { cycloneDxRefs, readCycloneDxVex, type BomRefs } from "./cyclonedx-vex.js";
import { cycloneDxXmlAsJson } from "./cyclonedx-vex-xml.js";
import { documentProblem, openVexStatements } from "./openvex.js";
import { capProblems, type VexProblem } from "./vex-problem.js";
import { isSpdx3, readSpdx3Vex } from "./spdx3-vex.js";
import { isObject } from "./vex-json.js";

// The VEX documents of a scan, whatever format each is in: the format is told by content (an
// OpenVEX `@context`, a CycloneDX `bomFormat` or XML namespace, a CSAF `document.csaf_version`, an SPDX 3
// `@context` with a `@graph`), never by file
// name, since tools name their files every way. Documents are read together so a CycloneDX VEX can
// name components of a CycloneDX BOM beside it by BOM-Link. A document that cannot be read gives one
// problem and no statements; the others are read all the same.

/** The VEX formats assay reads. */
export type VexFormat = "openvex" | "cyclonedx" | "csaf" | "spdx3";


/** The format of a parsed document, told by its content; undefined when it is none of them. */
export function vexFormatOf(value: unknown): VexFormat | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value["@context"] === "string" && value["@context"].startsWith("https://openvex.dev/ns")) return "openvex";
  if (value.bomFormat === "CycloneDX") return "cyclonedx";
  if (isObject(value.document) && value.document.csaf_version !== undefined) return "csaf";
  if (isSpdx3(value)) return "spdx3";
  return undefined;
}

type Parsed = { path: string; json: JsonFile; format: VexFormat } | { path: string; problem: VexProblem };

/** A document the JSON or XML parser refused, at the place it names. */
function parseProblem(path: string, e: unknown): VexProblem {
  const f = e instanceof ParseFailure ? e : undefined;
  return { path, message: f?.message ?? String(e), ...(f?.line !== undefined ? { line: f.line } : {}), ...(f?.column !== undefined ? { column: f.column } : {}) };
}

function parse(path: string, text: string): Parsed {
  if (/^\s*</.test(text)) return parseXmlDocument(path, text);
  let json: JsonFile;
  try {
    json = parseJson(text);
  } catch (e) {
    return { path, problem: parseProblem(path, e) };
  }
  const format = vexFormatOf(json.value);
  if (format === undefined) {
    // An OpenVEX document without its context says what it lacks, as it always has.
    const message = isObject(json.value) && Array.isArray(json.value.statements) ? (documentProblem(json.value) ?? "not an OpenVEX document") : "not a VEX document: none of OpenVEX (`@context` https://openvex.dev/ns…), CycloneDX (`bomFormat`), CSAF (`document.csaf_version`) or SPDX 3 (`@context` https://spdx.org/rdf/3…, `@graph`)";
    return { path, problem: { path, message, line: 1, column: 1 } };
  }
  return { path, json, format };
}

/** An XML document: CycloneDX XML (a VEX, or a BOM with vulnerabilities), the only VEX format written in XML. */
function parseXmlDocument(path: string, text: string): Parsed {
  let xml: XmlFile;
  try {
    xml = parseXml(text);
  } catch (e) {
    return { path, problem: parseProblem(path, e) };
  }
  const json = cycloneDxXmlAsJson(xml);
  if (json === undefined) return { path, problem: { path, message: "an XML document that is not CycloneDX (no <bom> element in the CycloneDX namespace); VEX is read from OpenVEX, CycloneDX (JSON or XML), CSAF 2.0 and SPDX 3", line: 1, column: 1 } };
  return { path, json, format: "cyclonedx" };
}

/** The statements of each document, in the order given (later statements supersede earlier ones), and what could not be applied. */
export function readVexDocuments(documents: readonly { path: string; text: string }[]): { statements: VexStatement[]; problems: VexProblem[] } {
  const parsed = documents.map((d) => parse(d.path, d.text));
  const boms = new Map<string, BomRefs>();
  for (const p of parsed) {
    if (!("json" in p) || p.format !== "cyclonedx") continue;
    const refs = cycloneDxRefs(p.json.value);
    if (refs.link !== undefined && !boms.has(refs.link)) boms.set(refs.link, refs);
  }
  const statements: VexStatement[] = [];
  const problems: VexProblem[] = [];
  for (const p of parsed) {
    if (!("json" in p)) {
      problems.push(p.problem);
      continue;
    }
    let read: { statements: VexStatement[]; problems: VexProblem[] };
    if (p.format === "openvex") read = openVexStatements(p.json, p.path);
    else if (p.format === "cyclonedx") read = readCycloneDxVex(p.json, p.path, boms);
    else if (p.format === "spdx3") read = readSpdx3Vex(p.json, p.path);
    else {
      const why = csafProblem(p.json.value);
      read = why !== undefined ? { statements: [], problems: [{ path: p.path, message: why, line: 1, column: 1 }] } : readCsafVex(p.json, p.path);
    }
    // One by one: a vendor's document holds more statements than a call can take as arguments.
    for (const st of read.statements) statements.push(st);
    problems.push(...capProblems(read.problems, p.path));
  }
  return { statements, problems };
}
