import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/dependabot-execution.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run } = workflowRunner(rule);
const cfg = (v: string) => ({ ".github/dependabot.yml": `version: 2\nupdates:\n  - package-ecosystem: bundler\n    directory: /\n    schedule:\n      interval: weekly\n    insecure-external-code-execution: ${v}\n` });

describe("workflows/dependabot-execution", () => {
  it("reports allow at the key and fixes it to deny; the fixed file parses and passes", async () => {
    const files = cfg("allow");
    const { findings } = await run(files);
    assert.deepEqual(where(findings), [[7, 5]]);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/dependabot.yml"] as string, /insecure-external-code-execution: deny\n$/);
  });

  it("stays quiet for deny, is not applicable without dependabot.yml, and is incomplete when it cannot be parsed", async () => {
    assert.deepEqual((await run(cfg("deny"))).findings, []);
    assert.equal((await run({ "README.md": "x" })).outcome, "not-applicable");
    assert.equal((await run({ ".github/dependabot.yml": "updates: [\n" })).outcome, "incomplete");
  });
});
