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
 * Targets and recipes judged per file. Real Makefiles have tens; past this the rest of a file is not
 * judged, which keeps the closure computation below (quadratic in the targets) small on hostile input.
 */
const MAX_UNITS = 500;

/**
 * Scripts that publish without anything in CI calling them, one entry per unit that holds publish
 * commands no run of the file signs: a publish is signed when some target whose run includes it
 * (itself, or one depending on it, like `release: sign upload`) also signs. Reads are best effort:
 * a script nobody can read and nothing calls is not evidence of a release.
 */
export async function manualReleases(ctx: RuleContext, reader: ScriptReader, calledByCi: ReadonlySet<string>): Promise<{ releases: ManualRelease[]; publishing: boolean }> {
  const releases: ManualRelease[] = [];
  let publishing = false;
  for (const f of scriptFiles(ctx.files, MAX_SCRIPTS)) {
    if (calledByCi.has(f.path)) continue;
    const units = (await reader.units(f.path, true)).slice(0, MAX_UNITS);
    const publishers = units.filter((u) => publishesOf(u).length > 0);
    if (publishers.length === 0) continue;
    publishing = true;
    const signed = new Set<ScriptUnit>();
    if (units[0]?.name === undefined) {
      if (units.some(signs)) units.forEach((u) => signed.add(u));
    } else {
      for (const entry of units) {
        const run = closure(units, [entry.name as string]);
        if (run.some(signs)) run.forEach((u) => signed.add(u));
      }
    }
    for (const unit of publishers) {
      if (signed.has(unit)) continue;
      releases.push({ path: f.path, ...(unit.name !== undefined ? { name: unit.name } : {}), publishes: publishesOf(unit) });
    }
  }
  return { releases, publishing };
}
