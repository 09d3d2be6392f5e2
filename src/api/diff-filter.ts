// Pull-request mode for every family: a finding is kept only when it is on a line added since the
// base (a file-level finding: when its file changed). Repository-level findings describe no
// change and are left out too. What was left out is counted, never silently lost.
import type { FindingInput, Location } from "../core/finding.js";
import type { ChangedLines } from "../workspace/history.js";

/** True when the finding's primary location is on an added line (or in a changed file, for a file-level finding). */
export function inDiff(f: FindingInput, changed: ChangedLines): boolean {
  const loc: Location | undefined = f.locations?.[0];
  if (!loc) return false;
  const lines = changed.get(loc.path.replace(/^\.\//, ""));
  if (lines === undefined) return false;
  if (lines === "all" || loc.startLine === undefined) return true;
  const from = loc.startLine;
  const to = loc.endLine ?? from;
  return lines.some(([a, b]) => a <= to && b >= from);
}

/** Splits each rule's findings into those in the diff (kept in place) and a count of the others; `alsoKeep` names findings the change made elsewhere (in its own commits). */
export function filterToDiff(records: readonly { findings: FindingInput[]; overflow?: Map<string, { count: number }> }[], changed: ChangedLines, alsoKeep?: (f: FindingInput) => boolean): number {
  let dropped = 0;
  for (const r of records) {
    const kept = r.findings.filter((f) => inDiff(f, changed) || alsoKeep?.(f) === true);
    dropped += r.findings.length - kept.length;
    r.findings.splice(0, r.findings.length, ...kept);
    // Findings counted past the per-file cap have no line kept: those of a file the change did not
    // touch are left out; those of a changed file stay counted (they may be on its added lines).
    for (const [path, o] of r.overflow ?? []) {
      if (changed.has(path.replace(/^\.\//, ""))) continue;
      dropped += o.count;
      r.overflow?.delete(path);
    }
  }
  return dropped;
}
