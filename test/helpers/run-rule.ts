import { defaultPolicy, type Policy } from "../../src/policy/policy-file.js";
import type { Assessment } from "../../src/core/assessment.js";
import type { Finding } from "../../src/core/finding.js";
import type { Rule } from "../../src/core/rule.js";
import { scan } from "../../src/api/scan.js";
import { githubConnector } from "../../src/forge/connect.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FORGE, materialize } from "./fixture-history.js";
import { startForgeServer } from "./forge-server.js";
import { tmpDir } from "./tmp-repo.js";

/** The clock rule tests run with, so fixtures with dated history mean the same thing every day. */
export const FIXTURE_NOW = new Date("2026-06-01T00:00:00Z");

/** Runs one rule over a directory (or the repository its history recipe describes). */
export async function runRule(rule: Rule, dir: string, policy: Policy = defaultPolicy()): Promise<{ findings: Finding[]; outcome: string; assessment: Assessment }> {
  // A network rule's fixture brings the forge's answers: serve them on 127.0.0.1 and scan online.
  const forgeFile = join(dir, FORGE);
  const server = rule.meta.network && existsSync(forgeFile) ? await startForgeServer(JSON.parse(readFileSync(forgeFile, "utf8")) as Record<string, unknown>) : undefined;
  const assessment = await scan({ path: materialize(dir), policy, rules: [rule], now: FIXTURE_NOW, ...(server ? { forge: githubConnector({ apiUrl: server.url }) } : {}) }).finally(() => server?.close());
  const result = assessment.rules.find((r) => r.id === rule.meta.id);
  return { findings: assessment.findings.filter((f) => f.ruleId === rule.meta.id), outcome: result?.outcome ?? "missing", assessment };
}

/** The fixture directory of a rule: test/fixtures/<family>/<name>/<kind>. */
export function fixtureDir(ruleId: string, kind: "bad" | "good" | string): string {
  return new URL(`../fixtures/${ruleId}/${kind}`, import.meta.url).pathname;
}

/** A runner of `rule` over temporary directories holding the given files, each removed after its test. */
export function ruleRunner(rule: Rule): (files: Record<string, string | Uint8Array>) => ReturnType<typeof runRule> {
  return (files) => runRule(rule, tmpDir(files));
}
