import { createHash } from "node:crypto";
import type { Rule } from "../core/rule.js";
import { VERSION } from "../version.js";

/**
 * What decides whether an assessment is still current: assay's version and, for every rule, the
 * meta that changes its verdicts (id, severity, confidence, check, scoring, option defaults). A
 * change to any of them rescans every repository; prose edits do not. 16 hex digits.
 */
export function rulesetHash(rules: readonly Rule[], version: string = VERSION): string {
  const h = createHash("sha256").update(`assay ${version}\n`);
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const m = r.meta;
    const options = Object.entries(m.options ?? {}).map(([k, o]) => [k, JSON.stringify(o.default)]);
    h.update(JSON.stringify([m.id, m.severity, m.confidence, m.check, m.network, m.scoring ?? null, options]));
    h.update("\n");
  }
  return h.digest("hex").slice(0, 16);
}
