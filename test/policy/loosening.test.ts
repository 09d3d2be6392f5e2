import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { POLICY_TEMPLATE } from "../../src/cli/init-templates.js";
import type { Assessment } from "../../src/core/assessment.js";
import { policyLoosening } from "../../src/policy/loosening.js";
import { parsePolicy } from "../../src/policy/policy-file.js";
import { CHECKS, RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const metas = RULES.map((r) => r.meta);
const loosening = (text: string) => policyLoosening(parsePolicy(text, "assay.yml", metas, CHECKS), metas);

const LOOSE = `rules:
  workflows/template-injection: off
  workflows/dangerous-triggers:
    severity: info
fail:
  severity: none
exclude:
  - ".github/**"
`;

async function scanJson(dir: string, flags: string[] = []): Promise<Assessment> {
  let stdout = "";
  await cli(["scan", ".", "--format", "json", ...flags], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: dir, env: { ASSAY_NOW: "2026-06-01T00:00:00Z" } });
  return JSON.parse(stdout) as Assessment;
}

describe("what a policy loosens", () => {
  it("names rules turned off or made less severe, paths left out, and a gate that ignores findings", () => {
    assert.deepEqual(loosening(LOOSE), [
      "turns off 1 rule (workflows/template-injection)",
      "lowers the severity of 1 rule (workflows/dangerous-triggers high → info)",
      "leaves 1 path pattern out of the scan (.github/**)",
      "fails the gate on no finding's severity",
    ]);
    assert.deepEqual(loosening("fail:\n  severity: critical\n  incomplete: false\n  malicious: false\n"), [
      "fails the gate only on critical findings",
      "lets checks whose evidence could not be read pass the gate",
      "lets known malicious packages pass the gate",
    ]);
    assert.deepEqual(loosening("rules:\n  repo/license: off\n  repo/codeowners: off\n"), ["turns off 2 rules (repo/license, repo/codeowners)"]);
    assert.deepEqual(policyLoosening(parsePolicy("rules:\n  repo/license: off\n", "assay.yml", metas, CHECKS), metas.filter((m) => m.id.startsWith("secrets/"))), [], "only the rules that run");
  });

  it("says nothing of a policy that only tightens, nor of the template assay init writes", () => {
    assert.deepEqual(loosening("fail:\n  severity: medium\n  score: 7\nrules:\n  repo/license:\n    severity: critical\n"), []);
    assert.deepEqual(loosening(POLICY_TEMPLATE), []);
  });

  it("a scanned checkout's own loosening policy is a warning in the report; --policy is the user's own and is not", async () => {
    const dir = tmpDir({ "assay.yml": LOOSE, ".github/workflows/ci.yml": "on: push\njobs: {}\n" });
    const own = await scanJson(dir);
    const note = own.diagnostics.find((d) => d.code === "policy-loosens");
    assert.equal(note?.level, "warning");
    assert.equal(note?.path, "assay.yml");
    assert.match(note?.message ?? "", /^the scanned checkout's own assay\.yml turns off 1 rule \(workflows\/template-injection\); .*leaves 1 path pattern out of the scan \(\.github\/\*\*\); fails the gate on no finding's severity$/);
    assert.match(note?.hint ?? "", /--policy FILE/);

    const flagged = await scanJson(dir, ["--fail-on", "high"]);
    assert.doesNotMatch(flagged.diagnostics.find((d) => d.code === "policy-loosens")?.message ?? "", /fails the gate/, "--fail-on replaced the file's fail.severity");

    const secretsOnly = await scanJson(dir, ["--rule", "secrets"]);
    assert.doesNotMatch(secretsOnly.diagnostics.find((d) => d.code === "policy-loosens")?.message ?? "", /turns off|lowers/, "rules that do not run are not named");

    const mine = await scanJson(dir, ["--policy", "assay.yml"]);
    assert.equal(mine.diagnostics.find((d) => d.code === "policy-loosens"), undefined);
  });

  it("a policy that only leaves paths out is a note: nearly every project leaves out its fixtures", async () => {
    const dir = tmpDir({ "assay.yml": "exclude:\n  - test/fixtures/**\n", ".github/workflows/ci.yml": "on: push\njobs: {}\n" });
    const note = (await scanJson(dir)).diagnostics.find((d) => d.code === "policy-loosens");
    assert.equal(note?.level, "note");
    assert.match(note?.message ?? "", /leaves 1 path pattern out of the scan \(test\/fixtures\/\*\*\)$/);
  });
});
