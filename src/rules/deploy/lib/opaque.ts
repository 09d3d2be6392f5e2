import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import type { RuleContext } from "../../types.js";
import { VENDOR_HINT, type Subject } from "./inputs.js";

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

/**
 * Whether a rule reading `reads` of a Helm object would read what a template the chart lacks
 * wrote; if so the rule records, once, that it cannot judge the object, and should skip it.
 */
export function hiddenFrom(ctx: RuleContext, subject: Subject, reads: readonly ReadPath[]): boolean {
  for (const o of subject.opaque) {
    if (!reads.some((r) => overlaps(o.path, r, o.keys))) continue;
    const place = subject.place(o.path);
    ctx.incomplete(`${subject.label}: ${o.path.join(".") || "the whole object"} is ${o.reason}, so it cannot be judged ${o.hint ?? VENDOR_HINT}`, {
      path: place.location.path,
      ...(place.location.startLine !== undefined ? { line: place.location.startLine } : {}),
    });
    return true;
  }
  return false;
}
