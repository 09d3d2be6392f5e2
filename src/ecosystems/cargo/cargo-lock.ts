import type { Parser } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { asObject, asString } from "../formats/json.js";
import { arrayTableLines } from "../formats/toml-lines.js";
import { tomlParser, type TomlFile } from "../formats/toml.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl, PUBLIC_REGISTRIES, registryUrlKey, repositoryUrlQualifier } from "../purl.js";
import { lockfileParser } from "../conflict-markers.js";

// Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html): one `[[package]]`
// per crate. Crates without a `source` are the workspace's own (path crates): not dependencies.

function cargoSource(source: string): LockedPackage["source"] {
  if (source.startsWith("git+")) return "git";
  if (source.startsWith("path+")) return "path";
  // Another registry (`[registries]` in .cargo/config.toml, `registry = "…"` on the dependency) has
  // crates of its own: one named like a crates.io crate is not that crate, and RustSec's advisories,
  // which cargo-audit matches only to crates of the advisory's own source, are not about it. A
  // mirror set by source replacement (`[source.crates-io] replace-with`) still writes crates.io's
  // source: Cargo requires a replacement to serve the very same crates
  // (https://doc.rust-lang.org/cargo/reference/source-replacement.html).
  if ((source.startsWith("registry+") || source.startsWith("sparse+")) && !PUBLIC_REGISTRIES.cargo.has(registryUrlKey(source))) return "private";
  return "registry";
}

/** Builds the lockfile from a parsed Cargo.lock. */
export function readCargoLock(toml: TomlFile, path: string): Lockfile {
  const list = Array.isArray(toml.value.package) ? toml.value.package : [];
  const lines = arrayTableLines(toml.text, "package", list.length);
  const set = new PackageSet("crates.io", path);
  const graph = new DependencyGraph();
  // Version 1 lockfiles keep checksums in [metadata] as "checksum <name> <version> (<source>)" keys.
  const legacy = asObject(toml.value.metadata) ?? {};
  const members: { key: string; deps: string[] }[] = [];
  const byName = new Map<string, string>();
  const crates: { key: string; deps: string[] }[] = [];
  const registryOf = new Map<LockedPackage, string>();
  list.forEach((raw, i) => {
    const p = asObject(raw);
    const name = asString(p?.name);
    if (!p || name === undefined) return;
    // Cargo writes every version as a string: one missing (a file cut short) or of another type is
    // kept without a version, which the deps rules report as unmatched, rather than dropped unseen.
    const version = asString(p.version) ?? "";
    const key = `${name} ${version}`;
    const deps = Array.isArray(p.dependencies) ? p.dependencies.filter((d): d is string => typeof d === "string") : [];
    if (!byName.has(name)) byName.set(name, key);
    const source = asString(p.source);
    if (source === undefined) {
      members.push({ key, deps });
      return;
    }
    const checksum = asString(p.checksum) ?? asString(legacy[`checksum ${name} ${version} (${source})`]);
    // A git crate's source is `git+<url>[?branch=…|?rev=…]#<commit>`.
    const vcsUrl = source.startsWith("git+") ? gitVcsUrl(source) : undefined;
    const kind = cargoSource(source);
    const pkg = set.add({ name, version, line: lines?.[i], source: kind, ...(vcsUrl ? { vcsUrl } : {}), ...(checksum ? { hashes: [`sha256:${checksum}`] } : {}) });
    if (kind === "private" && !registryOf.has(pkg)) registryOf.set(pkg, source);
    graph.node(key, pkg);
    crates.push({ key, deps });
  });
  // A dependency is written "name", "name version" or "name version (source)"; the bare name is unique.
  const target = (dep: string): string | undefined => {
    const [name = "", version] = dep.split(" ");
    return version !== undefined ? `${name} ${version}` : byName.get(name);
  };
  for (const c of crates) for (const d of c.deps) {
    const t = target(d);
    if (t) graph.edge(c.key, t);
  }
  for (const m of members) for (const d of m.deps) {
    const t = target(d);
    if (t) graph.root(t, false);
  }
  // Cargo.lock does not say which dependencies are dev-dependencies.
  graph.apply({ dev: false });
  // After merging: a crate locked from crates.io too (the same name and version) is the crates.io crate.
  for (const [pkg, source] of registryOf) {
    // The index URL, without the `registry+`/`sparse+` prefix.
    const q = pkg.source === "private" ? repositoryUrlQualifier(source.trim().replace(/^(?:registry|sparse)\+/, "")) : undefined;
    if (q) pkg.purl = `${pkg.purl}?${q}`;
  }
  return set.lockfileOf(`Cargo.lock@${typeof toml.value.version === "number" ? toml.value.version : 1}`);
}

/** The parser for Cargo.lock. */
export const cargoLockParser: Parser<Lockfile> = lockfileParser("Cargo.lock", tomlParser, "resolve the conflict and let Cargo rewrite the file (`cargo update --workspace`)", (toml, file) => readCargoLock(toml, file.path));
