import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-policy-disclosure-timeline.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const policy = (body: string) => ({ "SECURITY.md": `# Security Policy\n\nOnly the latest release is supported.\n\n## Reporting\n\nEmail security@widgetco.dev.\n${body}\n` });

describe("repo/security-policy-disclosure-timeline", () => {
  it("says coordinated disclosure alone is not a timeline, at the reporting heading", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "SECURITY.md mentions coordinated disclosure but gives no time frame for responding to reports or disclosing them");
    assert.deepEqual(findings[0]!.locations, [{ path: "SECURITY.md", startLine: 7, startColumn: 1 }]);
    assert.deepEqual(findings[0]!.evidence, { timeline: "none", coordinatedDisclosure: true });
  });

  it("reports vague promises", async () => {
    const { findings } = await run(policy("We will respond as soon as possible."));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "SECURITY.md gives no time frame for responding to reports or disclosing vulnerabilities");
    assert.deepEqual(findings[0]!.evidence, { timeline: "none", coordinatedDisclosure: false });
  });

  it("does not take a support window for a response time", async () => {
    const { findings } = await run(policy("Versions released in the last 6 months are supported."));
    assert.equal(findings.length, 1);
  });

  const timelines: [string, string][] = [
    ["hours", "We acknowledge reports within 48 hours."],
    ["business days", "Expect a reply within 7 business days."],
    ["a 90-day deadline", "We follow a 90-day disclosure deadline."],
    ["words for numbers", "We publish an advisory within ninety (90) days."],
    ["a few days", "You will hear from us in a few days."],
    ["hours abbreviated", "Triage happens within 72h of the report."],
    ["weeks", "We aim to release a fix within two weeks."],
    ["an embargo process", "Fixes are shared with distributors under embargo before release."],
    ["a numbered process", "1. We confirm the report\n   within 5 working days."],
  ];
  for (const [name, body] of timelines) {
    it(`accepts ${name}`, async () => {
      const { findings, outcome } = await run(policy(body));
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("does not apply without a policy", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
  });

  it("still judges the timeline when the policy links elsewhere only for its supported versions", async () => {
    const text = "# Security Policy\n\n## Supported Versions\n\nSee our website for versions of widgetd that are currently supported with\nsecurity updates: https://widgetco.dev/en/lifecycle/#schedule\n\n## Reporting a Vulnerability\n\nTo report security issues send an email to security@widgetco.dev (not for support).\n";
    const { outcome } = await run({ "SECURITY.md": text });
    assert.equal(outcome, "fail");
  });

  it("follows a Markdown reference-style link to the page the policy defers to", async () => {
    const text = "# Security Policy\n\n## Reporting a Vulnerability\n\nInstructions for reporting a vulnerability can be found on the\n[Widget Security and Disclosure Information] page.\n\n## Supported Versions\n\nSee the [version support policy] page.\n\n[version support policy]: https://widgetco.dev/docs/releases/#supported-versions\n[Widget Security and Disclosure Information]: https://widgetco.dev/docs/security/#report-a-vulnerability\n";
    const { outcome, assessment } = await run({ "SECURITY.md": text });
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/widgetco\.dev\/docs\/security\/#report-a-vulnerability/);
  });
  it("reads the response time from the document a one-line policy links to in the same repository", async () => {
    const { outcome, assessment } = await run({
      ".github/SECURITY.md": "See https://gitlab.com/widgetco/widget/-/blob/main/docs/security.md for our policy.\n",
      "docs/security.md": "# Security\n\nEach report is acknowledged by the security team within 3 working days.\n",
    });
    assert.equal(outcome, "pass");
    assert.match(assessment.rules[0]!.evidence?.[0]?.message ?? "", /^docs\/security\.md states a response or disclosure time frame/);
  });

  it("reads the time frame from a security document linked by relative path, or from the short policy itself", async () => {
    const stub = "# Security Policy\n\nSee [docs/SECURITY-PROCESS.md](docs/SECURITY-PROCESS.md) for full details.\n";
    const linked = await run({ "SECURITY.md": stub, "docs/SECURITY-PROCESS.md": "# Process\n\nThe security team acknowledges each report within 2 working days.\n" });
    assert.equal(linked.outcome, "pass");
    assert.match(linked.assessment.rules[0]!.evidence?.[0]?.message ?? "", /^docs\/SECURITY-PROCESS\.md states a response or disclosure time frame/);
    const own = await run({ "SECURITY.md": "# Security Policy\n\nWe reply within 48 hours. See [docs/SECURITY-PROCESS.md](docs/SECURITY-PROCESS.md) for details.\n", "docs/SECURITY-PROCESS.md": "# Process\n\nThe team triages each report and prepares a fix in private.\n" });
    assert.equal(own.outcome, "pass");
    assert.match(own.assessment.rules[0]!.evidence?.[0]?.message ?? "", /^SECURITY\.md states a response or disclosure time frame/);
    // Neither says when: the linked document is the one reported.
    const none = await run({ "SECURITY.md": stub, "docs/SECURITY-PROCESS.md": "# Process\n\nThe team triages each report and prepares a fix in private.\n" });
    assert.equal(none.outcome, "fail");
    assert.equal(none.findings[0]!.locations[0]!.path, "docs/SECURITY-PROCESS.md");
  });

  it("judges a policy whose only link elsewhere is about verifying release signatures", async () => {
    const text = "# Security Policy\n\n## Reporting a Vulnerability\n\nUse GitHub's private vulnerability reporting on this repository.\n\n## Verifying Artifact signatures\n\n(for more in-depth explanation, see [Release Signing](https://infra.example.org/release-signing#verifying-signature) document)\n";
    const { outcome, findings } = await run({ "SECURITY.md": text });
    assert.equal(outcome, "fail");
    assert.match(findings[0]!.message, /^SECURITY\.md gives no time frame/);
  });
});
