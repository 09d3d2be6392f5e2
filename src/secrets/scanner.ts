import type { Confidence, Severity } from "../core/severity.js";
import { decodeCandidates, findRuns } from "./decode.js";
import type { Detector, Judgement, Verdict } from "./detector.js";
import { DETECTORS } from "./detectors/index.js";
import { shannonEntropy } from "./entropy.js";
import { KeywordIndex } from "./keyword-index.js";
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

interface Candidate {
  detector: Detector;
  start: number;
  end: number;
  secret: string;
  judgement: Judgement;
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
  /** Per keyword id: the detectors that start there. */
  private readonly byKeyword: Detector[][];
  private readonly widest: Int32Array;
  private readonly before: Int32Array;
  private readonly blockDetectors: ReadonlySet<Detector>;

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
    this.index = new KeywordIndex(keywords);
    this.widest = Int32Array.from(this.byKeyword, (ds) => Math.max(0, ...ds.filter((d) => d.quick === undefined).map((d) => d.span)));
    this.before = Int32Array.from(this.byKeyword, (ds) => Math.max(...ds.map((d) => Math.max(d.back, d.context))) + 1);
    this.blockDetectors = new Set(detectors.filter((d) => d.quick !== undefined));
  }

  /** Scans UTF-8 bytes. */
  scan(bytes: Uint8Array, options: ScanTextOptions = {}): SecretMatch[] {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this.scanAt(buf, options, 0);
  }

  /** Scans a string (converted to UTF-8: offsets in the result are bytes of that encoding). */
  scanString(text: string, options: ScanTextOptions = {}): SecretMatch[] {
    return this.scan(Buffer.from(text, "utf8"), options);
  }

  private scanAt(buf: Buffer, options: ScanTextOptions, depth: number): SecretMatch[] {
    const veto: Veto = { starts: new Set(), spans: [] };
    const candidates = this.candidates(buf, options, veto);
    const kept = resolveOverlaps(candidates.filter((c) => c.detector.providerSpecific || !vetoed(veto, c)));
    const out: SecretMatch[] = kept.map((c) => toMatch(c));
    const runs = options.decode !== false && depth < MAX_DEPTH ? findRuns(buf) : [];
    if (runs.length > 0) {
      for (const blob of decodeCandidates(buf, runs, kept)) {
        for (const inner of this.scanAt(blob.decoded, { ...options }, depth + 1)) {
          out.push({ ...inner, start: blob.start, end: blob.end, encoding: inner.encoding ?? blob.encoding });
        }
      }
    }
    return out;
  }

  /** Candidates at every keyword hit; `veto` collects what provider detectors recognised and refused. */
  private candidates(buf: Buffer, options: ScanTextOptions, veto: Veto): Candidate[] {
    const hits: number[] = [];
    this.index.scan(buf, (kw, start) => void hits.push(kw, start));
    const out: Candidate[] = [];
    // The last position each detector was tried at, so two keywords of one detector at one place try it once.
    const tried = new Map<Detector, number>();
    // Block detectors (PEM keys) find their END once per stretch of text, not once per BEGIN.
    const nextEnd = new Map<Detector, number>();
    let nextSame: Int32Array | undefined;
    for (let h = 0; h < hits.length; h += 2) {
      const kw = hits[h] as number;
      const at = hits[h + 1] as number;
      const detectors = this.byKeyword[kw] ?? [];
      const before = this.before[kw] as number;
      let window: string | undefined;
      let winStart = 0;
      const len = this.index.lengths[kw] as number;
      for (const d of detectors) {
        if (tried.get(d) === at) continue;
        tried.set(d, at);
        if (d.prefixToken && (at === 0 || !isAlnum(buf[at - 1] as number)) && d.prefixes.some((p) => startsWith(buf, at, p))) veto.starts.add(at);
        if (d.precheck && !d.precheck(buf, at, len)) continue;
        if (this.blockDetectors.has(d)) {
          nextSame ??= nextSameKeyword(hits);
          const c = this.tryBlock(d, buf, at, before, nextSame[h / 2] as number, nextEnd, options, veto);
          if (c) out.push(c);
          continue;
        }
        if (window === undefined) {
          winStart = Math.max(0, at - before);
          window = buf.toString("latin1", winStart, Math.min(buf.length, at + (this.widest[kw] as number)));
        }
        const c = this.tryDetector(d, buf, window as string, winStart, at, options, veto);
        if (c) out.push(c);
      }
    }
    return out;
  }

  /**
   * A block (a PEM key) runs from its BEGIN line to the first END line. It is tried only when that
   * END comes before the next BEGIN, so each stretch of text is searched once however many BEGIN
   * lines precede it.
   */
  private tryBlock(d: Detector, buf: Buffer, at: number, before: number, nextBegin: number, cache: Map<Detector, number>, options: ScanTextOptions, veto: Veto): Candidate | undefined {
    const end = nextEndAfter(buf, at, cache, d);
    if (end < 0 || end - at > d.span || (nextBegin >= 0 && nextBegin < end)) return undefined;
    const quick = d.quick as RegExp;
    quick.lastIndex = 0;
    if (!quick.test(buf.toString("latin1", at, Math.min(buf.length, at + 128)))) return undefined;
    const winStart = Math.max(0, at - before);
    const window = buf.toString("latin1", winStart, Math.min(buf.length, end + 64));
    return this.tryDetector(d, buf, window, winStart, at, options, veto);
  }

  private tryDetector(d: Detector, buf: Buffer, window: string, winStart: number, at: number, options: ScanTextOptions, veto: Veto): Candidate | undefined {
    const re = d.pattern;
    const from = at - winStart - d.back;
    re.lastIndex = Math.max(0, from);
    let m = re.exec(window);
    // A pattern allowed to start before its keyword must still cover the keyword.
    if (d.back > 0) {
      while (m && m.index + m[0].length <= at - winStart) m = re.exec(window);
      if (m && m.index > at - winStart) m = null;
    }
    if (!m) return undefined;
    const value = m[1] ?? m[0];
    const offset = m[1] === undefined ? 0 : m[0].indexOf(value, 0);
    const startInWindow = m.index + (offset < 0 ? 0 : offset);
    const start = winStart + startInWindow;
    const end = start + value.length;
    // The window is latin1 (one character per byte); the secret itself is re-read as UTF-8.
    const secret = /[^\x00-\x7f]/.test(value) ? buf.toString("utf8", start, end) : value;
    if (d.minEntropy !== undefined && shannonEntropy(secret) < d.minEntropy) return undefined;
    let judgement: Judgement = { verdict: "secret" };
    if (d.check) {
      // Checks see the value as the window holds it (latin1), so it lines up with the match.
      const r = d.check(value, { window, index: m.index, match: m, path: options.path });
      judgement = typeof r === "string" ? { verdict: r } : r;
    }
    if (judgement.verdict === "reject") {
      // A provider's detector that recognised this value and refused it (bad checksum, wrong
      // structure) knows better than a generic one: the generic ones may not report it either.
      if (d.vetoes) veto.spans.push(start, end);
      return undefined;
    }
    if (judgement.verdict === "secret" && d.providerSpecific && looksLikeExample(secret)) judgement = { verdict: "example", note: "an example or placeholder value" };
    return { detector: d, start, end, secret, judgement };
  }
}

/** What provider detectors recognised and refused: generic detectors must not report it. */
interface Veto {
  /** Where a provider's exact prefix starts a token. */
  starts: Set<number>;
  /** Values a provider's check refused, as start, end pairs. */
  spans: number[];
}

function vetoed(veto: Veto, c: Candidate): boolean {
  if (veto.starts.has(c.start)) return true;
  for (let i = 0; i < veto.spans.length; i += 2) if ((veto.spans[i] as number) < c.end && (veto.spans[i + 1] as number) > c.start) return true;
  return false;
}

function startsWith(buf: Buffer, at: number, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** For each hit (keyword id, start pairs), where the same keyword occurs next, or -1. */
function nextSameKeyword(hits: readonly number[]): Int32Array {
  const out = new Int32Array(hits.length / 2).fill(-1);
  const later = new Map<number, number>();
  for (let h = hits.length - 2; h >= 0; h -= 2) {
    const kw = hits[h] as number;
    out[h / 2] = later.get(kw) ?? -1;
    later.set(kw, hits[h + 1] as number);
  }
  return out;
}

const END_MARK = Buffer.from("-----END");

/** The next END line after `at`, remembered so a run of BEGIN lines searches once. */
function nextEndAfter(buf: Buffer, at: number, cache: Map<Detector, number>, d: Detector): number {
  const known = cache.get(d);
  if (known !== undefined && (known > at || known === -1)) return known;
  const found = buf.indexOf(END_MARK, at);
  cache.set(d, found);
  return found;
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

/** Overlapping candidates keep the most specific detector (then the longer, then the earlier). */
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
