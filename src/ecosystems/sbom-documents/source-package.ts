// The source package an SBOM names beside a binary OS package, where the purl carries no `upstream`
// qualifier: Trivy writes it as component properties in CycloneDX (`aquasecurity:trivy:SrcName`,
// `SrcVersion`, `SrcRelease`, `SrcEpoch`) and as the package's source information in SPDX
// (`built package from: openssl 3.0.11-1~deb12u2`). Distribution advisories name source packages,
// so `libssl3` is looked up as `openssl`.

/** A source package's name, and its version when the document gives one. */
export interface SourcePackage {
  name: string;
  version?: string;
}

const PREFIX = "aquasecurity:trivy:";

/** The source package of Trivy's CycloneDX properties, read through `property(name)`. */
export function trivySource(property: (name: string) => string | undefined): SourcePackage | undefined {
  const name = property(`${PREFIX}SrcName`)?.trim();
  if (!name) return undefined;
  const version = property(`${PREFIX}SrcVersion`)?.trim();
  if (!version) return { name };
  // Trivy keeps epoch, version and release apart and formats them as the distribution does.
  const epoch = property(`${PREFIX}SrcEpoch`)?.trim();
  const release = property(`${PREFIX}SrcRelease`)?.trim();
  return { name, version: `${epoch && epoch !== "0" ? `${epoch}:` : ""}${version}${release ? `-${release}` : ""}` };
}

/** The source package of an SPDX package's source information (`built package from: NAME VERSION`); anything else says none. */
export function spdxSourceInfo(text: string | undefined): SourcePackage | undefined {
  const m = text === undefined ? undefined : /^built package from:\s*(\S{1,200})(?:\s+(\S{1,200}))?\s*$/.exec(text.trim());
  if (!m) return undefined;
  return m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, version: m[2] };
}
