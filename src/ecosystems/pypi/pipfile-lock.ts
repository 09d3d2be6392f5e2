import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { normalizePypiName } from "./names.js";
import { lockfileParser } from "../conflict-markers.js";

// Pipfile.lock (https://pipenv.pypa.io/en/latest/pipfile.html): `default` and `develop` map each
// package to its `==` pin and hashes. Entries without a pin (git, editable paths) name no version.

/** Builds the lockfile from a parsed Pipfile.lock. */
export function readPipfileLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a Pipfile.lock: the top level is not an object", 1, 1);
  const lines = jsonLines(json.text, (p) => p.length === 2 && (p[0] === "default" || p[0] === "develop"));
  const set = new PackageSet("PyPI", path);
  for (const section of ["default", "develop"] as const) {
    for (const [name, raw] of Object.entries(asObject(root[section]) ?? {})) {
      const e = asObject(raw);
      const pin = asString(e?.version);
      if (!e || pin === undefined || !pin.startsWith("==") || pin.length < 3) continue;
      const hashes = Array.isArray(e.hashes) ? e.hashes.filter((h): h is string => typeof h === "string").slice(0, 256) : undefined;
      // A package in both sections is a production package: `default` is read first and wins.
      set.add({ name: normalizePypiName(name), version: pin.slice(2).replace(/^=/, ""), line: lines.get(pathKey([section, name])), dev: section === "develop", source: "registry", hashes });
    }
  }
  return set.lockfileOf("Pipfile.lock");
}

/** The parser for Pipfile.lock. */
export const pipfileLockParser: Parser<Lockfile> = lockfileParser("Pipfile.lock", jsonParser, "resolve the conflict and run `pipenv lock`", (json, file) => readPipfileLock(json, file.path));
