import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-policy.js";
import { rule as versions } from "../../../src/rules/repo/security-policy-supported-versions.js";
import { rule as contact } from "../../../src/rules/repo/security-policy-contact.js";
import { rule as timeline } from "../../../src/rules/repo/security-policy-disclosure-timeline.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const MISSING = "no SECURITY.md in the root, .github/, docs/ or .gitlab/ (not checked offline: a default policy in the owner's .github repository, which GitHub shows for repositories without their own)";
const runVersions = ruleRunner(versions);
const runContact = ruleRunner(contact);

/** GitHub's "Security policy" template, as committed unedited by many repositories (written here from its well-known wording). */
const TEMPLATE = `# Security Policy

## Supported Versions

Use this section to tell people about which versions of your project are
currently being supported with security updates.

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | :x:                |

## Reporting a Vulnerability

Use this section to tell people how to report a vulnerability.
`;

describe("repo/security-policy", () => {
  it("finds the policy in .github/ and docs/, any case and extension", async () => {
    for (const path of [".github/SECURITY.md", "docs/security.rst", "Security.markdown", ".gitlab/SECURITY.md", "Docs/SECURITY.md", ".GitHub/security.md", "doc/SECURITY.rst"]) {
      assert.equal((await run({ [path]: "# Security\n\nEmail security@widgets.dev with details.\n" })).outcome, "pass", path);
    }
  });

  it("judges the policy in .github/ when the root holds another, as GitHub shows it and Scorecard reads only that one", async () => {
    const { findings, outcome, assessment } = await run({ "SECURITY.md": "# TODO\n", ".github/SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n" });
    assert.deepEqual([outcome, findings], ["pass", []]);
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, ".github/SECURITY.md is the project's security policy");
    assert.equal((await runContact({ "SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n", ".github/SECURITY.md": "# Security\n\nOpen an issue.\n" })).outcome, "fail");
  });

  it("reads doc/ only for a reStructuredText policy, as Scorecard does", async () => {
    const { findings } = await run({ "doc/SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n" });
    assert.equal(findings[0]?.message, MISSING);
  });

  it("passes a repository whose README or contributing guide links its organisation's default policy, which GitHub shows for it", async () => {
    const { outcome, assessment } = await run({ "main.go": "package main\n", "CONTRIBUTING.md": "# Contributing\n\nFound a vulnerability? Follow [our security policy](https://github.com/widgetco/.github/blob/main/SECURITY.md).\n" });
    assert.equal(outcome, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "CONTRIBUTING.md sends reporters to the security policy kept for the whole organisation (github.com/widgetco/.github/blob/main/SECURITY.md)");
    assert.equal((await run({ "main.go": "package main\n", "README.md": "Report vulnerabilities as described in https://github.com/widgetco/widget/security/policy.\n" })).outcome, "pass");
    // Another file of the organisation's repository, or a README that says nothing of the kind, is not a policy.
    assert.equal((await run({ "main.go": "package main\n", "README.md": "See https://github.com/widgetco/.github/blob/main/CODE_OF_CONDUCT.md\n" })).outcome, "fail");
  });

  it("says in the finding itself that an organisation's default policy was not checked offline, at medium confidence", async () => {
    const { findings, outcome } = await run({ "main.go": "package main\n" });
    assert.equal(outcome, "fail");
    assert.deepEqual(findings.map((f) => [f.message, f.confidence]), [[MISSING, "medium"]]);
    assert.match(findings[0]?.message ?? "", /not checked offline/);
  });

  it("ignores a SECURITY.md deeper in the tree", async () => {
    const { findings } = await run({ "src/SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n" });
    assert.equal(findings[0]?.message, MISSING);
  });

  it("reports an empty policy at its first line", async () => {
    const { findings } = await run({ "SECURITY.md": "# TODO\n" });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [["SECURITY.md is empty", 1]]);
  });

  it("reports GitHub's unedited template where its instructions are", async () => {
    const { findings } = await run({ "SECURITY.md": TEMPLATE });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /still holds GitHub's template instructions \("Use this section to tell people how to report a vulnerability/);
    assert.equal(findings[0]?.locations[0]?.startLine, 15);
  });

  it("does not take the template's example table for supported versions", async () => {
    const { findings } = await runVersions({ "SECURITY.md": TEMPLATE });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [["SECURITY.md's supported versions are still GitHub's template example", 5]]);
  });

  it("passes a real policy that kept GitHub's versions instruction, and reports that sentence once, in supported-versions, without lowering the score", async () => {
    const dir = fixtureDir(rule.meta.id, "versions-template-left");
    const policy = await runRule(rule, dir);
    assert.deepEqual([policy.outcome, policy.findings.map((f) => f.message)], ["pass", []]);
    const score = policy.assessment.checks.find((c) => c.id === "Security-Policy");
    assert.equal(score?.score, 10);
    for (const other of [contact, timeline]) {
      const r = await runRule(other, dir);
      assert.deepEqual([r.outcome, r.findings.map((f) => f.message)], ["pass", []], other.meta.id);
    }
    const v = await runRule(versions, dir);
    assert.deepEqual(v.findings.map((f) => [f.message, f.locations[0]?.startLine, f.severity, f.impact, f.evidence]), [
      [`SECURITY.md states its supported versions but still holds GitHub's template instruction ("Use this section to tell people about which versions of your project are currently being supported …"): delete it`, 5, "low", "none", { supportedVersions: "stated", templateText: true }],
    ]);
    // Hygiene, not a missing answer: the check keeps its 10.
    assert.equal(v.assessment.checks.find((c) => c.id === "Security-Policy")?.score, 10);
  });

  it("reports GitHub's reporting instruction left above a real channel once, in security-policy-contact, and passes the policy", async () => {
    const text = "# Security Policy\n\n## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n\nEmail vulns@widgetco.dev with the details; we reply within two days.\n";
    assert.deepEqual((await run({ "SECURITY.md": text })).findings, []);
    const c = await runContact({ "SECURITY.md": text });
    assert.deepEqual(c.findings.map((f) => [f.locations[0]?.startLine, f.severity, f.impact]), [[5, "low", "none"]]);
    assert.match(c.findings[0]?.message ?? "", /^SECURITY\.md names a private reporting channel but still holds GitHub's template instruction \("Use this section to tell people how to report a vulnerability\."\): delete it$/);
    // The instruction with no channel anywhere is still the unedited template.
    const bare = await run({ "SECURITY.md": "# Security Policy\n\n## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n\n| Version | Supported |\n| 2.x | yes |\n" });
    assert.match(bare.findings[0]?.message ?? "", /still holds GitHub's template instructions/);
  });

  it("scores Security-Policy as Scorecard does where the policy has a link or an email address: its content rules report what is missing without lowering the score", async () => {
    const score = async (policy: string) => {
      const a = await scan({ path: tmpDir({ "SECURITY.md": policy }), policy: defaultPolicy(), rules: [rule, contact, versions, timeline], persona: "auditor" });
      return [a.checks.find((c) => c.id === "Security-Policy")?.score, a.findings.map((f) => [f.ruleId, f.impact ?? null]).sort()];
    };
    // An address, no timeline, no versions: Scorecard's 6 (link) + 3 (text) + 1 (the word "vulnerabilities") = 10.
    assert.deepEqual(await score("# Security\n\nPlease report vulnerabilities privately to security@widgetco.dev.\n"), [10, [["repo/security-policy-disclosure-timeline", "none"], ["repo/security-policy-supported-versions", "none"]]]);
    // A link to the public tracker is no private channel, but Scorecard counts the link: reported, not scored.
    const issues = await score("# Security\n\nPlease open an issue at https://github.com/acme/widget/issues for anything.\n");
    assert.deepEqual(issues, [10, [["repo/security-policy-contact", "none"], ["repo/security-policy-disclosure-timeline", "none"], ["repo/security-policy-supported-versions", "none"]]]);
    // Neither a link nor an address: Scorecard gives 4 at most, and the missing channel lowers the score here.
    const bare = await score("# Security\n\nPlease tell the maintainers about any vulnerability, privately if you can.\n");
    assert.equal(bare[0], 6.7);
  });

  it("still reports the versions section as the template when only the example table (or nothing) follows the instruction", async () => {
    const instruction = "# Security Policy\n\n## Supported Versions\n\nUse this section to tell people about which versions of your project are\ncurrently being supported with security updates.\n\n";
    const example = "| Version | Supported          |\n| ------- | ------------------ |\n| 5.1.x   | :white_check_mark: |\n| 5.0.x   | :x:                |\n| 4.0.x   | :white_check_mark: |\n| < 4.0   | :x:                |\n\n";
    const reporting = "## Reporting a Vulnerability\n\nEmail vulns@widgetco.dev.\n";
    for (const body of [`${instruction}${example}${reporting}`, `${instruction}${reporting}`]) {
      const { findings } = await runVersions({ "SECURITY.md": body });
      assert.deepEqual(findings.map((f) => [f.message, f.severity, f.impact]), [["SECURITY.md's supported versions are still GitHub's template example", "low", "none"]]);
      assert.equal((await run({ "SECURITY.md": body })).outcome, "pass", "the policy names its channel");
    }
  });

  /** A Kubernetes-style SECURITY_CONTACTS file, written from the format the Kubernetes community documents. */
  const CONTACTS = `# Defined below are the security contacts for this repo.
#
# They are the contact point for the Security Response Committee to reach out
# to for triaging and handling of incoming issues.
#
# The below names agree to abide by the
# [Embargo Policy](https://git.k8s.io/security/private-distributors-list.md#embargo-policy)
# and will be removed and replaced if they violate that agreement.
#
# DO NOT REPORT SECURITY VULNERABILITIES DIRECTLY TO THESE NAMES, FOLLOW THE
# INSTRUCTIONS AT https://kubernetes.io/security/

alice
bob
`;

  it("counts a SECURITY_CONTACTS file that points to the organisation's policy", async () => {
    const r = await run({ SECURITY_CONTACTS: CONTACTS, "main.go": "package main\n" });
    assert.deepEqual(r.findings, []);
    assert.equal(r.outcome, "pass");
    const sub = await runVersions({ SECURITY_CONTACTS: CONTACTS });
    assert.equal(sub.outcome, "not-applicable");
    assert.match(sub.assessment.rules[0]?.reason ?? "", /^SECURITY_CONTACTS defers to https:\/\/git\.k8s\.io\/security\/private-distributors-list\.md#embargo-policy, which cannot be read offline$/);
  });

  it("reports a SECURITY_CONTACTS file that only lists names", async () => {
    const { findings } = await run({ SECURITY_CONTACTS: "# security contacts\nalice\nbob\n" });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.path]), [["no SECURITY.md, and SECURITY_CONTACTS names people but no security policy or private reporting channel", "SECURITY_CONTACTS"]]);
  });

  it("passes a project whose SECURITY_CONTACTS defers to its organisation's policy", async () => {
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "security-contacts"))).outcome, "pass");
  });
});
