// Credential-shaped values are masked wherever a finding quotes the repository (snippet, message,
// fix, evidence), whatever the rule: a token pasted into CODEOWNERS or security-insights.yml must not
// reach a report, a CI log or a code-scanning alert in clear. The engine applies maskCredentials to
// every finding; the secrets family plugs its full detector set into the same stage through
// `CredentialPattern`s.

import { memoiseText } from "./memo.js";

/** One shape of credential: where it is in a text, and how much of it may be shown. */
export interface CredentialPattern {
  id: string;
  /** Global regular expression; group 1 is the part to mask (the whole match when there is no group). Linear time. */
  pattern: RegExp;
  /** Leading characters of the masked part left visible (a provider prefix such as `ghp_`): enough to recognise, not to use. */
  keep: number;
  /** Cheap substring test before the regular expression runs (case-sensitive). */
  needle?: string;
}

/** What replaces a credential after its kept prefix. */
export const MASK = "********";

/**
 * Provider-prefixed tokens and URL passwords. Each pattern is anchored by a fixed prefix and uses
 * bounded repetition only, so a pass is linear in the text; lookbehinds keep a token from matching
 * inside a longer word.
 */
export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { id: "github-token", pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/g, keep: 4, needle: "_" },
  // The stateless installation token of 2026: `ghs_<app id>_<JWT>`.
  { id: "github-token-stateless", pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{1,40}_eyJ[A-Za-z0-9_.-]{20,12000})/g, keep: 4, needle: "_eyJ" },
  { id: "github-fine-grained-token", pattern: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{22,255})/g, keep: 11, needle: "github_pat_" },
  { id: "aws-access-key-id", pattern: /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Z0-9])/g, keep: 4 },
  { id: "slack-token", pattern: /(?<![A-Za-z0-9])(xox[abposr]-[A-Za-z0-9-]{10,250})/g, keep: 5, needle: "xox" },
  { id: "slack-app-token", pattern: /(?<![A-Za-z0-9])(xapp-\d{1,3}-[A-Za-z0-9-]{10,250})/g, keep: 5, needle: "xapp-" },
  { id: "slack-webhook", pattern: /hooks\.slack\.com\/(?:services|workflows)\/([A-Za-z0-9_/-]{16,250})/g, keep: 0, needle: "hooks.slack.com" },
  { id: "stripe-key", pattern: /(?<![A-Za-z0-9])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,250})/g, keep: 8, needle: "k_" },
  { id: "gitlab-token", pattern: /(?<![A-Za-z0-9])(gl(?:pat|dt|rt|ptt|oas)-[A-Za-z0-9_-]{20,250})/g, keep: 6, needle: "gl" },
  { id: "npm-token", pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g, keep: 4, needle: "npm_" },
  { id: "pypi-token", pattern: /(?<![A-Za-z0-9])(pypi-AgE[A-Za-z0-9_-]{40,250})/g, keep: 5, needle: "pypi-" },
  { id: "google-api-key", pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g, keep: 4, needle: "AIza" },
  // scheme://user:password@host: the password, whatever it looks like (a variable reference loses nothing by it).
  { id: "url-password", pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/[^\s/:@?#"'<>]{0,256}:([^\s/@?#"'<>]{1,256})@(?!sha(?:256|384|512):)/g, keep: 0, needle: "://" },
];

const BEGIN = "-----BEGIN ";
/** The armour header of a private key (`-----BEGIN RSA PRIVATE KEY-----`, `OPENSSH`, `ENCRYPTED`, PGP's `PRIVATE KEY BLOCK`). */
const KEY_HEADER = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----/y;

/**
 * Masks the body of every private-key block: from the end of its header to its `-----END` line, or
 * to the end of the text when the block is cut off (a one-line snippet of a key is all body).
 * indexOf walks forward only, so the pass is linear.
 */
function maskPrivateKeys(text: string): string {
  if (!text.includes("PRIVATE KEY")) return text;
  let out = "";
  let from = 0;
  for (let at = text.indexOf(BEGIN); at !== -1; at = text.indexOf(BEGIN, from)) {
    KEY_HEADER.lastIndex = at;
    const header = KEY_HEADER.exec(text);
    if (!header) {
      out += text.slice(from, at + BEGIN.length);
      from = at + BEGIN.length;
      continue;
    }
    const bodyStart = at + header[0].length;
    const end = text.indexOf("-----END ", bodyStart);
    const bodyEnd = end === -1 ? text.length : end;
    out += `${text.slice(from, bodyStart)}${text.slice(bodyStart, bodyEnd).trim() === "" ? text.slice(bodyStart, bodyEnd) : `\n${MASK}\n`}`;
    from = bodyEnd;
  }
  return out + text.slice(from);
}

/** The text with every credential-shaped value masked (`ghp_********`, `https://user:********@host`). */
export function maskCredentials(text: string, patterns: readonly CredentialPattern[] = CREDENTIAL_PATTERNS): string {
  let out = maskPrivateKeys(text);
  if (!screenOf(patterns).test(out)) return out;
  // Indexed, not for…of: run for every text of every finding, often before V8 optimises it.
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i] as CredentialPattern;
    if (p.needle !== undefined && !out.includes(p.needle)) continue;
    // A test allocates nothing; a replace without a match still does (nearly every text has none).
    p.pattern.lastIndex = 0;
    const hit = p.pattern.test(out);
    p.pattern.lastIndex = 0;
    if (!hit) continue;
    out = out.replace(p.pattern, (match: string, secret: unknown) => {
      const s = typeof secret === "string" ? secret : match;
      const i = match.lastIndexOf(s);
      return `${match.slice(0, i)}${s.slice(0, p.keep)}${MASK}${match.slice(i + s.length)}`;
    });
  }
  return out;
}

const screens = new WeakMap<readonly CredentialPattern[], RegExp>();

/**
 * One regular expression that matches wherever any of `patterns` could: their needles, and the
 * whole pattern of one without a needle. Nearly every text a finding quotes holds no credential,
 * and one pass of this over it cost half as much as a substring test per pattern.
 */
function screenOf(patterns: readonly CredentialPattern[]): RegExp {
  let re = screens.get(patterns);
  if (!re) {
    // A pattern with flags beyond `g`, or a back-reference its merged groups would renumber, cannot join the alternation: no screen then.
    const mergeable = patterns.every((p) => p.pattern.flags === "g" && (p.needle !== undefined || !/\\[1-9]/.test(p.pattern.source)));
    re = mergeable ? new RegExp(patterns.map((p) => (p.needle !== undefined ? escapeRegExp(p.needle) : `(?:${p.pattern.source})`)).join("|") || "(?!)") : /(?:)/;
    screens.set(patterns, re);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** True when the text holds something credential-shaped. */
export function hasCredential(text: string): boolean {
  return maskCredentials(text) !== text;
}

/**
 * `maskCredentials` with a bounded memo, for one rule's findings: a rule repeats the same texts
 * (its fix, a principle, a resource name) in finding after finding; each is masked once.
 */
export function memoisedMaskCredentials(): (text: string) => string {
  return memoiseText((text) => maskCredentials(text), { maxChars: 2048, maxEntries: 20_000 });
}
