import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { jsonLines, pathKey, type JsonStep } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { xmlList, xmlParser, xmlText, type XmlFile } from "../formats/xml.js";
import type { Lockfile } from "../packages.js";
import { SbomPackages } from "./purl-packages.js";
import { trivySource } from "./source-package.js";
import { lockfileParser } from "../conflict-markers.js";

// CycloneDX BOMs (https://cyclonedx.org/specification/overview/), JSON and XML, read as a
// lockfile: every component with a package URL and a version, nested components included. The
// BOM's own subject (`metadata.component`) is what it describes, not a dependency. Where the BOM
// records its dependency graph, the subject's `dependsOn` are the direct dependencies.

/** True when the file's name is CycloneDX's own (`bom.json`), which other tools use too: content decides. */
function ambiguousName(path: string): boolean {
  return /(?:^|\/)bom\.(?:json|xml)$/.test(path);
}

/** Direct dependencies by bom-ref, when the BOM's graph says what its subject depends on. */
function directRefs(rootRef: string | undefined, dependencies: readonly { ref?: string; dependsOn: readonly string[] }[]): Set<string> | undefined {
  if (rootRef === undefined) return undefined;
  const root = dependencies.find((d) => d.ref === rootRef);
  return root ? new Set(root.dependsOn) : undefined;
}

/** Builds the lockfile from a parsed CycloneDX JSON BOM; undefined for a `bom.json` that is not one. */
export function readCycloneDxJson(json: JsonFile, path: string): Lockfile | undefined {
  const root = asObject(json.value);
  if (!root || root.bomFormat !== "CycloneDX") {
    if (ambiguousName(path)) return undefined;
    throw new ParseFailure('not a CycloneDX BOM: no "bomFormat": "CycloneDX"', 1, 1);
  }
  const deps = (Array.isArray(root.dependencies) ? root.dependencies : []).flatMap((d) => {
    const o = asObject(d);
    if (!o) return [];
    const ref = asString(o.ref);
    return [{ ...(ref !== undefined ? { ref } : {}), dependsOn: (Array.isArray(o.dependsOn) ? o.dependsOn : []).filter((x): x is string => typeof x === "string") }];
  });
  const direct = directRefs(asString(asObject(asObject(root.metadata)?.component)?.["bom-ref"]), deps);
  const lines = jsonLines(json.text, (p) => p.length >= 2 && typeof p[p.length - 1] === "number" && p[p.length - 2] === "components");
  const out = new SbomPackages(path);
  const walk = (list: unknown, at: JsonStep[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const c = asObject(raw);
      if (!c) return;
      const here = [...at, i];
      const ref = asString(c["bom-ref"]);
      const props = Array.isArray(c.properties) ? c.properties.map(asObject) : [];
      const source = trivySource((name) => asString(props.find((x) => x?.name === name)?.value));
      out.add(asString(c.purl), { line: lines.get(pathKey(here)), ...(direct && ref !== undefined ? { direct: direct.has(ref) } : {}) }, source);
      walk(c.components, [...here, "components"]);
    });
  };
  walk(root.components, ["components"]);
  return out.lockfileOf(`CycloneDX ${asString(root.specVersion) ?? "?"}`);
}

/** Builds the lockfile from a parsed CycloneDX XML BOM; undefined for a `bom.xml` that is not one. */
export function readCycloneDxXml(xml: XmlFile, path: string): Lockfile | undefined {
  const bom = asObject(xml.value.bom);
  const ns = bom ? asString(bom["@_xmlns"]) : undefined;
  if (!bom || ns === undefined || !ns.startsWith("http://cyclonedx.org/schema/bom/")) {
    if (ambiguousName(path)) return undefined;
    throw new ParseFailure("not a CycloneDX BOM: no <bom> element in the CycloneDX namespace", 1, 1);
  }
  const deps = xmlList(asObject(bom.dependencies)?.dependency).map((d) => {
    const ref = asString(d["@_ref"]);
    return { ...(ref !== undefined ? { ref } : {}), dependsOn: xmlList(d.dependency).flatMap((x) => (typeof x["@_ref"] === "string" ? [x["@_ref"]] : [])) };
  });
  // `component` is always a list to the XML reader, the subject too.
  const direct = directRefs(asString(xmlList(asObject(bom.metadata)?.component)[0]?.["@_bom-ref"]), deps);
  const out = new SbomPackages(path);
  const walk = (container: unknown): void => {
    for (const c of xmlList(asObject(container)?.component)) {
      const ref = asString(c["@_bom-ref"]);
      const props = xmlList(asObject(c.properties)?.property);
      const source = trivySource((name) => xmlText(props.find((x) => x["@_name"] === name)));
      out.add(xmlText(c.purl), { line: xml.lineOf(c), ...(direct && ref !== undefined ? { direct: direct.has(ref) } : {}) }, source);
      walk(c.components);
    }
  };
  walk(bom.components);
  return out.lockfileOf(`CycloneDX ${ns.slice("http://cyclonedx.org/schema/bom/".length) || "?"}`);
}

/** The parser for CycloneDX JSON BOMs (`bom.json`, `*.cdx.json`). */
export const cycloneDxJsonParser: Parser<Lockfile | undefined> = lockfileParser("cyclonedx-json", jsonParser, "resolve the conflict, or generate the SBOM again", (json, file: TextFile) => readCycloneDxJson(json, file.path));

/** The parser for CycloneDX XML BOMs (`bom.xml`, `*.cdx.xml`). */
export const cycloneDxXmlParser: Parser<Lockfile | undefined> = lockfileParser("cyclonedx-xml", xmlParser, "resolve the conflict, or generate the SBOM again", (xml, file: TextFile) => readCycloneDxXml(xml, file.path));
