import type { JsonFile } from "../ecosystems/formats/json.js";
import { xmlDecode, xmlList, xmlText, type XmlFile } from "../ecosystems/formats/xml.js";

// A CycloneDX XML document (a VEX on its own, or a BOM with vulnerabilities) turned into the shape
// of its JSON form, so one reader applies both. The XML schema (bom-1.4.xsd to bom-1.6.xsd) wraps
// lists in a plural element (`<vulnerabilities><vulnerability>`, `<affects><target>`,
// `<analysis><responses><response>`) and keeps `bom-ref`, `serialNumber` and `version` as
// attributes; only what the VEX reader reads is carried over.

const NAMESPACE = "http://cyclonedx.org/schema/bom/";
const MAX_DEPTH = 32;
const MAX_COMPONENTS = 200_000;

type Obj = Record<string, unknown>;

function child(e: Obj | undefined, name: string): Obj | undefined {
  return xmlList(e?.[name])[0];
}

function attr(e: Obj | undefined, name: string): string | undefined {
  const v = e?.[`@_${name}`];
  return typeof v === "string" ? xmlDecode(v) : undefined;
}

/** The texts of a repeated text-only element (`<response>update</response>` once or more). */
function texts(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).flatMap((x) => xmlText(x) ?? []);
}

/** Drops undefined fields, so the JSON reader sees a field only when the XML has it. */
function defined(o: Obj): Obj {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * The document as CycloneDX JSON would hold it (components, services, vulnerabilities, serial
 * number), with the line of each vulnerability for the reader's problems; undefined when the root
 * is not a `<bom>` in the CycloneDX namespace.
 */
export function cycloneDxXmlAsJson(xml: XmlFile): JsonFile | undefined {
  const bom = xmlList(xml.value.bom)[0];
  const ns = attr(bom, "xmlns");
  if (!bom || ns === undefined || !ns.startsWith(NAMESPACE)) return undefined;
  let seen = 0;
  const component = (c: Obj, depth: number): Obj =>
    defined({
      "bom-ref": attr(c, "bom-ref"),
      purl: xmlText(c.purl),
      components: depth < MAX_DEPTH ? xmlList(child(c, "components")?.component).flatMap((x) => (seen++ < MAX_COMPONENTS ? [component(x, depth + 1)] : [])) : undefined,
    });
  const service = (s: Obj, depth: number): Obj =>
    defined({
      "bom-ref": attr(s, "bom-ref"),
      services: depth < MAX_DEPTH ? xmlList(child(s, "services")?.service).flatMap((x) => (seen++ < MAX_COMPONENTS ? [service(x, depth + 1)] : [])) : undefined,
    });
  const vulnerabilities = xmlList(child(bom, "vulnerabilities")?.vulnerability);
  const version = Number(attr(bom, "version") ?? "1");
  const subject = xmlList(child(bom, "metadata")?.component)[0];
  const value = defined({
    bomFormat: "CycloneDX",
    specVersion: ns.slice(NAMESPACE.length),
    serialNumber: attr(bom, "serialNumber"),
    version: Number.isInteger(version) ? version : undefined,
    metadata: subject ? { component: component(subject, 0) } : undefined,
    components: xmlList(child(bom, "components")?.component).map((c) => component(c, 0)),
    services: xmlList(child(bom, "services")?.service).map((s) => service(s, 0)),
    vulnerabilities: vulnerabilities.map((v) => {
      const analysis = child(v, "analysis");
      return defined({
        id: xmlText(v.id),
        references: xmlList(child(v, "references")?.reference).map((r) => defined({ id: xmlText(r.id) })),
        analysis: analysis
          ? defined({ state: xmlText(analysis.state), justification: xmlText(analysis.justification), response: texts(child(analysis, "responses")?.response), detail: xmlText(analysis.detail) })
          : undefined,
        affects: xmlList(child(v, "affects")?.target).map((t) =>
          defined({
            ref: xmlText(t.ref),
            versions: xmlList(child(t, "versions")?.version).map((x) => defined({ version: xmlText(x.version), range: xmlText(x.range), status: xmlText(x.status) })),
          }),
        ),
      });
    }),
  });
  return {
    value,
    text: xml.text,
    // The reader places its problems at `["vulnerabilities", i, …]`: the vulnerability's element.
    locate(path) {
      if (path[0] !== "vulnerabilities" || typeof path[1] !== "number") return undefined;
      const offset = xml.offsetOf(vulnerabilities[path[1]]);
      const line = xml.lineOf(vulnerabilities[path[1]]);
      return offset === undefined || line === undefined ? undefined : { line, column: offset - xml.text.lastIndexOf("\n", offset - 1), offset };
    },
  };
}
