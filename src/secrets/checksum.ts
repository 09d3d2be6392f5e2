// Checksums some token formats carry, so a scanner can tell a real token from a look-alike offline.
import type { Judgement, Verdict } from "./detector.js";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, the one zlib and Go's hash/crc32 compute) of the string's bytes (ASCII expected). */
export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = (CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The base62 alphabet GitHub and npm tokens use: digits, then upper case, then lower case. */
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A number in base62, left-padded with "0" to `width` characters. */
export function base62(n: number, width: number): string {
  let out = "";
  let v = n;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

/**
 * GitHub's token format (2021) and npm's (2021): a prefix, 30 characters of base62 entropy, and
 * the CRC-32 of that entropy in base62 as the last 6 characters.
 */
export function base62Crc32Ok(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/**
 * A token of GitHub's or npm's format whose checksum does not match was not issued by them: made
 * up, altered or cut. It is still reported, at low severity, under its provider (as gitleaks and
 * trufflehog report it, without the checksum): a real token with one character mistyped is still
 * most of a secret, and a made-up one in a fixture is worth a glance, not a page.
 */
export const checksummed = (ok: boolean): Verdict | Judgement => (ok ? "secret" : { verdict: "secret", severity: "low", note: "its checksum does not match: made up, altered or cut short" });
