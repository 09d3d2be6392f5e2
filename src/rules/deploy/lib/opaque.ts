import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import type { RuleContext } from "../../types.js";
import { VENDOR_HINT, type OpaqueValue, type Subject } from "./inputs.js";

/** A path a rule reads, "*" standing for any list index. */
export type ReadPath = readonly (string | number)[];

/**
 * True when one path is a prefix of the other: what is written at one decides what is read at the
 * other. Unknown text among a mapping's keys (`keys` set) decides a read under one of the keys
 * the template writes itself only by duplicating that key, which YAML refuses: such a read is known.
 */
function overlaps(written: YamlPath, read: ReadPath, keys?: readonly string[]): boolean {
  const n = Math.min(written.length, read.length);
  for (let i = 0; i < n; i++) {
    const r = read[i];
    if (r === "*" ? typeof written[i] !== "number" : r !== written[i]) return false;
  }
  const next = read[written.length];
  return !(keys && read.length > written.length && typeof next === "string" && next !== "*" && keys.includes(next));
}

/** The unknown text that decides what `read` of a Helm object finds, if any. */
export function deciderOf(subject: Subject, read: ReadPath): OpaqueValue | undefined {
  return subject.opaque.find((o) => overlaps(o.path, read, o.keys));
}

/** Records, once per rule and object, that unknown text keeps the rule from judging (part of) the object. */
export function noteHidden(ctx: RuleContext, subject: Subject, o: OpaqueValue, consequence = ", so it cannot be judged"): void {
  const place = subject.place(o.path);
  // Unknown text among a mapping's keys is part of it; elsewhere it is the whole value.
  ctx.incomplete(`${subject.label}: ${o.path.join(".") || "the whole object"} ${o.keys ? "also holds" : "is"} ${o.reason}${consequence} ${o.hint ?? VENDOR_HINT}`, {
    path: place.location.path,
    ...(place.location.startLine !== undefined ? { line: place.location.startLine } : {}),
  });
}

/**
 * Whether a rule reading `reads` of a Helm object would read what a template the chart lacks
 * wrote; if so the rule records, once, that it cannot judge the object, and should skip it.
 */
export function hiddenFrom(ctx: RuleContext, subject: Subject, reads: readonly ReadPath[]): boolean {
  for (const r of reads) {
    const o = deciderOf(subject, r);
    if (!o) continue;
    noteHidden(ctx, subject, o);
    return true;
  }
  return false;
}
