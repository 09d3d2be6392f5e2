import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// renv.lock (https://rstudio.github.io/renv/articles/lockfile.html): `Packages` by name, each
// with its Version and where it came from. Packages from the `CRAN` repository are CRAN's, as
// OSV-Scanner counts them; Bioconductor, GitHub and local packages are other ecosystems, and
// mirrors named otherwise (`RSPM`) are left out with them (see docs/lockfiles.md).

const CRAN_REPOSITORIES = new Set(["CRAN"]);

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
export const renvLockParser: Parser<Lockfile> = lockfileParser("renv.lock", jsonParser, "resolve the conflict and run `renv::snapshot()`", (json, file) => readRenvLock(json, file.path));
