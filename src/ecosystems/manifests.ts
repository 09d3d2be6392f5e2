import type { FileSource, ReadOptions } from "../core/files.js";
import { nextTurn } from "../core/next-turn.js";
import { cargoTomlIsWorkspace, cargoTomlLicense } from "./cargo/cargo-toml.js";
import { jsonParser } from "./formats/json.js";
import { tomlParser } from "./formats/toml.js";
import { packageJsonHasWorkspaces, packageJsonLicense } from "./npm/package-json.js";
import { pyprojectLicense } from "./pypi/pyproject.js";

// The dependency manifests of a repository, grouped by Dependabot `package-ecosystem` (the
// Dependency-Update-Tool rules, and every family that needs to know which ecosystems a project uses). Manifests that are not the project's own (vendored copies,
// installed packages, test fixtures, examples) are left out so update tooling is not asked to
// cover them; the list follows Renovate's default `ignorePaths` plus `testdata`/`fixtures`.

/** One manifest or lockfile, with the ecosystem that updates it. */
export interface Manifest {
  /** Dependabot `package-ecosystem` name (`npm`, `pip`, `gomod`…). */
  ecosystem: string;
  path: string;
  /** Directory of the manifest, "" for the root (requirements/*.txt count for their parent). */
  dir: string;
}

/** Directory names whose manifests are not the project's own. */
export const IGNORED_DIRS: ReadonlySet<string> = new Set([
  "node_modules", "bower_components", "vendor", "third_party", "third-party", "examples", "example", "__tests__", "test", "tests", "testdata", "fixtures", "__fixtures__",
]);

/** The Dependabot ecosystems whose entries update a manifest ecosystem (bun entries update package.json too). */
export function coveringEcosystems(ecosystem: string): readonly string[] {
  if (ecosystem === "npm") return ["npm", "bun"];
  if (ecosystem === "pip") return ["pip", "uv"];
  return [ecosystem];
}

const BY_NAME: Readonly<Record<string, string>> = {
  "package.json": "npm",
  "setup.py": "pip",
  Pipfile: "pip",
  "poetry.lock": "pip",
  "uv.lock": "pip",
  "pyproject.toml": "pip",
  "go.mod": "gomod",
  "Cargo.toml": "cargo",
  Gemfile: "bundler",
  "gems.rb": "bundler",
  "composer.json": "composer",
  "pom.xml": "maven",
  "build.gradle": "gradle",
  "build.gradle.kts": "gradle",
  "packages.config": "nuget",
  "Directory.Packages.props": "nuget",
  "pubspec.yaml": "pub",
  "mix.exs": "mix",
  "Package.swift": "swift",
};

/**
 * Files that show an ecosystem is used but that update tools do not update on their own: Swift's
 * Package.resolved (Dependabot and Renovate read Package.swift; an Xcode project's
 * `*.xcodeproj/…/swiftpm/Package.resolved` has none). Listed in the inventory, never asked to be covered.
 */
const LOCKFILE_ONLY: Readonly<Record<string, string>> = { "Package.resolved": "swift" };

const REQUIREMENTS = /^requirements[\w.-]{0,80}\.(?:txt|in)$/i;
const DOCKERFILE = /^(?:(?:docker|container)file(?:\.[\w.-]{1,80})?|[\w.-]{1,80}\.(?:docker|container)file)$/i;
/**
 * What follows `Dockerfile.` when the file is not a Dockerfile but code, documentation or data
 * about one (`dockerfile.go` parses them, `Dockerfile.md` explains one). Variants such as
 * `Dockerfile.dev`, `Dockerfile.alpine` or a template `Dockerfile.j2` stay Dockerfiles.
 */
const NOT_A_DOCKERFILE = /\.(?:go|py|pyi|js|mjs|cjs|jsx|ts|mts|cts|tsx|rs|java|kt|kts|scala|groovy|rb|php|pl|pm|c|h|cc|cpp|cxx|hpp|cs|fs|vb|swift|m|mm|dart|lua|ex|exs|erl|hs|clj|zig|nim|r|sh|bash|zsh|fish|ps1|bat|cmd|md|markdown|rst|adoc|txt|html?|css|scss|json|jsonc|ya?ml|toml|xml|lock|sum|mod|csv|patch|diff|orig|rej|bak|swp)$/i;

/** True for a Dockerfile's name (`Dockerfile`, `Dockerfile.dev`, `app.dockerfile`, `Containerfile`), not for code or docs named after one. */
export function isDockerfileName(base: string): boolean {
  return DOCKERFILE.test(base) && !(/^(?:docker|container)file\./i.test(base) && NOT_A_DOCKERFILE.test(base));
}
const DOTNET_PROJECT = /\.(?:cs|fs|vb)proj$/;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

/** A folder of IGNORED_DIRS anywhere on a path, in any case. */
const IGNORED_FOLDER = new RegExp(`(?:^|/)(?:${[...IGNORED_DIRS].map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})/`, "i");
/** A hidden folder anywhere on a path, but for a leading `.github`. */
const HIDDEN_FOLDER = /(?:^(?!\.github\/)|\/)\.[^/]*\//;

/**
 * True when a path lies under a directory whose manifests are not the project's own (or a hidden
 * one). Two regular expressions, not a split: every file of the inventory is asked, and on a
 * 34,377-file checkout the split and its strings were 26 ms of the main thread.
 */
export function ignoredManifestPath(path: string): boolean {
  return IGNORED_FOLDER.test(path) || HIDDEN_FOLDER.test(path);
}

/** The ecosystem a path belongs to by its name alone, before any content check. */
export function ecosystemOfPath(path: string): string | undefined {
  if (WORKFLOW.test(path)) return "github-actions";
  // The name first: most paths name no manifest, and checking their folders costs more.
  const ecosystem = ecosystemOfName(path, path.slice(path.lastIndexOf("/") + 1));
  return ecosystem === undefined || ignoredManifestPath(path) ? undefined : ecosystem;
}

function ecosystemOfName(path: string, base: string): string | undefined {
  const byName = BY_NAME[base];
  if (byName) return byName;
  if (REQUIREMENTS.test(base)) return "pip";
  if (/(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/i.test(path)) return "pip";
  if (isDockerfileName(base)) return "docker";
  if (DOTNET_PROJECT.test(base)) return "nuget";
  if (base.endsWith(".tf")) return "terraform";
  return undefined;
}

/** The directory a manifest is updated from (requirements/dev.txt belongs to its parent). */
function manifestDir(path: string, ecosystem: string): string {
  if (ecosystem === "github-actions") return "";
  const slash = path.lastIndexOf("/");
  let dir = slash < 0 ? "" : path.slice(0, slash);
  if (ecosystem === "pip" && /(?:^|\/)requirements$/i.test(dir)) dir = dir.slice(0, Math.max(0, dir.length - "requirements".length - 1));
  return dir;
}

/** The ecosystem of a lockfile that no update tool updates on its own (see LOCKFILE_ONLY). */
function lockfileOnlyEcosystem(path: string): string | undefined {
  const ecosystem = LOCKFILE_ONLY[path.slice(path.lastIndexOf("/") + 1)];
  return ecosystem === undefined || ignoredManifestPath(path) ? undefined : ecosystem;
}

/**
 * Every dependency manifest of the project. Files that name an ecosystem but hold no
 * dependencies (a `{"type": "module"}` package.json, a tool-only pyproject.toml, a workflow
 * without `uses:`, Terraform without modules or providers, a Package.swift without `.package(…)`) are left out. `lockfileOnly` adds the
 * lockfiles update tools do not update on their own (for the inventory, not for coverage).
 */
export async function findManifests(ctx: FileSource, opts: { stopAtFirst?: boolean; lockfileOnly?: boolean; /** Let the event loop turn after this many files read (work done beside worker threads). */ yieldEvery?: number } = {}): Promise<Manifest[]> {
  const candidates: Manifest[] = [];
  for (const f of ctx.files) {
    // A manifest behind a link inside the checkout is one at the link's folder too (read through it); a submodule is another project.
    if (f.kind === "submodule") continue;
    const ecosystem = ecosystemOfPath(f.path) ?? (opts.lockfileOnly ? lockfileOnlyEcosystem(f.path) : undefined);
    if (ecosystem) candidates.push({ ecosystem, path: f.path, dir: manifestDir(f.path, ecosystem) });
  }
  const out: Manifest[] = [];
  let read = 0;
  for (const m of candidates) {
    if (opts.yieldEvery !== undefined && ++read % opts.yieldEvery === 0) await nextTurn();
    if (await holdsDependencies(ctx, m)) {
      out.push(m);
      if (opts.stopAtFirst) break;
    }
  }
  return out;
}

const NEEDS_CONTENT_CHECK = /(?:^|\/)(?:package\.json|pyproject\.toml|Package\.swift)$|\.tf$|^\.github\/workflows\//i;

async function holdsDependencies(ctx: FileSource, m: Manifest): Promise<boolean> {
  if (!NEEDS_CONTENT_CHECK.test(m.path)) return true;
  // Best effort: a manifest that cannot be read is still the ecosystem's, by its name.
  const file = await ctx.readText(m.path, { optional: true });
  if (!file) return false;
  const t = file.text;
  if (m.ecosystem === "npm") return /"(?:d|devD|optionalD|peerD)ependencies"\s{0,20}:\s{0,20}\{\s{0,20}"/.test(t);
  if (m.ecosystem === "pip") return t.includes("dependencies") || t.includes("requires");
  if (m.ecosystem === "terraform") return t.includes("source") || t.includes("required_providers");
  // A Swift package without `.package(url:…)` or `.package(path:…)` entries depends on nothing (zstd, nlohmann/json).
  if (m.ecosystem === "swift") return /\.package\s{0,10}\(/.test(t);
  return /^\s{0,40}(?:-\s{1,10})?uses\s{0,10}:/m.test(t);
}

/** Manifests grouped by ecosystem, in a stable order. */
export function byEcosystem(manifests: readonly Manifest[]): Map<string, Manifest[]> {
  const out = new Map<string, Manifest[]>();
  for (const m of [...manifests].sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : a.path < b.path ? -1 : 1))) {
    const list = out.get(m.ecosystem) ?? [];
    list.push(m);
    out.set(m.ecosystem, list);
  }
  return out;
}

/** True when the manifest at `dir` also updates the projects below it (npm workspaces, Cargo workspaces, Maven modules…). */
export async function isWorkspaceRoot(src: FileSource, ecosystem: string, dir: string): Promise<boolean> {
  const at = (name: string): string => (dir === "" ? name : `${dir}/${name}`);
  const optional: ReadOptions = { optional: true };
  switch (ecosystem) {
    case "npm":
      return src.has(at("pnpm-workspace.yaml")) || src.has(at("lerna.json")) || (src.has(at("package.json")) && packageJsonHasWorkspaces((await src.parse(at("package.json"), jsonParser, optional))?.value));
    case "cargo": {
      const toml = src.has(at("Cargo.toml")) ? await src.parse(at("Cargo.toml"), tomlParser, optional) : undefined;
      return toml !== undefined && cargoTomlIsWorkspace(toml.value);
    }
    case "maven":
      return (await src.readText(at("pom.xml"), optional))?.text.includes("<modules>") ?? false;
    case "gradle":
      return src.has(at("settings.gradle")) || src.has(at("settings.gradle.kts"));
    case "nuget":
      return true;
    default:
      return false;
  }
}

/** A licence a root manifest declares, as written (validating it is the caller's business). */
export interface DeclaredLicense {
  expression: string;
  /** The manifest that declares it. */
  source: string;
}

/**
 * The licences the root package manifests declare, in order: package.json, Cargo.toml
 * (`[package]`/`[workspace.package]`), pyproject.toml (`[project]`/`[tool.poetry]`).
 */
export async function declaredLicenses(src: FileSource): Promise<DeclaredLicense[]> {
  const out: DeclaredLicense[] = [];
  const optional: ReadOptions = { optional: true };
  if (src.has("package.json")) {
    const l = packageJsonLicense((await src.parse("package.json", jsonParser, optional))?.value);
    if (l) out.push({ expression: l, source: "package.json" });
  }
  for (const [source, read] of [["Cargo.toml", cargoTomlLicense], ["pyproject.toml", pyprojectLicense]] as const) {
    if (!src.has(source)) continue;
    const toml = await src.parse(source, tomlParser, optional);
    const l = toml ? read(toml.value) : undefined;
    if (l) out.push({ expression: l, source });
  }
  return out;
}
