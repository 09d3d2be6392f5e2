import { policyToJudge, deferredPolicyUrl, findHeading, findSentence, policyLocation, type PolicyText, type Sentence, TEMPLATE_VERSION_ROW, TEMPLATE_VERSIONS, sentenceLocation, templateLeftover } from "./lib/security-policy-text.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/security-policy-supported-versions",
    title: "Security policy does not say which versions get fixes",
    severity: "low",
    confidence: "medium",
    check: "Security-Policy",
    rationale:
      "Users cannot tell whether the version they run will get a security fix, so they stay on an unsupported release without knowing they must upgrade, and reporters cannot tell whether an old version is in scope. GitHub's template (its instruction and example table) states nothing; its instruction left above the project's own versions is reported at low severity without lowering the score. A policy that only links to a page elsewhere is not judged offline; one that links to a document kept in the same repository (by a forge link to its branch, or by a relative link to a document named for security such as docs/SECURITY-PROCESS.md) is judged by that document, and what the short policy says itself still counts. Scorecard's Security-Policy does not ask this of a policy (it scores a policy by its links or email addresses, its text and its words about disclosure), so the finding is reported without lowering the check's score.",
    remediation:
      "Add a \"Supported versions\" section to SECURITY.md: a table of release lines and whether each gets security fixes, or a plain statement such as \"Only the latest release receives security fixes\" or \"We support the last two minor versions\".",
    references: [
      { title: "OpenSSF Scorecard: Security-Policy", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy" },
      { title: "GitHub: Adding a security policy to your repository", url: "https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository" },
      { title: "endoflife.date: Recommendations for publishing support timelines", url: "https://endoflife.date/recommendations" },
    ],
    network: false,
    assessmentSection: "security-issue-resolution/vulnerability-response",
  },

  async run(ctx) {
    const p = await policyToJudge(ctx);
    if (!p) return;
    // GitHub's template ships an instruction and an example table (5.1.x, 5.0.x…): left as is, they state nothing.
    const template = findSentence(p, TEMPLATE_VERSIONS);
    if (template && !statesOwnVersions(p, template)) {
      ctx.report({
        message: `${p.file.path}'s supported versions are still GitHub's template example`,
        locations: [sentenceLocation(p, template)],
        evidence: { supportedVersions: "template" },
        key: "template",
        // Scorecard's Security-Policy does not ask this of a policy: reported, not scored.
        impact: "none",
      });
      return;
    }
    if (template) {
      // The project's own versions are there; only the instruction above them was left behind. Said
      // once, here, as hygiene: the policy answers the question, so the check's score is untouched.
      ctx.report(templateLeftover(p, template, "states its supported versions", { supportedVersions: "stated" }));
      return;
    }
    // The linked document is judged first; the short policy that links to it may name the versions itself.
    const stating = (p.deferredFrom ? [p, p.deferredFrom] : [p]).find(statesSupportedVersions);
    if (stating) {
      ctx.evidence({ message: `${stating.file.path} says which versions receive security fixes`, locations: [{ path: stating.file.path }] });
      return;
    }
    const deferred = deferredPolicyUrl(p, "versions");
    if (deferred) return ctx.notApplicable(`${p.file.path} defers to ${deferred}, which cannot be read offline`);
    ctx.report({
      message: `${p.file.path} does not say which versions receive security fixes`,
      locations: [policyLocation(p)],
      evidence: { supportedVersions: "not stated" },
      key: "no-supported-versions",
      // Scorecard's Security-Policy does not ask this of a policy: reported, not scored.
      impact: "none",
    });
  },
};

const SUPPORT_WORDS = /\b(support|supported|supports|maintained|security\s{1,3}(fix|patch|update|release)(e?s)?|fix|fixes|fixed|patch|patches|patched|backport\w{0,4}|receive|receives)\b/i;

/** Sentences that state a support scope; each entry's patterns must all match one sentence. */
const STATEMENTS: readonly RegExp[][] = [
  [/\bsupported\s{1,3}(versions?|releases?|branch(es)?|series|release\s{1,3}lines?)\b/i],
  [/\b(versions?|releases?|branch(es)?)\b.{0,60}?\b(are|is)\s{1,3}(currently\s{1,3})?(being\s{1,3})?(supported|maintained)\b/i],
  [/\bversion\s{1,3}support\b|\bsupport\s{1,3}(polic(y|ies)|matrix|window|period|schedule)\b/i],
  [/\b(only|just)\s{1,3}(to\s{1,3}|for\s{1,3}|on\s{1,3}|in\s{1,3})?(the\s{1,3})?(latest|newest|most\s{1,3}recent|current|last|main|master|head|tip)\b/i, /\b(release|version|branch|major|minor|support|fix|patch)/i],
  [/\b(latest|newest|most\s{1,3}recent|current)\s{1,3}(stable\s{1,3})?(major\s{1,3}|minor\s{1,3})?(release|version)s?\b/i, SUPPORT_WORDS],
  [/\b(last|latest|previous|two|three|\d{1,2})\s{1,3}(\d{1,2}\s{1,3}|two\s{1,3}|three\s{1,3}|four\s{1,3}|five\s{1,3})?(major\s{1,3}|minor\s{1,3}|stable\s{1,3}|feature\s{1,3})?(releases|versions|release\s{1,3}lines|branches)\b/i, SUPPORT_WORDS],
  [/\bend[-\s]of[-\s](life|support)\b|\bEOL\b|\bLTS\b|\blong[-\s]term[-\s]support\b/i],
  [/\bbackport/i],
  [/\bsecurity\s{1,3}(fixes|patches|updates)\s{1,3}(are|will\s{1,3}be)\s{1,3}(only\s{1,3})?(provided|released|made|applied|published|issued|shipped)\s{1,3}(for|to|on|against|in)\b/i],
  [/\bunsupported\s{1,3}(versions?|releases?)\b|\b(no\s{1,3}longer|not)\s{1,3}(supported|maintained)\b/i],
  [/:white_check_mark:|:heavy_check_mark:|:x:|\u2705|\u274c|\u2714|\u2716|\u2718/, /\d\.(\d|x)|\bv?\d{1,4}\.x\b/i],
];

/**
 * True when a policy still holding the template's instruction also states versions of its own: a
 * statement other than the instruction itself (which reads as one: "which versions of your project
 * are currently being supported") and the rows of the template's example table. The template's
 * "Supported Versions" heading says nothing on its own here.
 */
function statesOwnVersions(p: PolicyText, instruction: Sentence): boolean {
  const headingLines = new Set(p.headings.map((h) => h.line));
  const own = p.sentences.filter((s) => s !== instruction && !TEMPLATE_VERSION_ROW.test(s.text) && !headingLines.has(p.file.positionAt(s.offset).line));
  const rest: PolicyText = { ...p, headings: [], sentences: own };
  return STATEMENTS.some((all) => findSentence(rest, ...all) !== undefined);
}

/** True when the policy has a supported-versions section or states which versions get fixes. */
function statesSupportedVersions(p: PolicyText): boolean {
  if (findHeading(p, /\b(version|release)s?\b.{0,30}support|support.{0,30}\b(version|release)/i)) return true;
  return STATEMENTS.some((all) => findSentence(p, ...all) !== undefined);
}
