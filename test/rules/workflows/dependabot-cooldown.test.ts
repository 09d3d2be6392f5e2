import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/dependabot-cooldown.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run } = workflowRunner(rule);
const files = { ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: daily\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: daily\n    cooldown:\n      semver-major-days: 30\n  - package-ecosystem: cargo\n    directory: /\n    schedule:\n      interval: daily\n    cooldown:\n      default-days: 2\n" };

describe("workflows/dependabot-cooldown", () => {
  it("reports a missing cooldown, a cooldown without default-days, and a short one", async () => {
    const { findings } = await run(files);
    assert.deepEqual(where(findings), [[3, 5], [11, 5], [18, 21]]);
    assert.deepEqual(findings.map((f) => f.severity), ["medium", "medium", "low"]);
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
