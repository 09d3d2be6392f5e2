import type { Assessment } from "../../core/assessment.js";
import { safeJson } from "../../core/escape.js";

/** The assessment as pretty-printed JSON: the versioned, schema-described document itself, safe to print. */
export function renderJson(a: Assessment): string {
  return safeJson(JSON.stringify(a, null, 2)) + "\n";
}
