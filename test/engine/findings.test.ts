import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FindingInput } from "../../src/core/finding.js";
import type { Rule, RuleMeta } from "../../src/core/rule.js";
import { scan } from "../../src/api/scan.js";
import { toFindings } from "../../src/engine/findings.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { FIXTURE_NOW } from "../helpers/run-rule.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const meta: RuleMeta = {
  id: "fam/rule",
  title: "t",
  severity: "medium",
  confidence: "high",
  check: "C",
  rationale: "r",
  remediation: "r",
  references: [],
  network: false,
  assessmentSection: "metadata",
};

describe("toFindings", () => {
  it("summarises findings past the per-file cap at the most severe one it stands for", () => {
    const inputs: FindingInput[] = Array.from({ length: 260 }, (_, i) => ({ message: `m${i}`, locations: [{ path: "a.pkl" }], key: String(i), ...(i === 200 ? { severity: "low" as const } : i === 250 ? { severity: "critical" as const } : {}) }));
    const out = toFindings(meta, inputs);
    assert.equal(out.length, 201);
    assert.equal(out[200]?.severity, "critical");
    assert.equal(toFindings(meta, inputs.slice(0, 240)).at(-1)?.severity, "medium", "without the critical one: the rule's own medium outranks the 201st's low");
  });

  it("keeps clean locations as they are, the same objects", () => {
    const locations = [{ path: "a/b.yml", startLine: 3, startColumn: 7 }, { path: "c.yml" }];
    const [f] = toFindings(meta, [{ message: "m", locations }]);
    assert.equal(f!.locations, locations);
  });

  it("cleans paths and positions: backslashes on Windows only, a leading ./, positions that are not whole numbers from 1, fields no location has", () => {
    const inputs: FindingInput[] = [
      { message: "a", locations: [{ path: "dir\\file.yml", startLine: 2 }] },
      { message: "b", locations: [{ path: "./x.yml", startLine: 0, startColumn: 1.5, endLine: 4 }] },
      { message: "c", locations: [{ path: "y.yml", startLine: 1, extra: "no" } as never] },
      { message: "d", locations: [{ path: "z.yml", startLine: undefined, endColumn: 9 }] },
    ];
    const out = toFindings(meta, inputs).map((f) => f.locations);
    // Elsewhere a backslash is part of a file's name: `dir\file.yml` at the top is not dir/file.yml, which an exception may cover.
    const first = process.platform === "win32" ? "dir/file.yml" : "dir\\file.yml";
    assert.deepEqual(out, [[{ path: first, startLine: 2 }], [{ path: "x.yml", endLine: 4 }], [{ path: "y.yml", startLine: 1 }], [{ path: "z.yml", endColumn: 9 }]]);
    assert.ok(!Object.hasOwn(out[3]![0]!, "startLine"));
  });
});

describe("a flood of unpinned dependencies in one file", () => {
  it("still weighs whole on the pinned share: the summary past the cap stands for every finding it hides", async () => {
    const flood: Rule = {
      meta: { ...meta, id: "supply-chain/flood-test", check: "Pinned-Dependencies" },
      run(ctx) {
        ctx.dependencies("pip", 300);
        for (let i = 0; i < 250; i++) ctx.report({ message: `pip install p${i}`, locations: [{ path: "install.sh", startLine: i + 1 }], key: `p${i}`, dependency: "pip" });
      },
    };
    const a = await scan({ path: tmpDir({ "install.sh": "#!/bin/sh\n" }), policy: defaultPolicy(), rules: [flood], now: FIXTURE_NOW });
    const summary = a.findings.find((f) => f.more !== undefined);
    assert.deepEqual([summary?.more, summary?.dependency], [50, "pip"]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    // 50 of 300 pinned, not the 100 the 200 listed findings alone would leave.
    assert.deepEqual([check?.score, check?.reason], [1, "pinned: 50/300 pip installs"]);
  });
});
