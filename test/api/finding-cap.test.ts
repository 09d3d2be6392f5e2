// A flood of findings in one file becomes the first 200 and one summary with the exact count; past
// the cap the engine only counts, so a hostile file costs a counter, not a finding per line.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import type { Rule } from "../../src/core/rule.js";
import { MAX_FINDINGS_PER_FILE } from "../../src/engine/findings.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

function flood(counts: Record<string, number>): Rule {
  return {
    meta: { ...RULES[0]!.meta, id: "test/flood", title: "Flood", severity: "low" },
    run(ctx) {
      for (const [path, n] of Object.entries(counts)) {
        for (let i = 1; i <= n; i++) ctx.report({ message: `finding ${i}`, ...(path ? { locations: [{ path, startLine: i }] } : {}), key: `${path}:${i}`, ...(i === MAX_FINDINGS_PER_FILE + 1 ? { severity: "medium" as const } : i === 700 ? { severity: "critical" as const } : {}) });
      }
    },
  };
}

describe("findings per rule and file", () => {
  it("keeps the first 200 per file and one summary with the exact count and the most severe dropped one's severity", async () => {
    const a = await scan({ path: tmpDir({ "a.txt": "x\n", "b.txt": "y\n" }), policy: defaultPolicy(), rules: [flood({ "a.txt": 1_000, "b.txt": 3, "": 205 })], now: new Date("2026-06-01T00:00:00Z") });
    const byPath = (p: string | undefined) => a.findings.filter((f) => f.locations[0]?.path === p);
    assert.equal(byPath("a.txt").length, MAX_FINDINGS_PER_FILE + 1);
    assert.equal(byPath("b.txt").length, 3);
    assert.equal(byPath(undefined).length, MAX_FINDINGS_PER_FILE + 1);
    const summary = byPath("a.txt").find((f) => f.evidence["total"] !== undefined);
    assert.equal(summary?.message, "800 more findings of this rule in a.txt are not listed (1000 in all; only the first 200 are shown)");
    assert.deepEqual(summary?.evidence, { total: 1_000, shown: 200 });
    assert.equal(summary?.severity, "critical", "a critical finding past the cap is not hidden below the lesser ones before it");
    const rest = byPath(undefined).find((f) => f.evidence["total"] !== undefined);
    assert.match(rest?.message ?? "", /^5 more findings of this rule in the repository/);
    assert.equal(rest?.severity, "medium", "the 201st (medium) outranks the rule's own low");
    assert.equal(a.rules[0]?.outcome, "fail");
    assert.equal(a.rules[0]?.findings, 2 * (MAX_FINDINGS_PER_FILE + 1) + 3);
  });
});
