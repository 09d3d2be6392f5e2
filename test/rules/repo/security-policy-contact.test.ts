import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-policy-contact.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const policy = (body: string) => ({ "SECURITY.md": `# Security Policy\n\n## Reporting a Vulnerability\n\n${body}\n` });

describe("repo/security-policy-contact", () => {
  it("says so when the policy sends reporters to a public issue, at that sentence", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.match(f.message, /^SECURITY\.md tells reporters to open a public issue/);
    assert.deepEqual(f.locations, [{ path: "SECURITY.md", startLine: 9, startColumn: 1 }]);
    assert.deepEqual(f.evidence, { channel: "public-issue" });
  });

  it("points at the reporting heading when no channel and no issue instruction is given", async () => {
    const { findings } = await run(policy("Tell us about it and we will look into it."));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "SECURITY.md names no private channel for reporting a vulnerability (no email address, private advisory form or bug-bounty platform)");
    assert.deepEqual(findings[0]!.locations, [{ path: "SECURITY.md", startLine: 3, startColumn: 1 }]);
    assert.deepEqual(findings[0]!.evidence, { channel: "none" });
  });

  it("flags GitHub's unfilled template", async () => {
    const template = [
      "# Security Policy", "", "## Supported Versions", "", "Use this section to tell people about which versions of your project are",
      "currently being supported with security updates.", "", "| Version | Supported          |", "| ------- | ------------------ |",
      "| 5.1.x   | :white_check_mark: |", "", "## Reporting a Vulnerability", "", "Use this section to tell people how to report a vulnerability.", "",
      "Tell them where to go, how often they can expect to get an update on a", "reported vulnerability, what to expect if the vulnerability is accepted or", "declined, etc.", "",
    ].join("\n");
    const { findings } = await run({ "SECURITY.md": template });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.evidence, { channel: "none" });
    assert.equal(findings[0]!.locations[0]!.startLine, 12);
  });

  it("names a placeholder address as such", async () => {
    const { findings } = await run(policy("Email security@example.com with the details."));
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /placeholder address security@example\.com/);
    assert.deepEqual(findings[0]!.evidence, { channel: "placeholder-email" });
  });

  it("names a template's unfilled address as a placeholder, not as a public issue", async () => {
    const { findings } = await run(policy("To report a security issue, please email $SECURITY_EMAIL with a description of the issue and the steps you took to create the issue."));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "SECURITY.md names only the placeholder address $SECURITY_EMAIL and no real private channel for reporting a vulnerability");
    assert.deepEqual(findings[0]!.evidence, { channel: "placeholder-email" });
    assert.deepEqual((await run(policy("Contact <your email> with the details."))).findings[0]?.evidence, { channel: "placeholder-email" });
  });

  it("takes a reporting link on the line after a colon", async () => {
    const { outcome } = await run(policy("Security issues can be reported privately through our bug bounty programme:\n\nhttps://bounty.widgetco.dev/report"));
    assert.equal(outcome, "pass");
    // Only a line that is little more than the link: prose that happens to hold a URL is not where to report.
    assert.equal((await run(policy("Vulnerabilities can be reported to the maintainers:\n\nOur volunteers keep this library going in their spare time, and their profiles are listed at https://widgetco.dev/team for anyone curious."))).outcome, "fail");
  });

  it("does not judge a policy that defers to an organisation's SECURITY.md on the forge", async () => {
    const { outcome, assessment } = await run({ "SECURITY.md": "# Security\n\nShould you discover any security issues, please refer to widgetco's [security\nprocess](https://github.com/widgetco/.github/blob/main/SECURITY.md)\n" });
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/github\.com\/widgetco\/\.github\/blob\/main\/SECURITY\.md/);
  });

  it("treats an issue-tracker link as a public issue", async () => {
    const { findings } = await run(policy("Report problems at https://github.com/widgetco/widgetlib/issues and we will fix them."));
    assert.deepEqual(findings[0]?.evidence, { channel: "public-issue" });
  });

  it("does not read 'do not open an issue' as an instruction to open one", async () => {
    const { findings } = await run(policy("Please do not open a public issue. Tell a maintainer instead."));
    assert.deepEqual(findings[0]?.evidence, { channel: "none" });
  });

  it("does not count an address hidden in an HTML comment", async () => {
    const { findings } = await run(policy("<!-- TODO: security@widgetco.dev -->\nTell us about it."));
    assert.equal(findings.length, 1);
  });

  it("does not count links to documentation as a reporting form", async () => {
    const { findings } = await run(policy("Read about reporting at https://docs.github.com/en/code-security and https://en.wikipedia.org/wiki/Coordinated_vulnerability_disclosure."));
    assert.equal(findings.length, 1);
  });

  const channels: [string, string][] = [
    ["an email address", "Email security@widgetco.dev with the details."],
    ["a mailto link", "Write to [our security team](mailto:security@widgetco.dev)."],
    ["an address spelled out against scrapers", "Write to security [at] widgetco [dot] dev."],
    ["an address written with at and dot", "Write to security at widgetco dot dev."],
    ["GitHub private vulnerability reporting link", "Use https://github.com/widgetco/widgetlib/security/advisories/new please."],
    ["GitHub private vulnerability reporting by name", "Use GitHub's private vulnerability reporting."],
    ["the Security tab", "Go to the Security tab of this repository and click \"Report a vulnerability\"."],
    ["a draft security advisory", "Please open a draft security advisory on GitHub."],
    ["a GitLab confidential issue", "Open a confidential issue in our GitLab project."],
    ["an issue marked confidential", "Open an issue and mark it as confidential."],
    ["HackerOne", "Report through our program at https://hackerone.com/widgetco."],
    ["huntr", "We triage reports submitted through huntr."],
    ["the Tidelift security contact", "To report a security vulnerability, please use the Tidelift security contact."],
    ["a direct message", "Send a direct message to @widgetco-security on Matrix."],
    ["security.txt", "Our contacts are listed in https://widgetco.dev/.well-known/security.txt."],
    ["a form on the project's site", "Report vulnerabilities using the form at https://widgetco.dev/security/report."],
  ];
  for (const [name, body] of channels) {
    it(`accepts ${name}`, async () => {
      const { findings, outcome } = await run(policy(body));
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("counts the spellings policies use against scrapers as an email address", async () => {
    for (const written of [
      "Please send an email to widget-security[@]widgetco.dev with the details.",
      "Email widget-security(@)widgetco.dev.",
      "Write to security [at] widgetco [dot] dev.",
      "Write to security at widgetco.dev.",
      "Email security at widgetco dot dev.",
      "Email security@widgetco[.]dev, not the issue tracker.",
      "Email security(at)widgetco.dev.",
      "Email security {at} widgetco {dot} dev.",
      "Security contact:\n\nsecurity at widgetco.dev",
    ]) {
      const { outcome, assessment } = await run(policy(written));
      assert.equal(outcome, "pass", written);
      assert.match(assessment.rules[0]?.evidence?.[0]?.message ?? "", /names a private reporting channel: an email address$/, written);
    }
    // Undone, a spelled address meets the same checks as a plain one: an example domain is a placeholder.
    assert.deepEqual((await run(policy("Email security[@]example[.]com with the details."))).findings[0]?.evidence, { channel: "placeholder-email" });
    assert.deepEqual((await run(policy("Subscribe to widget-announce [at] widgetco [dot] dev to hear about fixes."))).findings[0]?.evidence, { channel: "none" });
  });

  it("passes a policy written like GitHub's own, whose only address is spelled name[@]domain", async () => {
    const { outcome, findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "bracketed-at"));
    assert.deepEqual([outcome, findings], ["pass", []]);
    assert.deepEqual(assessment.rules[0]?.evidence?.[0]?.locations, [{ path: "SECURITY.md", startLine: 16, startColumn: 34 }]);
  });

  it("does not read prose with the word 'at' as an address", async () => {
    for (const prose of [
      "Please look at the docs and tell us about it.",
      "Have a look at docs.widgetco.dev, then tell us about it.",
      "Contact the team at widgetco.dev if you are unsure.",
      "Write to us at widgetco.dev if you are unsure.",
      "Our documentation is hosted at docs.widgetco.dev; email us if something is unclear.",
      "Read more at widgetco.dev/security and tell us.",
      "The release notes at github.com list every change.",
    ]) {
      const { outcome, findings } = await run(policy(prose));
      assert.equal(outcome, "fail", prose);
      assert.deepEqual(findings[0]?.evidence, { channel: "none" }, prose);
    }
  });

  it("accepts a policy in .github/ that also warns against public issues", async () => {
    const { outcome } = await run({ ".github/SECURITY.md": "# Security\n\nDo not open a GitHub issue. Email security@widgetco.dev instead.\n" });
    assert.equal(outcome, "pass");
  });

  it("does not judge a short policy that defers to one published elsewhere", async () => {
    const { findings, outcome, assessment } = await run({ "SECURITY.md": "# Security\n\nOur security policy is published at https://widgetco.dev/security-policy.\n" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/widgetco\.dev\/security-policy/);
  });

  it("does not judge a policy that only names its project's security page, behind a licence comment", async () => {
    const comment = "<!---\n Licensed to the Widget Foundation under one or more contributor license agreements.\n See the NOTICE file distributed with this work.\n-->\n";
    const { outcome, assessment } = await run({ "SECURITY.md": `${comment}The Widget Commons security page is [https://widgetco.dev/security.html](https://widgetco.dev/security.html).\n` });
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/widgetco\.dev\/security\.html/);
    // A page named for something else is not a security policy kept elsewhere.
    assert.equal((await run({ "SECURITY.md": "# Security\n\nThe project page is https://widgetco.dev/.\n" })).outcome, "fail");
  });

  it("does not judge a policy that is a heading and one bare link to a page elsewhere", async () => {
    const { outcome, assessment } = await run({ "SECURITY.md": "## Security Policy\n\nhttps://docs.widgetco.dev/operations/support/support-security-issues/\n" });
    assert.equal(outcome, "not-applicable");
    assert.match(assessment.rules[0]!.reason ?? "", /defers to https:\/\/docs\.widgetco\.dev\/operations\/support\/support-security-issues\//);
    // A longer policy that also keeps a bare link on its own line is judged on what it says.
    const longer = `# Security\n\n${"We care about the security of our users and review every change carefully before a release. ".repeat(2)}\n\nhttps://widgetco.dev/keys.asc\n`;
    assert.equal((await run({ "SECURITY.md": longer })).outcome, "fail");
  });

  it("judges the checkout's own document that a one-line policy links to on the forge", async () => {
    const files = {
      ".github/SECURITY.md": "https://github.com/widgetco/widget/blob/main/security/README.md.\n",
      "security/README.md": "## Report a Vulnerability\n\nPlease email the private security@widgetco.dev list with the details.\n",
    };
    const { outcome, assessment } = await run(files);
    assert.equal(outcome, "pass");
    assert.match(assessment.rules[0]!.evidence?.[0]?.message ?? "", /^security\/README\.md names a private reporting channel: an email address/);
    // A link to another repository's SECURITY.md, which is also this policy's own path, stays a deferral.
    const org = await run({ "SECURITY.md": "# Security Policy\n\nWe follow the practices published at https://github.com/widgetco/community/blob/main/SECURITY.md.\n" });
    assert.equal(org.outcome, "not-applicable");
    // A linked document that is not in the checkout is not judged in its place.
    assert.equal((await run({ ".github/SECURITY.md": files[".github/SECURITY.md"] })).outcome, "fail");
  });

  it("judges the security document a short policy links to by a relative path, and still reads the policy's own channel", async () => {
    const process = "# Widget security process\n\n## Handling\n\n- The reporter files the issue on [HackerOne](https://hackerone.com/widgetco), where only the security team sees it.\n";
    const stub = "# Security Policy\n\nSee [the security process](../docs/SECURITY-PROCESS.md#handling) for full details.\n";
    const linked = await run({ ".github/SECURITY.md": stub, "docs/SECURITY-PROCESS.md": process });
    assert.equal(linked.outcome, "pass");
    assert.match(linked.assessment.rules[0]!.evidence?.[0]?.message ?? "", /^docs\/SECURITY-PROCESS\.md names a private reporting channel: a private reporting form or platform/);
    // The linked document names no channel, the short policy does: the policy's own address counts.
    const own = await run({ "SECURITY.md": "# Security Policy\n\nEmail security@widgetco.dev. Read [our process](docs/security-process.md) for details.\n", "docs/security-process.md": "# Process\n\nThe team triages each report and prepares a fix in private.\n" });
    assert.equal(own.outcome, "pass");
    assert.match(own.assessment.rules[0]!.evidence?.[0]?.message ?? "", /^SECURITY\.md names a private reporting channel: an email address/);
    // A link to a document not named for security is not the policy: CONTRIBUTING.md is not judged in its place.
    const contributing = await run({ "SECURITY.md": "# Security Policy\n\nSee [CONTRIBUTING.md](CONTRIBUTING.md) for details.\n", "CONTRIBUTING.md": "# Contributing\n\nEmail patches to dev@widgetco.dev.\n" });
    assert.equal(contributing.outcome, "fail");
    // Links above the checkout's root, to anchors only, or to a missing file are not followed.
    for (const target of ["../../SECURITY-PROCESS.md", "#security-process", "docs/SECURITY-PROCESS.md"]) {
      assert.equal((await run({ "SECURITY.md": `# Security Policy\n\nSee [the process](${target}) for details.\n` })).outcome, "fail", target);
    }
  });

  it("does not take an announcement list, or an address the policy says is not for reports, as the channel", async () => {
    const announce = await run(policy("Fixes are announced on widget-security-announce@lists.widgetco.dev; subscribe to hear about them."));
    assert.equal(announce.outcome, "fail");
    const body = [
      "Use the [private reporting form](https://github.com/widgetco/widget/security/advisories/new) for every report.",
      "",
      "- Use widget-security@lists.widgetco.dev to reach the security team about the distributors list. Do not use it to report vulnerabilities.",
    ].join("\n");
    const both = await run(policy(body));
    assert.equal(both.outcome, "pass");
    assert.match(both.assessment.rules[0]!.evidence?.[0]?.message ?? "", /a private reporting form or platform$/);
    const onlyList = await run(policy("Use widget-security@lists.widgetco.dev to ask about the distributors list. Do not use it to report vulnerabilities."));
    assert.equal(onlyList.outcome, "fail");
    // An address that is for reports still counts wherever it stands.
    assert.equal((await run(policy("Send reports to widget-security@lists.widgetco.dev. Do not open issues."))).outcome, "pass");
  });

  it("does not apply without a policy, or to an empty one", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
    assert.equal((await run({ "SECURITY.md": "\n\n" })).outcome, "not-applicable");
  });

  it("treats a binary SECURITY.md as no policy", async () => {
    const { outcome, findings } = await run({ "SECURITY.md": new Uint8Array([0x23, 0x20, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x41]) });
    assert.equal(outcome, "not-applicable");
    assert.deepEqual(findings, []);
  });

  it("reads a policy that is not valid UTF-8 and still finds its address", async () => {
    const bytes = Buffer.concat([Buffer.from("# Security\n\nCaf\xe9 team: "), Buffer.from([0xe9, 0xff]), Buffer.from(" email security@widgetco.dev.\n")]);
    const { outcome, assessment } = await run({ "SECURITY.md": bytes });
    assert.equal(outcome, "pass");
    assert.ok(assessment.diagnostics.some((d) => d.code === "invalid-utf8" && d.path === "SECURITY.md"));
  });

  // Its speed is measured in bench/hostile.bench.ts, never timed here.
  it("judges a hostile policy", async () => {
    const hostile = `${"a@".repeat(50_000)}\n${"[at] ".repeat(50_000)}\n${"http://x".repeat(20_000)}\n${"open ".repeat(50_000)}\n${"x at a.bc ".repeat(50_000)}\n${"y [dot] ".repeat(50_000)}`;
    assert.notEqual((await run({ "SECURITY.md": hostile })).outcome, "error");
  });
});
