// Base64 and hex blobs that decode to text are scanned again: a credential base64-encoded in a
// Kubernetes Secret or an environment file is still a credential. Bounded in size and count.

/** Shortest blob worth decoding (24 bytes of base64 hold 18 bytes: shorter secrets are rare). */
export const MIN_RUN = 24;
/** Longer runs are data (images, fonts, bundles), not an encoded credential. */
const MAX_RUN = 64 * 1024;
/** Decoded bytes per scanned text, all blobs together. */
const MAX_DECODED = 4 * 1024 * 1024;

/** 1 for base64 (standard and URL-safe) characters, 2 more for hex digits. */
export const CLASS = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9+/_-]/.test(ch)) t[c] = 1;
    if (/[0-9a-fA-F]/.test(ch)) t[c] = 3;
  }
  return t;
})();

/** A decoded blob and where its encoding sits in the text. */
export interface DecodedBlob {
  start: number;
  end: number;
  encoding: "base64" | "hex";
  decoded: Buffer;
}

/**
 * Runs of base64-alphabet bytes at least MIN_RUN long, as start, end pairs. It probes the byte
 * MIN_RUN - 1 ahead: when that byte is not base64, no long enough run can start before it, and
 * the whole stretch is skipped (prose and code are skipped this way several times faster than
 * byte by byte).
 */
export function findRuns(b: Uint8Array): number[] {
  const out: number[] = [];
  const n = b.length;
  let i = 0;
  while (i + MIN_RUN <= n) {
    const p = i + MIN_RUN - 1;
    if (CLASS[b[p] as number] === 0) {
      i = p + 1;
      continue;
    }
    let s = p;
    while (s > i && CLASS[b[s - 1] as number] !== 0) s--;
    let e = p + 1;
    while (e < n && CLASS[b[e] as number] !== 0) e++;
    if (e - s >= MIN_RUN) out.push(s, e);
    i = e + 1;
  }
  return out;
}

/**
 * How the run `buf[start, stop)` (from findRuns) would be decoded, or undefined when it is too
 * short or long, or its characters cannot be the encoding of text: `decodeCandidates` skips it.
 */
export function decodable(buf: Uint8Array, start: number, stop: number): "hex" | "base64" | undefined {
  const len = stop - start;
  if (len < MIN_RUN || len > MAX_RUN) return undefined;
  let hex = len % 2 === 0 && len >= 32;
  for (let i = start; hex && i < stop; i++) if (CLASS[buf[i] as number] !== 3) hex = false;
  if (hex) return textLikeHex(buf, start, stop) ? "hex" : undefined;
  return textLikeBase64(buf, start, stop) ? "base64" : undefined;
}

/**
 * Decodes the runs (start, end pairs from findRuns) that lie outside the spans already matched and
 * decode to mostly printable text.
 */
export function decodeCandidates(buf: Buffer, runs: ArrayLike<number>, taken: readonly { start: number; end: number }[]): DecodedBlob[] {
  const out: DecodedBlob[] = [];
  let budget = MAX_DECODED;
  let t = 0;
  for (let r = 0; r < runs.length && budget > 0; r += 2) {
    const start = runs[r] as number;
    const stop = runs[r + 1] as number;
    const len = stop - start;
    if (len < MIN_RUN || len > MAX_RUN) continue;
    let end = stop;
    while (end < buf.length && end - stop < 2 && buf[end] === 61 /* = */) end++;
    while (t < taken.length && (taken[t] as { end: number }).end <= start) t++;
    const next = taken[t];
    if (next && next.start < end) continue;
    const kind = decodable(buf, start, stop);
    if (kind === undefined) continue;
    const blob = kind === "hex" ? decodeHex(buf, start, stop) : decodeBase64(buf, start, end);
    if (!blob) continue;
    budget -= blob.decoded.length;
    out.push(blob);
  }
  return out;
}

/**
 * Base64 of text, cheaply: each 4-character group starts with the top 6 bits of a byte, which for
 * printable ASCII (and tab, line feed, return) is one of C-Z or a-f. Random data, hashes and
 * identifiers fail this within a few groups, before anything is decoded. One miss is forgiven.
 */
function textLikeBase64(buf: Uint8Array, start: number, stop: number): boolean {
  let misses = 0;
  const end = Math.min(stop, start + 256);
  for (let i = start; i < end; i += 4) {
    const c = buf[i] as number;
    if (!((c >= 67 && c <= 90) || (c >= 97 && c <= 102)) && ++misses > 1) return false;
  }
  return true;
}

/** Hex of text, cheaply: the high digit of each printable byte is 2 to 7 (or 0 for tab and line breaks). */
function textLikeHex(buf: Uint8Array, start: number, stop: number): boolean {
  let misses = 0;
  const end = Math.min(stop, start + 256);
  for (let i = start; i < end; i += 2) {
    const c = buf[i] as number;
    if (!((c >= 50 && c <= 55) || c === 48) && ++misses > 1) return false;
  }
  return true;
}

function decodeHex(buf: Buffer, start: number, end: number): DecodedBlob | undefined {
  const decoded = Buffer.from(buf.toString("latin1", start, end), "hex");
  return printable(decoded) ? { start, end, encoding: "hex", decoded } : undefined;
}

function decodeBase64(buf: Buffer, start: number, end: number): DecodedBlob | undefined {
  const text = buf.toString("latin1", start, end);
  // Both alphabets mixed is not base64; a word in camelCase or a path is not either.
  if (/[+/]/.test(text) && /[-_]/.test(text)) return undefined;
  if (!/[0-9]|[+/=]/.test(text) && !/[A-Z]/.test(text.slice(1))) return undefined;
  // Check the head first: most runs (hashes, images) decode to binary and are dropped cheaply.
  const head = Buffer.from(text.slice(0, 344), "base64");
  if (!printable(head)) return undefined;
  const decoded = text.length <= 344 ? head : Buffer.from(text, "base64");
  return decoded.length >= 12 && printable(decoded) ? { start, end, encoding: "base64", decoded } : undefined;
}

/** At least 95% printable ASCII, tabs and line breaks. */
function printable(b: Buffer): boolean {
  if (b.length < 12) return false;
  let bad = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c > 0x7e) bad++;
  }
  return bad <= b.length * 0.05;
}
