import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";

// mix.lock (Elixir's lockfile, an Elixir map literal): one `"app": {:hex, :package, "version",
// "hash", …}` or `"app": {:git, "url", "commit", …}` per line. Read line by line, never evaluated.
// Older mix wrote the first entry on the `%{` line, keys as `"app" =>`, and hex tuples of
// three (`{:hex, :cowboy, "1.0.0"}`, no hash).

const ENTRY = /^\s*(?:%\{\s*)?"([^"]{1,200})"(?::|\s*=>)\s*\{:(\w{1,20}),\s*(.*)$/;
const HEX = /^:"?([\w.-]{1,200})"?,\s*"([^"]{0,200})"(?:,\s*"([0-9a-fA-F]{0,128})")?/;
const GIT = /^"([^"]{0,2000})",\s*"([0-9a-fA-F]{0,64})"/;
// The repository a hex tuple ends with, after its dependency list (mix 1.6+): `[...], "hexpm", "<hash>"`.
const REPO = /\],\s*"([^"]{1,200})"(?:,\s*"[0-9a-fA-F]{0,128}")?$/;

/**
 * The Hex repository an entry was fetched from: `hexpm` (the public hex.pm) unless it says
 * otherwise; older mix wrote none. The tuple is trimmed first so REPO needs no trailing `\s*`.
 */
function hexRepo(rest: string): string {
  let t = rest.trimEnd();
  if (t.endsWith(",")) t = t.slice(0, -1).trimEnd();
  if (t.endsWith("}")) t = t.slice(0, -1).trimEnd();
  return REPO.exec(t)?.[1] ?? "hexpm";
}

/** Builds the lockfile from mix.lock text. */
export function readMixLock(file: TextFile): Lockfile {
  const set = new PackageSet("Hex", file.path);
  // A checkout made on Windows (core.autocrlf) ends lines with CR LF: the CR would keep ENTRY's
  // `(.*)$` from reaching the end of the line, and every entry would be missed.
  const lines = file.text.split(/\r?\n/);
  let lastLine = 0;
  for (let n = 0; n < lines.length; n++) {
    if ((lines[n] as string).trim() !== "") lastLine = n + 1;
    // Read past, both sides of the merge would be listed as if both were installed; mix refuses the file.
    if (isConflictMarker(lines[n] as string)) throw conflictMarkerFailure(n + 1, "resolve the conflict and run `mix deps.get`");
    const m = ENTRY.exec(lines[n] as string);
    if (!m) continue;
    const [, app, kind, rest] = m as unknown as [string, string, string, string];
    if (kind === "hex") {
      const h = HEX.exec(rest);
      if (!h) continue;
      // A private organisation's package (`hexpm:acme`) or another repository's is not the hex.pm
      // package of that name: public advisories are not about it (osv-scanner skips these entries).
      // It is still listed, for the SBOM, and its purl names the organisation as purl-spec's hex type does.
      const repo = hexRepo(rest);
      const pkg = set.add({ name: h[1] as string, version: h[2] as string, line: n + 1, source: repo === "hexpm" ? "registry" : "private", ...(h[3] ? { hashes: [`sha256:${h[3]}`] } : {}) });
      const org = repo.startsWith("hexpm:") ? repo.slice("hexpm:".length).toLowerCase() : "";
      if (/^[a-z0-9_]{1,100}$/.test(org)) pkg.purl = `pkg:hex/${org}/${pkg.purl.slice("pkg:hex/".length)}`;
    } else if (kind === "git") {
      // A git dependency records a commit, not a version: it keeps the repository and commit
      // (`vcsUrl`) and no version, which the lockfile does not say, as OSV-Scanner leaves it empty.
      const g = GIT.exec(rest);
      const vcsUrl = g ? gitVcsUrl(g[1] as string, g[2]) : undefined;
      if (g) set.add({ name: app, version: "", line: n + 1, source: "git", ...(vcsUrl ? { vcsUrl } : {}) });
    }
  }
  // The map literal closes with `}` on the last line: without it the file was cut short, and the
  // entries past the cut are missing.
  if (set.packages().length > 0 && !file.text.trimEnd().endsWith("}")) throw new ParseFailure("the file ends before its map is closed (no final }): it is truncated", lastLine, 1);
  return set.lockfileOf("mix.lock");
}

/** The parser for mix.lock. */
export const mixLockParser: Parser<Lockfile> = { id: "mix.lock", parse: (file: TextFile) => readMixLock(file) };
