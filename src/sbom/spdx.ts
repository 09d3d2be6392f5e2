import parseSpdx from "spdx-expression-parse";
import type { SbomMeta } from "./cyclonedx.js";
import { contentUuid, type SbomGraph } from "./model.js";

// SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the project as the described package,
// one package per dependency with its purl (an external reference), checksums and declared
// licence, and DEPENDS_ON relationships for the graph (DEV_DEPENDENCY_OF for development ones).

const CHECKSUM: Record<string, string> = { "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512" };

function spdxId(n: number): string {
  return `SPDXRef-Package-${n}`;
}

/** A parsed licence expression, as spdx-expression-parse gives it. */
interface LicenseNode {
  license?: string;
  documentRef?: string;
  left?: LicenseNode;
  right?: LicenseNode;
}

/** The expression as licenseDeclared takes it, and the LicenseRef- ids of this document it names. */
function declared(expr: string | undefined): { value: string; refs: string[] } {
  if (!expr) return { value: "NOASSERTION", refs: [] };
  let tree: LicenseNode;
  try {
    tree = parseSpdx(expr) as LicenseNode;
  } catch {
    return { value: "NOASSERTION", refs: [] };
  }
  const refs: string[] = [];
  // Iterative: the tree's depth is the expression's, which comes from a lockfile.
  const stack: LicenseNode[] = [tree];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.license?.startsWith("LicenseRef-") && n.documentRef === undefined) refs.push(n.license);
    if (n.left) stack.push(n.left);
    if (n.right) stack.push(n.right);
  }
  return { value: expr, refs };
}

/** The SPDX 2.3 document. */
export function spdx(graph: SbomGraph, meta: SbomMeta): Record<string, unknown> {
  const ids = new Map(graph.components.map((c, i) => [c.ref, spdxId(i + 1)]));
  const root = "SPDXRef-Root";
  const licenses = new Map(graph.components.map((c) => [c.ref, declared(c.pkg.license)]));
  const packages = [
    { name: meta.name, SPDXID: root, downloadLocation: "NOASSERTION", filesAnalyzed: false, licenseConcluded: "NOASSERTION", licenseDeclared: "NOASSERTION", copyrightText: "NOASSERTION", primaryPackagePurpose: "APPLICATION" },
    ...graph.components.map((c) => ({
      name: c.pkg.name,
      SPDXID: ids.get(c.ref) as string,
      versionInfo: c.pkg.version,
      // A git dependency's location is SPDX's own VCS form (`git+https://host/o/r@<commit>`), which the purl spec's vcs_url copies.
      downloadLocation: c.pkg.vcsUrl ?? "NOASSERTION",
      filesAnalyzed: false,
      ...(c.hashes.length > 0 ? { checksums: c.hashes.map((h) => ({ algorithm: CHECKSUM[h.alg] as string, checksumValue: h.hex })) } : {}),
      licenseConcluded: "NOASSERTION",
      licenseDeclared: (licenses.get(c.ref) as { value: string }).value,
      copyrightText: "NOASSERTION",
      externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: c.pkg.purl }],
      primaryPackagePurpose: "LIBRARY",
    })),
  ];
  const relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] = [{ spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: root }];
  for (const ref of graph.direct) {
    const c = graph.components.find((x) => x.ref === ref);
    const id = ids.get(ref) as string;
    relationships.push(c?.dev ? { spdxElementId: id, relationshipType: "DEV_DEPENDENCY_OF", relatedSpdxElement: root } : { spdxElementId: root, relationshipType: "DEPENDS_ON", relatedSpdxElement: id });
  }
  for (const [from, tos] of graph.edges) for (const to of [...tos].sort()) relationships.push({ spdxElementId: ids.get(from) as string, relationshipType: "DEPENDS_ON", relatedSpdxElement: ids.get(to) as string });
  // SPDX 2.3 (section 10) has every LicenseRef- the document uses defined in it; a lockfile gives the name, never the text.
  const refs = [...new Set([...licenses.values()].flatMap((l) => l.refs))].sort();
  const extracted = refs.map((licenseId) => ({ licenseId, name: licenseId.slice("LicenseRef-".length), extractedText: `${licenseId}: the lockfile names this licence but does not record its text` }));
  const uuid = contentUuid(JSON.stringify(packages));
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: meta.name,
    documentNamespace: `https://spdx.org/spdxdocs/assay/${encodeURIComponent(meta.name)}-${uuid}`,
    creationInfo: { created: meta.timestamp.toISOString().replace(/\.\d{3}Z$/, "Z"), creators: [`Tool: ${meta.tool.name}-${meta.tool.version}`] },
    packages,
    relationships,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
  };
}
