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

  it("scores the License check 9, not 0, for an unrecognised licence file, as Scorecard does (a file at the top level, not a known licence)", async () => {
    const a = await scan({ path: fixtureDir(rule.meta.id, "bad"), policy: defaultPolicy(), rules: [license, rule], now: FIXTURE_NOW });
    assert.equal(a.checks.find((c) => c.id === "License")?.score, 9);
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

  it("reports a licence named by an SPDX identifier that the OSI and the FSF do not approve, unless an open one may be chosen", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ LICENSE: "SPDX-License-Identifier: LicenseRef-Acme-Commercial\n\nYou may use this software only under a paid agreement.\n" }, /^LICENSE holds the LicenseRef-Acme-Commercial licence, a licence of the project's own/],
      [{ LICENSE: "SPDX-License-Identifier: CC-BY-NC-SA-4.0\n" }, /^LICENSE holds the CC-BY-NC-SA-4.0 licence, which forbids commercial use or changes: neither the OSI nor the FSF/],
      [{ LICENSE: "SPDX-License-Identifier: PolyForm-Noncommercial-1.0.0\n" }, /which is source-available/],
      [{ "LICENSES/LicenseRef-Proprietary.txt": "All rights reserved.\n" }, /^LICENSES\/ holds only LicenseRef-Proprietary, a licence of the project's own/],
    ];
    for (const [files, message] of cases) {
      const { findings } = await run(files);
      assert.equal(findings.length, 1, JSON.stringify(files));
      assert.match(findings[0]?.message ?? "", message);
      assert.equal(findings[0]?.evidence.approved, false);
    }
    const open: Record<string, string>[] = [
      { LICENSE: "SPDX-License-Identifier: MIT OR LicenseRef-Acme-Commercial\n" },
      { "LICENSES/LicenseRef-Acme-Logo.txt": "The logo may not be reused.\n", "LICENSES/Apache-2.0.txt": "Apache License\nVersion 2.0, January 2004\n" },
    ];
    for (const files of open) assert.deepEqual((await run(files)).findings, [], JSON.stringify(files));
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
