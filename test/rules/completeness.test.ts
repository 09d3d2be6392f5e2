// ESLint's checkRuleFiles for assay. It walks src/rules/*/ itself, so nothing can be forgotten:
// every rule file is registered in its family, has valid meta, a test file, a generated doc page,
// a `bad` fixture that fires and a `good` fixture that stays quiet; every check has a rule; no doc
// page or fixture folder is left without its rule; every generated file is current.
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findCheck } from "../../src/core/check.js";
import { ASSESSMENT_SECTIONS, type Rule } from "../../src/core/rule.js";
import { isSeverity } from "../../src/core/severity.js";
import { CHECKS, FAMILIES, RULES } from "../../src/rules/index.js";
import { expectedFiles, familyFolders } from "../../scripts/gen-docs.js";
import { fixtureDir, runRule } from "../helpers/run-rule.js";

const root = new URL("../../", import.meta.url).pathname;
const ls = (dir: string): string[] => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []);

/** Rule files on disk: src/rules/<family>/<name>.ts, not index.ts, not lib/. */
function ruleFilesOnDisk(): string[] {
  return familyFolders().flatMap((fam) => ls(`src/rules/${fam}`).filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".d.ts")).map((f) => `${fam}/${f.slice(0, -3)}`));
}

describe("rule registry", () => {
  it("has unique rule ids and unique check ids", () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    const checks = CHECKS.map((c) => c.id);
    assert.equal(new Set(checks).size, checks.length);
  });

  it("registers every rule file on disk, and nothing else", () => {
    assert.deepEqual(RULES.map((r) => r.meta.id).sort(), ruleFilesOnDisk().sort(), "each src/rules/<family>/<name>.ts is a rule in its family's index.ts (helpers go in lib/)");
  });

  it("keeps each family's rules in its own folder", () => {
    for (const fam of FAMILIES) for (const r of fam.rules) assert.ok(r.meta.id.startsWith(`${fam.id}/`), `${r.meta.id} is registered by family ${fam.id}`);
  });

  it("has a rule behind every check", () => {
    for (const c of CHECKS) assert.ok(RULES.some((r) => r.meta.check === c.id), `check ${c.id} has no rule`);
  });

  it("leaves no doc page, test file or fixture folder without its rule", () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const fam of ls("docs/rules")) for (const page of ls(`docs/rules/${fam}`)) assert.ok(ids.has(`${fam}/${page.replace(/\.md$/, "")}`), `docs/rules/${fam}/${page} has no rule`);
    // A family's `samples/` folder (and its generator script) holds inputs several of its tests share, like src's lib/.
    const ruleDirs = (fam: string): string[] => ls(`test/fixtures/${fam}`).filter((d) => d !== "samples" && statSync(join(root, "test/fixtures", fam, d)).isDirectory());
    for (const fam of ls("test/fixtures").filter((f) => f !== "golden")) for (const dir of ruleDirs(fam)) assert.ok(ids.has(`${fam}/${dir}`), `test/fixtures/${fam}/${dir} has no rule`);
    for (const fam of familyFolders()) for (const t of ls(`test/rules/${fam}`).filter((f) => f.endsWith(".test.ts"))) assert.ok(ids.has(`${fam}/${t.replace(/\.test\.ts$/, "")}`), `test/rules/${fam}/${t} has no rule`);
  });

  it("has every generated file current (docs, schema, families, README table): run `npm run docs`", () => {
    for (const [rel, want] of expectedFiles()) assert.equal(existsSync(join(root, rel)) ? readFileSync(join(root, rel), "utf8") : undefined, want, `stale ${rel}; run npm run docs`);
  });
});

for (const rule of RULES as readonly Rule[]) {
  const { meta } = rule;
  describe(meta.id, () => {
    it("has well-formed meta", () => {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, "id is family/name in kebab case");
      assert.ok(isSeverity(meta.severity));
      assert.ok(findCheck(CHECKS, meta.check)?.id === meta.check, `check ${meta.check} is declared by a family`);
      assert.ok((ASSESSMENT_SECTIONS as readonly string[]).includes(meta.assessmentSection));
      assert.ok(meta.title.length > 5 && meta.rationale.length > 40 && meta.remediation.length > 20);
      for (const r of meta.references) assert.match(r.url, /^https:\/\//);
    });
    it("lives in a file named after its id, with a test file", () => {
      assert.ok(existsSync(join(root, "src/rules", `${meta.id}.ts`)), `src/rules/${meta.id}.ts`);
      assert.ok(existsSync(join(root, "test/rules", `${meta.id}.test.ts`)), `test/rules/${meta.id}.test.ts`);
    });
    it("fires on its bad fixture", async () => {
      const dir = fixtureDir(meta.id, "bad");
      assert.ok(existsSync(dir), `missing ${dir}`);
      const { findings, outcome } = await runRule(rule, dir);
      assert.equal(outcome, "fail");
      assert.ok(findings.length > 0);
    });
    it("stays quiet on its good fixture", async () => {
      const dir = fixtureDir(meta.id, "good");
      assert.ok(existsSync(dir), `missing ${dir}`);
      const { findings, outcome } = await runRule(rule, dir);
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  });
}
