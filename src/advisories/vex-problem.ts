import type { JsonFile } from "../ecosystems/formats/json.js";

// What a VEX reader says about a document, or a part of one, that it did not apply.

/** A document, or a part of one, that could not be read, with where. */
export interface VexProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A problem about the part of a parsed document at `at` (a JSON path), placed at its line and column when it can be found. */
export function problemAt(json: JsonFile, path: string, at: readonly (string | number)[], message: string): VexProblem {
  const where = json.locate(at);
  return { path, message, ...(where ? { line: where.line, column: where.column } : {}) };
}

/** At most this many problems are said per document; the rest are counted in one more. */
const MAX_PROBLEMS = 20;

/** A document's problems, the first few as they are and the rest counted, so one bad file cannot flood the report. */
export function capProblems(problems: readonly VexProblem[], path: string): VexProblem[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), { path, message: `and ${problems.length - MAX_PROBLEMS} more problems like these` }];
}

/** A value quoted in a message, shortened: it comes from the scanned repository. */
export function quoted(s: string): string {
  return JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);
}
