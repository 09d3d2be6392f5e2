// Release processes that live outside workflow files: shell scripts (release.sh, publish.fish…),
// Makefile targets and justfile recipes that publish. A workflow that calls one publishes what it
// publishes; one that nothing in CI calls is a release run by hand.

import type { RuleContext } from "../../types.js";
import { provenanceIn, publishesIn, signsIn, type PublishKind, type SignScope } from "./release-commands.js";
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

/** What a unit's signing commands cover (files, images), if it signs anything. */
export function signs(unit: ScriptUnit): Set<SignScope> {
  const out = new Set<SignScope>();
  for (const l of unit.lines) for (const s of signsIn(l.text)) out.add(s);
  return out;
}

/** What a unit's SLSA provenance attestations cover (a subset of what it `signs`). */
export function attestsProvenance(unit: ScriptUnit): Set<SignScope> {
  const out = new Set<SignScope>();
  for (const l of unit.lines) for (const s of provenanceIn(l.text)) out.add(s);
  return out;
}

/** True when signatures of these scopes cover a publish of this kind: an image signature covers images only. */
export function covers(scopes: ReadonlySet<string>, kind: PublishKind): boolean {
  return scopes.has("general") || (kind === "container" && scopes.has("container"));
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
export async function manualReleases(ctx: RuleContext, reader: ScriptReader, calledByCi: ReadonlySet<string>): Promise<{ releases: ManualRelease[]; publishing: boolean; signed: boolean }> {
  const releases: ManualRelease[] = [];
  let publishing = false;
  /** Some publish of a script run by hand is covered by its signing. */
  let signedAny = false;
  for (const f of scriptFiles(ctx.files, MAX_SCRIPTS)) {
    if (calledByCi.has(f.path)) continue;
    const units = (await reader.units(f.path, true)).slice(0, MAX_UNITS);
    const publishers = units.filter((u) => publishesOf(u).length > 0);
    if (publishers.length === 0) continue;
    publishing = true;
    // What signs each unit's publishes: the signing of every run that includes it (scripts run whole).
    const own = new Map(units.map((u) => [u, signs(u)]));
    const signed = new Map<ScriptUnit, Set<SignScope>>();
    const credit = (run: readonly ScriptUnit[]): void => {
      const scopes = new Set<SignScope>();
      for (const u of run) for (const s of own.get(u) ?? []) scopes.add(s);
      if (scopes.size === 0) return;
      for (const u of run) {
        let set = signed.get(u);
        if (!set) signed.set(u, (set = new Set()));
        for (const s of scopes) set.add(s);
      }
    };
    if (units[0]?.name === undefined) credit(units);
    else for (const entry of units) credit(closure(units, [entry.name as string]));
    for (const unit of publishers) {
      const scopes = signed.get(unit) ?? new Set<SignScope>();
      const all = publishesOf(unit);
      const unsigned = all.filter((p) => !covers(scopes, p.kind));
      if (unsigned.length < all.length) signedAny = true;
      if (unsigned.length === 0) continue;
      releases.push({ path: f.path, ...(unit.name !== undefined ? { name: unit.name } : {}), publishes: unsigned });
    }
  }
  return { releases, publishing, signed: signedAny };
}
