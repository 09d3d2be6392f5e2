import type { Confidence, Severity } from "../core/severity.js";

/** What kind of credential a detector finds; each kind is reported by one rule of the secrets family. */
export type SecretCategory = "cloud" | "forge" | "registry" | "service" | "database" | "private-key" | "jwt" | "generic";

/** What a detector's check says about a candidate. */
export type Verdict = "secret" | "example" | "reject";

/** Where a candidate was found, for checks that look at its surroundings. */
export interface CandidateContext {
  /**
   * The text around the match as latin1 (one character per byte): at least the detector's
   * `context` characters on each side of the match (the whole text when it was decoded whole).
   */
  text: string;
  /** Offset of the match in `text`. */
  index: number;
  /** The whole match (the secret is group 1 when the pattern has one). */
  match: RegExpExecArray;
  /** The file's path, when known (checks may read the file type). */
  path: string | undefined;
  /** For an entry found by the detector's `next` pattern: the match that opened its block. */
  head?: RegExpExecArray;
}

/** Up to `n` characters of text before the match. */
export function textBefore(ctx: CandidateContext, n: number): string {
  return ctx.text.slice(Math.max(0, ctx.index - n), ctx.index);
}

/** The match and up to `n` characters on each side of it. */
export function textAround(ctx: CandidateContext, n: number): string {
  return ctx.text.slice(Math.max(0, ctx.index - n), ctx.index + ctx.match[0].length + n);
}

/** The line the match starts on (at most 4,000 characters of it). */
export function lineOf(ctx: CandidateContext): string {
  const start = Math.max(ctx.text.lastIndexOf("\n", ctx.index) + 1, ctx.index - 2000);
  let end = ctx.text.indexOf("\n", ctx.index);
  if (end < 0 || end > ctx.index + 2000) end = Math.min(ctx.text.length, ctx.index + 2000);
  return ctx.text.slice(start, end);
}

/** The character right after the match (patterns end with lookaheads, which match nothing). */
export function charAfter(ctx: CandidateContext): string {
  return ctx.text.charAt(ctx.index + ctx.match[0].length);
}

/** A check's answer with a severity for this occurrence (a database on localhost matters less). */
export interface Judgement {
  verdict: Verdict;
  severity?: Severity;
  /** Words added to the finding's message: "encrypted", "service_role". */
  note?: string;
}

/**
 * One provider's credential format: the literal keywords that must occur for it to be tried
 * (the prefilter), and a sticky pattern that runs where a keyword starts (or up to `back`
 * characters before it). Every pattern is linear: bounded repetition, no nested quantifiers
 * over overlapping classes.
 */
export interface Detector {
  /** Stable id, kebab case: `github-pat-classic`. */
  id: string;
  /** What it finds: `GitHub personal access token (classic)`. */
  title: string;
  provider: string;
  category: SecretCategory;
  /** Lower-case literals; a candidate is only tried where one occurs. */
  keywords: readonly string[];
  /** Sticky; runs with lastIndex at the keyword (or at each of `backs` before it); group 1 is the secret when present. */
  pattern: RegExp;
  /** Exact offsets before the keyword where a match may start (a keyword inside the token: `…JQQJ99…AZDO`). */
  backs: readonly number[];
  /** Characters on each side of the match its check may read (the window decoded around a hit). */
  context: number;
  /** Characters after the keyword the window must hold for a match (upper bound of a match's length). */
  span: number;
  severity: Severity;
  confidence: Confidence;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** Structure, checksum or context check; `example` reports it as a documented example or placeholder. */
  check?: (secret: string, ctx: CandidateContext) => Verdict | Judgement;
  /**
   * Block detectors (PEM keys): a cheap sticky test at the keyword, and the literal that ends the
   * block. A block is tried only when its terminator comes before the keyword's next occurrence.
   */
  quick?: RegExp;
  terminator?: string;
  /**
   * Sticky: the entries that follow a match in the same block (a Secret's further `data:` values),
   * tried line by line after it at the indentation of the match's last line (deeper lines and
   * comments are stepped over), each judged by `check` with `head` set; a shallower line, or one
   * that is not an entry, ends the block. An entry whose group 1 is unset is passed over (a
   * name-like entry), and so is the match itself, whose entries are still read.
   */
  next?: RegExp;
  /**
   * A test on the raw bytes where the keyword starts (`at`, keyword length `len`), run before any
   * text is decoded: most keyword hits (`token` in prose, `sk` in `task`) end here.
   */
  precheck?: (bytes: Uint8Array, at: number, len: number) => boolean;
  /**
   * A file known by its name, whose whole content is the secret (Rails' `config/master.key`: 32 hex
   * digits and nothing else, no keyword to find): the path test that stands for the keyword
   * prefilter. The pattern is tried once, at the start of a file of that name no larger than `span`.
   */
  file?: RegExp;
  /** Where to revoke or rotate it (the provider's page). */
  revoke?: string;
  /** The provider's description of the format. */
  reference?: string;
  /** When two detectors find overlapping secrets, the higher priority wins (generic ones are lowest). */
  priority: number;
  /** False for generic detectors: their candidates are not checked for example words the same way. */
  providerSpecific: boolean;
  /**
   * True for tokens recognised by a fixed prefix (`ghp_`, `glpat-`): a value that starts with one
   * but fails its format or checksum is no secret, and generic detectors must not report it either.
   */
  prefixToken: boolean;
  /** The exact prefixes of a prefixed token (case-sensitive), for that veto. */
  prefixes: readonly string[];
  /** True when a candidate this detector's pattern matched but its check refused may not be reported by generic detectors. */
  vetoes: boolean;
  /**
   * Also searched in minified and bundled files, as prefixed tokens are, where only its plain
   * findings count: one its check called an example or a placeholder, or lowered (a database on
   * localhost), is the noise of machine-written code there.
   */
  inBundles?: boolean;
  /**
   * True when its check judges examples and placeholders itself, on the part of the match that
   * holds the secret: the scanner's example words are not read over the whole match (a PGP key's
   * armour may name its owner `alice@example.org`, and the key is no example for it).
   */
  checksExamples?: boolean;
}

/** Fields every builder takes. */
interface Common {
  id: string;
  title: string;
  provider: string;
  category: SecretCategory;
  severity?: Severity;
  confidence?: Confidence;
  minEntropy?: number;
  check?: Detector["check"];
  revoke?: string;
  reference?: string;
  priority?: number;
  /** Characters on each side of the match the check reads (default 100). */
  context?: number;
  quick?: RegExp;
  /** For block detectors (with `quick`): the literal that ends the block. */
  terminator?: string;
  next?: RegExp;
  precheck?: Detector["precheck"];
  vetoes?: boolean;
  file?: RegExp;
  inBundles?: boolean;
  checksExamples?: boolean;
}

const DEFAULT_SEVERITY: Record<SecretCategory, Severity> = {
  cloud: "critical",
  forge: "critical",
  registry: "critical",
  service: "high",
  database: "high",
  "private-key": "high",
  jwt: "medium",
  generic: "medium",
};

/** Escapes a literal for a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** A literal matched in any letter case, without the `i` flag (which would loosen the value's class too). */
export function anyCase(s: string): string {
  let out = "";
  for (const ch of s) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out += lo !== up ? `[${lo}${up}]` : escapeRe(ch);
  }
  return out;
}

/**
 * A token with a fixed, distinctive prefix: `ghp_` + 36 base62. `body` is a regular-expression
 * fragment for what follows the prefix; `end` what may not follow the token (default: no further
 * letter or digit, so a longer run is not this format).
 */
export function prefixed(spec: Common & { prefix: string | readonly string[]; body: string; end?: string; span?: number; caseInsensitivePrefix?: boolean }): Detector {
  const prefixes = typeof spec.prefix === "string" ? [spec.prefix] : [...spec.prefix];
  const alt = prefixes.map((p) => (spec.caseInsensitivePrefix ? anyCase(p) : escapeRe(p))).join("|");
  // The character before the token may not be a letter or digit (`xghp_…` is not a GitHub token),
  // unless it ends an escape sequence: `\nghp_…` in a JSON string, `%22ghp_…` in a URL.
  const source = `${TOKEN_START}((?:${alt})${spec.body})${spec.end ?? "(?![A-Za-z0-9])"}`;
  const longest = Math.max(...prefixes.map((p) => p.length));
  const d = finish({ precheck: prefixPrecheck(spec.body), priority: 12, ...spec }, prefixes.map((p) => p.toLowerCase()), new RegExp(source, "y"), [0], spec.span ?? longest + maxLength(spec.body));
  d.prefixToken = true;
  d.prefixes = prefixes;
  d.vetoes = true;
  return d;
}

/** Bytes that are ASCII letters or digits. */
export const ALNUM_BYTE = byteTable((c) => /[A-Za-z0-9]/.test(c));
const HEX_DIGIT_BYTE = byteTable((c) => /[0-9A-Fa-f]/.test(c));
const LETTER_BYTE = byteTable((c) => /[A-Za-z]/.test(c));

/**
 * Where a token may start: after no letter or digit, or after the letter or digit that ends an
 * escape sequence, which is a boundary in the text it encodes: `\n` (a backslash and a letter), a
 * URL's `%22`, `\x22`, `\u0022`. One lookbehind of bounded length.
 */
export const TOKEN_START = "(?<=^|[^A-Za-z0-9]|\\\\[A-Za-z]|%[0-9A-Fa-f]{2}|\\\\x[0-9A-Fa-f]{2}|\\\\u[0-9A-Fa-f]{4})";

/** The byte test of TOKEN_START: a token may start at `at`. */
export function tokenStartAt(bytes: Uint8Array, at: number): boolean {
  if (at === 0) return true;
  const c = bytes[at - 1] as number;
  if (ALNUM_BYTE[c] !== 1) return true;
  if (at >= 2 && bytes[at - 2] === 92 && LETTER_BYTE[c] === 1) return true;
  if (HEX_DIGIT_BYTE[c] !== 1 || at < 3 || HEX_DIGIT_BYTE[bytes[at - 2] as number] !== 1) return false;
  if (bytes[at - 3] === 37) return true;
  if (at >= 4 && bytes[at - 3] === 120 && bytes[at - 4] === 92) return true;
  return at >= 6 && bytes[at - 5] === 117 && bytes[at - 6] === 92 && HEX_DIGIT_BYTE[bytes[at - 3] as number] === 1 && HEX_DIGIT_BYTE[bytes[at - 4] as number] === 1;
}

/** A 256-entry table of the bytes whose character passes `test`. */
export function byteTable(test: (ch: string) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 128; c++) t[c] = test(String.fromCharCode(c)) ? 1 : 0;
  return t;
}

/** The byte table of a character class body (`A-Za-z0-9_`); the class is compiled once, not per byte (every thread builds ~150 at start-up). */
function classTable(body: string): Uint8Array {
  const re = new RegExp(`[${body}]`);
  return byteTable((c) => re.test(c));
}

/**
 * The byte test of a prefixed token: no letter or digit just before the prefix, and the body's
 * leading run (`[class]{n…}`) present in full after it.
 */
function prefixPrecheck(body: string): Detector["precheck"] {
  const lead = /^\[([^\]]+)\]\{(\d+)/.exec(body);
  const min = lead ? Number(lead[2]) : 0;
  const table = lead ? classTable(lead[1] as string) : undefined;
  return (bytes, at, len) => {
    // Most hits of a short prefix are inside a word (`sk` in `task`): refused here without a call,
    // unless an escape sequence's backslash or percent sign could be near (then tokenStartAt decides).
    if (at > 0 && ALNUM_BYTE[bytes[at - 1] as number] === 1 && (bytes[at - 2] === 92 || bytes[at - 3] === 37 || bytes[at - 4] === 92 || bytes[at - 6] === 92 ? !tokenStartAt(bytes, at) : true)) return false;
    if (!table) return true;
    const from = at + len;
    if (from + min > bytes.length) return false;
    for (let i = from; i < from + min; i++) if (table[bytes[i] as number] !== 1) return false;
    return true;
  };
}

/**
 * The byte test of an assignment: an `=`, `:` or `>` within `reach` bytes after the keyword, before
 * the line ends. Prose that merely mentions "token" stops here.
 */
export function assignmentAhead(reach = 56): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    const end = Math.min(bytes.length, at + len + reach);
    for (let i = at + len; i < end; i++) {
      const c = bytes[i] as number;
      if (c === 61 || c === 58 || c === 62) return true;
      if (c === 10 || c === 13) return false;
    }
    return false;
  };
}

/**
 * The byte test of a configuration directive, `Name value` (Apache's `AuthLDAPBindPassword …`, a
 * Zabbix or Pure-FTPd file's `DBPassword …`): the keyword is in the line's first word, which only
 * name characters precede, and after the rest of that word (up to `tail` letters) come blanks and a value.
 */
export function directiveAt(tail = 8): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    let i = at - 1;
    while (i >= 0 && at - i <= 40 && NAME_BYTE[bytes[i] as number] === 1) i--;
    while (i >= 0 && at - i <= 60 && (bytes[i] === 32 || bytes[i] === 9)) i--;
    if (i >= 0 && bytes[i] !== 10 && bytes[i] !== 13) return false;
    let j = at + len;
    const end = Math.min(bytes.length, j + tail);
    while (j < end && ALPHA_BYTE[bytes[j] as number] === 1) j++;
    const blank = j;
    while (j < bytes.length && j - blank < 8 && (bytes[j] === 32 || bytes[j] === 9)) j++;
    return j > blank && j < bytes.length && bytes[j] !== 10 && bytes[j] !== 13 && bytes[j] !== 35;
  };
}

const NAME_BYTE = byteTable((c) => /[A-Za-z0-9_.-]/.test(c));
const ALPHA_BYTE = byteTable((c) => /[A-Za-z]/.test(c));

/** `value` as bytes. */
const VALUE_WORD = [118, 97, 108, 117, 101];

/**
 * True when the line break at `i` is followed by an indented `value:` (a Kubernetes or Compose
 * `env` entry: `- name: X` / `  value: …`; CloudFormation's `- Name: X` / `  Value: …`).
 */
function nextLineIsValue(bytes: Uint8Array, i: number): boolean {
  let j = bytes[i] === 13 && bytes[i + 1] === 10 ? i + 2 : i + 1;
  const indent = j;
  while (j < bytes.length && j - indent < 40 && (bytes[j] === 32 || bytes[j] === 9)) j++;
  if (j === indent) return false;
  // JSON quotes the key (`"value": …`, an ECS task definition's entry written over several lines).
  const quoted = bytes[j] === 34 || bytes[j] === 39;
  if (quoted) j++;
  // A keyword's byte test: no array is built per call. The first letter may be a capital.
  if (bytes[j] === 86) j++;
  else if (bytes[j++] !== 118) return false;
  for (let k = 1; k < VALUE_WORD.length; k++) if (bytes[j++] !== VALUE_WORD[k]) return false;
  if (quoted && bytes[j] !== 34 && bytes[j] !== 39) return false;
  if (quoted) j++;
  const colon = j;
  while (j < bytes.length && j - colon < 4 && (bytes[j] === 32 || bytes[j] === 9)) j++;
  return bytes[j] === 58;
}

/**
 * True when the keyword is in the name of a Dockerfile's `ENV NAME value` (Docker's documented
 * form without `=`): only name characters between the keyword and `ENV` (any case), which opens
 * the line. The blanks and the value after the name are the pattern's to read.
 */
export function dockerEnvAt(bytes: Uint8Array, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 120 && NAME_BYTE[bytes[i] as number] === 1) i--;
  const blanks = i;
  while (i >= 0 && blanks - i < 8 && (bytes[i] === 32 || bytes[i] === 9)) i--;
  if (i === blanks || i < 2 || ((bytes[i] as number) | 32) !== 118 || ((bytes[i - 1] as number) | 32) !== 110 || ((bytes[i - 2] as number) | 32) !== 101) return false;
  let j = i - 3;
  while (j >= 0 && i - j < 12 && (bytes[j] === 32 || bytes[j] === 9)) j--;
  return j < 0 || bytes[j] === 10 || bytes[j] === 13;
}

/**
 * The byte test of a keyed value: an assignment ahead as for `assignmentAhead`, or a `,` (an
 * argument list: `setenv("TWILIO_AUTH_TOKEN", "…")`, an ECS task definition's `"name": …, "value": …`),
 * a `]` (an INI section `[twilio]`), on the next line the `value:` of an `env` entry whose `name:`
 * the keyword is in, or a Dockerfile's `ENV NAME value`.
 */
export function keyedAssignmentAhead(reach = 56): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    const end = Math.min(bytes.length, at + len + reach);
    for (let i = at + len; i < end; i++) {
      const c = bytes[i] as number;
      if (c === 61 || c === 58 || c === 62 || c === 44 || c === 93) return true;
      if (c === 10 || c === 13) return nextLineIsValue(bytes, i) || dockerEnvAt(bytes, at);
    }
    return dockerEnvAt(bytes, at);
  };
}

/**
 * The byte test of a generic assignment: as `assignmentAhead`, or, on the next line, the `value:`
 * of an `env` entry whose `name:` the keyword is in, or a Dockerfile's `ENV NAME value`.
 */
export function assignmentOrEntryAhead(reach = 56): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    const end = Math.min(bytes.length, at + len + reach);
    for (let i = at + len; i < end; i++) {
      const c = bytes[i] as number;
      if (c === 61 || c === 58 || c === 62) return true;
      if (c === 10 || c === 13) return nextLineIsValue(bytes, i) || dockerEnvAt(bytes, at);
    }
    return dockerEnvAt(bytes, at);
  };
}

/** The byte test of a token that starts with its keyword: `min` bytes of `chars` (a class body such as `A-Za-z0-9`) after it. */
export function leadRun(chars: string, min: number): NonNullable<Detector["precheck"]> {
  const table = classTable(chars);
  return (bytes, at, len) => {
    if (at > 0 && ALNUM_BYTE[bytes[at - 1] as number] === 1) return false;
    const from = at + len;
    if (from + min > bytes.length) return false;
    for (let i = from; i < from + min; i++) if (table[bytes[i] as number] !== 1) return false;
    return true;
  };
}

/** The byte test of `scheme://user:password@host`: an `@` before the URL ends. */
export function userInfoAhead(reach = 400): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    const end = Math.min(bytes.length, at + len + reach);
    for (let i = at + len; i < end; i++) {
      const c = bytes[i] as number;
      if (c === 64) return true;
      if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 47 || c === 96) return false;
    }
    return false;
  };
}

/**
 * What lies between a key's name and its value: the rest of the name, closing quotes or a
 * bracket, one of `operators` (an alternation), and an optional opening quote. Quotes may be
 * escaped (`\\"`): code kept inside a JSON string, as a notebook's cells are.
 */
export function assignment(operators: string): string {
  return `[A-Za-z0-9_.\\-]{0,40}(?:\\\\?["'\\x60\\]]){0,2}[ \\t]{0,6}(?:${operators})[ \\t]{0,6}(?:[bru@]?\\\\?["'\\x60])?`;
}

/**
 * A Dockerfile's `ENV NAME value` (Docker's documented form without `=`): blanks between a name and
 * a value (not an operator). The pattern takes them anywhere; the check keeps them only on a line
 * that `ENV` opens (dockerEnvLine): a lookbehind in every keyed pattern cost more to compile than
 * the scan it saved.
 */
export const BLANK_GAP = "[ \\t]{1,8}(?=[^\\s=:])";

/** The text before a value that a blank gap (BLANK_GAP) separates from its name: a name's character, blanks, perhaps an opening quote. */
export const GAP_NAME = /[A-Za-z0-9_.\-"'\x60\]][ \t]{1,14}(?:[bru@]?\\?["'\x60])?$/;

/** True when the match's line opens with `ENV` and only the key's name comes between them (a Dockerfile's `ENV NAME value`). */
export function dockerEnvLine(ctx: CandidateContext): boolean {
  // A line longer than the 200 characters read cannot match: `ENV` and the name take at most 139.
  return /^[ \t]{0,8}ENV[ \t]{1,8}[A-Za-z0-9_.-]{0,120}$/i.test(textBefore(ctx, 200).split("\n").pop() ?? "");
}

/** The separator between an `env` entry's `name` and its `value`: the line break of YAML (`- name: X` / `  value: …`), or JSON's `"name": "X", "value": …` (an ECS task definition). */
export const ENV_ENTRY_VALUE = ",[ \\t\\r\\n]{0,40}\\\\?[\"']?[Vv]alue\\\\?[\"']?[ \\t]{0,4}:|\\r?\\n[ \\t]{1,40}[Vv]alue[ \\t]{0,4}:";

/**
 * Separators allowed between a key's name and a keyed value: `=`, `:`, `:=`, `::=`, `=>`, `->`,
 * `?=`, `+=`, `<-`; an XML element's `>` and an argument list's `,` (gitleaks takes both); a
 * .NET `<add key="…" value="…"/>`; an `env` entry's `value` (YAML's line break, JSON's `, "value":`);
 * and the blanks of a Dockerfile's `ENV NAME value`.
 */
const ASSIGN = assignment(`=|:=|::=|:|=>|->|\\?=|\\+=|<-|>|${ENV_ENTRY_VALUE}|,|value[ \\t]{0,4}=|${BLANK_GAP}`);

/**
 * The provider's name as the parent of the key that holds the value, within eight lines: a YAML
 * mapping (`twilio:` then an indented `auth_token: …`) or an INI or TOML section (`[twilio]` then
 * `auth_token = …`). Each skipped line is bounded, and an unindented line ends a YAML mapping and
 * a `[` line a section. The child key must say secret (`auth_token`, not `account_sid`), so the
 * first such key is the one read.
 */
const CHILD_KEY = `[A-Za-z0-9_.\\-]{0,30}(?:${["token", "secret", "key", "auth", "pass", "pwd", "cred", "sign", "priv"].map(anyCase).join("|")})[A-Za-z0-9_.\\-]{0,30}`;
const NESTED = `[A-Za-z0-9_.\\-]{0,40}(?:["']?[ \\t]{0,4}:[ \\t]{0,4}\\r?\\n(?:[ \\t][^\\r\\n]{0,200}\\r?\\n){0,8}?[ \\t]{1,40}|\\][ \\t]{0,4}\\r?\\n(?:[^\\[\\r\\n][^\\r\\n]{0,200}\\r?\\n){0,8}?)${CHILD_KEY}["']?[ \\t]{0,4}[:=][ \\t]{0,6}["']?`;

/** Characters a keyed match may span before its value: a name and its separator, or a parent and eight lines. */
const NESTED_REACH = 2100;

/** The name that decides a keyed value: the child key's line when the provider's name was its parent, else all of it. */
function decidingName(name: string): string {
  const last = name.lastIndexOf("\n");
  return last < 0 || /^[ \t]{0,40}\\?["']?[Vv]alue\\?["']?[ \t]{0,4}:/.test(name.slice(last + 1)) ? name : name.slice(last + 1);
}

/**
 * A value whose format is not distinctive by itself, found by the name it is assigned to:
 * `TWILIO_AUTH_TOKEN = "…"`, `"twilio_token": "…"`, `twilio.token: …`. The keyword starts the
 * key's name; `value` is the secret's pattern.
 */
export function keyed(spec: Common & { keywords: readonly string[]; value: string; end?: string; span?: number; keyMustSay?: RegExp | null; camelCase?: boolean }): Detector {
  const keywords = spec.camelCase === false ? [...spec.keywords] : withCamelCase(spec.keywords);
  const alt = keywords.map(anyCase).join("|");
  const source = `(?:${alt})(?:${ASSIGN}|${NESTED})(${spec.value})${spec.end ?? "(?![A-Za-z0-9_\\-+/=])"}`;
  const say = spec.keyMustSay === undefined ? SECRET_WORD : spec.keyMustSay;
  const own = spec.check;
  // `twilio_account_sid = …` names an identifier, `twilio_auth_token = …` a secret: the key's own words decide.
  const check: Detector["check"] = (secret, ctx) => {
    const name = decidingName(keyName(ctx, secret));
    // Blanks alone separate a name from its value only in a Dockerfile's `ENV NAME value`.
    const gap = GAP_NAME.test(name);
    if (gap && !dockerEnvLine(ctx)) return "reject";
    if (NOT_A_SECRET_NAME.test(name) || (gap && NOT_A_SECRET_NAME.test(`${name.trimEnd()}=`)) || (say !== null && !say.test(name))) return "reject";
    return own ? own(secret, ctx) : "secret";
  };
  const longest = Math.max(...keywords.map((k) => k.length));
  return finish({ precheck: keyedAssignmentAhead(), priority: 8, vetoes: true, ...spec, confidence: spec.confidence ?? "medium", check }, keywords.map((k) => k.toLowerCase()), new RegExp(source, "y"), [0], spec.span ?? longest + NESTED_REACH + maxLength(spec.value));
}

/**
 * The keywords plus, for a name of several words (`box_client_secret`), the same words run
 * together, which is how code names it (`boxClientSecret`; the prefilter ignores case). A run
 * shorter than 7 letters is left out: `ado_` must not become `ado`, a piece of many words.
 */
export function withCamelCase(keywords: readonly string[]): string[] {
  const out = [...keywords];
  for (const k of keywords) {
    const run = k.replace(/[_-]/g, "");
    // A leading separator is part of the format (`.npmrc`'s `_authToken`), not a word break.
    if (/^[_-]/.test(k)) continue;
    if (run !== k && run.length >= 7 && !out.includes(run)) out.push(run);
  }
  return out;
}

/**
 * An upper bound of the length a pattern fragment can match: the upper bounds of its repetitions
 * plus its other characters (generous: every window must hold a whole match).
 */
export function maxLength(fragment: string): number {
  let total = 0;
  const counted = fragment.replace(/\[[^\]]*\]\{(\d+)(?:,(\d+))?\}|\{(\d+)(?:,(\d+))?\}/g, (_m, a: string | undefined, b: string | undefined, c: string | undefined, d: string | undefined) => {
    total += Number(b ?? a ?? d ?? c ?? 0);
    return "";
  });
  return total + counted.length + 16;
}

/** Names that mention a secret but do not hold one: `password_hash`, `password_sha256`, `token_type`, `secret_name`, `password_encryption` (an algorithm), `default_pass_scheme` (Dovecot's hash), `PasswordLastUsed` (a date), `api_key_fingerprint`, `datadog_commit` (a git commit), `RECAPTCHA_SITE_KEY` and `STRIPE_PUBLISHABLE_KEY` (public by design), `DATADOG_USER`, `SENTRY_ORG`. */
export const NOT_A_SECRET_NAME = /(?:hash(?:es)?|digest|sha(?:1|224|256|384|512)?|md5|checksum|fingerprint|thumbprint|commit|revision|(?:error|err|status)[_-]?code|(?:public|publishable|site|cache)[_-]?key|user_?name|user|login|e-?mail|org|organi[sz]ation|workspace|tenant|project|release|salt|encryption|used|tokeniz|length|len|min|max|size|count|policy|regex|pattern|field|input|label|placeholder|hint|prompt|reset|forgot|confirm|expir|ttl|timeout|type|url|uri|endpoint|path|file|dir|name|ref|id|env|var|header|param|key_?id|public|pub|format|encoding|algorithm|alg|scheme|mode|kind|enabled|required|version|cache|store|provider|manager|service|class|mask|flag|rule|strength|validator|error|message|changed|updated|created|index|number|prefix|suffix|location|source|paste|visible|show|hide)["'\x60\]]{0,2}[ \t]{0,6}(?:=|:|=>|->|\?=|\+=|,|>|value[ \t]{0,4}=|\r?\n)/i;

/** Words that make a key's name say it holds a secret. */
export const SECRET_WORD = /token|secret|key|auth|pass|pwd|cred|bearer|sign|priv/i;

/** The text of a match before its secret: the key's name and the assignment. */
export function keyName(ctx: CandidateContext, secret: string): string {
  const whole = ctx.match[0];
  const at = whole.lastIndexOf(secret);
  return at < 0 ? whole : whole.slice(0, at);
}

/** A detector of a whole file found by its name (`file`), with no keyword: its sticky pattern is tried at the file's start. */
export function wholeFile(spec: Common & { file: RegExp; pattern: RegExp; span: number }): Detector {
  return finish(spec, [], new RegExp(spec.pattern.source, `${spec.pattern.flags.replace(/[gy]/g, "")}y`), [0], spec.span);
}

/** A detector written directly: a sticky pattern that starts at one of the keywords (or exactly `back` characters before it). */
export function custom(spec: Common & { keywords: readonly string[]; pattern: RegExp; back?: number | readonly number[]; span?: number }): Detector {
  const flags = `${spec.pattern.flags.replace(/[gy]/g, "")}y`;
  const backs = spec.back === undefined ? [0] : typeof spec.back === "number" ? [spec.back] : [...spec.back];
  return finish(spec, spec.keywords.map((k) => k.toLowerCase()), new RegExp(spec.pattern.source, flags), backs, spec.span ?? 400);
}

function finish(spec: Common, keywords: string[], pattern: RegExp, backs: readonly number[], span: number): Detector {
  const d: Detector = {
    id: spec.id,
    title: spec.title,
    provider: spec.provider,
    category: spec.category,
    keywords,
    pattern,
    backs,
    context: spec.context ?? 100,
    span,
    severity: spec.severity ?? DEFAULT_SEVERITY[spec.category],
    confidence: spec.confidence ?? "high",
    priority: spec.priority ?? (spec.category === "generic" ? 0 : 10),
    providerSpecific: spec.category !== "generic",
    prefixToken: false,
    prefixes: [],
    vetoes: spec.vetoes ?? false,
  };
  if (spec.minEntropy !== undefined) d.minEntropy = spec.minEntropy;
  if (spec.check) d.check = spec.check;
  if (spec.revoke) d.revoke = spec.revoke;
  if (spec.reference) d.reference = spec.reference;
  if (spec.quick) d.quick = new RegExp(spec.quick.source, "y");
  if (spec.terminator) d.terminator = spec.terminator;
  if (spec.next) d.next = new RegExp(spec.next.source, `${spec.next.flags.replace(/[gy]/g, "")}y`);
  if (spec.precheck) d.precheck = spec.precheck;
  if (spec.file) d.file = spec.file;
  if (spec.inBundles) d.inBundles = true;
  if (spec.checksExamples) d.checksExamples = true;
  return d;
}

/** Common character classes for token bodies. */
export const ALNUM = "A-Za-z0-9";
export const B64URL = "A-Za-z0-9_\\-";
export const B64 = "A-Za-z0-9+/";
export const HEX = "a-f0-9";
export const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
