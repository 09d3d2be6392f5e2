import type { FileSource, ReadOptions } from "../core/files.js";
import { cargoLockParser } from "./cargo/cargo-lock.js";
import { conanLockParser } from "./conan/conan-lock.js";
import { packratLockParser } from "./cran/packrat-lock.js";
import { renvLockParser } from "./cran/renv-lock.js";
import { goModParser, resolveGoMod } from "./go/go-mod.js";
import { goSumParser } from "./go/go-sum.js";
import { cabalFreezeParser } from "./hackage/cabal-freeze.js";
import { stackLockParser } from "./hackage/stack-lock.js";
import { mixLockParser } from "./hex/mix-lock.js";
import { rebarLockParser } from "./hex/rebar-lock.js";
import { gradleLockfileParser } from "./maven/gradle-lockfile.js";
import { gradleVerificationParser } from "./maven/gradle-verification.js";
import { pomParser, resolvePom } from "./maven/pom.js";
import { depsJsonParser } from "./nuget/deps-json.js";
import { packagesConfigParser } from "./nuget/packages-config.js";
import { packagesLockParser } from "./nuget/packages-lock.js";
import { isProjectFile, projectFileParser, resolveProjectFile } from "./nuget/project-file.js";
import { composerLockParser } from "./packagist/composer-lock.js";
import { pubspecLockParser } from "./pub/pubspec-lock.js";
import { gemfileLockParser } from "./rubygems/gemfile-lock.js";
import { bunLockParser } from "./npm/bun-lock.js";
import { denoLockParser } from "./npm/deno-lock.js";
import { packageLockParser } from "./npm/package-lock.js";
import { pnpmLockParser } from "./npm/pnpm-lock.js";
import { resolveYarnLock, yarnLockParser } from "./npm/yarn-lock.js";
import type { Lockfile, LockfileFormat } from "./packages.js";
import { pdmLockParser } from "./pypi/pdm-lock.js";
import { pipfileLockParser } from "./pypi/pipfile-lock.js";
import { poetryLockParser } from "./pypi/poetry-lock.js";
import { pylockParser } from "./pypi/pylock.js";
import { isRequirementsPath, requirementsParser, resolveRequirements } from "./pypi/requirements.js";
import { uvLockParser } from "./pypi/uv-lock.js";
import { cycloneDxJsonParser, cycloneDxXmlParser } from "./sbom-documents/cyclonedx-bom.js";
import { spdxJsonParser, spdxTagValueParser } from "./sbom-documents/spdx-document.js";
import { packageResolvedParser } from "./swift/package-resolved.js";

// The registry of lockfile formats and the walk that reads every lockfile of a checkout.

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function named(...names: string[]): (path: string) => boolean {
  const set = new Set(names);
  return (path) => set.has(baseName(path));
}

/** Every lockfile format assay reads, in the order `lockfileFormatOf` tries them. */
export const LOCKFILE_FORMATS: readonly LockfileFormat[] = [
  { id: "package-lock", ecosystem: "npm", matches: named("package-lock.json", "npm-shrinkwrap.json"), parser: packageLockParser, supersededBy: ["npm-shrinkwrap.json"] },
  { id: "yarn.lock", ecosystem: "npm", matches: named("yarn.lock"), parser: yarnLockParser, resolve: resolveYarnLock },
  { id: "pnpm-lock", ecosystem: "npm", matches: named("pnpm-lock.yaml"), parser: pnpmLockParser },
  { id: "bun.lock", ecosystem: "npm", matches: named("bun.lock"), parser: bunLockParser },
  { id: "deno.lock", ecosystem: "npm", matches: named("deno.lock"), parser: denoLockParser },
  { id: "Cargo.lock", ecosystem: "crates.io", matches: named("Cargo.lock"), parser: cargoLockParser },
  { id: "poetry.lock", ecosystem: "PyPI", matches: named("poetry.lock"), parser: poetryLockParser },
  { id: "Pipfile.lock", ecosystem: "PyPI", matches: named("Pipfile.lock"), parser: pipfileLockParser },
  { id: "uv.lock", ecosystem: "PyPI", matches: named("uv.lock"), parser: uvLockParser },
  { id: "pdm.lock", ecosystem: "PyPI", matches: named("pdm.lock"), parser: pdmLockParser },
  { id: "pylock.toml", ecosystem: "PyPI", matches: (p) => /^pylock(?:\.[^/]+)?\.toml$/.test(baseName(p)), parser: pylockParser },
  { id: "requirements.txt", ecosystem: "PyPI", matches: isRequirementsPath, parser: requirementsParser, resolve: resolveRequirements },
  { id: "go.mod", ecosystem: "Go", matches: named("go.mod"), parser: goModParser, resolve: resolveGoMod },
  { id: "go.sum", ecosystem: "Go", matches: named("go.sum"), parser: goSumParser, supersededBy: ["go.mod"] },
  { id: "Gemfile.lock", ecosystem: "RubyGems", matches: named("Gemfile.lock", "gems.locked"), parser: gemfileLockParser },
  { id: "composer.lock", ecosystem: "Packagist", matches: named("composer.lock"), parser: composerLockParser },
  { id: "pom.xml", ecosystem: "Maven", matches: named("pom.xml"), parser: pomParser, resolve: resolvePom },
  { id: "gradle.lockfile", ecosystem: "Maven", matches: named("gradle.lockfile", "buildscript-gradle.lockfile"), parser: gradleLockfileParser },
  { id: "gradle-verification-metadata", ecosystem: "Maven", matches: (p) => p === "gradle/verification-metadata.xml" || p.endsWith("/gradle/verification-metadata.xml"), parser: gradleVerificationParser },
  { id: "packages.lock.json", ecosystem: "NuGet", matches: named("packages.lock.json"), parser: packagesLockParser },
  { id: "packages.config", ecosystem: "NuGet", matches: named("packages.config"), parser: packagesConfigParser },
  // A packages.lock.json beside a project records the graph NuGet restored: it is read instead.
  { id: "msbuild-project", ecosystem: "NuGet", matches: isProjectFile, parser: projectFileParser, resolve: resolveProjectFile, supersededBy: ["packages.lock.json"] },
  { id: "deps.json", ecosystem: "NuGet", matches: (p) => baseName(p).endsWith(".deps.json") && baseName(p).length > ".deps.json".length, parser: depsJsonParser },
  { id: "pubspec.lock", ecosystem: "Pub", matches: named("pubspec.lock"), parser: pubspecLockParser },
  { id: "mix.lock", ecosystem: "Hex", matches: named("mix.lock"), parser: mixLockParser },
  { id: "rebar.lock", ecosystem: "Hex", matches: named("rebar.lock"), parser: rebarLockParser },
  { id: "renv.lock", ecosystem: "CRAN", matches: named("renv.lock"), parser: renvLockParser },
  { id: "packrat.lock", ecosystem: "CRAN", matches: named("packrat.lock"), parser: packratLockParser },
  { id: "cabal.project.freeze", ecosystem: "Hackage", matches: named("cabal.project.freeze"), parser: cabalFreezeParser },
  { id: "stack.yaml.lock", ecosystem: "Hackage", matches: named("stack.yaml.lock"), parser: stackLockParser },
  { id: "conan.lock", ecosystem: "ConanCenter", matches: named("conan.lock"), parser: conanLockParser },
  { id: "Package.resolved", ecosystem: "SwiftURL", matches: named("Package.resolved"), parser: packageResolvedParser },
  // SBOMs, by the names their specifications give them: each package names its own ecosystem.
  { id: "cyclonedx-json", ecosystem: "mixed", matches: (p) => /^(?:bom\.json|.+\.(?:cdx|cyclonedx)\.json)$/.test(baseName(p)), parser: cycloneDxJsonParser },
  { id: "cyclonedx-xml", ecosystem: "mixed", matches: (p) => /^(?:bom\.xml|.+\.(?:cdx|cyclonedx)\.xml)$/.test(baseName(p)), parser: cycloneDxXmlParser },
  { id: "spdx-json", ecosystem: "mixed", matches: (p) => baseName(p).endsWith(".spdx.json") && baseName(p).length > ".spdx.json".length, parser: spdxJsonParser },
  { id: "spdx-tag-value", ecosystem: "mixed", matches: (p) => baseName(p).endsWith(".spdx") && baseName(p).length > ".spdx".length, parser: spdxTagValueParser },
];

/** The format that reads `path`, if any. */
export function lockfileFormatOf(path: string): LockfileFormat | undefined {
  return LOCKFILE_FORMATS.find((f) => f.matches(path));
}

/**
 * Folders that hold what a package manager installed or copied (each package's own lockfiles
 * describe that package, not this project; SwiftPM checks dependencies out into `.build/checkouts/`)
 * and version-control internals.
 */
const INSTALLED = new Set(["node_modules", "bower_components", "jspm_packages", ".git", "vendor", "site-packages", "dist-packages", ".venv", ".tox", ".nox", ".build"]);

/** True for paths inside an installed tree (`node_modules/`, Go's `vendor/`, a virtualenv…). */
export function inInstalledTree(path: string): boolean {
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++) if (INSTALLED.has(parts[i] as string)) return true;
  return false;
}

/**
 * Parses every lockfile of the inventory (every one in a monorepo, and SBOMs unless `which.sboms`
 * is false), each through `src.parse` so a file is parsed once per scan; a malformed one is one
 * diagnostic with its position (and makes a reading rule incomplete) while the others are still read.
 */
export async function findLockfiles(src: FileSource, options?: ReadOptions, which: { sboms?: boolean } = {}): Promise<Lockfile[]> {
  const out: Lockfile[] = [];
  const candidates = src.files.filter((f) => f.kind !== "submodule" && !inInstalledTree(f.path)).map((f) => f.path).sort();
  for (const path of candidates) {
    const format = lockfileFormatOf(path);
    // SBOM formats are the ones whose packages name their own ecosystems.
    if (!format || (which.sboms === false && format.ecosystem === "mixed")) continue;
    // A BOM in `.vex/` is triage, the BOM a VEX document's BOM-Links name (often a product's, not this checkout's): not an inventory.
    if (format.ecosystem === "mixed" && path.startsWith(".vex/")) continue;
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    if (format.supersededBy?.some((name) => name !== baseName(path) && src.has(`${dir}${name}`))) continue;
    const parsed = await src.parse(path, format.parser, options);
    if (!parsed) continue;
    out.push(format.resolve ? await format.resolve(parsed, src, options) : parsed);
  }
  return out;
}
