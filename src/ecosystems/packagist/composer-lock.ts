import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { lockfileParser } from "../conflict-markers.js";

// composer.lock (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control):
// `packages` and `packages-dev`, each with its name, version, source/dist and requirements.

/**
 * Whether a locked version is a branch, not a release: Composer names branches `dev-<branch>`
 * (`dev-main`) or, for numbered ones, `<number>.x-dev` (`1.x-dev`, `2.0.x-dev`); `-dev` is the
 * stability only branches have (https://getcomposer.org/doc/articles/versions.md#branches).
 */
export function isComposerBranch(version: string): boolean {
  return version.startsWith("dev-") || /-dev$/i.test(version);
}

function composerSource(p: Record<string, unknown>): LockedPackage["source"] {
  const dist = asObject(p.dist);
  if (asString(dist?.type) === "path") return "path";
  // A branch is installed at whatever commit it pointed to (`source.reference`). Ordered as a
  // version, `dev-main` sorts below every release and `1.x-dev` (Composer reads it as
  // 1.9999999.9999999.9999999-dev) above all of 1.x, so compared with an advisory's range it
  // would look affected by every advisory, or by none: it is a checkout, like any git dependency.
  if (isComposerBranch(asString(p.version) ?? "")) return "git";
  if (!dist && asString(asObject(p.source)?.type) === "git") return "git";
  // A release is matched by name and version wherever its archive came from, as Composer's own
  // audit and OSV-Scanner do: Magento's repo.magento.com, Private Packagist, GitLab, Satis mirrors
  // serve the same packages' releases, and FriendsOfPHP's advisories name them.
  return "registry";
}

function license(v: unknown): string | undefined {
  if (!Array.isArray(v)) return asString(v);
  const ids = v.filter((x): x is string => typeof x === "string");
  if (ids.length === 0) return undefined;
  return ids.length === 1 ? ids[0] : `(${ids.join(" OR ")})`;
}

/** Builds the lockfile from a parsed composer.lock. */
export function readComposerLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a composer.lock: the top level is not an object", 1, 1);
  const lines = jsonLines(json.text, (p) => p.length === 2 && (p[0] === "packages" || p[0] === "packages-dev"));
  const set = new PackageSet("Packagist", path);
  for (const section of ["packages", "packages-dev"] as const) {
    const list = Array.isArray(root[section]) ? (root[section] as unknown[]) : [];
    list.forEach((raw, i) => {
      const p = asObject(raw);
      const name = asString(p?.name);
      if (!p || name === undefined) return;
      const hash = asString(asObject(p.dist)?.shasum);
      const source = composerSource(p);
      // A package installed from its repository keeps the repository and the commit (`reference`).
      const git = asObject(p.source);
      const vcsUrl = source === "git" && asString(git?.type) === "git" ? gitVcsUrl(asString(git?.url) ?? "", asString(git?.reference)) : undefined;
      set.add({
        name,
        version: asString(p.version) ?? "",
        line: lines.get(pathKey([section, i])),
        dev: section === "packages-dev",
        source,
        license: license(p.license),
        ...(hash ? { hashes: [`sha1:${hash}`] } : {}),
        ...(vcsUrl ? { vcsUrl } : {}),
      });
    });
  }
  // composer.json holds the project's own requirements: direct and path stay unknown here.
  return set.lockfileOf("composer.lock");
}

/** The parser for composer.lock. */
export const composerLockParser: Parser<Lockfile> = lockfileParser("composer.lock", jsonParser, "resolve the conflict and run `composer update --lock`", (json, file) => readComposerLock(json, file.path));
