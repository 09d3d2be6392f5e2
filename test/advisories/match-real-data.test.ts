import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import semver from "semver";
import { readDocument, type ReadRecord } from "../../src/advisories/import.js";
import { matchPackage } from "../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../src/advisories/memory.js";
import type { OsvEcosystem } from "../../src/ecosystems/packages.js";
import { versionOrder } from "../../src/ecosystems/versions.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";

// Every converted record of ../shared/data/osv (npm, RubyGems, Packagist) keeps its source's own
// requirement in `database_specific`. Here assay's verdict on the OSV events is compared with that
// requirement, evaluated the way the source's tool does, at release versions around every bound:
// range evaluation, event sorting, `last_affected`, several ranges per entry and the version orders
// are all checked against an answer that does not go through them.

interface Raw {
  id: string;
  withdrawn?: string;
  affected: { package: { ecosystem: string; name: string }; ranges?: { type: string; events: Record<string, string>[] }[] }[];
  database_specific?: Record<string, unknown>;
}

function records(folder: string): { raw: Raw; db: MemoryAdvisoryDatabase }[] {
  const out: { raw: Raw; db: MemoryAdvisoryDatabase }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith(".json")) {
        const read: ReadRecord[] = [];
        readDocument(readFileSync(join(dir, e.name), "utf8"), e.name, false, read, []);
        const r = read[0];
        assert.ok(r, e.name);
        out.push({ raw: r.raw as Raw, db: new MemoryAdvisoryDatabase([{ ...r.record, local: false }]) });
      }
    }
  };
  walk(join(sharedData() as string, "osv", folder));
  return out;
}

/** Release versions at and next to every bound of the record's ranges. */
function probes(raw: Raw): string[] {
  const out = new Set<string>();
  for (const a of raw.affected) {
    for (const r of a.ranges ?? []) {
      for (const e of r.events) {
        for (const v of Object.values(e)) {
          const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? /^(\d+)\.(\d+)()/.exec(v);
          if (!m) continue;
          const [x, y, z] = [Number(m[1]), Number(m[2]), Number(m[3] || 0)];
          for (const p of [`${x}.${y}.${z}`, `${x}.${y}.${z + 1}`, z > 0 ? `${x}.${y}.${z - 1}` : y > 0 ? `${x}.${y - 1}.99` : undefined, `${x}.${y + 1}.0`]) if (p) out.add(p);
        }
      }
    }
  }
  return [...out];
}

function disagreements(folder: string, ecosystem: OsvEcosystem, expected: (raw: Raw, version: string) => boolean | undefined): { checked: number; records: number; wrong: string[] } {
  let checked = 0;
  const all = records(folder).filter((r) => !r.raw.withdrawn);
  const wrong: string[] = [];
  for (const { raw, db } of all) {
    const name = raw.affected[0]?.package.name as string;
    for (const v of probes(raw)) {
      const want = expected(raw, v);
      if (want === undefined) continue;
      checked++;
      const got = matchPackage(db, { ecosystem, name, version: v, purl: `pkg:x/${name}@${v}`, lockfile: "lock" }).length > 0;
      if (got !== want) wrong.push(`${raw.id} at ${v}: ${want ? "affected" : "not affected"} by its source, ${got ? "affected" : "not affected"} here`);
    }
  }
  return { checked, records: all.length, wrong };
}

/** Gem::Requirement: `~> 6.1.7` is `>= 6.1.7` and below 6.2; a comma joins requirements that must all hold. */
function gemSatisfies(requirement: string, version: string): boolean {
  const order = versionOrder("RubyGems");
  assert.ok(order);
  return requirement.split(",").every((part) => {
    const m = /^\s*(~>|>=|<=|!=|>|<|=)?\s*(\S+)\s*$/.exec(part);
    assert.ok(m, requirement);
    const bound = m[2] as string;
    const c = order.compare(version, bound);
    switch (m[1] ?? "=") {
      case "~>": {
        const nums = bound.split(".").filter((s) => /^\d+$/.test(s)).map(Number);
        const kept = nums.length > 1 ? nums.slice(0, -1) : nums;
        kept[kept.length - 1] = (kept[kept.length - 1] ?? 0) + 1;
        return c >= 0 && order.compare(version, kept.join(".")) < 0;
      }
      case ">=":
        return c >= 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      case "<":
        return c < 0;
      case "!=":
        return c !== 0;
      default:
        return c === 0;
    }
  });
}

/** One Composer constraint (`>=2.0`, `<2.3.2-p2`) as FriendsOfPHP branches write them. */
function composerSatisfies(constraint: string, version: string): boolean {
  const order = versionOrder("Packagist");
  assert.ok(order);
  const m = /^\s*(>=|<=|!=|>|<|==|=)?\s*(\S+)\s*$/.exec(constraint);
  assert.ok(m, constraint);
  const c = order.compare(version, m[2] as string);
  const op = m[1] ?? "=";
  return op === ">=" ? c >= 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : op === "<" ? c < 0 : op === "!=" ? c !== 0 : c === 0;
}

describe("matching real records against their sources' own requirements", skipWithoutSharedData(), () => {
  it("npm: node-semver's reading of `vulnerable_versions`", () => {
    const r = disagreements("npm", "npm", (raw, v) => semver.satisfies(v, String(raw.database_specific?.vulnerable_versions)));
    assert.deepEqual(r.wrong, []);
    assert.ok(r.records === 467 && r.checked > 2_000, `${r.records} records, ${r.checked} checks`);
  });

  it("RubyGems: affected unless a `patched_versions` or `unaffected_versions` requirement holds (bundler-audit's rule)", () => {
    const r = disagreements("RubyGems", "RubyGems", (raw, v) => {
      const db = raw.database_specific ?? {};
      // A platform-only advisory (jruby) is wider in OSV, which cannot say a platform.
      if (db.platform !== undefined) return undefined;
      const reqs = [...((db.patched_versions as string[] | undefined) ?? []), ...((db.unaffected_versions as string[] | undefined) ?? [])];
      return !reqs.some((q) => gemSatisfies(q, v));
    });
    assert.deepEqual(r.wrong, []);
    assert.ok(r.records > 1_200 && r.checked > 8_000, `${r.records} records, ${r.checked} checks`);
  });

  it("Packagist: the OR of FriendsOfPHP's branches, each the AND of its constraints", () => {
    const r = disagreements("Packagist", "Packagist", (raw, v) => {
      const branches = Object.values((raw.database_specific?.branches ?? {}) as Record<string, { versions: string[] }>);
      return branches.some((b) => b.versions.every((c) => composerSatisfies(c, v)));
    });
    assert.deepEqual(r.wrong, []);
    assert.ok(r.records > 1_500 && r.checked > 20_000, `${r.records} records, ${r.checked} checks`);
  });
});
