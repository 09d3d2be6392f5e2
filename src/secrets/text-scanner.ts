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

/** Turns byte offsets into lines, columns and masked snippets, walking the text once. */
export function locate(bytes: Uint8Array, matches: readonly SecretMatch[], origin: TextOrigin = { line: 1 }): LocatedSecret[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const own = origin.own ?? buf.length;
  const sorted = matches.filter((m) => m.start < own).sort((a, b) => a.start - b.start);
  let line = 0; // 0-based line of `lineStart` within the block
  let lineStart = 0;
  const advance = (to: number): void => {
    for (let nl = buf.indexOf(10, lineStart); nl !== -1 && nl < to; nl = buf.indexOf(10, lineStart)) {
      line++;
      lineStart = nl + 1;
    }
  };
  const fileLine = (l: number): number => (origin.lines ? (origin.lines[l] ?? origin.line + l) : origin.line + l);
  const out: LocatedSecret[] = [];
  // The matches that may overlap the current snippet's window. The window only moves forward, so
  // this slides with it: handing every match to every snippet was quadratic (80,000 matches in one
  // file took 36 s).
  let window: SecretMatch[] = [];
  let next = 0;
  for (const m of sorted) {
    advance(m.start);
    const startLine = line;
    const startCol = buf.toString("utf8", lineStart, m.start).length + 1;
    const lineEnd = endOfLine(buf, lineStart);
    const { from, to } = snippetBounds(lineStart, lineEnd, m);
    for (let o = sorted[next]; o !== undefined && o.start < to; o = sorted[++next]) window.push(o);
    window = window.filter((o) => o.end > from);
    const snippet = maskedLine(buf, lineStart, lineEnd, m, window);
    // The end may lie on a later line (a PEM block): count forward without moving the walk.
    let endLine = startLine;
    let endLineStart = lineStart;
    for (let nl = buf.indexOf(10, lineStart); nl !== -1 && nl < m.end - 1; nl = buf.indexOf(10, nl + 1)) {
      endLine++;
      endLineStart = nl + 1;
    }
    const endCol = buf.toString("utf8", endLineStart, m.end).length;
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

function endOfLine(buf: Buffer, from: number): number {
  const nl = buf.indexOf(10, from);
  const end = nl === -1 ? buf.length : nl;
  return end > from && buf[end - 1] === 13 ? end - 1 : end;
}

/** The byte range of a match's line shown as its snippet: at most SNIPPET bytes around the match. */
function snippetBounds(start: number, end: number, m: SecretMatch): { from: number; to: number } {
  const from = Math.max(start, m.start - SNIPPET / 2);
  return { from, to: Math.min(end, Math.max(m.start + SNIPPET / 2, from + SNIPPET)) };
}

/** The line around a match, with that match and every other on the line masked (`all`: sorted by start, at least those overlapping the snippet). */
function maskedLine(buf: Buffer, start: number, end: number, m: SecretMatch, all: readonly SecretMatch[]): string {
  const { from, to } = snippetBounds(start, end, m);
  let out = from > start ? "…" : "";
  let at = from;
  for (const o of all) {
    if (o.end <= from || o.start >= to) continue;
    const s = Math.max(o.start, from);
    if (s > at) out += buf.toString("utf8", at, s);
    out += maskSecret(o.encoding ? buf.toString("utf8", o.start, o.end) : o.secret);
    at = Math.max(at, Math.min(o.end, to));
  }
  if (at < to) out += buf.toString("utf8", at, to);
  if (to < end) out += "…";
  return out;
}

/** The secrets family's scanner, as the engine's text-scan service runs it on every file (and every commit). */
export const secretsTextScanner: TextScanner<LocatedSecret> = {
  id: "secrets",
  create() {
    const scanner = sharedScanner();
    // The scanner that read the last call's bytes: its automaton watched for the suppression marker.
    let last: SecretScanner | undefined;
    const fn: TextScanFunction<LocatedSecret> = (bytes, path, origin) => {
      const s = origin.unmistakableOnly ? bundleScanner() : scanner;
      last = undefined;
      const found = locate(bytes, origin.unmistakableOnly ? scanBundle(bytes, { path }) : s.scan(bytes, { path }), origin);
      last = s;
      return found;
    };
    fn.sawMarker = (marker) => (last !== undefined && marker.toLowerCase() === SUPPRESSION_MARKER ? last.sawMarker : undefined);
    return fn;
  },
};
