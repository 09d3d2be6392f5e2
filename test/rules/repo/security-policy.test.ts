import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-policy.js";
import { rule as versions } from "../../../src/rules/repo/security-policy-supported-versions.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const runVersions = ruleRunner(versions);

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

  it("reads doc/ only for a reStructuredText policy, as Scorecard does", async () => {
    const { findings } = await run({ "doc/SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n" });
    assert.equal(findings[0]?.message, "no SECURITY.md in the root, .github/, docs/ or .gitlab/");
  });

  it("passes a repository whose README or contributing guide links its organisation's default policy, which GitHub shows for it", async () => {
    const { outcome, assessment } = await run({ "main.go": "package main\n", "CONTRIBUTING.md": "# Contributing\n\nFound a vulnerability? Follow [our security policy](https://github.com/widgetco/.github/blob/main/SECURITY.md).\n" });
    assert.equal(outcome, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "CONTRIBUTING.md sends reporters to the security policy kept for the whole organisation (github.com/widgetco/.github/blob/main/SECURITY.md)");
    assert.equal((await run({ "main.go": "package main\n", "README.md": "Report vulnerabilities as described in https://github.com/widgetco/widget/security/policy.\n" })).outcome, "pass");
    // Another file of the organisation's repository, or a README that says nothing of the kind, is not a policy.
    assert.equal((await run({ "main.go": "package main\n", "README.md": "See https://github.com/widgetco/.github/blob/main/CODE_OF_CONDUCT.md\n" })).outcome, "fail");
  });

  it("ignores a SECURITY.md deeper in the tree", async () => {
    const { findings } = await run({ "src/SECURITY.md": "# Security\n\nEmail security@widgets.dev with details.\n" });
    assert.equal(findings[0]?.message, "no SECURITY.md in the root, .github/, docs/ or .gitlab/");
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
