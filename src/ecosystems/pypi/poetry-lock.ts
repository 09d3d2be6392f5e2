import type { Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { fileHashes, normalizePypiName } from "./names.js";
import { lockfileParser } from "../conflict-markers.js";

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

/**
 * The file hashes an old poetry.lock keeps beside its packages, by normalised package name: Poetry
 * 1.0-1.4 write `[metadata.files]` (`name = [{file = "…", hash = "sha256:…"}]`), Poetry before
 * 1.0 `[metadata.hashes]` (`name = ["<sha256 hex>", …]`, the algorithm unwritten). Keys are the
 * names as the packages write them, which older Poetry did not normalise.
 */
function legacyHashes(metadata: Record<string, unknown> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, files] of Object.entries(asObject(metadata?.files) ?? {})) {
    const h = fileHashes(files);
    if (h) out.set(normalizePypiName(name), h);
  }
  for (const [name, hashes] of Object.entries(asObject(metadata?.hashes) ?? {})) {
    if (!Array.isArray(hashes) || out.has(normalizePypiName(name))) continue;
    const h = hashes.slice(0, 256).filter((x): x is string => typeof x === "string" && /^[0-9a-f]{64}$/i.test(x)).map((x) => `sha256:${x.toLowerCase()}`);
    if (h.length > 0) out.set(normalizePypiName(name), h);
  }
  return out;
}

/** Builds the lockfile from a parsed poetry.lock. */
export function readPoetryLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  const legacy = legacyHashes(asObject(toml.value.metadata));
  const set = new PackageSet("PyPI", path);
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const normalized = normalizePypiName(name);
    const dev = poetryDev(p);
    const source = asObject(p.source);
    // Poetry 1.2+ writes the commit a branch or tag resolved to as `resolved_reference`; before, `reference` is the commit.
    const url = asString(source?.type) === "git" ? asString(source?.url) : undefined;
    const vcsUrl = url !== undefined ? gitVcsUrl(url, asString(source?.resolved_reference) ?? asString(source?.reference)) : undefined;
    set.add({
      name: normalized,
      version: asString(p.version) ?? "",
      line: lines?.[i],
      source: poetrySource(source),
      ...(vcsUrl ? { vcsUrl } : {}),
      ...(dev !== undefined ? { dev } : {}),
      hashes: fileHashes(p.files) ?? legacy.get(normalized),
    });
  });
  // The project's own requirements live in pyproject.toml, not here: direct and path stay unknown.
  return set.lockfileOf(`poetry.lock${asString(asObject(toml.value.metadata)?.["lock-version"]) ? `@${asString(asObject(toml.value.metadata)?.["lock-version"])}` : ""}`);
}

/** The parser for poetry.lock. */
export const poetryLockParser: Parser<Lockfile> = lockfileParser("poetry.lock", tomlParser, "resolve the conflict and run `poetry lock` (`poetry lock --no-update` before Poetry 2)", (toml, file) => readPoetryLock(toml, file.path));
