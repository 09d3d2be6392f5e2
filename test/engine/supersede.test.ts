import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import type { RuleMeta } from "../../src/core/rule.js";
import { dropSuperseded } from "../../src/engine/supersede.js";
import type { RuleRun } from "../../src/engine/run-rules.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

function meta(id: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return { id, title: id, severity: "low", confidence: "high", check: "Pinned-Dependencies", rationale: "r", remediation: "f", references: [], network: false, assessmentSection: "metadata", ...over };
}

function run(id: string, lines: (number | undefined)[], over: Partial<RuleMeta> = {}): RuleRun {
  const findings = lines.map((l, i) => ({ message: `${id} ${i}`, locations: [{ path: "w.yml", ...(l !== undefined ? { startLine: l } : {}) }] }));
  return { rule: { meta: meta(id, over), run: async () => {} }, outcome: findings.length > 0 ? "fail" : "pass", record: { findings, evidence: [], unread: [], incomplete: [] }, ms: 0 };
}

describe("superseded findings", () => {
  it("drops a rule's findings on lines the rule it defers to reports, and keeps the rest", () => {
    const strong = run("a/strong", [3, 7]);
    const weak = run("b/weak", [3, 5, 7, undefined], { supersededBy: ["a/strong"] });
    assert.equal(dropSuperseded([weak, strong]), 2);
    assert.deepEqual(weak.record.findings.map((f) => f.locations?.[0]?.startLine), [5, undefined]);
    assert.equal(strong.record.findings.length, 2, "the rule deferred to keeps its own");
    assert.equal(weak.outcome, "fail");
  });

  it("passes a rule whose every finding was taken, and leaves it alone when the other rule is not in the scan", () => {
    const weak = run("b/weak", [3], { supersededBy: ["a/strong"] });
    assert.equal(dropSuperseded([weak, run("a/strong", [3])]), 1);
    assert.equal(weak.outcome, "pass");
    const alone = run("b/weak", [3], { supersededBy: ["a/strong"] });
    assert.equal(dropSuperseded([alone]), 0);
    assert.equal(alone.record.findings.length, 1);
  });

  it("names only rules that exist", () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const r of RULES) for (const id of r.meta.supersededBy ?? []) assert.ok(ids.has(id) && id !== r.meta.id, `${r.meta.id} defers to unknown rule ${id}`);
  });

  it("reports each ad-hoc install in a workflow once, and what only the workflow rule knows still", async () => {
    const dir = tmpDir({
      ".github/workflows/ci.yml":
        "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install requests\n          gem install rake\n          yarn global add prettier\n",
    });
    const rules = RULES.filter((r) => r.meta.id === "workflows/adhoc-packages" || r.meta.id === "supply-chain/unpinned-package-install");
    const a = await scan({ path: dir, policy: defaultPolicy(), rules, now: new Date("2026-06-01T00:00:00Z") });
    const at = a.findings.map((f) => `${f.locations[0]?.startLine} ${f.ruleId}`).sort();
    assert.deepEqual(at, ["10 workflows/adhoc-packages", "8 supply-chain/unpinned-package-install", "9 supply-chain/unpinned-package-install"]);
    const only = await scan({ path: dir, policy: defaultPolicy(), rules: rules.filter((r) => r.meta.id === "workflows/adhoc-packages"), now: new Date("2026-06-01T00:00:00Z") });
    assert.equal(only.findings.length, 3, "without the rule it defers to, it reports every install");
  });
});
