import { policyToJudge, deferredPolicyUrl, isReferenceUrl, policyLocation, REPORTING_HEADING, sentenceLocation, sentenceUrls, type PolicyText, type Sentence } from "./lib/security-policy-text.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/security-policy-contact",
    title: "Security policy gives no private reporting channel",
    severity: "medium",
    confidence: "medium",
    check: "Security-Policy",
    rationale:
      "A security policy that does not say where to send a report privately leaves finders with a public issue or nothing: the vulnerability becomes public before a fix exists, or is never reported at all. A policy that only links to a page elsewhere is not judged offline; one that links to a document kept in the same repository (by a forge link to its branch, or by a relative link to a document named for security such as docs/SECURITY-PROCESS.md) is judged by that document, and what the short policy says itself still counts. An announcement list (`…-announce@…`), or an address the policy says is not for reports, is not a reporting channel.",
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
      return;
    }
    const deferred = deferredPolicyUrl(p);
    if (deferred) return ctx.notApplicable(`${p.file.path} defers to ${deferred}, which cannot be read offline`);

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
    });
  },
};

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
/** `security [at] example [dot] org`, `security (at) example.org`. */
const BRACKETED_EMAIL = /\b[\w.+-]{1,64} {0,3}[[({] {0,2}at {0,2}[\])}] {0,3}[\w-]{1,63}(?: {0,3}[[({] {0,2}dot {0,2}[\])}] {0,3}|\.)[a-z]{2,12}\b/i;
/** `security at example dot org`. */
const SPELLED_EMAIL = /\b[\w.+-]{1,64} at [\w-]{1,63} dot [a-z]{2,12}\b/i;
const NOT_A_CONTACT = /^(git|noreply|no-reply|donotreply|do-not-reply)@|@users\.noreply\.|@localhost$/i;
const PLACEHOLDER_DOMAIN = /@(?:[\w-]{1,63}\.){0,4}example\.(com|org|net)$|@(your-?domain|domain|email|company)\.(com|org)$/i;

/** An announcement list (`project-security-announce@…`) tells subscribers about fixes; nobody reports to it. */
const ANNOUNCE_LIST = /^[\w.%+-]{0,60}announce[\w.%+-]{0,40}@/i;
/** A sentence that names an address only to say it is not for reports ("Do not use it to report vulnerabilities", as Harbor's does). */
const NOT_FOR_REPORTS = /\b(?:do\s{1,3}not|don'?t|never)\s{1,3}use\s{1,3}(?:it|this|that|this\s{1,3}(?:address|list))\s{1,3}(?:to|for)\s{1,3}(?:report|disclos|submit)/i;

/** The same, opening the sentence after the address ("Do not use it to report…"). */
const NOT_FOR_REPORTS_NEXT = new RegExp(`^${NOT_FOR_REPORTS.source}`, "i");

/** The index of the sentence holding body offset `offset` (-1 before the first). */
function sentenceIndexAt(p: PolicyText, offset: number): number {
  let found = -1;
  for (const [i, s] of p.sentences.entries()) {
    if (s.offset > offset) break;
    found = i;
  }
  return found;
}

/** A sentence naming a private way to report: every `all` pattern matches and no `none` pattern. */
interface ChannelPattern {
  all: RegExp[];
  none?: RegExp;
}
const WE_WILL = /\b(we|we'll|we will|maintainers? will|team will)\b/i;
const REPORT_WORDS = /\b(report|reporting|reported|submit|disclos\w{0,6}|contact|send)\b/i;
const CHANNEL_PATTERNS: readonly ChannelPattern[] = [
  { all: [/\/security\/advisories\/new\b/i] },
  { all: [/\/security\/advisories\b/i, REPORT_WORDS] },
  { all: [/private\s{1,3}vulnerability\s{1,3}report/i] },
  { all: [/\bsecurity\s{1,3}tab\b/i] },
  { all: [/report\s{1,3}a\s{1,3}vulnerability/i, /\b(button|form|tab)\b/i] },
  { all: [/\b(open|create|submit|file|draft|via|through|using|use)\s{1,3}(a\s{1,3}|an\s{1,3}|the\s{1,3})?(new\s{1,3})?(private\s{1,3})?(draft\s{1,3})?(github\s{1,3})?security\s{1,3}advisor/i], none: WE_WILL },
  { all: [/\bconfidential\s{1,3}(issue|bug|report)/i] },
  { all: [/\bmark(ed)?\s{1,3}(it\s{1,3}|the\s{1,3}issue\s{1,3}|your\s{1,3}issue\s{1,3})?as\s{1,3}confidential\b/i] },
  { all: [/\b(hackerone|bugcrowd|intigriti|huntr|yeswehack|tidelift|zerodayinitiative|openbugbounty|immunefi)\b/i] },
  { all: [/\b(dm|direct\s{1,3}message|private\s{1,3}message)\b/i] },
  { all: [/\bbughunters\.google|\bmsrc\.microsoft|\bsecurity\.txt\b/i] },
];

/** True when the policy names a private way to report: an email address, a private form or platform. */
/** The private channel the policy names (what, and where: the body keeps the file's offsets), if any. */
function privateChannel(p: PolicyText): { what: string; offset: number } | undefined {
  for (const m of p.body.matchAll(EMAIL)) {
    if (NOT_A_CONTACT.test(m[0]) || PLACEHOLDER_DOMAIN.test(m[0]) || ANNOUNCE_LIST.test(m[0])) continue;
    // "Use list@… to reach the team about membership. Do not use it to report vulnerabilities": the next sentence may say it.
    const i = sentenceIndexAt(p, m.index ?? 0);
    if (NOT_FOR_REPORTS.test(p.sentences[i]?.text ?? "") || NOT_FOR_REPORTS_NEXT.test(p.sentences[i + 1]?.text ?? "")) continue;
    return { what: "an email address", offset: m.index ?? 0 };
  }
  const bracketed = BRACKETED_EMAIL.exec(p.body);
  if (bracketed) return { what: "an email address", offset: bracketed.index };
  for (const [i, s] of p.sentences.entries()) {
    if (SPELLED_EMAIL.test(s.text)) return { what: "an email address", offset: s.offset };
    if (CHANNEL_PATTERNS.some((c) => c.all.every((re) => re.test(s.text)) && !c.none?.test(s.text))) return { what: "a private reporting form or platform", offset: s.offset };
    if (REPORT_WORDS.test(s.text) && sentenceUrls(p, i).some((u) => !isReferenceUrl(u))) return { what: "a reporting link", offset: s.offset };
  }
  return undefined;
}

/** A template variable where the address should be: `email $EMAIL`, `contact <email>`, `send it to [your email]`. */
const TEMPLATE_ADDRESS = /\b(?:e-?mail(?:ing)?|contact(?:ing)?|write to|send (?:it |them |an? e-?mail |a report )?to)[ \t]{1,3}(\$\{?[A-Z][A-Z_]{1,40}\}?|\{\{[ \t]{0,3}[\w.]{1,40}[ \t]{0,3}\}\}|<(?:e-?mail|your[^<>\n]{0,30}|address|contact)>|\[(?:e-?mail|your[^\]\n]{0,30}|address|contact)\])/i;

function placeholderEmail(p: PolicyText): string | undefined {
  for (const m of p.body.matchAll(EMAIL)) if (PLACEHOLDER_DOMAIN.test(m[0])) return m[0];
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
