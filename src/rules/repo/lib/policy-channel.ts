// The private reporting channel a security policy names: an email address (as written, or spelled
// against scrapers), a private advisory form, a bug-bounty platform or a reporting link. Shared by
// repo/security-policy-contact, which judges the channel, and repo/security-policy, which asks
// whether a policy still holding template text has been filled in all the same. Every pattern runs
// in linear time: bounded repetition, and classes that cannot overlap where one part gives way to the next.

import { isReferenceUrl, sentenceUrls, type PolicyText } from "./security-policy-text.js";

/**
 * How an address writes its "@": itself, or one of the spellings policies use against scrapers
 * (`[@]`, `(@)`, `{at}`, `[at]`, `<at>`, ` at `). GitHub's own policy writes `opensource-security[@]github.com`.
 */
const AT_SPELLED = String.raw`[ \t]{0,3}(?:\[[ \t]{0,2}(?:@|at)[ \t]{0,2}\]|\([ \t]{0,2}(?:@|at)[ \t]{0,2}\)|\{[ \t]{0,2}(?:@|at)[ \t]{0,2}\}|<[ \t]{0,2}at[ \t]{0,2}>)[ \t]{0,3}|\s{1,3}(?:@|at)\s{1,3}`;
/** How an address writes a dot of its domain: itself, or `[.]`, `(dot)`, `{.}`, `<dot>`, ` dot `. */
const DOT_SPELLED = String.raw`[ \t]{0,3}(?:\[[ \t]{0,2}(?:\.|dot)[ \t]{0,2}\]|\([ \t]{0,2}(?:\.|dot)[ \t]{0,2}\)|\{[ \t]{0,2}(?:\.|dot)[ \t]{0,2}\}|<[ \t]{0,2}dot[ \t]{0,2}>)[ \t]{0,3}|\s{1,3}dot\s{1,3}`;
/**
 * An address, plain or spelled: a local part that starts a token, its "@", and a domain of two to
 * nine labels not followed by more of a name or a path.
 */
const ADDRESS = new RegExp(
  String.raw`(?<![\w.%+-])([A-Za-z0-9._%+-]{1,64})(@|${AT_SPELLED})([A-Za-z0-9-]{1,63}(?:(?:\.|${DOT_SPELLED})[A-Za-z0-9-]{1,63}){1,8})(?![\w-]|\.[A-Za-z0-9]|\/)`,
  "gi",
);
const DOT_SPELLED_RE = new RegExp(DOT_SPELLED, "gi");
const TLD = /^[a-z]{2,24}$/i;
/** Addresses read per policy: a real one names a handful. */
const MAX_ADDRESSES = 200;

/** An email address found in a policy. */
export interface PolicyEmail {
  /** The address with its spelling undone (`security@widgetco.dev`). */
  address: string;
  /** The address as written. */
  text: string;
  /** Offset in the policy's body (the file's offsets). */
  index: number;
}

/**
 * Words that stand before " at " in prose ("look at", "email us at", "available at"): read as the
 * local part of an address spelled with a bare " at ", they would make every sentence that points at
 * a site an email address.
 */
const PROSE_BEFORE_AT = new Set(
  (
    "us me you him her them it we they one this that these those there here what which who " +
    "look looks looking looked available hosted located found listed published online site website page pages docs doc documentation " +
    "guide guides team teams anytime directly least most all any once first last more less now today then also only just even " +
    "already always never again up down out in on off over back home is are was were be been am arrive arrives point points " +
    "started starting running runs live lives served based aimed work works working issues bugs tracker repo repository project code source details"
  ).split(" "),
);
/** A determiner before the word: "the team at widgetco.dev" is a team, not team@widgetco.dev. */
const DETERMINER_BEFORE = /(?:^|[^\w])(?:the|a|an|our|your|their|its|my|his|her|this|that)\s{1,3}$/i;
/** Words of a sentence that gives an address to write to. */
const MAIL_WORDS = /\b(?:e-?mail(?:s|ed|ing)?|mail(?:to|ed|ing|box)?|inbox|contact(?:s|ed|ing)?|write|writing|send|sending|address(?:es)?|reach(?:ed|ing)?)\b/i;

/**
 * The email addresses of a policy, plain or spelled against scrapers, at most 200. An address
 * written with a bare " at " and plain dots (`security at widgetco.dev`) reads like prose ("look at
 * docs.rs"), so it counts only where the sentence says it is an address to write to (or is little
 * more than the address) and the word before " at " is not one prose puts there.
 */
export function emailsIn(p: PolicyText): PolicyEmail[] {
  const out: PolicyEmail[] = [];
  // Whether each sentence says it gives an address, asked once per sentence however many candidates it holds.
  const mailSentence = new Map<number, boolean>();
  let candidates = 0;
  for (const m of p.body.matchAll(ADDRESS)) {
    if (out.length >= MAX_ADDRESSES || ++candidates > MAX_CANDIDATES) break;
    const [text, local = "", at = "", rawDomain = ""] = m;
    const domain = rawDomain.replace(DOT_SPELLED_RE, ".");
    if (!TLD.test(domain.slice(domain.lastIndexOf(".") + 1))) continue;
    if (/^\s{1,3}at\s{1,3}$/i.test(at)) {
      if (PROSE_BEFORE_AT.has(local.toLowerCase()) || DETERMINER_BEFORE.test(p.body.slice(Math.max(0, m.index - 12), m.index))) continue;
      // Plain dots: only in a sentence about writing to it, or one that is little more than the address.
      if (rawDomain === domain) {
        const i = sentenceIndexAt(p, m.index);
        const sentence = p.sentences[i]?.text ?? "";
        let mail = mailSentence.get(i);
        if (mail === undefined) mailSentence.set(i, (mail = MAIL_WORDS.test(sentence)));
        if (!mail && !nearlyOnly(sentence, text)) continue;
      }
    }
    out.push({ address: `${local}@${domain}`, text, index: m.index });
  }
  return out;
}

/** Candidate addresses examined per policy: a hostile one may hold a million look-alikes. */
const MAX_CANDIDATES = 1_000;

/** True when a sentence is little more than the address (`security at widgetco.dev` on a line of its own). */
function nearlyOnly(sentence: string, address: string): boolean {
  // Sentences keep collapsed whitespace: compare lengths first, so a long sentence costs nothing.
  const written = address.replace(/\s+/g, " ");
  if (sentence.length > written.length + 16) return false;
  return sentence.replace(written, "").replace(/[\s\p{P}]/gu, "").length <= 3;
}

const NOT_A_CONTACT = /^(git|noreply|no-reply|donotreply|do-not-reply)@|@users\.noreply\.|@localhost$/i;
/** Addresses at domains kept for examples, or a template's `you@yourdomain.com`. */
export const PLACEHOLDER_DOMAIN = /@(?:[\w-]{1,63}\.){0,4}example\.(com|org|net)$|@(your-?domain|domain|email|company)\.(com|org)$/i;

/** An announcement list (`project-security-announce@…`) tells subscribers about fixes; nobody reports to it. */
const ANNOUNCE_LIST = /^[\w.%+-]{0,60}announce[\w.%+-]{0,40}@/i;
/** A sentence that names an address only to say it is not for reports ("Do not use it to report vulnerabilities", as Harbor's does). */
const NOT_FOR_REPORTS = /\b(?:do\s{1,3}not|don'?t|never)\s{1,3}use\s{1,3}(?:it|this|that|this\s{1,3}(?:address|list))\s{1,3}(?:to|for)\s{1,3}(?:report|disclos|submit)/i;

/** The same, opening the sentence after the address ("Do not use it to report…"). */
const NOT_FOR_REPORTS_NEXT = new RegExp(`^${NOT_FOR_REPORTS.source}`, "i");

/** The index of the sentence holding body offset `offset` (-1 before the first). */
export function sentenceIndexAt(p: PolicyText, offset: number): number {
  let lo = 0;
  let hi = p.sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((p.sentences[mid]?.offset ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
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

/** The private channel the policy names (what, and where: the body keeps the file's offsets), if any. */
export function privateChannel(p: PolicyText): { what: string; offset: number } | undefined {
  for (const e of emailsIn(p)) {
    if (NOT_A_CONTACT.test(e.address) || PLACEHOLDER_DOMAIN.test(e.address) || ANNOUNCE_LIST.test(e.address)) continue;
    // "Use list@… to reach the team about membership. Do not use it to report vulnerabilities": the next sentence may say it.
    const i = sentenceIndexAt(p, e.index);
    if (NOT_FOR_REPORTS.test(p.sentences[i]?.text ?? "") || NOT_FOR_REPORTS_NEXT.test(p.sentences[i + 1]?.text ?? "")) continue;
    return { what: "an email address", offset: e.index };
  }
  for (const [i, s] of p.sentences.entries()) {
    if (CHANNEL_PATTERNS.some((c) => c.all.every((re) => re.test(s.text)) && !c.none?.test(s.text))) return { what: "a private reporting form or platform", offset: s.offset };
    if (REPORT_WORDS.test(s.text) && sentenceUrls(p, i).some((u) => !isReferenceUrl(u))) return { what: "a reporting link", offset: s.offset };
  }
  return undefined;
}
