import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/codeowners.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("repo/codeowners", () => {
  it("reports a missing CODEOWNERS at repository level", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "no CODEOWNERS file in .github/, the root, docs/ or .gitlab/");
    assert.deepEqual(findings[0]!.locations, []);
  });

  for (const path of ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS", ".github/CODEOWNERS"]) {
    it(`accepts ${path}`, async () => {
      const { findings, outcome } = await run({ [path]: "* @widgetco/maintainers\n" });
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("explains that a lower-case codeowners file is ignored by forges", async () => {
    const { findings } = await run({ ".github/codeowners": "* @widgetco/maintainers\n" });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /\.github\/codeowners is not read by GitHub or GitLab/);
    assert.deepEqual(findings[0]!.locations, [{ path: ".github/codeowners", startLine: 1, startColumn: 1 }]);
  });

  it("does not look for CODEOWNERS in other folders", async () => {
    const { findings } = await run({ "src/CODEOWNERS": "* @widgetco/maintainers\n" });
    assert.equal(findings.length, 1);
  });

  it("reports an empty CODEOWNERS, or one with only comments, as assigning nobody", async () => {
    for (const text of ["", "# owners go here\n\n   \n"]) {
      const { findings } = await run({ CODEOWNERS: text });
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.message, "CODEOWNERS has no rules, so no file has an owner");
      assert.deepEqual(findings[0]!.locations, [{ path: "CODEOWNERS", startLine: 1, startColumn: 1 }]);
    }
  });
});
