import { maskSecret } from "../core/redact.js";
import type { Confidence, Severity } from "../core/severity.js";
import { SUPPRESSION_MARKER } from "../core/suppression-marker.js";
import type { TextOrigin, TextScanFunction, TextScanner } from "../core/text-scan.js";
import { bundleScanner, scanBundle, sharedScanner, type SecretMatch, type SecretScanner } from "./scanner.js";

/** A secret found in a file, located and ready to report; plain data, so it crosses worker threads. */
export interface LocatedSecret {
  /** The detector's id (see DETECTORS). */
  detector: string;
  /** The clear value: hashed and masked by the engine, never printed. */
  secret: string;
  verdict: "secret" | "example";
  severity: Severity;
  confidence: Confidence;
  note?: string;
  encoding?: "base64" | "hex";
  /** 1-based; columns count UTF-16 code units, like every location assay reports. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The line, with every secret on it masked, cut to at most 240 characters around the secret. */
  snippet: string;
}

const SNIPPET = 240;

/**
 * The quoted line is scanned again with the full detector set (as the masking stage would), in
 * pieces of at most RESCAN bytes of the line that reach MARGIN bytes past each snippet, so that a
 * secret a snippet shows is masked whatever found it: the same bytes read as another file type, or a
 * bundle's line read by the bundle scanner, may hold a credential the file's scan did not report.
 */
const RESCAN = 64 * 1024;
const MARGIN = 8 * 1024;

/** Turns byte offsets into lines, columns and masked snippets, walking the text once. */
export function locate(bytes: Uint8Array, matches: readonly SecretMatch[], origin: TextOrigin = { line: 1 }): LocatedSecret[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const own = origin.own ?? buf.length;
  const sorted = matches.filter((m) => m.start < own).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return [];
  let line = 0; // 0-based line of `lineStart` within the block
  let lineStart = 0;
  // The current line's end (its line break, or the text's end) and its end without a carriage return.
  let nextBreak = breakFrom(buf, 0);
  let lineEnd = trimCr(buf, lineStart, nextBreak);
  // A column known on the current line: the byte offset and the UTF-16 units before it. Matches come
  // in order, so each line is measured once: measuring from the line's start for every match was
  // quadratic (16,000 key ids on one line took 14 s).
  let colByte = 0;
  let colUnits = 0;
  const advance = (to: number): void => {
    while (nextBreak < to) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = breakFrom(buf, lineStart);
      lineEnd = trimCr(buf, lineStart, nextBreak);
      colByte = lineStart;
      colUnits = 0;
    }
  };
  const fileLine = (l: number): number => (origin.lines ? (origin.lines[l] ?? origin.line + l) : origin.line + l);
  const out: LocatedSecret[] = [];
  // The matches that may overlap the current snippet's window. The window only moves forward, so
  // this slides with it: handing every match to every snippet was quadratic (80,000 matches in one
  // file took 36 s).
  let window: SecretMatch[] = [];
  let next = 0;
  // The full detector set's matches over a piece of the current line, in the text's offsets (sorted
  // by start), and those that may overlap the current snippet, sliding as `window` does.
  let rescanned: { from: number; to: number; matches: SecretMatch[] } | undefined;
  let more: SecretMatch[] = [];
  let moreNext = 0;
  for (const m of sorted) {
    advance(m.start);
    const startLine = line;
    colUnits += units(buf, colByte, m.start);
    colByte = m.start;
    const startCol = colUnits + 1;
    const { from, to } = snippetBounds(lineStart, lineEnd, m);
    for (let o = sorted[next]; o !== undefined && o.start < to; o = sorted[++next]) window.push(o);
    window = window.filter((o) => o.end > from);
    const need = Math.max(lineStart, from - MARGIN);
    const reach = Math.min(lineEnd, to + MARGIN);
    if (rescanned === undefined || rescanned.from > need || rescanned.to < reach) {
      const pieceEnd = Math.min(lineEnd, Math.max(reach, need + RESCAN));
      rescanned = { from: need, to: pieceEnd, matches: fullSetMatches(buf, need, pieceEnd, sorted, next) };
      more = [];
      moreNext = 0;
    }
    const piece = rescanned.matches;
    for (let o = piece[moreNext]; o !== undefined && o.start < to; o = piece[++moreNext]) more.push(o);
    more = more.filter((o) => o.end > from);
    const snippet = maskedLine(buf, lineStart, lineEnd, m, window, more);
    // The end may lie on a later line (a PEM block): count the breaks inside the match only.
    let endLine = startLine;
    let endLineStart = lineStart;
    const end = m.end;
    for (let i = m.start; i < end - 1; i++) {
      if (buf[i] !== 10) continue;
      endLine++;
      endLineStart = i + 1;
    }
    const endCol = endLineStart === lineStart ? colUnits + units(buf, m.start, end) : units(buf, endLineStart, end);
    const located: LocatedSecret = {
      detector: m.detector.id, secret: m.secret, verdict: m.verdict, severity: m.severity, confidence: m.confidence,
      line: fileLine(startLine), column: startCol, endLine: fileLine(endLine), endColumn: Math.max(1, endCol), snippet,
    };
    if (m.note !== undefined) located.note = m.note;
    if (m.encoding !== undefined) located.encoding = m.encoding;
    out.push(located);
  }
  return out;
}

/** The next line break from `from`, or the text's end. */
function breakFrom(buf: Buffer, from: number): number {
  const i = buf.indexOf(10, from);
  return i < 0 ? buf.length : i;
}

/** The end of a line that ends at `end`, less its carriage return. */
function trimCr(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === 13 ? end - 1 : end;
}

/** UTF-16 units of the UTF-8 bytes from `from` to `to`: the byte count for ASCII, else decoded. */
function units(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) if ((buf[i] as number) >= 0x80) return buf.toString("utf8", from, to).length;
  return Math.max(0, to - from);
}

/**
 * What the full detector set (the masking stage's) finds between `from` and `to`, as the masking
 * stage reads a quoted text, besides what the file's scan found there (`sorted`, from about `next`
 * on), which is masked already and not judged again.
 */
function fullSetMatches(buf: Buffer, from: number, to: number, sorted: readonly SecretMatch[], next: number): SecretMatch[] {
  if (to - from < 8) return [];
  const known: number[] = [];
  // The file's matches are sorted by start: those in the piece are near `next`, found by walking both ways.
  let k = Math.min(next, sorted.length - 1);
  while (k > 0 && (sorted[k] as SecretMatch).start >= from) k--;
  for (let o = sorted[k]; o !== undefined && o.start < to; o = sorted[++k]) if (o.end > from) known.push(Math.max(0, o.start - from), Math.min(to, o.end) - from);
  // The file scan may be this scanner's: scanBeside leaves its record of the suppression marker as the file's.
  const found = sharedScanner().scanBeside(buf.subarray(from, to), { path: "quoted.env" }, known);
  return found.map((m) => ({ ...m, start: m.start + from, end: m.end + from })).sort((a, b) => a.start - b.start);
}

/** The byte range of a match's line shown as its snippet: at most SNIPPET bytes around the match. */
function snippetBounds(start: number, end: number, m: SecretMatch): { from: number; to: number } {
  const from = Math.max(start, m.start - SNIPPET / 2);
  return { from, to: Math.min(end, Math.max(m.start + SNIPPET / 2, from + SNIPPET)) };
}

/**
 * The line around a match, with that match and every other on the line masked: `own`, the file
 * scan's (sorted by start, at least those overlapping the snippet), and `more`, the full detector
 * set's over the line. Where masked values overlap, the second shows nothing of its own.
 */
function maskedLine(buf: Buffer, start: number, end: number, m: SecretMatch, own: readonly SecretMatch[], more: readonly SecretMatch[]): string {
  const { from, to } = snippetBounds(start, end, m);
  const all = more.length === 0 ? own : [...own, ...more].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = from > start ? "…" : "";
  let at = from;
  for (const o of all) {
    if (o.end <= from || o.start >= to || o.end <= at) continue;
    const s = Math.max(o.start, from);
    if (s >= at) {
      if (s > at) out += buf.toString("utf8", at, s);
      out += maskSecret(o.encoding ? buf.toString("utf8", o.start, o.end) : o.secret);
    }
    at = Math.max(at, Math.min(o.end, to));
  }
  if (at < to) out += buf.toString("utf8", at, to);
  if (to < end) out += "…";
  return out;
}

const NOTEBOOK = /\.ipynb$/i;

/** The secrets family's scanner, as the engine's text-scan service runs it on every file (and every commit). */
export const secretsTextScanner: TextScanner<LocatedSecret> = {
  id: "secrets",
  create() {
    const scanner = sharedScanner();
    // The scanner that read the last call's bytes: its automaton watched for the suppression marker.
    let last: SecretScanner | undefined;
    const fn: TextScanFunction<LocatedSecret> = (bytes, path, origin) => {
      // A notebook is no bundle, however long its lines: they are its cells' outputs (a plot's PNG
      // in base64 on one line), and its sources, where keys are pasted, are short lines of code.
      const bundle = origin.unmistakableOnly === true && !NOTEBOOK.test(path);
      const s = bundle ? bundleScanner() : scanner;
      last = undefined;
      const found = locate(bytes, bundle ? scanBundle(bytes, { path }) : s.scan(bytes, { path }), origin);
      last = s;
      return found;
    };
    fn.sawMarker = (marker) => (last !== undefined && marker.toLowerCase() === SUPPRESSION_MARKER ? last.sawMarker : undefined);
    return fn;
  },
};
