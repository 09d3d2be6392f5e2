import type { FindingInput } from "../core/finding.js";
import { outcomeOf, type RuleRun } from "./run-rules.js";

/** `path:line` of a finding's first location, or undefined when it has no line. */
function lineOf(f: FindingInput): string | undefined {
  const l = f.locations?.[0];
  return l?.startLine === undefined ? undefined : `${l.path}\u0000${l.startLine}`;
}

/**
 * Drops the findings of rules whose meta names `supersededBy` rules where one of those rules
 * reports the same line of the same file, and re-judges a rule left with none. Returns how many
 * were dropped.
 */
export function dropSuperseded(runs: readonly RuleRun[]): number {
  const byId = new Map(runs.map((r) => [r.rule.meta.id, r]));
  let dropped = 0;
  for (const run of runs) {
    const over = (run.rule.meta.supersededBy ?? []).flatMap((id) => {
      const r = byId.get(id);
      return r ? [r] : [];
    });
    if (over.length === 0 || run.record.findings.length === 0) continue;
    const taken = new Set(over.flatMap((r) => r.record.findings.map(lineOf)).filter((k) => k !== undefined));
    const kept = run.record.findings.filter((f) => {
      const k = lineOf(f);
      return k === undefined || !taken.has(k);
    });
    if (kept.length === run.record.findings.length) continue;
    dropped += run.record.findings.length - kept.length;
    run.record.findings.splice(0, run.record.findings.length, ...kept);
    if (run.outcome === "fail") Object.assign(run, { reason: undefined }, outcomeOf(run.record));
  }
  return dropped;
}
