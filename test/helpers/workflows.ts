import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { scan } from "../../src/api/scan.js";
import { githubConnector } from "../../src/forge/connect.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { startForgeServer, type Routes } from "./forge-server.js";
import { git, tmpRepo } from "./tmp-repo.js";
import { applyEdits } from "../../src/core/apply-edits.js";
import type { Finding, TextEdit } from "../../src/core/finding.js";
import type { Rule } from "../../src/core/rule.js";
import { parseYaml } from "../../src/ecosystems/formats/yaml.js";
import { FIXTURE_NOW, ruleRunner } from "./run-rule.js";

/** Runs a workflows rule over one workflow (`.github/workflows/ci.yml`) or a set of files. */
export function workflowRunner(rule: Rule) {
  const run = ruleRunner(rule);
  return {
    run,
    /** One workflow file, plus any other files. */
    one: (yaml: string, extra: Record<string, string> = {}) => run({ ".github/workflows/ci.yml": yaml, ...extra }),
  };
}

/** `[message, line, column]` of each finding, for compact assertions. */
export function where(findings: readonly Finding[]): [number, number][] {
  return findings.map((f) => [f.locations[0]?.startLine ?? 0, f.locations[0]?.startColumn ?? 0]);
}

/**
 * Applies every edit of the findings to the files, checks each rewritten YAML file still parses,
 * runs the rule again over the result and returns the new texts and findings.
 */
export async function fixAndRescan(rule: Rule, files: Record<string, string>, findings: readonly Finding[]): Promise<{ texts: Record<string, string>; after: Finding[] }> {
  const byPath = new Map<string, TextEdit[]>();
  for (const f of findings) for (const e of f.edits ?? []) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  assert.ok(byPath.size > 0, "the findings carry edits");
  const texts = { ...files };
  for (const [path, edits] of byPath) {
    const r = applyEdits(texts[path] as string, edits);
    assert.deepEqual(r.rejected, [], `edits to ${path} apply cleanly`);
    texts[path] = r.text;
    if (/\.ya?ml$/.test(path)) assert.doesNotThrow(() => parseYaml(r.text), `${path} still parses after the fix:\n${r.text}`);
  }
  const { findings: after } = await ruleRunner(rule)(texts);
  return { texts, after };
}

/** Runs a network rule over workflow files in a repository whose origin is on GitHub, against canned forge answers. */
export async function runOnline(rule: Rule, files: Record<string, string>, routes: Routes): Promise<{ findings: Finding[]; outcome: string | undefined; reason: string | undefined; requests: string[] }> {
  const dir = tmpRepo(files);
  git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
  const server = await startForgeServer(routes);
  try {
    // At the auditor persona, as runRule: a rule's tests are about everything it can find.
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule], persona: "auditor", now: FIXTURE_NOW, forge: githubConnector({ apiUrl: server.url }) });
    return { findings: a.findings, outcome: a.rules[0]?.outcome, reason: a.rules[0]?.reason, requests: server.requests };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
