import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import type { Lockfile } from "../packages.js";
import { SbomPackages } from "./purl-packages.js";
import { spdxSourceInfo, type SourcePackage } from "./source-package.js";
import { lockfileParser, rejectConflictMarkers } from "../conflict-markers.js";

// SPDX 2.x documents (https://spdx.github.io/spdx-spec/v2.3/), JSON and tag-value, read as a
// lockfile: every package with a `purl` external reference (category PACKAGE-MANAGER) and a
// version. The packages the document DESCRIBES are its subject, not dependencies; those its
// relationships make the subject's dependencies (DEPENDS_ON from it, DEPENDENCY_OF it) are direct.
// SPDX 3 (JSON-LD) is refused by name rather than read as nothing.

/** A reference category as SPDX 2.2 and 2.3 spell it. */
const PACKAGE_MANAGER = new Set(["PACKAGE-MANAGER", "PACKAGE_MANAGER"]);

/** Relationships the subject has with its dependencies, read either way round (SPDX 2.3 section 11.1). */
const DEPENDS_ON = new Set(["DEPENDS_ON", "CONTAINS"]);
const DEPENDENCY_OF = new Set(["DEPENDENCY_OF", "RUNTIME_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "CONTAINED_BY"]);
const DEV_OF = new Set(["DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "TEST_DEPENDENCY_OF"]);

/**
 * The packages the subject depends on directly, and the direct ones it needs only to develop,
 * build or test, when the document's relationships say; undefined when they record no dependency
 * of the subject (then directness is unknown, which the gate counts as direct).
 */
function directOf(relationships: readonly { from: string; type: string; to: string }[], subject: ReadonlySet<string>): { direct: Set<string>; dev: Set<string> } | undefined {
  const direct = new Set<string>();
  const dev = new Set<string>();
  for (const r of relationships) {
    if (subject.has(r.from) && DEPENDS_ON.has(r.type)) direct.add(r.to);
    else if (subject.has(r.to) && DEPENDENCY_OF.has(r.type)) {
      direct.add(r.from);
      if (DEV_OF.has(r.type)) dev.add(r.from);
    }
  }
  return direct.size > 0 ? { direct, dev } : undefined;
}

/** Builds the lockfile from a parsed SPDX JSON document. */
export function readSpdxJson(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (root && ("@context" in root || "@graph" in root)) throw new ParseFailure("an SPDX 3 (JSON-LD) document: only SPDX 2.x is read; export SPDX 2.3 or CycloneDX", 1, 1);
  const version = asString(root?.spdxVersion);
  if (!root || version === undefined || !version.startsWith("SPDX-")) throw new ParseFailure('not an SPDX document: no "spdxVersion"', 1, 1);
  const described = new Set((Array.isArray(root.documentDescribes) ? root.documentDescribes : []).filter((x): x is string => typeof x === "string"));
  const relationships: { from: string; type: string; to: string }[] = [];
  for (const r of Array.isArray(root.relationships) ? root.relationships : []) {
    const o = asObject(r);
    const from = asString(o?.spdxElementId);
    const type = asString(o?.relationshipType);
    const to = asString(o?.relatedSpdxElement);
    if (from === undefined || type === undefined || to === undefined) continue;
    if (from === "SPDXRef-DOCUMENT" && type === "DESCRIBES") described.add(to);
    else relationships.push({ from, type, to });
  }
  const graph = directOf(relationships, described);
  const lines = jsonLines(json.text, (p) => p.length === 2 && p[0] === "packages");
  const out = new SbomPackages(path);
  (Array.isArray(root.packages) ? root.packages : []).forEach((raw, i) => {
    const p = asObject(raw);
    const id = asString(p?.SPDXID) ?? "";
    if (!p || described.has(id)) return;
    const edges = graph ? { direct: graph.direct.has(id), ...(graph.dev.has(id) ? { dev: true } : {}) } : {};
    for (const ref of Array.isArray(p.externalRefs) ? p.externalRefs : []) {
      const r = asObject(ref);
      if (!r || r.referenceType !== "purl" || !PACKAGE_MANAGER.has(asString(r.referenceCategory) ?? "")) continue;
      out.add(asString(r.referenceLocator), { line: lines.get(pathKey(["packages", i])), ...edges }, spdxSourceInfo(asString(p.sourceInfo)));
    }
  });
  return out.lockfileOf(version);
}

/** Longest tag-value line read; longer ones (free text) are skipped. */
const MAX_LINE = 8192;

/** Builds the lockfile from an SPDX tag-value document (`*.spdx`). */
export function readSpdxTagValue(text: string, path: string): Lockfile {
  rejectConflictMarkers(text, "resolve the conflict, or generate the SBOM again");
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
export const spdxJsonParser: Parser<Lockfile> = lockfileParser("spdx-json", jsonParser, "resolve the conflict, or generate the SBOM again", (json, file: TextFile) => readSpdxJson(json, file.path));

/** The parser for SPDX tag-value documents (`*.spdx`). */
export const spdxTagValueParser: Parser<Lockfile> = { id: "spdx-tag-value", parse: (file: TextFile) => readSpdxTagValue(file.text, file.path) };
