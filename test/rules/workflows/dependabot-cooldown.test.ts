import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePolicy } from "../../../src/policy/policy-file.js";
import { CHECKS, RULES } from "../../../src/rules/index.js";
import { rule } from "../../../src/rules/workflows/dependabot-cooldown.js";
import { runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run } = workflowRunner(rule);
const files = { ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: daily\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: daily\n    cooldown:\n      semver-major-days: 30\n  - package-ecosystem: cargo\n    directory: /\n    schedule:\n      interval: daily\n    cooldown:\n      default-days: 2\n" };

describe("workflows/dependabot-cooldown", () => {
  it("reports a missing cooldown, a cooldown without default-days, and a short one, each below the threshold and medium, as zizmor 1.28 does", async () => {
    const { findings } = await run(files);
    assert.deepEqual(where(findings), [[3, 5], [11, 5], [18, 21]]);
    assert.deepEqual(findings.map((f) => f.severity), ["medium", "medium", "medium"]);
    // Since July 2026 Dependabot waits 3 days by default: what is missing is the rest of the week, not every day.
    assert.match(findings[0]?.message ?? "", /^the npm update of `\/` in \.github\/dependabot\.yml sets no cooldown, so Dependabot waits only its default 3 days before proposing a release \(less than 7\)$/);
    assert.match(findings[1]?.message ?? "", /without `default-days`, so releases its semver settings do not cover wait only Dependabot's default 3 days \(less than 7\)$/);
    assert.deepEqual(findings.map((f) => f.evidence["days"]), [3, 3, 2]);
  });

  it("takes Dependabot's default of 3 days for an update without default-days, so a threshold of 3 or less accepts it", async () => {
    const policy = parsePolicy("version: 1\nrules:\n  workflows/dependabot-cooldown:\n    options:\n      days: 3\n", "assay.yml", RULES.map((r) => r.meta), CHECKS);
    const { findings } = await runRule(rule, tmpDir(files), policy);
    assert.deepEqual(where(findings), [[18, 21]], "only the explicit 2 days is below 3");
    assert.match(findings[0]?.message ?? "", /waits only 2 days before proposing a release \(less than 3\)$/);
  });

  it("fixes all three; the result parses and passes", async () => {
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/dependabot.yml"] as string, /interval: daily\n {4}cooldown:\n {6}default-days: 7\n {2}- package-ecosystem: pip/);
    assert.match(texts[".github/dependabot.yml"] as string, /semver-major-days: 30\n {6}default-days: 7\n/);
    assert.match(texts[".github/dependabot.yml"] as string, /default-days: 7\n$/);
  });
});
