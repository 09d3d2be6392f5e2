import type { Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { fileHashes, normalizePypiName } from "./names.js";
import { lockfileParser } from "../conflict-markers.js";

// pdm.lock (https://pdm-project.org/latest/usage/lockfile/): `[[package]]` entries with the
// `groups` that need them (`default`, `dev`, or optional groups) and PEP 508 dependency strings.

/** Builds the lockfile from a parsed pdm.lock. */
export function readPdmLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  const set = new PackageSet("PyPI", path);
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const normalized = normalizePypiName(name);
    const groups = Array.isArray(p.groups) ? p.groups.filter((g): g is string => typeof g === "string") : undefined;
    set.add({
      name: normalized,
      version: asString(p.version) ?? "",
      line: lines?.[i],
      source: asString(p.revision) !== undefined || asString(p.git) !== undefined ? "git" : asString(p.path) !== undefined ? "path" : asString(p.url) !== undefined ? "url" : "registry",
      vcsUrl: asString(p.git) !== undefined ? gitVcsUrl(asString(p.git) as string, asString(p.revision)) : undefined,
      // Needed only by the dev group: development only. Optional groups still ship to users.
      ...(groups ? { dev: groups.length > 0 && groups.every((g) => g === "dev") } : {}),
      hashes: fileHashes(p.files),
    });
  });
  // pdm.lock does not record the project's own requirements: direct and path stay unknown.
  return set.lockfileOf(`pdm.lock${asString(asObject(toml.value.metadata)?.lock_version) ? `@${asString(asObject(toml.value.metadata)?.lock_version)}` : ""}`);
}

/** The parser for pdm.lock. */
export const pdmLockParser: Parser<Lockfile> = lockfileParser("pdm.lock", tomlParser, "resolve the conflict and run `pdm lock`", (toml, file) => readPdmLock(toml, file.path));
