import type { Assessment } from "../../core/assessment.js";
import { safeJson } from "../../core/escape.js";

/** The assessment as pretty-printed JSON: the versioned, schema-described document itself, safe to print. */
export function renderJson(a: Assessment): string {
  return printJson(a);
}

/**
 * A report as pretty-printed JSON and a final newline, made safe to print: exactly
 * `safeJson(JSON.stringify(value, null, 2)) + "\n"`, computed faster for large reports.
 */
export function printJson(value: unknown): string {
  // The newline is added before the text is first read whole, which makes V8 copy it into one flat
  // string; added after, the write would copy all of it a second time. safeJson leaves a newline as it is.
  const json = `${JSON.stringify(value, null, 2)}\n`;
  return changedBySafeJson(json) ? safeJson(json) : json;
}

/** A maximal run of characters outside printable ASCII (DEL included). */
const NON_ASCII_RUN = /[^\x00-\x7e]+/g;
/** Runs checked one by one before the whole text is handed to safeJson (text in another script has many). */
const MAX_RUNS = 1_000;

/**
 * False only when safeJson would return the text unchanged, found without running its pattern of
 * a dozen ranges over the whole document (a 15 MB one for 20,000 findings; a single-range scan
 * costs about half). safeJson changes two things: `##[`, looked for as such, and characters that
 * are all outside printable ASCII (DEL, C1 controls, reordering and invisible characters, tags,
 * which are surrogate pairs). A run of such characters never splits a pair, so each run is left
 * unchanged by safeJson exactly when the whole text is; safeJson itself judges each run.
 */
function changedBySafeJson(json: string): boolean {
  if (json.includes("##[")) return true;
  NON_ASCII_RUN.lastIndex = 0;
  let runs = 0;
  for (let m = NON_ASCII_RUN.exec(json); m !== null; m = NON_ASCII_RUN.exec(json)) {
    if (++runs > MAX_RUNS || safeJson(m[0]) !== m[0]) return true;
  }
  return false;
}
