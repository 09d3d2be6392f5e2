import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { POLICY_TEMPLATE } from "../../src/cli/init-templates.js";
import type { Assessment } from "../../src/core/assessment.js";
import { OPTIONS_THAT_LOOSEN, OPTIONS_THAT_TIGHTEN, policyLoosening } from "../../src/policy/loosening.js";
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
      "leaves files the checks judge out of the scan (.github/** covers .github/workflows/ci.yml)",
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
    assert.match(note?.message ?? "", /^the scanned checkout's own assay\.yml turns off 1 rule \(workflows\/template-injection\); .*leaves files the checks judge out of the scan \(\.github\/\*\* covers \.github\/workflows\/ci\.yml\); fails the gate on no finding's severity$/);
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

  it("leaving out what the checks judge is a warning, shown without --verbose: the checks would read not applicable", async () => {
    assert.deepEqual(loosening('exclude:\n  - "vendor/**"\n  - "**"\n  - "*.yml"\n  - "**/testdata/**"\n'), [
      "leaves files the checks judge out of the scan (** covers .github/workflows/ci.yml, *.yml covers action.yml)",
      "leaves 2 path patterns out of the scan (vendor/**, **/testdata/**)",
    ]);
    // What projects leave out of their own scans stays a note.
    for (const p of ["vendor/**", "test/**", "tests/fixtures/**", "**/node_modules/**", "dist/**", "docs/**", "**/*.min.js", "third_party/**", "examples/**"]) {
      assert.deepEqual(loosening(`exclude: ["${p}"]\n`), [`leaves 1 path pattern out of the scan (${p})`], p);
    }
    const dir = tmpDir({ "assay.yml": 'exclude:\n  - "**"\n', ".github/workflows/ci.yml": "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n" });
    const note = (await scanJson(dir)).diagnostics.find((d) => d.code === "policy-loosens");
    assert.equal(note?.level, "warning");
    let text = "";
    await cli(["scan", "."], { stdout: { write: (s: string) => (text += s) }, stderr: { write: () => true }, cwd: dir, env: { ASSAY_NOW: "2026-06-01T00:00:00Z" } });
    assert.match(text, /warning: the scanned checkout's own assay\.yml leaves files the checks judge out of the scan \(\*\* covers \.github\/workflows\/ci\.yml\)/);
  });

  it("names rule options that accept what the rule reports", () => {
    assert.deepEqual(loosening('rules:\n  workflows/unpinned-uses:\n    options:\n      allow-tags: ["*"]\n      forbidden-uses: [evil/*]\n  supply-chain/unpinned-package-install:\n    options:\n      ignore: [pip, npm]\n  workflows/dependabot-cooldown:\n    options:\n      days: 0\n'), [
      "sets 3 rule options that let findings pass (workflows/unpinned-uses allow-tags: *, supply-chain/unpinned-package-install ignore: pip, npm, workflows/dependabot-cooldown days: 0)",
    ]);
    assert.deepEqual(loosening('rules:\n  workflows/unpinned-uses:\n    options:\n      allow-tags: []\n      forbidden-uses: [evil/*]\n  deps/vulnerable-dependency:\n    options:\n      reachability: false\n  workflows/dependabot-cooldown:\n    options:\n      days: 14\n'), []);
  });

  it("names a secrets allowlist that covers what the checks judge, not one of fixtures", () => {
    assert.deepEqual(loosening('secrets:\n  allow:\n    paths: ["test/fixtures/**", "**/*.md", "src/**"]\n'), ["accepts any secret in files the checks judge (secrets.allow.paths: src/** covers src/index.js)"]);
    assert.deepEqual(loosening('secrets:\n  allow:\n    paths: ["test/**", "docs/**", "**/.env.example"]\n'), []);
  });

  it("classifies every option of every rule as loosening or not", () => {
    for (const m of metas) {
      for (const name of Object.keys(m.options ?? {})) {
        const loosens = OPTIONS_THAT_LOOSEN[m.id]?.includes(name) ?? false;
        const tightens = OPTIONS_THAT_TIGHTEN[m.id]?.includes(name) ?? false;
        assert.ok(loosens !== tightens, `${m.id} option ${name}: add it to OPTIONS_THAT_LOOSEN or OPTIONS_THAT_TIGHTEN in src/policy/loosening.ts`);
      }
    }
  });
});
