import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { isConflictMarker } from "../conflict-markers.js";
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
    if (isConflictMarker(lines[n] as string)) throw new ParseFailure("merge conflict markers: resolve the conflict and run `mix deps.get`", n + 1, 1);
    const m = ENTRY.exec(lines[n] as string);
    if (!m) continue;
    const [, app, kind, rest] = m as unknown as [string, string, string, string];
    if (kind === "hex") {
      const h = HEX.exec(rest);
      if (h) set.add({ name: h[1] as string, version: h[2] as string, line: n + 1, source: "registry", ...(h[3] ? { hashes: [`sha256:${h[3]}`] } : {}) });
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
