import { ParseFailure, type Parser } from "../../core/files.js";
import { xmlList, xmlParser, type XmlFile } from "../formats/xml.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// NuGet's legacy packages.config (https://learn.microsoft.com/nuget/reference/packages-config):
// every package installed into a project, direct or not, each `<package id version>` an exact
// version; `developmentDependency="true"` marks build-time tools. `allowedVersions` only bounds
// future updates and is not read. Versions are kept as written (`1.0`, `2.10.0.0`), as osv-scalibr
// lists them: advisory matching compares NuGet versions by value, so `1.0` still meets `1.0.0`.

/** Builds the lockfile from a parsed packages.config. */
export function readPackagesConfig(xml: XmlFile, path: string): Lockfile {
  const root = xml.value.packages;
  if (root === undefined) throw new ParseFailure("not a packages.config: no <packages> element", 1, 1);
  const set = new PackageSet("NuGet", path);
  const container = typeof root === "object" && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  for (const p of xmlList(container.package)) {
    const id = p["@_id"];
    const version = p["@_version"];
    if (typeof id !== "string" || typeof version !== "string" || id.trim() === "" || version.trim() === "") continue;
    const dev = typeof p["@_developmentDependency"] === "string" && (p["@_developmentDependency"] as string).trim().toLowerCase() === "true";
    set.add({ name: id.trim(), version: version.trim(), line: xml.lineOf(p), dev, source: "registry" });
  }
  return set.lockfileOf("packages.config");
}

/** The parser for packages.config. */
export const packagesConfigParser: Parser<Lockfile> = lockfileParser("packages.config", xmlParser, "resolve the conflict and restore the packages again", (xml, file) => readPackagesConfig(xml, file.path));
