// Merge conflict markers (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`, diff3's `||||||| base`) left
// in a committed lockfile. Line-based readers that end a section at the first unindented line
// would take a marker for a new section and drop every entry below it without a word: a file
// holding one is damaged, as Bundler and cabal say, and is reported as such.

const MARKER = /^(?:<{7}|={7}|>{7}|\|{7})(?:[ \t\r]|$)/;

/** True for a merge conflict marker line (a CR left by a CRLF checkout allowed). */
export function isConflictMarker(line: string): boolean {
  return MARKER.test(line);
}
