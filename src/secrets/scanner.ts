import type { Confidence, Severity } from "../core/severity.js";
import { SUPPRESSION_MARKER } from "../core/suppression-marker.js";
import { decodable, decodeCandidates, findRuns } from "./decode.js";
import type { CandidateContext, Detector, Judgement, Verdict } from "./detector.js";
import { DETECTORS } from "./detectors/index.js";
import { shannonEntropy } from "./entropy.js";
import { KeywordIndex } from "./keyword-index.js";
import { LatinText } from "./latin-text.js";
import { looksLikeExample } from "./placeholder.js";

/** One credential found in a text. Offsets are bytes of the UTF-8 input. */
export interface SecretMatch {
  detector: Detector;
  /** The clear value: callers hash and mask it, and must never print it. */
  secret: string;
  /** Where the secret is (for an encoded one: where the encoded blob is). */
  start: number;
  end: number;
  /** `example`: a documented example or placeholder, reported at most as info. */
  verdict: "secret" | "example";
  severity: Severity;
  confidence: Confidence;
  note?: string;
  /** Set when the secret was found inside a base64 or hex blob, decoded. */
  encoding?: "base64" | "hex";
}

/** How to scan one text. */
export interface ScanTextOptions {
  /** The file's path: some checks read the file type (an unquoted value is a value in a .env, code in a .ts). */
  path?: string;
  /** Decode base64 and hex blobs and scan inside them (default true). */
  decode?: boolean;
}

/** Decoded blobs are scanned again at most this deep (a base64 of a base64). */
const MAX_DEPTH = 2;

/** A decoded value read again under its name is one token: no blanks, quotes or line breaks, and short. */
const MAX_NAMED_VALUE = 512;
const SINGLE_VALUE = /^[\x21\x23-\x26\x28-\x7e]+$/;
const QUOTE = Buffer.from('"', "latin1");

/**
 * The name a value is assigned to, read back from `start`: `NAME: <value>`, `"NAME": "<value>"`,
 * `NAME=<value>`, the name at most 64 characters and starting its line or after a blank, quote, `{` or `,`.
 */
function nameBefore(buf: Uint8Array, start: number): string | undefined {
  let i = start - 1;
  const quoteOrBlank = (c: number | undefined): boolean => c === 32 || c === 9 || c === 34 || c === 39;
  for (let n = 0; n < 4 && quoteOrBlank(buf[i]); n++) i--;
  if (buf[i] !== 58 && buf[i] !== 61) return undefined;
  i--;
  for (let n = 0; n < 4 && quoteOrBlank(buf[i]); n++) i--;
  const end = i + 1;
  while (i >= 0 && end - i <= 64 && NAME_BYTE[buf[i] as number] === 1) i--;
  if (end - (i + 1) < 2 || end - i > 65) return undefined;
  const before = buf[i];
  if (i >= 0 && before !== 10 && before !== 13 && !quoteOrBlank(before) && before !== 123 && before !== 44) return undefined;
  return Buffer.from(buf.subarray(i + 1, end)).toString("latin1");
}

const NAME_BYTE = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) if (/[A-Za-z0-9_.-]/.test(String.fromCharCode(c))) t[c] = 1;
  return t;
})();

interface Candidate {
  detector: Detector;
  start: number;
  end: number;
  secret: string;
  judgement: Judgement;
}

let shared: SecretScanner | undefined;

/**
 * The thread's scanner over every detector, built on first use: building one costs milliseconds,
 * and the file scan and the masking stage need the same one. Scans are synchronous, so the
 * buffers it reuses are never shared by two scans at once.
 */
export function sharedScanner(): SecretScanner {
  shared ??= new SecretScanner();
  return shared;
}

let bundles: SecretScanner | undefined;

/**
 * The thread's scanner for minified and bundled files: the detectors of tokens with a fixed prefix
 * (`ghp_`, `AKIA`, `sk_live_`) and those marked `inBundles` (a database URL with its password). A
 * key built into a committed bundle is leaked like any other, while generic `password = …`
 * candidates in machine-written code are noise. Use it through scanBundle.
 */
export function bundleScanner(): SecretScanner {
  bundles ??= new SecretScanner(DETECTORS.filter((d) => d.prefixToken || d.inBundles === true));
  return bundles;
}

/** Scans a minified or bundled text: what bundleScanner finds, less an `inBundles` detector's findings that are not plain secrets. */
export function scanBundle(bytes: Uint8Array, options: ScanTextOptions = {}): SecretMatch[] {
  return bundleScanner()
    .scan(bytes, options)
    .filter((m) => m.detector.prefixToken || (m.verdict === "secret" && m.severity === m.detector.severity));
}

/**
 * Finds credentials in text. The keyword automaton finds, in one pass, every place where some
 * detector's keyword occurs; only there does that detector's sticky pattern run, over a window
 * bounded by the detector's span. Candidates then pass the entropy, checksum, context and
 * placeholder checks; overlapping ones resolve to the most specific detector.
 */
export class SecretScanner {
  readonly detectors: readonly Detector[];
  private readonly index: KeywordIndex;
  /** Per keyword id: the detectors that start there, and their indexes in `detectors`. */
  private readonly byKeyword: Detector[][];
  private readonly idsByKeyword: Int32Array[];
  /** Detectors of files known by their name (no keyword), tried at a file's start when its path matches. */
  private readonly fileDetectors: readonly Detector[];
  /** Every exact prefix of a prefixed token. */
  private readonly prefixTokens: readonly string[];
  /** Per detector, the last position it was tried at in the current text (reused from text to text). */
  private readonly tried: Int32Array;
  /** The keyword id of the suppression marker: a keyword no detector starts at, watched for the file scan. */
  private readonly markerId: number;
  /** Whether the text of the last `scan` held the suppression marker (any case; decoded blobs included). */
  sawMarker = false;
  /** During `scanBeside`: the spans already found in the text itself (not in blobs decoded from it), whose candidates are not judged again. */
  private known: readonly number[] | undefined = undefined;

  constructor(detectors: readonly Detector[] = DETECTORS) {
    this.detectors = detectors;
    const keywords: string[] = [];
    const ids = new Map<string, number>();
    this.byKeyword = [];
    for (const d of detectors) {
      for (const k of d.keywords) {
        let id = ids.get(k);
        if (id === undefined) {
          id = keywords.length;
          ids.set(k, id);
          keywords.push(k);
          this.byKeyword.push([]);
        }
        this.byKeyword[id]?.push(d);
      }
    }
    // The file scan must know which files hold a suppression comment: the automaton finds its
    // marker on the same pass, instead of a second search of every file.
    this.markerId = ids.get(SUPPRESSION_MARKER) ?? keywords.length;
    if (this.markerId === keywords.length) {
      keywords.push(SUPPRESSION_MARKER);
      this.byKeyword.push([]);
    }
    this.index = new KeywordIndex(keywords);
    this.idsByKeyword = this.byKeyword.map((ds) => Int32Array.from(ds, (d) => detectors.indexOf(d)));
    this.fileDetectors = detectors.filter((d) => d.file !== undefined);
    this.prefixTokens = [...new Set(detectors.flatMap((d) => d.prefixes))];
    this.tried = new Int32Array(detectors.length);
  }

  /**
   * True when a generic candidate is something a provider's detector knows better: a value that
   * starts with a provider's exact prefix (`ghp_`, `glpat-`) or that a provider's check refused.
   */
  private vetoed(veto: Veto, c: Candidate, buf: Buffer): boolean {
    for (let i = 0; i < veto.spans.length; i += 2) if ((veto.spans[i] as number) < c.end && (veto.spans[i + 1] as number) > c.start) return true;
    return this.prefixTokens.some((p) => startsWith(buf, c.start, p));
  }

  /** Scans UTF-8 bytes. */
  scan(bytes: Uint8Array, options: ScanTextOptions = {}): SecretMatch[] {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.sawMarker = false;
    return this.scanAt(buf, options, 0);
  }

  /**
   * Which of many texts laid end to end in `buf` a scan could find anything in: text i runs from
   * `starts[i]` to `starts[i + 1] - 1`, the byte after each is a NUL. A text with no keyword and no
   * blob to decode is one `scan` returns nothing for, and a NUL is in no keyword and no blob, so
   * one pass over all the texts says exactly which ones need their own scan.
   */
  screen(buf: Buffer, starts: Int32Array): Uint8Array {
    const flagged = new Uint8Array(Math.max(0, starts.length - 1));
    // Hits (keyword id, start pairs) come in order of their ends and none spans a NUL; runs (start, end) in order.
    const hits = this.index.findShared(buf);
    flagContaining(flagged, starts, hits, 1, (i) => hits[i - 1] === this.markerId);
    // Only runs a scan would decode: most are identifiers (`allowPrivilegeEscalation`) that are not
    // the base64 or hex of text, and a text holding nothing else is one its scan returns nothing for.
    const runs = this.index.blobRuns(buf) ?? findRuns(buf);
    const decoded: number[] = [];
    for (let i = 0; i < runs.length; i += 2) if (decodable(buf, runs[i] as number, runs[i + 1] as number) !== undefined) decoded.push(runs[i] as number, runs[i + 1] as number);
    flagContaining(flagged, starts, decoded, 0);
    return flagged;
  }

  /**
   * Scans UTF-8 bytes as `scan` does, besides `known`: spans (start, end pairs in order of their
   * starts) already found and masked, whose candidates are not judged again (a snippet's rescan with
   * the full detector set needs only what else its line holds). The suppression marker's record is
   * left as the last `scan` set it.
   */
  scanBeside(bytes: Uint8Array, options: ScanTextOptions, known: readonly number[]): SecretMatch[] {
    const saw = this.sawMarker;
    this.known = known;
    try {
      return this.scan(bytes, options);
    } finally {
      this.known = undefined;
      this.sawMarker = saw;
    }
  }

  /** Scans a string (converted to UTF-8: offsets in the result are bytes of that encoding). */
  scanString(text: string, options: ScanTextOptions = {}): SecretMatch[] {
    return this.scan(Buffer.from(text, "utf8"), options);
  }

  private scanAt(buf: Buffer, options: ScanTextOptions, depth: number): SecretMatch[] {
    const veto: Veto = { spans: [] };
    const candidates = this.candidates(buf, options, veto, depth);
    const runs = options.decode !== false && depth < MAX_DEPTH ? (this.index.blobRuns(buf) ?? findRuns(buf)) : NO_RUNS;
    // Most texts (every finding's message, in the masking stage) hold nothing: no arrays for them.
    if (candidates.length === 0 && runs.length === 0) return [];
    let kept = resolveOverlaps(candidates.filter((c) => c.detector.providerSpecific || !this.vetoed(veto, c, buf)));
    const decoded: SecretMatch[] = [];
    if (runs.length > 0) {
      // A blob under a generic candidate (`token: <base64>`) is still decoded: what it holds may be better known.
      // The known spans of a rescan (scanBeside) are offsets of this text, not of the blobs decoded from it.
      const spans = this.known;
      this.known = undefined;
      for (const blob of decodeCandidates(buf, runs, kept.filter((c) => c.detector.providerSpecific))) {
        for (const inner of this.scanBlob(buf, blob.start, blob.decoded, options, depth)) {
          decoded.push({ ...inner, start: blob.start, end: blob.end, encoding: inner.encoding ?? blob.encoding });
        }
      }
      this.known = spans;
      // A provider's secret found inside a blob replaces a generic candidate over that blob.
      const known = decoded.filter((m) => m.detector.providerSpecific);
      if (known.length > 0) {
        // One sweep: `kept` is in order of start, and `known` in order of its blobs, which do not overlap.
        // (Testing each candidate against every blob was quadratic in a Secret of many such values.)
        let j = 0;
        kept = kept.filter((c) => {
          if (c.detector.providerSpecific) return true;
          while (j < known.length && (known[j] as SecretMatch).end <= c.start) j++;
          const k = known[j];
          return k === undefined || k.start >= c.end;
        });
      }
    }
    if (decoded.length === 0) return kept.map(toMatch);
    return [...kept.map(toMatch), ...decoded];
  }

  /**
   * The matches in a decoded blob. A single value decoded alone has lost the name that said whose
   * it is (a Kubernetes Secret's `DD_API_KEY: <base64>`): when no provider's detector knows it, it
   * is read again under that name, and only a provider's match in the value is taken from that read.
   */
  private scanBlob(buf: Buffer, start: number, value: Buffer, options: ScanTextOptions, depth: number): SecretMatch[] {
    const inner = this.scanAt(value, { ...options }, depth + 1);
    if (value.length > MAX_NAMED_VALUE || inner.some((m) => m.detector.providerSpecific) || !SINGLE_VALUE.test(value.toString("latin1"))) return inner;
    const name = nameBefore(buf, start);
    if (name === undefined || !this.namesProvider(name)) return inner;
    const head = Buffer.from(`${name}="`, "latin1");
    // The value was searched and decoded above: this read is for what the name adds, and decodes nothing again.
    const named = this.scanAt(Buffer.concat([head, value, QUOTE]), { ...options, decode: false }, depth + 1).filter((m) => m.detector.providerSpecific && m.start >= head.length);
    if (named.length === 0) return inner;
    return [...named, ...inner.filter((m) => !named.some((n) => n.start - head.length < m.end && n.end - head.length > m.start))];
  }

  /** Whether a name holds a keyword of some provider's detector: only then can reading a value under it find more. */
  private namesProvider(name: string): boolean {
    const hits = this.index.find(Buffer.from(name, "latin1"));
    for (let h = 0; h < hits.length; h += 2) if (this.byKeyword[hits[h] as number]?.some((d) => d.providerSpecific)) return true;
    return false;
  }

  /** Candidates at every keyword hit; `veto` collects what provider detectors recognised and refused. */
  private candidates(buf: Buffer, options: ScanTextOptions, veto: Veto, depth: number): Candidate[] {
    // A view of the index's own buffer: valid until its next use, which is after this loop (decoded blobs are scanned later).
    const hits = this.index.findShared(buf);
    const out: Candidate[] = [];
    // A file detector reads the file itself, never a blob decoded from it (which keeps the file's path).
    if (depth === 0 && options.path !== undefined && this.fileDetectors.length > 0) this.wholeFiles(buf, options, veto, out);
    if (hits.length === 0) return out;
    const text = new LatinText(buf);
    // The last position each detector was tried at, so two keywords of one detector at one place try it once.
    const tried = this.tried.fill(-1);
    // Block detectors (PEM keys) find their terminator once per stretch of text, not once per BEGIN.
    let nextEnd: Map<Detector, number> | undefined;
    let nextSame: Int32Array | undefined;
    for (let h = 0; h < hits.length; h += 2) {
      const kw = hits[h] as number;
      if (kw === this.markerId) {
        this.sawMarker = true;
        continue;
      }
      const at = hits[h + 1] as number;
      const detectors = this.byKeyword[kw] ?? [];
      const ids = this.idsByKeyword[kw] as Int32Array;
      const len = this.index.lengths[kw] as number;
      for (let k = 0; k < detectors.length; k++) {
        const d = detectors[k] as Detector;
        const id = ids[k] as number;
        if (tried[id] === at) continue;
        // Marked only once the byte test passes: `sl.` and `sl.u.` start at the same place, and the
        // shorter keyword's failed test must not keep the longer one from being tried.
        if (d.precheck && !d.precheck(buf, at, len)) continue;
        tried[id] = at;
        let span = d.span;
        if (d.terminator !== undefined) {
          nextSame ??= nextSameKeyword(hits);
          nextEnd ??= new Map();
          const end = blockEnd(d, buf, at, nextSame[h / 2] as number, nextEnd);
          if (end < 0) continue;
          span = end - at + 64;
        }
        const furthest = d.backs[d.backs.length - 1] as number;
        const w = text.window(at - furthest - 1 - d.context, at + span + d.context);
        if (d.quick) {
          d.quick.lastIndex = at - w.start;
          if (!d.quick.test(w.text)) continue;
        }
        for (const back of d.backs) {
          if (back > at) continue;
          const re = d.pattern;
          re.lastIndex = at - back - w.start;
          const m = re.exec(w.text);
          if (!m) continue;
          // A block's head may leave its value unset (a name-like first entry): only its entries are judged.
          const c = d.next && m[1] === undefined ? undefined : this.judge(d, buf, w.text, w.start, m, options, veto);
          if (c) out.push(c);
          // A block's further entries are read even when its first was refused (a `${VAR}` first).
          if (d.next) this.blockEntries(d, buf, w.text, w.start, m, options, veto, out);
          if (c) break;
        }
      }
    }
    return out;
  }

  /** The file detectors whose name the path has: each pattern once, at the start of a file no larger than its span. */
  private wholeFiles(buf: Buffer, options: ScanTextOptions, veto: Veto, out: Candidate[]): void {
    const path = options.path as string;
    for (const d of this.fileDetectors) {
      if (buf.length > d.span || !(d.file as RegExp).test(path)) continue;
      const text = buf.toString("latin1");
      d.pattern.lastIndex = 0;
      const m = d.pattern.exec(text);
      const c = m ? this.judge(d, buf, text, 0, m, options, veto) : undefined;
      if (c) out.push(c);
    }
  }

  /**
   * The entries after `head` in its block (`d.next`), line by line at its indentation; blank and
   * comment lines, and lines indented deeper (a block scalar's text), are stepped over. Bounded by
   * MAX_ENTRIES and by the window: an entry cut by the window's end is not judged.
   */
  private blockEntries(d: Detector, buf: Buffer, text: string, base: number, head: RegExpExecArray, options: ScanTextOptions, veto: Veto, out: Candidate[]): void {
    const re = d.next as RegExp;
    const headEnd = head.index + head[0].length;
    const indent = indentAt(text, text.lastIndexOf("\n", headEnd - 1) + 1);
    const cut = base + text.length < buf.length;
    let nl = text.indexOf("\n", headEnd);
    for (let k = 0; k < MAX_ENTRIES && nl >= 0; k++) {
      const from = nl + 1;
      nl = text.indexOf("\n", from);
      const i = from + indentAt(text, from);
      const c = text.charCodeAt(i);
      if (i >= text.length || c === 10 || c === 13 || c === 35) continue;
      // Deeper lines belong to the entry above (a block scalar); a shallower one ends the block.
      if (i - from > indent) continue;
      if (i - from < indent) return;
      re.lastIndex = from;
      const m = re.exec(text);
      if (!m || (cut && m.index + m[0].length >= text.length)) return;
      if (m[1] === undefined) continue;
      const e = this.judge(d, buf, text, base, m, options, veto, head);
      if (e) out.push(e);
    }
  }

  /** A match of a detector's pattern, checked: a candidate, or undefined when it is refused. */
  private judge(d: Detector, buf: Buffer, text: string, base: number, m: RegExpExecArray, options: ScanTextOptions, veto: Veto, head?: RegExpExecArray): Candidate | undefined {
    const value = m[1] ?? m[0];
    let offset = m[1] === undefined ? 0 : m[0].indexOf(value);
    // The value's text may also come earlier in the match (`pas` inside `password pas`): then only the pattern knows where it is.
    if (offset >= 0 && m[1] !== undefined && m[0].indexOf(value, offset + 1) >= 0) offset = groupOffset(d.pattern, text, m) ?? offset;
    const start = base + m.index + (offset < 0 ? 0 : offset);
    const end = start + value.length;
    if (this.known !== undefined && insideKnown(this.known, start, end)) return undefined;
    // The text is latin1 (one character per byte); the secret itself is re-read as UTF-8.
    const secret = /[^\x00-\x7f]/.test(value) ? buf.toString("utf8", start, end) : value;
    if (d.minEntropy !== undefined && shannonEntropy(secret) < d.minEntropy) return undefined;
    let judgement: Judgement = { verdict: "secret" };
    if (d.check) {
      // Checks see the value as the text holds it (latin1), so it lines up with the match.
      const ctx: CandidateContext = { text, index: m.index, match: m, path: options.path };
      if (head) ctx.head = head;
      const r = d.check(value, ctx);
      judgement = typeof r === "string" ? { verdict: r } : r;
    }
    if (judgement.verdict === "reject") {
      // A provider's detector that recognised this value and refused it (bad checksum, wrong
      // structure) knows better than a generic one: the generic ones may not report it either.
      if (d.vetoes) veto.spans.push(start, end);
      return undefined;
    }
    if (judgement.verdict === "secret" && d.providerSpecific && d.checksExamples !== true && looksLikeExample(secret)) judgement = { verdict: "example", note: "an example or placeholder value" };
    return { detector: d, start, end, secret, judgement };
  }
}

/** Each detector pattern with indices, sticky: read again only where a match's group 1 is ambiguous. */
const withIndices = new WeakMap<RegExp, RegExp>();

/** Where group 1 of `m` starts within the match, from the pattern run again at the match's start with indices (rare: the `d` flag costs every match an allocation). */
function groupOffset(pattern: RegExp, text: string, m: RegExpExecArray): number | undefined {
  let re = withIndices.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, `${pattern.flags.replace(/[gyd]/g, "")}yd`);
    withIndices.set(pattern, re);
  }
  re.lastIndex = m.index;
  const again = re.exec(text);
  const span = again?.indices?.[1];
  return again !== null && span !== undefined && again[1] === m[1] ? span[0] - m.index : undefined;
}

/**
 * True when `start`…`end` lies inside one of the known spans (start, end pairs in order of their
 * starts): the last span starting at or before it, or one of the few before that (spans of one scan
 * seldom overlap), found by bisection, so a line of thousands of known secrets costs no square.
 */
function insideKnown(known: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = known.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((known[mid * 2] as number) <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (end <= (known[i * 2 + 1] as number)) return true;
  return false;
}

/** Entries of one block a detector's `next` pattern reads after a match, at most. */
const MAX_ENTRIES = 64;

/** How many spaces and tabs open the line that starts at `from`. */
function indentAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - from;
}

/**
 * Where a block (a PEM key) that starts at `at` ends: its terminator, when that comes within the
 * detector's span and before the keyword's next occurrence, else -1. Each stretch of text is
 * searched once however many BEGIN lines precede it.
 */
function blockEnd(d: Detector, buf: Buffer, at: number, nextBegin: number, cache: Map<Detector, number>): number {
  let end = cache.get(d);
  if (end === undefined || (end !== -1 && end <= at)) {
    end = buf.indexOf(d.terminator as string, at, "latin1");
    cache.set(d, end);
  }
  if (end < 0 || end - at > d.span || (nextBegin >= 0 && nextBegin < end)) return -1;
  return end;
}

/** For each hit (keyword id, start pairs), where the same keyword occurs next, or -1. */
function nextSameKeyword(hits: Int32Array): Int32Array {
  const out = new Int32Array(hits.length / 2).fill(-1);
  const later = new Map<number, number>();
  for (let h = hits.length - 2; h >= 0; h -= 2) {
    const kw = hits[h] as number;
    out[h / 2] = later.get(kw) ?? -1;
    later.set(kw, hits[h + 1] as number);
  }
  return out;
}

/** Values provider detectors recognised and refused (bad checksum, wrong structure), as start, end pairs. */
interface Veto {
  spans: number[];
}

function startsWith(buf: Buffer, at: number, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function toMatch(c: Candidate): SecretMatch {
  const example = c.judgement.verdict === "example";
  const m: SecretMatch = {
    detector: c.detector,
    secret: c.secret,
    start: c.start,
    end: c.end,
    verdict: example ? "example" : "secret",
    severity: example ? "info" : (c.judgement.severity ?? c.detector.severity),
    confidence: c.detector.confidence,
  };
  if (c.judgement.note !== undefined) m.note = c.judgement.note;
  return m;
}

/**
 * Flags the text (of those laid end to end from `starts`) that each offset falls in: every second
 * entry of `pairs` from `first`, in the order of the texts, so the text only moves forward.
 */
function flagContaining(flagged: Uint8Array, starts: Int32Array, pairs: ArrayLike<number>, first: number, skip?: (i: number) => boolean): void {
  const last = starts.length - 2;
  let t = 0;
  for (let i = first; i < pairs.length; i += 2) {
    if (skip?.(i)) continue;
    const at = pairs[i] as number;
    while (t < last && (starts[t + 1] as number) <= at) t++;
    flagged[t] = 1;
  }
}

/** Overlapping candidates keep the most specific detector (then the longer, then the earlier). */
const NO_RUNS: ArrayLike<number> = [];

function resolveOverlaps(cands: Candidate[]): Candidate[] {
  if (cands.length <= 1) return cands;
  const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (!last || c.start >= last.end) {
      out.push(c);
      continue;
    }
    if (better(c, last)) out[out.length - 1] = c;
  }
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.detector.priority !== b.detector.priority) return a.detector.priority > b.detector.priority;
  if ((a.judgement.verdict === "secret") !== (b.judgement.verdict === "secret")) return a.judgement.verdict === "secret";
  return a.end - a.start > b.end - b.start;
}

export type { Verdict };
