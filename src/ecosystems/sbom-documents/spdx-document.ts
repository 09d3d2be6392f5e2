import { derivedParser, ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import type { Lockfile } from "../packages.js";
import { SbomPackages } from "./purl-packages.js";
import { spdxSourceInfo, type SourcePackage } from "./source-package.js";

// SPDX 2.x documents (https://spdx.github.io/spdx-spec/v2.3/), JSON and tag-value, read as a
// lockfile: every package with a `purl` external reference (category PACKAGE-MANAGER) and a
// version. The packages the document DESCRIBES are its subject, not dependencies. SPDX 3 (JSON-LD)
// is refused by name rather than read as nothing.

/** A reference category as SPDX 2.2 and 2.3 spell it. */
const PACKAGE_MANAGER = new Set(["PACKAGE-MANAGER", "PACKAGE_MANAGER"]);

/** Builds the lockfile from a parsed SPDX JSON document. */
export function readSpdxJson(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (root && ("@context" in root || "@graph" in root)) throw new ParseFailure("an SPDX 3 (JSON-LD) document: only SPDX 2.x is read; export SPDX 2.3 or CycloneDX", 1, 1);
  const version = asString(root?.spdxVersion);
  if (!root || version === undefined || !version.startsWith("SPDX-")) throw new ParseFailure('not an SPDX document: no "spdxVersion"', 1, 1);
  const described = new Set((Array.isArray(root.documentDescribes) ? root.documentDescribes : []).filter((x): x is string => typeof x === "string"));
  for (const r of Array.isArray(root.relationships) ? root.relationships : []) {
    const o = asObject(r);
    if (o?.spdxElementId === "SPDXRef-DOCUMENT" && o.relationshipType === "DESCRIBES" && typeof o.relatedSpdxElement === "string") described.add(o.relatedSpdxElement);
  }
  const lines = jsonLines(json.text, (p) => p.length === 2 && p[0] === "packages");
  const out = new SbomPackages(path);
  (Array.isArray(root.packages) ? root.packages : []).forEach((raw, i) => {
    const p = asObject(raw);
    if (!p || described.has(asString(p.SPDXID) ?? "")) return;
    for (const ref of Array.isArray(p.externalRefs) ? p.externalRefs : []) {
      const r = asObject(ref);
      if (!r || r.referenceType !== "purl" || !PACKAGE_MANAGER.has(asString(r.referenceCategory) ?? "")) continue;
      out.add(asString(r.referenceLocator), { line: lines.get(pathKey(["packages", i])) }, spdxSourceInfo(asString(p.sourceInfo)));
    }
  });
  return out.lockfileOf(version);
}

/** Longest tag-value line read; longer ones (free text) are skipped. */
const MAX_LINE = 8192;

/** Builds the lockfile from an SPDX tag-value document (`*.spdx`). */
export function readSpdxTagValue(text: string, path: string): Lockfile {
  let version: string | undefined;
  const described = new Set<string>();
  const packages: { line: number; id?: string; purls: string[]; source?: SourcePackage }[] = [];
  let inText = false;
  let n = 0;
  for (const raw of text.split("\n")) {
    n++;
    const line = raw.length > MAX_LINE ? "" : raw.trim();
    // A <text>…</text> value spans lines and may hold anything, tags included.
    if (inText) {
      if (line.includes("</text>")) inText = false;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith("#")) continue;
    const tag = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (value.startsWith("<text>") && !value.includes("</text>")) inText = true;
    const current = packages[packages.length - 1];
    if (tag === "SPDXVersion") version = value;
    else if (tag === "PackageName") packages.push({ line: n, purls: [] });
    else if (tag === "SPDXID" && current && current.id === undefined) current.id = value;
    else if (tag === "PackageSourceInfo" && current) {
      const source = spdxSourceInfo(value);
      if (source) current.source = source;
    }
    else if (tag === "ExternalRef" && current) {
      const [category, type, locator] = value.split(/\s+/);
      if (type === "purl" && locator !== undefined && PACKAGE_MANAGER.has(category ?? "")) current.purls.push(locator);
    } else if (tag === "Relationship") {
      const [from, kind, to] = value.split(/\s+/);
      if (from === "SPDXRef-DOCUMENT" && kind === "DESCRIBES" && to !== undefined) described.add(to);
    } else if (tag === "DocumentDescribes") for (const id of value.split(/[\s,]+/)) if (id) described.add(id);
  }
  if (version === undefined || !version.startsWith("SPDX-")) throw new ParseFailure("not an SPDX tag-value document: no SPDXVersion line", 1, 1);
  const out = new SbomPackages(path);
  for (const p of packages) {
    if (p.id !== undefined && described.has(p.id)) continue;
    for (const purl of p.purls) out.add(purl, { line: p.line }, p.source);
  }
  return out.lockfileOf(version);
}

/** The parser for SPDX JSON documents (`*.spdx.json`). */
export const spdxJsonParser: Parser<Lockfile> = derivedParser("spdx-json", jsonParser, (json, file: TextFile) => readSpdxJson(json, file.path));

/** The parser for SPDX tag-value documents (`*.spdx`). */
export const spdxTagValueParser: Parser<Lockfile> = { id: "spdx-tag-value", parse: (file: TextFile) => readSpdxTagValue(file.text, file.path) };
