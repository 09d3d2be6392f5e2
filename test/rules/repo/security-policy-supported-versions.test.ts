import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-policy-supported-versions.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const policy = (body: string) => ({ "SECURITY.md": `# Security Policy\n\n${body}\n\n## Reporting\n\nEmail security@widgetco.dev.\n` });

describe("repo/security-policy-supported-versions", () => {
  it("reports a policy that never says which versions get fixes, at line 1", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "SECURITY.md does not say which versions receive security fixes");
    assert.deepEqual(findings[0]!.locations, [{ path: "SECURITY.md", startLine: 1, startColumn: 1 }]);
    assert.deepEqual(findings[0]!.evidence, { supportedVersions: "not stated" });
  });

  it("is not satisfied by advice to use the latest version", async () => {
    const { findings } = await run(policy("We recommend using the latest version of widgetlib."));
    assert.equal(findings.length, 1);
  });

  const statements: [string, string][] = [
    ["a Supported Versions heading", "## Supported Versions\n\nSee the table below."],
    ["a version support heading", "## Version support\n\nWe follow semantic versioning."],
    ["only the latest release", "Only the latest release receives security fixes."],
    ["updates applied only to the latest release", "Security updates are applied only to the latest release."],
    ["the last two minor versions", "We support the last two minor versions."],
    ["the latest major version gets patches", "Security patches are applied to the current major version."],
    ["supported releases in prose", "The 4.x and 5.x releases are currently supported."],
    ["a table of release lines", "| Version | Fixes |\n| --- | --- |\n| 2.x | :white_check_mark: |\n| 1.x | :x: |"],
    ["backports", "Fixes are backported to the 2.4 branch."],
    ["end of life", "Versions that reached end of life get no fixes."],
    ["no longer supported", "Versions before 3.0 are no longer supported."],
    ["an LTS line", "The LTS line receives security updates for two years."],
    ["fixes released for a line", "Security fixes are released for the 2.x series."],
  ];
  for (const [name, body] of statements) {
    it(`accepts ${name}`, async () => {
      const { findings, outcome } = await run(policy(body));
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("does not judge a short policy that defers to one published elsewhere", async () => {
    const { outcome } = await run({ "SECURITY.md": "# Security\n\nPlease see our security process at https://widgetco.dev/security.\n" });
    assert.equal(outcome, "not-applicable");
  });

  it("does not judge a policy that links elsewhere for its supported versions", async () => {
    const { outcome } = await run({ "SECURITY.md": "# Security Policy\n\nSee our website for the versions of widgetd that receive security updates: https://widgetco.dev/lifecycle\n\n## Reporting\n\nEmail security@widgetco.dev.\n" });
    assert.notEqual(outcome, "fail");
  });

  it("does not judge a policy whose link to the published policy stands on the line after a colon", async () => {
    const { outcome, assessment } = await run({ "SECURITY.md": "# Reporting a security issue\n\nPlease learn more about our security policy and how to report security\nvulnerabilities in our documentation:\n\nhttps://widgetco.dev/docs/security/\n" });
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/widgetco\.dev\/docs\/security\//);
  });

  it("does not apply without a policy, or to a binary one", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
    assert.equal((await run({ "SECURITY.md": new Uint8Array([0, 1, 2, 3, 0, 255]) })).outcome, "not-applicable");
  });

  it("does not see a statement that only exists in an HTML comment", async () => {
    const { findings } = await run(policy("<!--\n## Supported Versions\nOnly the latest release.\n-->"));
    assert.equal(findings.length, 1);
  });

  it("judges the security document a short policy links to by a relative path, not the page it names for reports", async () => {
    const stub = "# Security Policy\n\nSee [docs/SECURITY-PROCESS.md](docs/SECURITY-PROCESS.md) for full details.\n\nIf you have found a problem, report it on [https://hackerone.com/widgetco](https://hackerone.com/widgetco).\n";
    const silent = await run({ "SECURITY.md": stub, "docs/SECURITY-PROCESS.md": "# Process\n\nThe team triages each report and prepares a fix in private.\n" });
    assert.equal(silent.outcome, "fail");
    assert.match(silent.findings[0]!.message, /^docs\/SECURITY-PROCESS\.md does not say which versions receive security fixes/);
    const stating = await run({ "SECURITY.md": stub, "docs/SECURITY-PROCESS.md": "# Process\n\nSecurity fixes are only provided for the latest release.\n" });
    assert.equal(stating.outcome, "pass");
  });
});
