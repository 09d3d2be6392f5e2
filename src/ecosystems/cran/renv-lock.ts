import { derivedParser, ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";

// renv.lock (https://rstudio.github.io/renv/articles/lockfile.html): `Packages` by name, each
// with its Version and where it came from. CRAN packages (and CRAN mirrors such as Posit's package
// manager) are CRAN's; Bioconductor, GitHub and local packages are other ecosystems.

const CRAN_REPOSITORIES = new Set(["CRAN", "RSPM", "PPM", "P3M"]);

/** Builds the lockfile from a parsed renv.lock. */
export function readRenvLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a renv.lock: the top level is not an object", 1, 1);
  const lines = jsonLines(json.text, (p) => p.length === 2 && p[0] === "Packages");
  const set = new PackageSet("CRAN", path);
  for (const [key, raw] of Object.entries(asObject(root.Packages) ?? {})) {
    const p = asObject(raw);
    const repository = asString(p?.Repository);
    if (!p || repository === undefined || !CRAN_REPOSITORIES.has(repository)) continue;
    const hash = asString(p.Hash);
    set.add({ name: asString(p.Package) ?? key, version: asString(p.Version) ?? "", line: lines.get(pathKey(["Packages", key])), source: "registry", ...(hash ? { hashes: [`md5:${hash}`] } : {}) });
  }
  return set.lockfileOf("renv.lock");
}

/** The parser for renv.lock. */
export const renvLockParser: Parser<Lockfile> = derivedParser("renv.lock", jsonParser, (json, file) => readRenvLock(json, file.path));
