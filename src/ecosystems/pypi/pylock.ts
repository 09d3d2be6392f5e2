import type { Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { fileHashes, normalizePypiName } from "./names.js";
import { lockfileParser } from "../conflict-markers.js";

// pylock.toml, the standard lockfile (PEP 751, https://packaging.python.org/en/latest/specifications/pylock-toml/):
// `[[packages]]` with a name, a version and where it comes from (index, vcs, directory, archive).

function pylockSource(p: Record<string, unknown>): LockedPackage["source"] {
  if (asObject(p.vcs)) return "git";
  if (asObject(p.directory)) return "path";
  const archive = asObject(p.archive);
  if (archive) return asString(archive.path) !== undefined ? "path" : "url";
  return "registry";
}

/** Builds the lockfile from a parsed pylock.toml (or pylock.<name>.toml). */
export function readPylock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.packages) ? toml.value.packages : [];
  const lines = arrayTableLines(toml.text, "packages", list.length);
  const set = new PackageSet("PyPI", path);
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    const version = asString(p.version) ?? "";
    // The project itself, when a locker includes it: a directory `.` without a version.
    if (version === "" && asString(asObject(p.directory)?.path) === ".") return;
    const files = [...(p.sdist ? [p.sdist] : []), ...(Array.isArray(p.wheels) ? p.wheels : []), ...(p.archive ? [p.archive] : [])];
    // A git `[packages.vcs]` names its repository and the commit it was locked at (`commit-id`).
    const vcs = asObject(p.vcs);
    const vcsUrl = vcs && asString(vcs.type) === "git" ? gitVcsUrl(asString(vcs.url) ?? "", asString(vcs["commit-id"])) : undefined;
    set.add({ name: normalizePypiName(name), version, line: lines?.[i], source: pylockSource(p), hashes: fileHashes(files), ...(vcsUrl ? { vcsUrl } : {}) });
  });
  return set.lockfileOf(`pylock.toml${asString(toml.value["lock-version"]) ? `@${asString(toml.value["lock-version"])}` : ""}`);
}

/** The parser for pylock.toml. */
export const pylockParser: Parser<Lockfile> = lockfileParser("pylock.toml", tomlParser, "resolve the conflict and export the lock again with the tool that wrote it", (toml, file) => readPylock(toml, file.path));
