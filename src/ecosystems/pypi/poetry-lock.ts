import { derivedParser, type Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { fileHashes, normalizePypiName } from "./names.js";

// poetry.lock (https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock): every
// resolved package as a `[[package]]`; Poetry 1.x marks `category = "dev"`, 2.x lists `groups`.

function poetrySource(source: Record<string, unknown> | undefined): LockedPackage["source"] {
  switch (asString(source?.type)) {
    case undefined:
    case "legacy":
      return "registry";
    case "git":
      return "git";
    case "directory":
    case "file":
      return "path";
    case "url":
      return "url";
    default:
      return "registry";
  }
}

/** Dev when the lockfile says so: `category = "dev"` (1.x) or groups that leave out `main` (2.x). */
function poetryDev(p: Record<string, unknown>): boolean | undefined {
  const category = asString(p.category);
  if (category !== undefined) return category === "dev";
  if (Array.isArray(p.groups)) return !p.groups.includes("main");
  return undefined;
}

/** Builds the lockfile from a parsed poetry.lock. */
export function readPoetryLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  // Poetry 1.0-1.4 keep file hashes in [metadata.files], keyed by package name.
  const legacyFiles = asObject(asObject(toml.value.metadata)?.files) ?? {};
  const set = new PackageSet("PyPI", path);
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const normalized = normalizePypiName(name);
    const dev = poetryDev(p);
    set.add({
      name: normalized,
      version: asString(p.version) ?? "",
      line: lines?.[i],
      source: poetrySource(asObject(p.source)),
      ...(dev !== undefined ? { dev } : {}),
      hashes: fileHashes(p.files) ?? fileHashes(legacyFiles[name]),
    });
  });
  // The project's own requirements live in pyproject.toml, not here: direct and path stay unknown.
  return set.lockfileOf(`poetry.lock${asString(asObject(toml.value.metadata)?.["lock-version"]) ? `@${asString(asObject(toml.value.metadata)?.["lock-version"])}` : ""}`);
}

/** The parser for poetry.lock. */
export const poetryLockParser: Parser<Lockfile> = derivedParser("poetry.lock", tomlParser, (toml, file) => readPoetryLock(toml, file.path));
