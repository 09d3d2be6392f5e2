import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";

// go.sum (https://go.dev/ref/mod#go-sum-files): `module version hash` lines. Read alone only when
// there is no go.mod beside it; `/go.mod` lines check a module's go.mod, not the module itself.

/** Builds the lockfile from go.sum text. */
export function readGoSum(file: TextFile): Lockfile {
  const set = new PackageSet("Go", file.path);
  const lines = file.text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const s = (lines[n] as string).trim();
    if (s === "") continue;
    if (isConflictMarker(s)) throw conflictMarkerFailure(n + 1, "resolve the conflict and run `go mod tidy`");
    const parts = s.split(/\s+/);
    if (parts.length !== 3) throw new ParseFailure("expected `module version hash`", n + 1, 1);
    const [name, rawVersion, hash] = parts as [string, string, string];
    if (rawVersion.endsWith("/go.mod")) continue;
    const version = rawVersion.startsWith("v") ? rawVersion.slice(1) : rawVersion;
    set.add({ name, version, line: n + 1, source: "registry", hashes: [hash] });
  }
  return set.lockfileOf("go.sum");
}

/** The parser for go.sum. */
export const goSumParser: Parser<Lockfile> = { id: "go.sum", parse: (file: TextFile) => readGoSum(file) };
