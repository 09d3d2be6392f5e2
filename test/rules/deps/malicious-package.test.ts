import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deps/malicious-package.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deps/malicious-package", () => {
  it("reports a locked malicious package as critical, with what to do", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.severity, "critical");
    assert.equal(f.message, "colourful-logger-utils 1.0.3 (npm) is a known malicious package (MAL-2099-0001): Malicious code in colourful-logger-utils (npm) — direct dependency");
    assert.match(f.fix ?? "", /treat every machine that installed it as compromised/);
    assert.deepEqual(f.evidence.vulnerabilities, ["MAL-2099-0001"]);
  });

  it("matches only the listed versions of a record with a versions list, and ignores withdrawn reports", async () => {
    const advisories = JSON.stringify([
      { id: "MAL-2025-2", modified: "2025-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "@acme/loader" }, versions: ["9.9.9"] }] },
      { id: "MAL-2025-3", modified: "2025-01-01T00:00:00Z", withdrawn: "2025-01-02T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "@acme/loader" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }] }] },
    ]);
    const lock = (v: string) => JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { "@acme/loader": "*" } }, "node_modules/@acme/loader": { version: v } } });
    assert.equal((await run({ "package-lock.json": lock("1.0.0"), "advisories.json": advisories })).outcome, "pass");
    assert.deepEqual((await run({ "package-lock.json": lock("9.9.9"), "advisories.json": advisories })).findings.map((f) => f.evidence.id), ["MAL-2025-2"]);
  });

  it("is not applicable without a lockfile", async () => {
    assert.equal((await run({ "README.md": "# x\n", "advisories.json": "[]" })).outcome, "not-applicable");
  });
});
