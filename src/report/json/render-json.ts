import type { Assessment } from "../../core/assessment.js";

/** The assessment as pretty-printed JSON: the versioned, schema-described document itself. */
export function renderJson(a: Assessment): string {
  return JSON.stringify(a, null, 2) + "\n";
}
