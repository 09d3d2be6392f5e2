// ESLint's checkRuleFiles for assay: every rule has valid meta, a file named after its id, a
// generated doc page, a `bad` fixture that fires and a `good` fixture that stays quiet.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findCheck } from "../../src/core/check.js";
import { ASSESSMENT_SECTIONS } from "../../src/core/rule.js";
import { isSeverity } from "../../src/core/severity.js";
import { ruleDoc } from "../../src/engine/rule-doc.js";
import { RULES } from "../../src/rules/index.js";
import { fixtureDir, runRule } from "../helpers/run-rule.js";

const root = new URL("../../", import.meta.url).pathname;

describe("rule registry", () => {
  it("has unique ids", () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});

for (const rule of RULES) {
  const { meta } = rule;
  describe(meta.id, () => {
    it("has well-formed meta", () => {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, "id is family/name in kebab case");
      assert.ok(isSeverity(meta.severity));
      assert.ok(findCheck(meta.check), `check ${meta.check} is declared in CHECKS`);
      assert.ok((ASSESSMENT_SECTIONS as readonly string[]).includes(meta.assessmentSection));
      assert.ok(meta.title.length > 5 && meta.rationale.length > 40 && meta.remediation.length > 20);
      for (const r of meta.references) assert.match(r.url, /^https:\/\//);
    });
    it("lives in a file named after its id", () => {
      assert.ok(existsSync(join(root, "src/rules", `${meta.id}.ts`)), `src/rules/${meta.id}.ts`);
    });
    it("has an up-to-date doc page", () => {
      const page = join(root, "docs/rules", `${meta.id}.md`);
      assert.ok(existsSync(page), `missing ${page}; run npm run docs`);
      assert.equal(readFileSync(page, "utf8"), ruleDoc(meta), `stale ${page}; run npm run docs`);
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
