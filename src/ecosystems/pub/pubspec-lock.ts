import { ParseFailure, type Parser } from "../../core/files.js";
import { asObject, asString } from "../formats/json.js";
import { sectionKeyLines, yamlDataParser, type YamlData } from "../formats/yaml-data.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl, PUBLIC_REGISTRIES, registryUrlKey, repositoryUrlQualifier } from "../purl.js";
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

/**
 * The hosted repositories whose packages are pub.dev's: pub.dev itself and, because pub writes the
 * URL it fetched from, whichever repository hosts the most packages (the default host a mirror or a
 * company proxy set with `PUB_HOSTED_URL` stands in for; on a tie, each of them). A package from any
 * other repository was asked for by name there (`hosted: <url>` in a pubspec, as a private
 * repository is used: https://dart.dev/tools/pub/custom-package-repositories) and is not the
 * pub.dev package of its name.
 */
function defaultHosts(urls: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const u of urls) {
    const k = PUBLIC_REGISTRIES.pub.has(u) ? "" : u;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let most = 0;
  for (const n of counts.values()) most = Math.max(most, n);
  return new Set([...PUBLIC_REGISTRIES.pub, ...[...counts].filter(([, n]) => n === most).map(([k]) => k)]);
}

/** Builds the lockfile from a parsed pubspec.lock. */
export function readPubspecLock(yaml: YamlData, path: string): Lockfile {
  const root = asObject(yaml.value);
  if (yaml.value !== undefined && yaml.value !== null && !root) throw new ParseFailure("not a pubspec.lock: the top level is not a mapping", 1, 1);
  const lines = sectionKeyLines(yaml.text, "packages");
  const set = new PackageSet("Pub", path);
  const entries = Object.entries(asObject(root?.packages) ?? {});
  // A hosted package's repository (older pub wrote none for pub.dev's).
  const hostOf = (p: Record<string, unknown>): string | undefined => {
    const url = p.source === "hosted" ? asString(asObject(p.description)?.url) : undefined;
    return url !== undefined && url.trim() !== "" ? url : undefined;
  };
  const hosts = defaultHosts(entries.flatMap(([, raw]) => {
    const url = hostOf(asObject(raw) ?? {});
    return url !== undefined ? [registryUrlKey(url)] : [];
  }));
  for (const [name, raw] of entries) {
    const p = asObject(raw) ?? {};
    const dependency = asString(p.dependency) ?? "";
    const direct = dependency.startsWith("direct");
    const description = asObject(p.description);
    const hash = asString(description?.sha256);
    const url = p.source === "git" ? asString(description?.url) : undefined;
    const vcsUrl = url !== undefined ? gitVcsUrl(url, asString(description?.["resolved-ref"])) : undefined;
    const host = hostOf(p);
    const custom = host !== undefined && !hosts.has(registryUrlKey(host));
    const pkg = set.add({
      name,
      version: asString(p.version) ?? "",
      line: lines.get(name),
      ...(dependency !== "" ? { direct } : {}),
      // Only direct dev dependencies are known to be dev: a transitive one may come from either side.
      ...(dependency === "direct dev" ? { dev: true } : direct ? { dev: false } : {}),
      source: custom ? "private" : pubSource(asString(p.source)),
      ...(vcsUrl ? { vcsUrl } : {}),
      ...(hash ? { hashes: [`sha256:${hash}`] } : {}),
    });
    // Names are the map's keys, so no other entry merges into this one and changes its source.
    const q = custom ? repositoryUrlQualifier(host) : undefined;
    if (q) pkg.purl = `${pkg.purl}?${q}`;
  }
  return set.lockfileOf("pubspec.lock");
}

/** The parser for pubspec.lock. */
export const pubspecLockParser: Parser<Lockfile> = lockfileParser("pubspec.lock", yamlDataParser, "resolve the conflict and run `dart pub get`", (yaml, file) => readPubspecLock(yaml, file.path));
