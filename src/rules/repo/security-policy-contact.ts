import { policyToJudge, deferredPolicyUrl, policyLocation, REPORTING_HEADING, scorecardSeesLinks, sentenceLocation, templateLeftover, templateReportingSentence, type PolicyText, type Sentence } from "./lib/security-policy-text.js";
import { emailsIn, PLACEHOLDER_DOMAIN, privateChannel } from "./lib/policy-channel.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/security-policy-contact",
    title: "Security policy gives no private reporting channel",
    severity: "medium",
    confidence: "medium",
    check: "Security-Policy",
    rationale:
      "A security policy that does not say where to send a report privately leaves finders with a public issue or nothing: the vulnerability becomes public before a fix exists, or is never reported at all. A policy that only links to a page elsewhere is not judged offline; one that links to a document kept in the same repository (by a forge link to its branch, or by a relative link to a document named for security such as docs/SECURITY-PROCESS.md) is judged by that document, and what the short policy says itself still counts. An announcement list (`…-announce@…`), or an address the policy says is not for reports, is not a reporting channel. Addresses spelled against scrapers count (`name[@]example.org`, `name (at) example (dot) org`, `name@example[.]org`, and `name at example.org` in a sentence about writing to it); GitHub's reporting instruction left above a real channel is reported at low severity without lowering the score. Scorecard's Security-Policy gives 6 of its 10 points for any link or email address in the policy, whatever it is for, so a policy without a private channel that still holds one (a link to the issue tracker, a placeholder address) is reported without lowering the score; one with neither fails this rule.",
    remediation:
      "Name a private channel in SECURITY.md: a monitored email address (security@your-domain), GitHub private vulnerability reporting (enable it under Settings → Code security, then link https://github.com/OWNER/REPO/security/advisories/new), a GitLab confidential issue, or a bug-bounty platform. Ask reporters not to open public issues.",
    references: [
      { title: "OpenSSF Scorecard: Security-Policy", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy" },
      { title: "GitHub: Privately reporting a security vulnerability", url: "https://docs.github.com/en/code-security/security-advisories/guidance-on-reporting-and-writing-information-about-vulnerabilities/privately-reporting-a-security-vulnerability" },
      { title: "OpenSSF Guide to coordinated vulnerability disclosure for open source projects", url: "https://github.com/ossf/oss-vulnerability-guide" },
    ],
    network: false,
    assessmentSection: "security-issue-resolution/responsible-disclosure",
  },

  async run(ctx) {
    const p = await policyToJudge(ctx);
    if (!p) return;
    // The linked document is judged first; the short policy that links to it may name the channel itself.
    for (const q of p.deferredFrom ? [p, p.deferredFrom] : [p]) {
      const channel = privateChannel(q);
      if (!channel) continue;
      const pos = q.file.positionAt(channel.offset);
      ctx.evidence({ message: `${q.file.path} names a private reporting channel: ${channel.what}`, locations: [{ path: q.file.path, startLine: pos.line, startColumn: pos.column }] });
      // GitHub's reporting instruction left above a real channel: hygiene, said once and here (the
      // section's rule), without lowering the score; repo/security-policy fails only a policy that
      // names no channel at all.
      const template = templateReportingSentence(q);
      if (template) {
        ctx.report(templateLeftover(q, template, "names a private reporting channel", { channel: "named" }));
      }
      return;
    }
    const deferred = deferredPolicyUrl(p);
    if (deferred) return ctx.notApplicable(`${p.file.path} defers to ${deferred}, which cannot be read offline`);

    // Scorecard's Security-Policy gives its 6 points for any link or address in the policy file it reads, whatever it is
    // for: where it sees one, the missing channel is reported but leaves the score where Scorecard puts it.
    const unscored = scorecardSeesLinks((p.deferredFrom ?? p).file.text) ? { impact: "none" as const } : {};
    // A template's unfilled address (`please email $EMAIL`) says more than any mention of issues around it.
    const placeholder = placeholderEmail(p);
    const issue = placeholder ? undefined : publicIssueInstruction(p);
    if (issue) {
      ctx.report({
        message: `${p.file.path} tells reporters to open a public issue, which discloses the vulnerability to everyone before a fix exists, and names no private channel`,
        locations: [sentenceLocation(p, issue)],
        snippet: issue.text.slice(0, 200),
        evidence: { channel: "public-issue" },
        key: "public-issue",
        ...unscored,
      });
      return;
    }
    ctx.report({
      message: placeholder
        ? `${p.file.path} names only the placeholder address ${placeholder} and no real private channel for reporting a vulnerability`
        : `${p.file.path} names no private channel for reporting a vulnerability (no email address, private advisory form or bug-bounty platform)`,
      locations: [policyLocation(p, REPORTING_HEADING)],
      evidence: { channel: placeholder ? "placeholder-email" : "none" },
      key: placeholder ? "placeholder-email" : "no-channel",
      ...unscored,
    });
  },
};

/** A template variable where the address should be: `email $EMAIL`, `contact <email>`, `send it to [your email]`. */
const TEMPLATE_ADDRESS = /\b(?:e-?mail(?:ing)?|contact(?:ing)?|write to|send (?:it |them |an? e-?mail |a report )?to)[ \t]{1,3}(\$\{?[A-Z][A-Z_]{1,40}\}?|\{\{[ \t]{0,3}[\w.]{1,40}[ \t]{0,3}\}\}|<(?:e-?mail|your[^<>\n]{0,30}|address|contact)>|\[(?:e-?mail|your[^\]\n]{0,30}|address|contact)\])/i;

function placeholderEmail(p: PolicyText): string | undefined {
  for (const e of emailsIn(p)) if (PLACEHOLDER_DOMAIN.test(e.address)) return e.text;
  return TEMPLATE_ADDRESS.exec(p.body)?.[1];
}

/** Wording that sends reporters to the public issue tracker. */
const ISSUE_INSTRUCTIONS: readonly RegExp[] = [
  /\b(open|opening|create|creating|file|filing|submit|submitting|raise|raising|post|posting|log|logging)\s{1,3}(an?\s{1,3}|the\s{1,3})?(new\s{1,3})?(public\s{1,3})?(github\s{1,3}|gitlab\s{1,3})?(issue|ticket|bug\s{1,3}report)s?\b/i,
  /\b(in|on|via|through|to|using)\s{1,3}(the\s{1,3}|our\s{1,3})?(public\s{1,3})?(github\s{1,3}|gitlab\s{1,3})?(issue|bug)\s{1,3}tracker\b/i,
  /\b(github|gitlab)\s{1,3}issues?\b/i,
  /https?:\/\/\S{1,300}\/issues(\/new)?\b/i,
];
const NEGATION = /\b(not|never|don'?t|avoid|instead\s{1,3}of|rather\s{1,3}than|refrain)\b/i;

/** The sentence that tells reporters to use the public issue tracker, unless it says not to. */
function publicIssueInstruction(p: PolicyText): Sentence | undefined {
  for (const s of p.sentences) {
    for (const re of ISSUE_INSTRUCTIONS) {
      const m = re.exec(s.text);
      if (m && !NEGATION.test(s.text.slice(0, m.index + m[0].length))) return s;
    }
  }
  return undefined;
}
