import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deps/unpinned-requirement.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deps/unpinned-requirement", () => {
  it("reports each requirement that pins nothing, at its line", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [
      ["requests >=2.31 in requirements.txt pins no version: what gets installed changes from day to day, and advisories cannot be matched against it", 2],
      ["flask in requirements.txt pins no version at all: what gets installed changes from day to day, and advisories cannot be matched against it", 3],
    ]);
  });

  it("names the included file a loose requirement is written in", async () => {
    const { findings } = await run({ "requirements.txt": "-r base.txt\nrequests==2.32.3\n", "base.txt": "django>=4\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]), [{ path: "base.txt", startLine: 1 }]);
  });

  it("is not applicable without lockfiles and stays quiet on pinned ones", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
    assert.equal((await run({ "requirements.txt": "requests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\n" })).outcome, "pass");
  });
});
