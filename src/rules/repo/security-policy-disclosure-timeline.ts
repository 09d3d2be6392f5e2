import { policyToJudge, deferredPolicyUrl, findSentence, policyLocation } from "./lib/security-policy-text.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/security-policy-disclosure-timeline",
    title: "Security policy states no response or disclosure timeline",
    severity: "low",
    confidence: "medium",
    check: "Security-Policy",
    rationale:
      "Reporters who are not told when to expect an answer or when the issue will be made public tend to disclose on their own schedule, sometimes before a fix ships; a stated timeline (or an embargo process) is what makes disclosure coordinated. A policy that only links to a page elsewhere is not judged offline; one that links to a document kept in the same repository (by a forge link to its branch, or by a relative link to a document named for security such as docs/SECURITY-PROCESS.md) is judged by that document, and what the short policy says itself still counts. Scorecard's Security-Policy does not ask this of a policy (it scores a policy by its links or email addresses, its text and its words about disclosure), so the finding is reported without lowering the check's score.",
    remediation:
      "Say in SECURITY.md how quickly you acknowledge a report and how long you need before public disclosure, for example \"We acknowledge reports within 3 business days and aim to publish a fix and advisory within 90 days\", or describe your embargo process.",
    references: [
      { title: "OpenSSF Scorecard: Security-Policy", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy" },
      { title: "OpenSSF Guide to coordinated vulnerability disclosure for open source projects", url: "https://github.com/ossf/oss-vulnerability-guide" },
      { title: "CERT Guide to Coordinated Vulnerability Disclosure", url: "https://certcc.github.io/CERT-Guide-to-CVD/" },
    ],
    network: false,
    assessmentSection: "security-issue-resolution/responsible-disclosure",
  },

  async run(ctx) {
    const p = await policyToJudge(ctx);
    if (!p) return;
    // A time frame tied to responding or disclosing counts; so does an embargo process. Saying
    // "coordinated disclosure" without any time frame does not: it promises nothing measurable.
    // The linked document is judged first; the short policy that links to it may state the time frame itself.
    for (const q of p.deferredFrom ? [p, p.deferredFrom] : [p]) {
      const timeline = q.sentences.find((s) => TIMELINE_CONTEXT.test(s.text) && hasTimeFrame(s.text)) ?? findSentence(q, EMBARGO);
      if (!timeline) continue;
      const pos = q.file.positionAt(timeline.offset);
      ctx.evidence({ message: `${q.file.path} states a response or disclosure time frame: "${timeline.text.length > 160 ? `${timeline.text.slice(0, 159)}…` : timeline.text}"`, locations: [{ path: q.file.path, startLine: pos.line, startColumn: pos.column }] });
      return;
    }
    const deferred = deferredPolicyUrl(p);
    if (deferred) return ctx.notApplicable(`${p.file.path} defers to ${deferred}, which cannot be read offline`);
    const coordinated = findSentence(p, COORDINATED) !== undefined;
    ctx.report({
      message: coordinated
        ? `${p.file.path} mentions coordinated disclosure but gives no time frame for responding to reports or disclosing them`
        : `${p.file.path} gives no time frame for responding to reports or disclosing vulnerabilities`,
      locations: [policyLocation(p, /disclos|timeline|response|process|report|vulnerab/i)],
      evidence: { timeline: "none", coordinatedDisclosure: coordinated },
      key: "no-timeline",
      // Scorecard's Security-Policy does not ask this of a policy: reported, not scored.
      impact: "none",
    });
  },
};

/** "within 48 hours", "90-day", "7 business days", "a few weeks", "72h". */
const TIME_FRAME =
  /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty[-\s]?five|sixty|ninety|few|several|couple\s{1,3}of)\s{0,2}(-\s{0,2})?((business|working|calendar)\s{1,3})?(hours?|hrs?|days?|weeks?|months?)\b|\b\d{1,3}\s?h\b/gi;
/** A period looking back ("released in the last 6 months") is about support, not response. */
const LOOKING_BACK = /\b(last|past|previous|older\s{1,3}than)\s{1,3}$/i;

/** True when the sentence states a time frame that is not a look back. */
function hasTimeFrame(text: string): boolean {
  for (const m of text.matchAll(TIME_FRAME)) {
    if (!LOOKING_BACK.test(text.slice(Math.max(0, m.index - 20), m.index))) return true;
  }
  return false;
}
const TIMELINE_CONTEXT =
  /\b(respond\w{0,4}|response|reply|replies|acknowledg\w{0,6}|triage\w{0,2}|confirm\w{0,6}|disclos\w{0,6}|fix\w{0,3}|patch\w{0,3}|release\w{0,1}|publish\w{0,3}|advisor\w{0,3}|update\w{0,1}|hear|get\s{1,3}back|notif\w{0,6}|resolv\w{0,3}|remediat\w{0,4}|investigat\w{0,4}|assess\w{0,4}|expect)\b/i;
const EMBARGO = /\bembargo/i;
const COORDINATED = /\b(coordinated|responsible)\s{1,3}(vulnerability\s{1,3})?disclosure\b/i;
