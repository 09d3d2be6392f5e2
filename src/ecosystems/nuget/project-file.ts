import { dirOf } from "../../core/checkout-path.js";
import { derivedParser, type FileSource, type Parser, type ReadOptions } from "../../core/files.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile, UnpinnedRequirement } from "../packages.js";
import { evaluateProject, evaluateWith, type Evaluation, type EvaluationRole, type MsbuildLocator } from "./msbuild-evaluate.js";
import { msbuildFileParser, type MsbuildItem } from "./msbuild-file.js";
import { pinnedNugetVersion } from "./version-range.js";

// SDK-style project files (*.csproj, *.fsproj, *.vbproj) as manifests of NuGet packages, offline:
// each `<PackageReference>` with its version from the reference itself (`Version`, or
// `VersionOverride`), else from central package management (`<PackageVersion>` in the nearest
// Directory.Packages.props, https://learn.microsoft.com/nuget/consume-packages/central-package-management),
// `$(Property)` expanded from literal definitions of the project, Directory.Build.props and the files
// they import. A version NuGet installs exactly (`1.2.3`, `[1.2.3]`) is a package; a range, a
// floating version or a value that cannot be known is an unpinned requirement, never guessed.
// `PrivateAssets="all"` (analyzers, build tools) marks a package dev-only. A packages.lock.json
// beside the project records the real graph and is read instead (see lockfiles.ts).

const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;

/** Packages the SDK references with its own version when a project names them without one. */
const IMPLICIT_VERSIONS = new Set(["microsoft.aspnetcore.app", "microsoft.aspnetcore.all", "microsoft.netcore.app", "netstandard.library"]);

/** True for an MSBuild project file NuGet restores (`App.csproj`, `Lib.fsproj`, `Old.vbproj`). */
export function isProjectFile(path: string): boolean {
  return PROJECT_FILE.test(path);
}

/** The item names of a spec (`A;B`), expanded; names that cannot be known or are wildcards are left out. */
function names(item: MsbuildItem, ev: Evaluation, builtins: ReadonlyMap<string, string>): string[] {
  const expanded = ev.scope.expand(item.spec, builtins);
  if (!expanded || expanded.length !== 1) return [];
  return (expanded[0] as string)
    .split(";")
    .map((n) => n.trim())
    .filter((n) => n !== "" && !/[*?$@%()]/.test(n));
}

/** A version requirement as written, and where (a central one is written in Directory.Packages.props). */
interface Spec {
  text: string;
  file: string;
  line?: number;
}

interface Reference {
  name: string;
  /** The file that includes it: the project, or a Directory.Build.props/.targets (or an import) every project below shares. */
  file: string;
  line?: number;
  version?: string;
  versionOverride?: string;
  privateAssets?: string;
}

function updated(ref: Reference, item: MsbuildItem): void {
  if (item.version !== undefined) ref.version = item.version;
  if (item.versionOverride !== undefined) ref.versionOverride = item.versionOverride;
  if (item.privateAssets !== undefined) ref.privateAssets = item.privateAssets;
}

/** The central versions (`<PackageVersion>`) by lower-case id; none when central management is turned off. */
function centralVersions(ev: Evaluation, builtins: ReadonlyMap<string, string>): Map<string, Spec[]> {
  const central = new Map<string, Spec[]>();
  const cpm = ev.scope.expand("$(ManagePackageVersionsCentrally)");
  if (cpm && cpm.length > 0 && cpm.every((v) => v.trim().toLowerCase() === "false")) return central;
  for (const { item, file } of ev.items) {
    if (item.type !== "PackageVersion" || item.version === undefined) continue;
    const spec: Spec = { text: item.version, file, ...(item.line !== undefined ? { line: item.line } : {}) };
    for (const name of names(item, ev, builtins)) {
      const key = name.toLowerCase();
      // An Include adds a version (conditional ones per target framework add several); an Update replaces them.
      if (item.operation === "Include") central.set(key, [...(central.get(key) ?? []).filter((s) => s.text !== spec.text), spec]);
      else if (central.has(key)) central.set(key, [spec]);
    }
  }
  return central;
}

/**
 * The project's references by lower-case id, in evaluation order: those it includes itself and
 * those of every file evaluated with it (Directory.Build.props and .targets, Directory.Packages.props'
 * `<GlobalPackageReference>`, imports), since MSBuild gives those items to each project below them.
 * An `Update` changes the references included before it; a name included twice counts once.
 */
function references(ev: Evaluation, builtins: ReadonlyMap<string, string>): Map<string, Reference> {
  const refs = new Map<string, Reference>();
  for (const { item, file } of ev.items) {
    if (item.type === "PackageVersion") continue;
    for (const name of names(item, ev, builtins)) {
      const key = name.toLowerCase();
      const ref = refs.get(key);
      if (item.operation === "Update") {
        if (ref) updated(ref, item);
      } else if (!ref) {
        const r: Reference = { name, file, ...(item.line !== undefined ? { line: item.line } : {}) };
        // A global reference is a development asset (analyzers, versioning tools): NuGet gives it PrivateAssets="All".
        if (item.type === "GlobalPackageReference") r.privateAssets = "all";
        updated(r, item);
        refs.set(key, r);
      }
    }
  }
  return refs;
}

/** Builds the lockfile of a project from its evaluation. */
export function readProject(path: string, ev: Evaluation): Lockfile {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const builtins = new Map([["msbuildprojectname", base.replace(/\.[^.]{1,20}$/, "")]]);
  const central = centralVersions(ev, builtins);
  const refs = references(ev, builtins);
  const set = new PackageSet("NuGet", path);
  const unpinned: UnpinnedRequirement[] = [];
  const seen = new Set<string>();
  // A loose central version is reported where it is written (one place to fix, once for every project).
  const loose = (ref: Reference, spec: string, at?: Spec): void => {
    const key = `${ref.name.toLowerCase()}\u0000${spec}`;
    if (seen.has(key)) return;
    seen.add(key);
    const where = at ?? ref;
    unpinned.push({ name: ref.name, spec, line: where.line ?? 1, ...(where.file !== path ? { path: where.file } : {}) });
  };
  for (const [key, ref] of refs) {
    const dev = (ref.privateAssets ?? "").split(";").some((a) => a.trim().toLowerCase() === "all");
    const own = ref.versionOverride ?? ref.version;
    const specs = own !== undefined ? [undefined] : (central.get(key) ?? []);
    if (specs.length === 0) {
      if (!IMPLICIT_VERSIONS.has(key)) loose(ref, "");
      continue;
    }
    for (const spec of specs) {
      const text = spec?.text ?? (own as string);
      const values = ev.scope.expand(text, builtins);
      if (!values) {
        loose(ref, text.trim(), spec);
        continue;
      }
      for (const v of values) {
        const version = pinnedNugetVersion(v);
        if (version === undefined) loose(ref, v.trim(), spec);
        else set.add({ name: ref.name, version, line: ref.line, direct: true, dev, source: "registry", ...(ref.file !== path ? { lockfile: ref.file } : {}) });
      }
    }
  }
  return set.lockfileOf(base.slice(base.lastIndexOf(".") + 1).toLowerCase(), unpinned);
}

/** The lockfile of a project file read alone (its own properties; no Directory.*.props, no imports). */
export const projectFileParser: Parser<Lockfile> = derivedParser("msbuild-project", msbuildFileParser, (file) => {
  const run = evaluateProject(file.path, [{ path: file.path, role: "project" }], { find: () => undefined, findUp: () => undefined });
  return readProject(file.path, evaluateWith(run, (p) => (p === file.path ? file : undefined)));
});

/** Finds files of the checkout in any letter case (projects written on Windows name them loosely). */
class CheckoutLocator implements MsbuildLocator {
  constructor(private readonly src: FileSource) {}

  find(path: string): string | undefined {
    if (this.src.has(path)) return path;
    const slash = path.lastIndexOf("/");
    const dir = slash < 0 ? "" : path.slice(0, slash);
    const lower = path.toLowerCase();
    return this.src.index.inFolder(dir).find((f) => f.kind === "file" && f.path.toLowerCase() === lower)?.path;
  }

  findUp(dir: string, name: string): string | undefined {
    for (let d: string | undefined = dir; d !== undefined; d = d === "" ? undefined : d.slice(0, Math.max(0, d.lastIndexOf("/")))) {
      const found = this.find(d === "" ? name : `${d}/${name}`);
      if (found) return found;
    }
    return undefined;
  }
}

/**
 * Evaluates a project with the files around it in the checkout (the nearest Directory.Build.props,
 * Directory.Packages.props and Directory.Build.targets, and what they import, each parsed once per
 * scan through the workspace) and rebuilds its lockfile.
 */
export async function resolveProjectFile(lockfile: Lockfile, src: FileSource, options?: ReadOptions): Promise<Lockfile> {
  const path = lockfile.path;
  const locate = new CheckoutLocator(src);
  const dir = dirOf(path);
  const entries: { path: string; role: EvaluationRole }[] = [];
  const add = (name: string, role: EvaluationRole): void => {
    const found = locate.findUp(dir, name);
    if (found) entries.push({ path: found, role });
  };
  add("Directory.Build.props", "build-props");
  add("Directory.Packages.props", "packages-props");
  entries.push({ path, role: "project" });
  add("Directory.Build.targets", "build-targets");
  const run = evaluateProject(path, entries, locate);
  let r = run.next();
  while (!r.done) r = run.next(await src.parse(r.value, msbuildFileParser, options));
  return readProject(path, r.value);
}
