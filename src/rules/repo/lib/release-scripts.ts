// Release processes that live outside workflow files: shell scripts (release.sh, publish.fish…),
// Makefile targets and justfile recipes that publish. A workflow that calls one publishes what it
// publishes; one that nothing in CI calls is a release run by hand.

import type { RuleContext } from "../../types.js";
import { publishesIn, signsIn, type PublishKind } from "./release-commands.js";
import type { ScriptReader} from "./scripts.js";
import { closure, scriptFiles, type ScriptUnit } from "./scripts.js";

/** A place in a file, 1-based. */
export interface At {
  path: string;
  line: number;
  column: number;
}

/** A publish command found in a script, with where it is. */
export interface ScriptPublish {
  kind: PublishKind;
  via: string;
  at: At;
}

/** Scripts read per scan; release scripts are few, and a huge tree of shell scripts is rarely about releasing. */
const MAX_SCRIPTS = 1_000;

/** What a unit publishes, each at its line. */
export function publishesOf(unit: ScriptUnit): ScriptPublish[] {
  return unit.lines.flatMap((l) => publishesIn(l.text).map((p) => ({ ...p, at: { path: unit.path, line: l.line, column: l.column } })));
}

/** True when a unit signs or attests something. */
export function signs(unit: ScriptUnit): boolean {
  return unit.lines.some((l) => signsIn(l.text));
}

/** A release run by hand: a script, or a Makefile target, that publishes and that no workflow calls. */
export interface ManualRelease {
  path: string;
  name?: string;
  publishes: ScriptPublish[];
}

/**
 * Scripts that publish without anything in CI calling them, each unit once with what it (and the
 * units it depends on) publishes unsigned. Reads are best effort: a script nobody can read and
 * nothing calls is not evidence of a release.
 */
export async function manualReleases(ctx: RuleContext, reader: ScriptReader, calledByCi: ReadonlySet<string>): Promise<{ releases: ManualRelease[]; publishing: boolean }> {
  const releases: ManualRelease[] = [];
  let publishing = false;
  for (const f of scriptFiles(ctx.files, MAX_SCRIPTS)) {
    if (calledByCi.has(f.path)) continue;
    const units = await reader.units(f.path, true);
    const reported = new Set<string>();
    for (const unit of units) {
      if (publishesOf(unit).length === 0) continue;
      publishing = true;
      const reached = unit.name === undefined ? [unit] : closure(units, [unit.name]);
      if (reached.some(signs)) continue;
      const unsigned = reached.flatMap(publishesOf).filter((p) => !reported.has(`${p.at.line}:${p.kind}`));
      unsigned.forEach((p) => reported.add(`${p.at.line}:${p.kind}`));
      if (unsigned.length > 0) releases.push({ path: f.path, ...(unit.name !== undefined ? { name: unit.name } : {}), publishes: unsigned });
    }
  }
  return { releases, publishing };
}
