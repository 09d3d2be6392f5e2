import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { rejectConflictMarkers } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";

// packrat/packrat.lock (Packrat, renv's predecessor, https://rstudio.github.io/packrat/): Debian
// control style records separated by blank lines. The first record is the header
// (`PackratFormat:`, `RVersion:`, `Repos:`); each later one is a package (`Package:`, `Source:`,
// `Version:`, `Hash:`, `Requires:`), a field's continuation lines indented. Packages whose Source
// is `CRAN` are CRAN's, as in renv.lock; GitHub, Bioconductor and local sources are left out. The
// Hash is Packrat's digest of the package's DESCRIPTION, not of an artifact, so it is not kept.

/** A `Field: value` line (field names are letters, digits and dots). */
const FIELD = /^([A-Za-z][A-Za-z0-9.]{0,100}):(.*)$/;

interface PackratRecord {
  fields: Map<string, string>;
  /** 1-based line of the record's first field. */
  line: number;
}

/** The records of a packrat.lock, continuation lines dropped (no field read here spans lines). */
function records(text: string): PackratRecord[] {
  const out: PackratRecord[] = [];
  let current: PackratRecord | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, "");
    if (raw.trim() === "") {
      current = undefined;
      continue;
    }
    if (/^\s/.test(raw)) continue;
    const m = FIELD.exec(raw);
    if (!m) throw new ParseFailure(`not a packrat.lock record line: expected "Field: value"`, i + 1, 1);
    if (!current) {
      current = { fields: new Map(), line: i + 1 };
      out.push(current);
    }
    current.fields.set(m[1] as string, (m[2] as string).trim());
  }
  return out;
}

/** Builds the lockfile from packrat.lock text. */
export function readPackratLock(text: string, path: string): Lockfile {
  rejectConflictMarkers(text, "resolve the conflict and run `packrat::snapshot()`");
  const all = records(text.startsWith("\uFEFF") ? text.slice(1) : text);
  const header = all[0];
  if (!header?.fields.has("PackratFormat")) throw new ParseFailure("not a packrat.lock: the first record has no PackratFormat field", header?.line ?? 1, 1);
  const set = new PackageSet("CRAN", path);
  for (const r of all.slice(1)) {
    const name = r.fields.get("Package");
    const version = r.fields.get("Version");
    if (!name || !version || r.fields.get("Source") !== "CRAN") continue;
    set.add({ name, version, line: r.line, source: "registry" });
  }
  return set.lockfileOf(`packrat.lock@${header.fields.get("PackratFormat") ?? ""}`);
}

/** The parser for packrat/packrat.lock. */
export const packratLockParser: Parser<Lockfile> = { id: "packrat.lock", parse: (file: TextFile) => readPackratLock(file.text, file.path) };
