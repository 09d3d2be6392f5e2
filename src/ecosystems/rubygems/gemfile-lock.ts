import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { DependencyGraph } from "../dependency-graph.js";
import { PackageSet } from "../package-set.js";
import type { LockedPackage, Lockfile } from "../packages.js";

// Gemfile.lock / gems.locked (https://bundler.io/guides/gemfile_lock.html): source sections (GEM,
// GIT, PATH, PLUGIN SOURCE) list `name (version[-platform])` specs at four spaces, each with its own
// dependencies at six; DEPENDENCIES names the Gemfile's requirements; CHECKSUMS their hashes.

const SOURCES: Record<string, LockedPackage["source"]> = { GEM: "registry", GIT: "git", PATH: "path", "PLUGIN SOURCE": "registry" };

/** `name (1.2.3-x86_64-linux)` → name and version (the platform after the first `-` dropped). */
function spec(s: string): { name: string; version: string } | undefined {
  const open = s.indexOf(" (");
  if (open <= 0 || !s.endsWith(")")) return undefined;
  const inner = s.slice(open + 2, -1);
  const dash = inner.indexOf("-");
  return { name: s.slice(0, open), version: dash >= 0 ? inner.slice(0, dash) : inner };
}

/** Builds the lockfile from Gemfile.lock text. */
export function readGemfileLock(file: TextFile): Lockfile {
  const set = new PackageSet("RubyGems", file.path);
  const graph = new DependencyGraph();
  const byName = new Map<string, string>();
  const edges: [string, string][] = [];
  const roots: string[] = [];
  const checksums = new Map<string, string>();
  let section: string | undefined;
  let current: string | undefined;
  const lines = file.text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const s = (lines[n] as string).replace(/\r$/, "");
    if (s.trim() === "") continue;
    const indent = s.length - s.trimStart().length;
    if (indent === 0) {
      section = s.trim();
      current = undefined;
      continue;
    }
    if (section === undefined) throw new ParseFailure("an entry before any section", n + 1, indent + 1);
    const body = s.trim();
    if (section in SOURCES) {
      if (indent === 4) {
        const sp = spec(body);
        if (!sp) continue;
        const pkg = set.add({ name: sp.name, version: sp.version, line: n + 1, source: SOURCES[section] });
        current = `${sp.name}@${sp.version}`;
        graph.node(current, pkg);
        if (!byName.has(sp.name)) byName.set(sp.name, current);
      } else if (indent === 6 && current) {
        edges.push([current, body.split(" ")[0] as string]);
      }
    } else if (section === "DEPENDENCIES" && indent === 2) {
      roots.push((body.split(" ")[0] as string).replace(/!$/, ""));
    } else if (section === "CHECKSUMS" && indent === 2) {
      const sp = spec(body.split(" sha")[0] ?? body);
      const sum = /\s(sha\d+=[0-9a-f]{1,128})$/.exec(body)?.[1];
      if (sp && sum) checksums.set(`${sp.name}@${sp.version}`, sum.replace("=", ":"));
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
    const sum = checksums.get(`${p.name}@${p.version}`);
    if (sum) p.hashes = [sum];
  }
  return set.lockfileOf("Gemfile.lock");
}

/** The parser for Gemfile.lock and gems.locked. */
export const gemfileLockParser: Parser<Lockfile> = { id: "Gemfile.lock", parse: (file: TextFile) => readGemfileLock(file) };
