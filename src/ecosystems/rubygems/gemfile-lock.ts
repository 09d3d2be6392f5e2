import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { DependencyGraph } from "../dependency-graph.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";

// Gemfile.lock / gems.locked (https://bundler.io/guides/gemfile_lock.html): source sections (GEM,
// GIT, PATH, PLUGIN SOURCE) list `name (version[-platform])` specs at four spaces, each with its own
// dependencies at six; DEPENDENCIES names the Gemfile's requirements; CHECKSUMS their hashes
// (Bundler 2.5+). A gem locked for several platforms (`nokogiri (1.16.0)` and
// `nokogiri (1.16.0-x86_64-linux)`) is one package: advisories name the version, not the platform.

const SOURCES: Record<string, LockedPackage["source"]> = { GEM: "registry", GIT: "git", PATH: "path", "PLUGIN SOURCE": "registry" };

/**
 * `name (1.2.3-x86_64-linux)` → name and version: a gem version never holds a `-` (RubyGems
 * writes a prerelease `1.0.0.pre`), so the platform is everything after the first one.
 */
function spec(s: string): { name: string; version: string } | undefined {
  const open = s.indexOf(" (");
  if (open <= 0 || !s.endsWith(")")) return undefined;
  const inner = s.slice(open + 2, -1);
  const dash = inner.indexOf("-");
  return { name: s.slice(0, open), version: dash < 0 ? inner : inner.slice(0, dash) };
}

/** A CHECKSUMS line's `sha256=…[,sha512=…]` after the spec, as `sha256:…` hashes. */
function checksumsOf(s: string): string[] {
  const close = s.lastIndexOf(") ");
  if (close < 0) return [];
  const out: string[] = [];
  for (const part of s.slice(close + 2).trim().split(",")) {
    const m = /^(sha\d{1,3})=([0-9a-f]{1,128})$/.exec(part.trim());
    if (m) out.push(`${m[1] as string}:${m[2] as string}`);
  }
  return out;
}

/** Builds the lockfile from Gemfile.lock text. */
export function readGemfileLock(file: TextFile): Lockfile {
  const set = new PackageSet("RubyGems", file.path);
  const graph = new DependencyGraph();
  const byName = new Map<string, string>();
  const edges: [string, string][] = [];
  const roots: string[] = [];
  const checksums = new Map<string, Set<string>>();
  let section: string | undefined;
  let current: string | undefined;
  // A GIT section's `remote:` and `revision:` (written before its specs): its gems' vcs_url.
  let remote: string | undefined;
  let revision: string | undefined;
  const lines = file.text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const s = (lines[n] as string).replace(/\r$/, "");
    if (s.trim() === "") continue;
    const indent = s.length - s.trimStart().length;
    if (indent === 0) {
      // Read as a section header, a merge conflict marker would drop every spec below it unseen.
      if (isConflictMarker(s)) throw conflictMarkerFailure(n + 1, "resolve the conflict and run `bundle lock`");
      section = s.trim();
      current = undefined;
      remote = undefined;
      revision = undefined;
      continue;
    }
    if (section === undefined) throw new ParseFailure("an entry before any section", n + 1, indent + 1);
    const body = s.trim();
    if (section in SOURCES) {
      if (indent === 2 && section === "GIT") {
        if (body.startsWith("remote: ")) remote = body.slice("remote: ".length).trim();
        else if (body.startsWith("revision: ")) revision = body.slice("revision: ".length).trim();
      } else if (indent === 4) {
        const sp = spec(body);
        // Bundler writes every spec as `name (version)`: anything else is a file cut short (a partial
        // download, a bad merge) or edited by hand, and the specs past it cannot be trusted to be all.
        if (!sp) throw new ParseFailure(`not a gem spec: expected "name (version)", found ${JSON.stringify(body.slice(0, 80))}; the file is truncated or damaged`, n + 1, indent + 1);
        const vcsUrl = section === "GIT" && remote !== undefined ? gitVcsUrl(remote, revision) : undefined;
        const pkg = set.add({ name: sp.name, version: sp.version, line: n + 1, source: SOURCES[section], ...(vcsUrl ? { vcsUrl } : {}) });
        current = `${sp.name}@${sp.version}`;
        graph.node(current, pkg);
        if (!byName.has(sp.name)) byName.set(sp.name, current);
      } else if (indent === 6 && current) {
        edges.push([current, body.split(" ")[0] as string]);
      }
    } else if (section === "DEPENDENCIES" && indent === 2) {
      roots.push((body.split(" ")[0] as string).replace(/!$/, ""));
    } else if (section === "CHECKSUMS" && indent === 2) {
      const sp = spec(body.slice(0, body.lastIndexOf(")") + 1));
      const sums = checksumsOf(body);
      if (sp && sums.length > 0) {
        // Each platform's .gem has its own digest: the package keeps them all.
        const key = `${sp.name}@${sp.version}`;
        const known = checksums.get(key) ?? new Set<string>();
        for (const sum of sums) known.add(sum);
        checksums.set(key, known);
      }
    }
  }
  for (const [from, to] of edges) {
    const t = byName.get(to);
    if (t) graph.edge(from, t);
  }
  for (const r of roots) {
    const t = byName.get(r);
    if (t) graph.root(t, false);
  }
  // The Gemfile's groups (development, test) are not in the lockfile: direct is known, dev is not.
  graph.apply({ dev: false });
  for (const p of set.packages()) {
    const key = `${p.name}@${p.version}`;
    const sums = checksums.get(key);
    if (sums) p.hashes = [...sums];
  }
  return set.lockfileOf("Gemfile.lock");
}

/** The parser for Gemfile.lock and gems.locked. */
export const gemfileLockParser: Parser<Lockfile> = { id: "Gemfile.lock", parse: (file: TextFile) => readGemfileLock(file) };
