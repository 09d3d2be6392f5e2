// When a VEX statement was made, for the rule every VEX format shares: the newest statement about a
// product wins wherever the document lists it.
import type { VexStatement } from "../core/vex.js";

/** Milliseconds of an ISO time, or undefined when `v` is not one. */
export function isoTime(v: unknown): number | undefined {
  const t = typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** Sorts statements oldest first, in place and stably: triage takes the last one that applies. */
export function oldestFirst(statements: VexStatement[], when: ReadonlyMap<VexStatement, number>): void {
  statements.sort((a, b) => {
    const x = when.get(a) ?? -Infinity;
    const y = when.get(b) ?? -Infinity;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
