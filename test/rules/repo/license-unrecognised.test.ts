import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/license-unrecognised.js";
import { rule as license } from "../../../src/rules/repo/license.js";
import { scan } from "../../../src/index.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FIXTURE_NOW, fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const MIT = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software, to deal in the Software without restriction.\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n";

describe("repo/license-unrecognised", () => {
  it("reports an unrecognised LICENSE at the file, naming the manifest's licence", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.message, "LICENSE is not recognised as an SPDX licence (no SPDX-License-Identifier line and no known licence text); package.json declares MIT");
    assert.deepEqual(f.locations, [{ path: "LICENSE", startLine: 1, startColumn: 1 }]);
    assert.deepEqual(f.evidence, { spdx: "unrecognised", declared: "MIT", declaredIn: "package.json" });
    assert.equal(f.confidence, "medium");
  });

  it("scores the License check 9.5, not 0, for an unrecognised licence file, near Scorecard's 9 (a file at the top level, not a known licence)", async () => {
    const a = await scan({ path: fixtureDir(rule.meta.id, "bad"), policy: defaultPolicy(), rules: [license, rule], now: FIXTURE_NOW });
    assert.equal(a.checks.find((c) => c.id === "License")?.score, 9.5);
    const missing = await scan({ path: fixtureDir(license.meta.id, "bad"), policy: defaultPolicy(), rules: [license, rule], now: FIXTURE_NOW });
    assert.equal(missing.checks.find((c) => c.id === "License")?.score, 0);
  });

  it("passes a recognised licence, even beside an unrecognised notice, and a REUSE folder", async () => {
    const cases: Record<string, string>[] = [{ LICENSE: MIT, COPYRIGHT: "Copyright 2024 Widget Co.\n" }, { "LICENSES/MIT.txt": MIT }, { LICENSE: "SPDX-License-Identifier: BSD-3-Clause\n\nCopyright Widget Co.\n" }];
    for (const files of cases) {
      const { findings, outcome } = await run(files);
      assert.deepEqual(findings, []);
      assert.equal(outcome, "pass");
    }
  });

  it("reports a source-available licence, which Scorecard does not count as FSF- or OSI-approved", async () => {
    const busl = "Business Source License 1.1\n\nParameters\n\nLicensor: Widget Co.\nLicensed Work: widgetd\n";
    const { findings } = await run({ LICENSE: busl });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "LICENSE holds the BUSL-1.1 licence, which is source-available: neither the OSI nor the FSF approves it as an open-source licence");
    assert.deepEqual(findings[0]?.evidence, { spdx: "BUSL-1.1", approved: false });
    assert.equal(findings[0]?.confidence, "high");
  });

  it("leaves a missing or unreadable licence to repo/license", async () => {
    assert.equal((await runRule(rule, tmpDir({ "README.md": "# w\n" }))).outcome, "not-applicable");
    assert.equal((await run({ LICENSE: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) })).outcome, "not-applicable");
  });

  // Its speed is measured in bench/hostile.bench.ts, never timed here.
  it("judges a huge hostile licence file", async () => {
    const { findings } = await run({ LICENSE: `SPDX-License-Identifier: ${"(".repeat(5000)}\n${"permission ".repeat(300_000)}` });
    assert.equal(findings.length, 1);
  });
});
