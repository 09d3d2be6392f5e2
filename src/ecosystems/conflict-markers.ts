import { ParseFailure, type Parser, type TextFile } from "../core/files.js";

// Merge conflict markers (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`, diff3's `||||||| base`) left
// in a committed lockfile. Line-based readers that end a section at the first unindented line
// would take a marker for a new section and drop every entry below it without a word, and a
// structured (JSON, TOML, YAML) reader would stop at it with a syntax error that does not say
// what happened: a file holding one is damaged, as Bundler and cabal say, and is reported as such,
// at the marker's line, by every lockfile reader.

const MARKER = /^(?:<{7}|={7}|>{7}|\|{7})(?:[ \t\r]|$)/;
// The same at the start of any line; each position is tried once with a fixed-length match (linear).
const MARKER_LINE = /^(?:<{7}|={7}|>{7}|\|{7})(?:[ \t\r]|$)/m;
// A line of seven `=` alone can be text (a heading underlined in a pom's description, a TOML
// multi-line string); a conflict always has an opening or closing marker too, which no format
// writes at the start of a line.
const STRONG_MARKER_LINE = /^(?:<{7}|>{7}|\|{7})(?:[ \t\r]|$)/m;

/** True for a merge conflict marker line (a CR left by a CRLF checkout allowed). */
export function isConflictMarker(line: string): boolean {
  return MARKER.test(line);
}

/** The failure every lockfile reader gives for a marker at `line` (1-based); `fix` says how to redo the file. */
export function conflictMarkerFailure(line: number, fix: string): ParseFailure {
  return new ParseFailure(`has merge-conflict markers at line ${line}: ${fix}`, line, 1);
}

/** Throws `conflictMarkerFailure` at the first marker line of `text`, if it has one. */
export function rejectConflictMarkers(raw: string, fix: string): void {
  // A byte order mark would hide a marker on the first line; without it lines are counted the same.
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  if (!STRONG_MARKER_LINE.test(text)) return;
  const m = MARKER_LINE.exec(text);
  if (!m) return;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
  throw conflictMarkerFailure(line, fix);
}

/**
 * A lockfile parser built on a structured format's parser (JSON, TOML, YAML) that first refuses a
 * file left with conflict markers. It parses with `base` itself rather than through the workspace's
 * shared parse of `base`, whose generic syntax error would be reported first and in its stead.
 */
export function lockfileParser<B, T>(id: string, base: Parser<B>, fix: string, build: (parsed: B, file: TextFile) => T): Parser<T> {
  return {
    id,
    parse: (file: TextFile) => {
      rejectConflictMarkers(file.text, fix);
      return build(base.parse(file), file);
    },
  };
}
