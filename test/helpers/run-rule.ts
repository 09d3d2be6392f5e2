import { defaultPolicy, type Policy } from "../../src/policy/policy-file.js";
import type { Assessment } from "../../src/core/assessment.js";
import type { Finding } from "../../src/core/finding.js";
import type { Persona, Rule } from "../../src/core/rule.js";
import { scan } from "../../src/api/scan.js";
import { githubConnector } from "../../src/forge/connect.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FORGE, materialize } from "./fixture-history.js";
import { startForgeServer } from "./forge-server.js";
import { tmpDir } from "./tmp-repo.js";
import type { AdvisoryConnection } from "../../src/core/advisories.js";
import { MemoryAdvisoryDatabase } from "../../src/advisories/memory.js";
import { readDocument, type ImportProblem, type ReadRecord } from "../../src/advisories/import.js";

/** The clock rule tests run with, so fixtures with dated history mean the same thing every day. */
export const FIXTURE_NOW = new Date("2026-06-01T00:00:00Z");

/**
 * Runs one rule over a directory (or the repository its history recipe describes). At the auditor
 * persona by default: a rule's tests are about everything it can find; what a regular scan keeps is
 * tested where the persona matters.
 */
export async function runRule(rule: Rule, dir: string, policy: Policy = defaultPolicy(), persona: Persona = "auditor"): Promise<{ findings: Finding[]; outcome: string; assessment: Assessment }> {
  // A network rule's fixture brings the forge's answers: serve them on 127.0.0.1 and scan online.
  const forgeFile = join(dir, FORGE);
  const server = rule.meta.network && existsSync(forgeFile) ? await startForgeServer(JSON.parse(readFileSync(forgeFile, "utf8")) as Record<string, unknown>) : undefined;
  const advisories = rule.meta.advisories ? fixtureAdvisories(dir) : undefined;
  const assessment = await scan({ path: materialize(dir), policy, rules: [rule], persona, now: FIXTURE_NOW, ...(advisories ? { advisories } : {}), ...(server ? { forge: githubConnector({ apiUrl: server.url }) } : {}) }).finally(() => server?.close());
  const result = assessment.rules.find((r) => r.id === rule.meta.id);
  return { findings: assessment.findings.filter((f) => f.ruleId === rule.meta.id), outcome: result?.outcome ?? "missing", assessment };
}

/**
 * A rule that needs the advisory database gets one from its fixture's `advisories.json` (OSV
 * records, a list or an export document), held in memory; without that file, none.
 */
export function fixtureAdvisories(dir: string): AdvisoryConnection {
  const file = join(dir, ADVISORIES);
  if (!existsSync(file)) return { reason: "no advisory database (the fixture has no advisories.json)" };
  const records: ReadRecord[] = [];
  const problems: ImportProblem[] = [];
  readDocument(readFileSync(file, "utf8"), file, false, records, problems);
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => p.message).join("; ")}`);
  return { database: new MemoryAdvisoryDatabase(records.map((r) => ({ ...r.record, local: (r.raw as { database_specific?: { local?: boolean } }).database_specific?.local === true })), { updated: FIXTURE_NOW.toISOString() }) };
}

/** The advisories a fixture of a `deps` rule brings. */
export const ADVISORIES = "advisories.json";

/** The fixture directory of a rule: test/fixtures/<family>/<name>/<kind>. */
export function fixtureDir(ruleId: string, kind: "bad" | "good" | string): string {
  return new URL(`../fixtures/${ruleId}/${kind}`, import.meta.url).pathname;
}

/** A runner of `rule` over temporary directories holding the given files, each removed after its test. */
export function ruleRunner(rule: Rule, persona: Persona = "auditor"): (files: Record<string, string | Uint8Array>) => ReturnType<typeof runRule> {
  return (files) => runRule(rule, tmpDir(files), defaultPolicy(), persona);
}
