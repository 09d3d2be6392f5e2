import parseSpdx from "spdx-expression-parse";
import type { SbomGraph } from "./model.js";
import { contentUuid } from "./model.js";

// CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/): one component per package with its
// purl, hashes and licence, the project as the metadata component, and the dependency graph.

/** What the document says about itself. */
export interface SbomMeta {
  name: string;
  tool: { name: string; version: string };
  timestamp: Date;
}

function licenses(expr: string | undefined): unknown[] | undefined {
  if (!expr) return undefined;
  try {
    const parsed = parseSpdx(expr) as { license?: string; conjunction?: string };
    // `license.id` takes only an id of the SPDX list; a LicenseRef- (a licence the list lacks) is valid only as an expression.
    if (parsed.license && !parsed.conjunction && !/\+|WITH/.test(expr) && !/^(?:DocumentRef-[^:]*:)?LicenseRef-/.test(parsed.license)) return [{ license: { id: parsed.license } }];
    return [{ expression: expr }];
  } catch {
    return [{ license: { name: expr.slice(0, 200) } }];
  }
}

/** The CycloneDX 1.6 document. */
export function cyclonedx(graph: SbomGraph, meta: SbomMeta): Record<string, unknown> {
  const rootRef = `root:${meta.name}`;
  const components = graph.components.map((c) => {
    const p = c.pkg;
    // npm scopes and Swift repositories' host/owner (`github.com/apple`) are the group.
    const slash = p.ecosystem === "npm" && p.name.startsWith("@") ? p.name.indexOf("/") : p.ecosystem === "SwiftURL" ? p.name.lastIndexOf("/") : -1;
    const colon = p.ecosystem === "Maven" ? p.name.indexOf(":") : -1;
    const group = slash > 0 ? p.name.slice(0, slash) : colon > 0 ? p.name.slice(0, colon) : undefined;
    const name = slash > 0 ? p.name.slice(slash + 1) : colon > 0 ? p.name.slice(colon + 1) : p.name;
    const lic = licenses(p.license);
    return {
      type: "library",
      "bom-ref": c.ref,
      ...(group ? { group } : {}),
      name,
      version: p.version,
      scope: c.dev ? "optional" : "required",
      ...(c.hashes.length > 0 ? { hashes: c.hashes.map((h) => ({ alg: h.alg, content: h.hex })) } : {}),
      ...(lic ? { licenses: lic } : {}),
      purl: p.purl,
      ...(p.vcsUrl ? { externalReferences: [{ type: "vcs", url: p.vcsUrl }] } : {}),
      properties: [{ name: "assay:ecosystem", value: p.ecosystem }, ...c.lockfiles.map((l) => ({ name: "assay:lockfile", value: l }))],
    };
  });
  const dependencies = [
    { ref: rootRef, dependsOn: graph.direct },
    ...graph.components.map((c) => ({ ref: c.ref, dependsOn: [...(graph.edges.get(c.ref) ?? [])].sort() })),
  ];
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${contentUuid(JSON.stringify(components))}`,
    version: 1,
    metadata: {
      timestamp: meta.timestamp.toISOString().replace(/\.\d{3}Z$/, "Z"),
      tools: { components: [{ type: "application", name: meta.tool.name, version: meta.tool.version }] },
      component: { type: "application", "bom-ref": rootRef, name: meta.name },
    },
    components,
    dependencies,
  };
}
