import { ParseFailure, type Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { sectionKeyLines, yamlDataParser, type YamlData } from "../formats/yaml-data.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { lockfileParser } from "../conflict-markers.js";

// pubspec.lock (https://dart.dev/tools/pub/glossary#lockfile): every package with its source
// (hosted, git, path, sdk), version and how the app depends on it (`direct main`, `direct dev`,
// `direct overridden`, `transitive`).

function pubSource(source: string | undefined): LockedPackage["source"] {
  if (source === "git") return "git";
  // SDK packages (flutter, flutter_test, sky_engine) come with the installed Dart or Flutter SDK,
  // locked at a placeholder version (0.0.0; older Flutter wrote sky_engine 0.0.99): they are not
  // pub.dev's, so no pub.dev advisory is about them.
  if (source === "path" || source === "sdk") return "path";
  return "registry";
}

/** Builds the lockfile from a parsed pubspec.lock. */
export function readPubspecLock(yaml: YamlData, path: string): Lockfile {
  const root = asObject(yaml.value);
  if (yaml.value !== undefined && yaml.value !== null && !root) throw new ParseFailure("not a pubspec.lock: the top level is not a mapping", 1, 1);
  const lines = sectionKeyLines(yaml.text, "packages");
  const set = new PackageSet("Pub", path);
  for (const [name, raw] of Object.entries(asObject(root?.packages) ?? {})) {
    const p = asObject(raw) ?? {};
    const dependency = asString(p.dependency) ?? "";
    const direct = dependency.startsWith("direct");
    const description = asObject(p.description);
    const hash = asString(description?.sha256);
    const url = p.source === "git" ? asString(description?.url) : undefined;
    const vcsUrl = url !== undefined ? gitVcsUrl(url, asString(description?.["resolved-ref"])) : undefined;
    set.add({
      name,
      version: asString(p.version) ?? "",
      line: lines.get(name),
      ...(dependency !== "" ? { direct } : {}),
      // Only direct dev dependencies are known to be dev: a transitive one may come from either side.
      ...(dependency === "direct dev" ? { dev: true } : direct ? { dev: false } : {}),
      source: pubSource(asString(p.source)),
      ...(vcsUrl ? { vcsUrl } : {}),
      ...(hash ? { hashes: [`sha256:${hash}`] } : {}),
    });
  }
  return set.lockfileOf("pubspec.lock");
}

/** The parser for pubspec.lock. */
export const pubspecLockParser: Parser<Lockfile> = lockfileParser("pubspec.lock", yamlDataParser, "resolve the conflict and run `dart pub get`", (yaml, file) => readPubspecLock(yaml, file.path));
