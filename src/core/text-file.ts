import type { TextFile } from "./files.js";
import { lineIndex } from "./line-index.js";

const decoder = new TextDecoder("utf-8", { fatal: true });
const lossyDecoder = new TextDecoder("utf-8");

const utf16le = new TextDecoder("utf-16le", { fatal: true });
const utf16be = new TextDecoder("utf-16be", { fatal: true });

/**
 * The UTF-8 bytes of a UTF-16 text that opens with a byte order mark, as Windows tools save `.env`,
 * `.ps1` and `.reg` files (PowerShell's `>` redirection writes UTF-16LE), or undefined: every other
 * ASCII character of such a file is a NUL, so it looks binary and its secrets went unread. Not
 * text when it does not decode, or decodes to NULs (UTF-32's mark starts like UTF-16LE's).
 */
export function utf16AsUtf8(bytes: Uint8Array): Buffer | undefined {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!le && !(bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  if (bytes.length % 2 !== 0) return undefined;
  let text: string;
  try {
    text = (le ? utf16le : utf16be).decode(bytes.subarray(2));
  } catch {
    return undefined;
  }
  return text.includes("\0") ? undefined : Buffer.from(text, "utf8");
}

/**
 * A file the user wrote or saved, as text: UTF-8 (its byte order mark dropped), or UTF-16 with a byte
 * order mark, which Windows PowerShell's `>` writes (`assay baseline --output - > base.json`,
 * `echo "version: 1" > assay.yml`) and which would otherwise read as a policy that is not a mapping.
 */
export function userText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (utf16AsUtf8(b) ?? b).toString("utf8").replace(/^\uFEFF/, "");
}

/** True when the bytes look binary: a NUL byte in the first 8,000 (git's own test). */
export function looksBinary(bytes: Uint8Array): boolean {
  // indexOf is a native memchr: several times faster than a loop over the bytes.
  return (bytes.length > 8000 ? bytes.subarray(0, 8000) : bytes).indexOf(0) !== -1;
}

/** Decodes bytes as UTF-8 (BOM dropped), marking the file lossy when they were not valid UTF-8. */
export function makeTextFile(path: string, bytes: Uint8Array): TextFile {
  let text: string;
  let lossy = false;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = lossyDecoder.decode(bytes);
    lossy = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const index = lineIndex(text);
  return {
    path,
    text,
    size: bytes.length,
    lossy,
    positionAt: (offset: number) => index.positionAt(offset),
    lineText(line: number) {
      const s = index.lineStarts();
      const start = s[line - 1];
      if (start === undefined) return "";
      const end = s[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, "");
    },
  };
}
