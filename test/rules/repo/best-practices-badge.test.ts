import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/best-practices-badge.js";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
/** Every missing-badge finding says what it could not check offline. */
const OFFLINE = "not checked offline: whether the project is registered on bestpractices.dev, which Scorecard reads";

describe("repo/best-practices-badge", () => {
  it("accepts the badge on today's host, the former host and localised pages, in any README", async () => {
    const cases: Record<string, string>[] = [
      { "README.md": "[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/42/badge)](https://www.bestpractices.dev/projects/42)" },
      { "README.rst": ".. image:: https://bestpractices.coreinfrastructure.org/projects/42/badge\n" },
      { ".github/README.md": "see https://www.bestpractices.dev/en/projects/42" },
      { "docs/README": "https://www.bestpractices.dev/pt-BR/projects/42" },
    ];
    for (const files of cases) assert.equal((await run(files)).outcome, "pass", Object.keys(files)[0]);
  });

  it("names the READMEs it read when the badge is missing", async () => {
    const { findings } = await run({ "README.md": "# widget\n", "docs/readme.md": "# docs\n" });
    assert.deepEqual(findings.map((f) => f.message), [`no OpenSSF Best Practices badge in README.md, docs/readme.md (${OFFLINE})`]);
  });

  it("does not count a mention of the programme without a project link", async () => {
    const { outcome } = await run({ "README.md": "We aim to follow https://www.bestpractices.dev/en/criteria\n" });
    assert.equal(outcome, "fail");
  });

  it("reads a README that is a link inside the checkout, and names one that leads out", async () => {
    const inside = tmpDir({ "docs/intro.md": "[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/42/badge)](https://www.bestpractices.dev/projects/42)\n" });
    symlinkSync("docs/intro.md", join(inside, "README.md"));
    assert.equal((await runRule(rule, inside)).outcome, "pass");
    const outside = tmpDir({ "src/a.js": "x" });
    symlinkSync("/etc/hostname", join(outside, "README.md"));
    const { findings } = await runRule(rule, outside);
    assert.deepEqual(findings.map((f) => f.message), [`no OpenSSF Best Practices badge can be seen: README.md is a symbolic link out of the checkout (${OFFLINE})`]);
  });

  it("says so when there is no README at all", async () => {
    const { findings } = await run({ "src/a.js": "x" });
    assert.match(findings[0]?.message ?? "", /^no README/);
    assert.ok(findings[0]?.message.endsWith(`(${OFFLINE})`), "the finding itself says the registration was not checked");
  });
});
