import { securityContacts, securityPolicyEntry } from "./lib/security-policy-file.js";
import { deferredPolicyUrl, policyText, templateReportingSentence } from "./lib/security-policy-text.js";
import { privateChannel } from "./lib/policy-channel.js";
import { README_OR_CONTRIBUTING, readmeMatch } from "./lib/readme.js";
import type { Rule } from "../types.js";

/**
 * A link to an organisation's default security policy: the SECURITY.md of its `.github` repository,
 * or this repository's Security tab page, which shows that policy when the repository has none.
 */
const ORG_POLICY_LINK = /github\.com\/[\w.-]{1,100}\/\.github\/(?:blob|tree)\/[\w.\/-]{1,200}?security\.md|github\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\/security\/policy\b/i;

/** What a missing policy's finding says it could not check. */
const ORG_POLICY_OFFLINE = "not checked offline: a default policy in the owner's .github repository, which GitHub shows for repositories without their own";

export const rule: Rule = {
  meta: {
    id: "repo/security-policy",
    title: "No security policy",
    severity: "medium",
    confidence: "high",
    check: "Security-Policy",
    rationale:
      "Without a security policy, people who find a vulnerability do not know how to report it privately, so they open a public issue or give up, and users are exposed before a fix exists. The policy is looked for where GitHub and Scorecard look (the root, .github/ and docs/, doc/ for a .rst policy); a policy in .gitlab/ or named SECURITY.txt counts here too, though Scorecard does not look for them. Scorecard also takes the default policy an organisation keeps in its `.github` repository, which a checkout does not hold: a repository relying on it passes here when its README or contributing guide links that policy (or the repository's Security tab), and is reported otherwise; committing the policy (or a short one linking to the organisation's) makes it visible in every clone. A policy still holding GitHub's template is reported here only when its reporting instruction is left and it names no private channel; a leftover template sentence in a policy that does is reported once, at low severity and without lowering the score, by the rule that owns its section (contact, or supported versions).",
    remediation:
      "Add SECURITY.md at the root, in .github/ or in docs/ saying how to report a vulnerability privately (an email address or the forge's private reporting form), which versions get fixes, and how long disclosure takes.",
    references: [
      { title: "OpenSSF Scorecard: Security-Policy", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy" },
      { title: "GitHub: Adding a security policy to your repository", url: "https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository" },
      { title: "OpenSSF Guide to coordinated vulnerability disclosure for open source projects", url: "https://github.com/ossf/oss-vulnerability-guide" },
    ],
    network: false,
    assessmentSection: "security-issue-resolution/responsible-disclosure",
  },

  async run(ctx) {
    const entry = securityPolicyEntry(ctx);
    if (entry === undefined) {
      // Kubernetes and other CNCF projects keep SECURITY_CONTACTS, which defers to the organisation's policy.
      const contacts = await securityContacts(ctx);
      if (contacts?.policyUrl) return;
      if (contacts) {
        ctx.report({ message: `no SECURITY.md, and ${contacts.path} names people but no security policy or private reporting channel`, locations: [{ path: contacts.path, startLine: 1, startColumn: 1 }], key: "contacts-only" });
        return;
      }
      if (ctx.unread("SECURITY_CONTACTS") ?? ctx.unread("SECURITY_CONTACTS.md")) return;
      // The organisation's default policy, which GitHub shows for every repository without one of its own.
      const orgPolicy = await readmeMatch(ctx, [ORG_POLICY_LINK], README_OR_CONTRIBUTING);
      if (orgPolicy) {
        ctx.evidence({ message: `${orgPolicy.path} sends reporters to the security policy kept for the whole organisation (${orgPolicy.text})`, locations: [{ path: orgPolicy.path, startLine: orgPolicy.line }] });
        return;
      }
      // GitHub shows an organisation's default policy (its `.github` repository's SECURITY.md) for a
      // repository without one, and Scorecard counts it: offline that cannot be seen, so the finding says so.
      ctx.report({ message: `no SECURITY.md in the root, .github/, docs/ or .gitlab/ (${ORG_POLICY_OFFLINE})`, key: "missing", confidence: "medium" });
      return;
    }
    const policy = await ctx.readText(entry.path);
    if (policy === undefined) {
      ctx.report({ message: `${entry.path} ${ctx.unread(entry.path)?.message ?? "cannot be read as text"}, so nobody can follow it`, locations: [{ path: entry.path }], key: "unreadable" });
      return;
    }
    if (policy.text.trim().length < 20) {
      ctx.report({ message: `${policy.path} is empty`, locations: [{ path: policy.path, startLine: 1 }], key: "empty" });
      return;
    }
    // GitHub's reporting instruction still there and no channel named: the policy is still the template.
    // A leftover instruction in a policy that names its channel is hygiene, reported once by the
    // rule that owns its section (repo/security-policy-contact, or -supported-versions for the
    // versions instruction), not a missing policy.
    const p = policyText(policy);
    const template = templateReportingSentence(p);
    if (template && !privateChannel(p) && !deferredPolicyUrl(p)) {
      ctx.report({
        message: `${policy.path} still holds GitHub's template instructions ("${template.text.length > 100 ? `${template.text.slice(0, 99)}…` : template.text}"): replace them with the project's own policy`,
        locations: [{ path: policy.path, startLine: policy.positionAt(template.offset).line, startColumn: 1 }],
        key: "template",
      });
      return;
    }
    ctx.evidence({ message: `${policy.path} is the project's security policy`, locations: [{ path: policy.path }] });
  },
};
