import { URL_PATTERN, isReferenceUrl, urlsIn } from "./policy-urls.js";
import { findSecurityPolicy, securityContacts } from "./security-policy-file.js";

export { isReferenceUrl, urlsIn } from "./policy-urls.js";
import type { RuleContext, TextFileLike } from "../../types.js";
import type { FindingInput } from "../../../core/finding.js";
import { dirOf, joinRelative } from "../../../core/checkout-path.js";

/**
 * Text analysis shared by the rules that judge a security policy's content: headings, sentences
 * and a few searches. Every regular expression here runs in linear time (bounded repetition, no
 * nested quantifiers over overlapping classes), because the policy is hostile input.
 */

/** A heading of the policy (Markdown ATX or setext, reStructuredText, AsciiDoc, or a bold line). */
export interface Heading {
  text: string;
  line: number;
}

/** A sentence-sized chunk of prose: a sentence, a list item, a table row or a heading. */
export interface Sentence {
  /** Whitespace collapsed; emphasis markers, backticks and parentheses removed. */
  text: string;
  /** Offset of the chunk's first character in the file's text. */
  offset: number;
}

/** The analysed policy; built once per file and shared by every rule. */
export interface PolicyText {
  file: TextFileLike;
  /** The file's text with HTML comments blanked out (same length, same line breaks). */
  body: string;
  headings: Heading[];
  sentences: Sentence[];
  /** The short policy that sent the reader to this document of the checkout, judged when this one is silent on a question. */
  deferredFrom?: PolicyText;
}

const cache = new WeakMap<TextFileLike, PolicyText>();

/** Analyses a security policy once; later calls with the same file reuse the result. */
export function policyText(file: TextFileLike): PolicyText {
  let p = cache.get(file);
  if (!p) {
    const body = blankHtmlComments(file.text);
    p = { file, body, headings: findHeadings(body), sentences: splitSentences(body) };
    cache.set(file, p);
  }
  return p;
}

/** The first sentence in which every pattern matches. */
export function findSentence(p: PolicyText, ...patterns: RegExp[]): Sentence | undefined {
  return p.sentences.find((s) => patterns.every((re) => re.test(s.text)));
}

/** The first heading whose text matches. */
export function findHeading(p: PolicyText, pattern: RegExp): Heading | undefined {
  return p.headings.find((h) => pattern.test(h.text));
}

/** Where a finding on the policy points: the most relevant heading, else line 1. */
export function policyLocation(p: PolicyText, preferred?: RegExp): { path: string; startLine: number; startColumn: number } {
  const h = preferred ? findHeading(p, preferred) : undefined;
  return { path: p.file.path, startLine: h?.line ?? 1, startColumn: 1 };
}

/** 1-based line and column of a sentence's start. */
export function sentenceLocation(p: PolicyText, s: Sentence): { path: string; startLine: number; startColumn: number } {
  const pos = p.file.positionAt(s.offset);
  return { path: p.file.path, startLine: pos.line, startColumn: pos.column };
}

/**
 * The finding for a GitHub template sentence left in a policy that otherwise answers its question
 * (`answered`: "names a private reporting channel"): hygiene, low and without weight on the score.
 */
export function templateLeftover(p: PolicyText, template: Sentence, answered: string, evidence: Record<string, string | boolean>): FindingInput {
  const quoted = template.text.length > 100 ? `${template.text.slice(0, 99)}…` : template.text;
  return {
    message: `${p.file.path} ${answered} but still holds GitHub's template instruction ("${quoted}"): delete it`,
    locations: [sentenceLocation(p, template)],
    snippet: template.text.slice(0, 200),
    evidence: { ...evidence, templateText: true },
    severity: "low",
    confidence: "high",
    impact: "none",
    key: "template-leftover",
  };
}

/** The domain Scorecard's email pattern asks for after the `@`: letters, digits, dots and dashes, then a dot and 2-6 letters. */
const SCORECARD_EMAIL_DOMAIN = /^[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,6}\b/;
const SCORECARD_EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
/** `@` signs looked at: a policy is a page or two, and one address is enough. */
const MAX_AT_SIGNS = 200;

/**
 * True when Scorecard's Security-Policy finds a link or an email address in a policy's text (its
 * securityPolicyContainsLinks probe, 6 of its 10 points): `http://` or `https://`, or an address,
 * `name@example.org` or `name[at]example.org`. Scorecard takes nothing off a policy that has one,
 * whatever the link or address is for.
 */
export function scorecardSeesLinks(text: string): boolean {
  if (text.includes("http://") || text.includes("https://")) return true;
  let from = 0;
  // Each next sign searched again only once passed: a text without `[at` is not read to its end at every `@`.
  let at = -2;
  let bracket = -2;
  for (let n = 0; n < MAX_AT_SIGNS; n++) {
    if (at !== -1 && at < from) at = text.indexOf("@", from);
    if (bracket !== -1 && bracket < from) bracket = text.indexOf("[at", from);
    const i = at < 0 ? bracket : bracket < 0 ? at : Math.min(at, bracket);
    if (i < 0) return false;
    const sign = i === at ? "@" : /^\[at\\?\]/.exec(text.slice(i, i + 5))?.[0];
    from = i + 1;
    if (sign === undefined) continue;
    const before = text[i - (text[i - 1] === "\\" && sign !== "@" ? 2 : 1)] ?? "";
    if (SCORECARD_EMAIL_LOCAL.test(before) && SCORECARD_EMAIL_DOMAIN.test(text.slice(i + sign.length, i + sign.length + 260))) return true;
  }
  return false;
}

/** Headings that introduce the part of a policy about reporting. */
export const REPORTING_HEADING = /report|vulnerab|disclos|contact/i;

/** A sentence about which versions are supported (Bitcoin Core links its release lifecycle page). */
const VERSIONS_PAGE = /\bversions?\b[^.]{0,120}\b(?:supported|maintained|security updates)\b|\bsupported versions\b|\blifecycle\b|\bend[- ]of[- ]life\b/i;

/** Words of a sentence that sends the reader elsewhere ("The Apache Commons security page is URL" names the page). */
const DEFER_WORDS = /\b(see|refer|found|documented|described|available|published|follow|read|visit|details|located)\b|\bpolic(y|ies)\b|\bprocess\b|\bsecurity (?:page|website|site|wiki)\b/i;

/**
 * When a short policy only points to a policy published elsewhere ("See https://example.org/security
 * for our policy"), the URL it defers to; its content cannot be judged offline. A link given for the
 * supported versions alone defers only that question (`aspect: "versions"`).
 */
export function deferredPolicyUrl(p: PolicyText, aspect?: "versions"): string | undefined {
  for (const i of deferringSentences(p)) {
    const text = (p.sentences[i] as Sentence).text;
    // "See our website for the versions supported with security updates: URL" defers that question only.
    if (aspect !== "versions" && VERSIONS_PAGE.test(text)) continue;
    // A page on checking signatures or fetching a key is not the policy (jackson-databind: "see
    // Apache Release Signing" under "Verifying Artifact signatures").
    if (KEYS_TOPIC.test(text)) continue;
    const url = sentenceUrls(p, i).find((u) => !isReferenceUrl(u));
    if (url) return url;
  }
  return undefined;
}

/** Sentences about release signatures, checksums or encryption keys. */
const KEYS_TOPIC = /\b(?:signatures?|signing|checksums?|pgp|gpg|public\s{1,3}keys?|encryption\s{1,3}keys?)\b/i;

/**
 * A bare link defers only in a policy with next to no prose of its own (a heading and the link, as
 * dapr's): a longer policy that also lists a PGP key or an advisory page on a line of its own has
 * been judged on what it says.
 */
const BARE_LINK_PROSE = 120;

/** The sentences of a short policy (at most 800 characters of prose) that send the reader elsewhere: deferring words, or a bare link in a policy of next to no prose. */
function deferringSentences(p: PolicyText): number[] {
  let prose = 0;
  for (const s of p.sentences) prose += s.text.replace(URL_PATTERN, "").length;
  if (prose > 800) return [];
  const out: number[] = [];
  for (let i = 0; i < p.sentences.length; i++) {
    const text = (p.sentences[i] as Sentence).text;
    if (DEFER_WORDS.test(text) || (prose <= BARE_LINK_PROSE && isBareUrl(text))) out.push(i);
  }
  return out;
}

/** A sentence that is nothing but a link: a policy whose body is one URL sends the reader there. */
function isBareUrl(text: string): boolean {
  return urlsIn(text).length > 0 && text.replace(URL_PATTERN, "").replace(/[\s.,;:!<>[\]-]/g, "").length === 0;
}

/** A forge URL of a file on a branch (`github.com/o/r/blob/main/security/README.md`, GitLab's `/-/blob/`). */
const BLOB_URL = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com)\/[^/?#]{1,100}\/[^/?#]{1,100}\/(?:-\/)?blob\/[^/?#]{1,200}\/([^?#]{1,500})/i;
const DOC_FILE = /\.(?:md|markdown|rst|txt|adoc)$/i;

/**
 * The checkout's own file that a short policy defers to by a forge link to its branch (etcd's
 * `.github/SECURITY.md` is one line linking `…/etcd/blob/main/security/README.md`): that document
 * is the policy to judge. Only a document that exists here and is not the policy itself counts, so
 * a link to another repository's SECURITY.md (an organisation's community repository) stays a
 * deferral that cannot be read offline.
 */
function localDeferral(ctx: RuleContext, p: PolicyText): string | undefined {
  for (const i of deferringSentences(p)) {
    for (const url of sentenceUrls(p, i)) {
      const m = BLOB_URL.exec(url);
      if (!m) continue;
      const path = decodePath(m[1] as string);
      if (path !== undefined && path !== p.file.path && DOC_FILE.test(path) && ctx.has(path)) return path;
    }
    // A relative Markdown link (curl's "See [docs/SECURITY-PROCESS.md](docs/SECURITY-PROCESS.md) for
    // full details"). Only a document named for security counts: a short policy that also says "see
    // CONTRIBUTING.md for how to send a patch" has not handed its policy to that file.
    // Sentences are kept with their links flattened, so the link is read from the text itself.
    const raw = p.body.slice((p.sentences[i] as Sentence).offset, p.sentences[i + 1]?.offset ?? p.body.length);
    for (const m of raw.matchAll(RELATIVE_LINK)) {
      const path = resolveRelative(p.file.path, m[1] as string);
      if (path !== undefined && path !== p.file.path && DOC_FILE.test(path) && SECURITY_DOC.test(path) && ctx.has(path)) return path;
    }
  }
  return undefined;
}

/** The target of an inline Markdown link, `[text](target)` or `[text](<target> "title")`. */
const RELATIVE_LINK = /\]\(<?([^()\s<>]{1,300})>?(?:[ \t]{1,5}"[^"\n]{0,200}")?\)/g;
/** A document about security by its path (SECURITY-PROCESS.md, docs/security/policy.md, vulnerability-disclosure.rst). */
const SECURITY_DOC = /secur|vulnerab|disclos/i;

/** A percent-decoded path, or undefined when its escapes are malformed. */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The checkout path a relative link of `from` names, without its fragment; undefined for URLs, anchors and paths above the root. */
function resolveRelative(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]{0,20}:|^\/\/|^#/i.test(target)) return undefined;
  const decoded = decodePath(target.replace(/[?#].*$/s, ""));
  if (!decoded) return undefined;
  return joinRelative(decoded.startsWith("/") ? "" : dirOf(from), decoded) || undefined;
}

const LINK_DEFINITION = /^[ ]{0,3}\[([^\]\n]{1,200})\]:[ \t]{0,20}<?(https?:\/\/[^\s<>]{1,2000})/gm;
const LINK_REFERENCE = /\[([^\]\n]{1,200})\](?:\[([^\]\n]{0,200})\])?/g;
const definitions = new WeakMap<PolicyText, Map<string, string>>();

/** Markdown reference-style links of a sentence (`[the disclosure page]` with `[the disclosure page]: https://…` below), resolved. */
function referencedUrls(p: PolicyText, text: string): string[] {
  if (!text.includes("[")) return [];
  let defs = definitions.get(p);
  if (!defs) {
    defs = new Map();
    for (const m of p.body.matchAll(LINK_DEFINITION)) defs.set((m[1] as string).trim().toLowerCase(), m[2] as string);
    definitions.set(p, defs);
  }
  if (defs.size === 0) return [];
  const out: string[] = [];
  for (const m of text.matchAll(LINK_REFERENCE)) {
    // `[text][label]`, `[label][]` and `[label]` name their definition by label.
    const label = (m[2] || m[1] || "").trim().toLowerCase();
    const url = defs.get(label);
    if (url) out.push(url);
  }
  return out;
}

/**
 * The URLs of sentence `i`, and of the next one when the sentence ends with a colon and the next is
 * little more than a link ("…in our documentation:" with the URL on a line of its own).
 */
export function sentenceUrls(p: PolicyText, i: number): string[] {
  const s = p.sentences[i];
  if (!s) return [];
  const own = [...urlsIn(s.text), ...referencedUrls(p, s.text)];
  const next = p.sentences[i + 1];
  if (!s.text.endsWith(":") || !next) return own;
  const nextUrls = urlsIn(next.text);
  return nextUrls.length > 0 && next.text.replace(URL_PATTERN, "").trim().length <= 40 ? [...own, ...nextUrls] : own;
}

function blankHtmlComments(text: string): string {
  let start = text.indexOf("<!--");
  if (start === -1) return text;
  const parts: string[] = [];
  let from = 0;
  while (start !== -1) {
    const close = text.indexOf("-->", start + 4);
    const end = close === -1 ? text.length : close + 3;
    parts.push(text.slice(from, start), text.slice(start, end).replace(/[^\n]/g, " "));
    from = end;
    start = close === -1 ? -1 : text.indexOf("<!--", end);
  }
  parts.push(text.slice(from));
  return parts.join("");
}

const ATX = /^ {0,3}#{1,6}[ \t]+(.{1,300})$/;
const ASCIIDOC = /^={1,6}[ \t]+(.{1,300})$/;
const UNDERLINE = /^(={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})[ \t]*$/;
const BOLD_LINE = /^[ \t]{0,3}(\*\*|__)([^*_]{1,200})(\*\*|__):?[ \t]*$/;

function findHeadings(body: string): Heading[] {
  const out: Heading[] = [];
  const lines = body.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    const atx = ATX.exec(line) ?? ASCIIDOC.exec(line);
    if (atx) {
      out.push({ text: (atx[1] as string).replace(/[ \t#=]{1,300}$/, "").trim(), line: i + 1 });
      continue;
    }
    const bold = BOLD_LINE.exec(line);
    if (bold) {
      out.push({ text: (bold[2] as string).trim(), line: i + 1 });
      continue;
    }
    const next = lines[i + 1]?.replace(/\r$/, "");
    const trimmed = line.trim();
    if (next !== undefined && trimmed.length > 0 && trimmed.length <= 200 && !/^[-=~^*+#|]/.test(trimmed) && UNDERLINE.test(next)) {
      out.push({ text: trimmed, line: i + 1 });
      i++;
    }
  }
  return out;
}

/**
 * What a line (from offset `i`) starts: 2 for a blank line, heading, table row or rule (always a
 * chunk of its own), 1 for a list item or quote (a new chunk that may wrap), 0 for running prose.
 */
function lineKind(body: string, i: number): 0 | 1 | 2 {
  let j = i;
  while (j < body.length && (body[j] === " " || body[j] === "\t")) j++;
  const c = body[j] ?? "\n";
  const n = body[j + 1] ?? "\n";
  if (c === "\n" || c === "\r" || c === "#" || c === "|" || c === "=" || (c === "-" && n === "-")) return 2;
  if (c === ">" || ((c === "-" || c === "*" || c === "+") && (n === " " || n === "\t"))) return 1;
  let k = j;
  while (k - j < 3 && /[0-9]/.test(body[k] ?? "")) k++;
  return k > j && (body[k] === "." || body[k] === ")") && (body[k + 1] === " " || body[k + 1] === "\t") ? 1 : 0;
}

function splitSentences(body: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let kind = lineKind(body, 0);
  const push = (end: number): void => {
    const raw = body.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.replace(/[*`()]/g, " ").replace(/\s+/g, " ").trim();
    if (text.length > 0) out.push({ text, offset: start + lead });
    start = end;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "." || c === "!" || c === "?") {
      const n = body[i + 1];
      if (n === undefined || n === " " || n === "\t" || n === "\n" || n === "\r") push(i + 1);
    } else if (c === "\n") {
      const next = lineKind(body, i + 1);
      if (kind === 2 || next !== 0) push(i + 1);
      kind = next;
    }
  }
  push(body.length);
  return out;
}

/**
 * The policy for the rules that judge its content. When there is none to judge (missing, unreadable
 * or empty: repo/security-policy reports those), it says the rule does not apply and returns undefined.
 */
export async function policyToJudge(ctx: RuleContext): Promise<PolicyText | undefined> {
  const file = await findSecurityPolicy(ctx);
  const contacts = file || !ctx.has("SECURITY_CONTACTS") ? undefined : await securityContacts(ctx, true);
  if (!file && contacts?.policyUrl) ctx.notApplicable(`${contacts.path} defers to ${contacts.policyUrl}, which cannot be read offline`);
  else if (!file) ctx.notApplicable("no readable security policy (repo/security-policy reports it)");
  else if (file.text.trim().length < 20) ctx.notApplicable(`${file.path} is empty (repo/security-policy reports it)`);
  else {
    const p = policyText(file);
    const local = localDeferral(ctx, p);
    const target = local ? await ctx.readText(local, { optional: true }) : undefined;
    // A copy: the analysis of the linked document is cached and shared, the link back is not.
    return target && target.text.trim().length >= 20 ? { ...policyText(target), deferredFrom: p } : p;
  }
  return undefined;
}

/**
 * The instructions in GitHub's "Security policy" template, which many repositories commit
 * unedited: the file then exists but tells reporters nothing. Each belongs to one section, judged
 * by the rule that owns it: the reporting instruction by repo/security-policy (with no channel
 * named, the policy is the template), the versions instruction by repo/security-policy-supported-versions.
 */
export const TEMPLATE_VERSIONS = /use this section to tell people about which versions of your project are/i;
export const TEMPLATE_REPORTING = /use this section to tell people how to report a vulnerability/i;

/** A row of the template's example table (`| 5.1.x | :white_check_mark: |` … `| < 4.0 | :x: |`). */
export const TEMPLATE_VERSION_ROW = /^\|[ \t]{0,20}(?:5\.1\.x|5\.0\.x|4\.0\.x|<[ \t]{0,3}4\.0)[ \t]{0,20}\|/;

/** The reporting instruction of GitHub's template, if the policy still holds it. */
export function templateReportingSentence(p: PolicyText): Sentence | undefined {
  return findSentence(p, TEMPLATE_REPORTING);
}
