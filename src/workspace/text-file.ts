import type { TextFile } from "../core/files.js";

const decoder = new TextDecoder("utf-8", { fatal: true });
const lossyDecoder = new TextDecoder("utf-8");

/** True when the bytes look binary: a NUL byte in the first 8,000 (git's own test). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
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
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts) return starts;
    starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  };
  return {
    path,
    text,
    size: bytes.length,
    lossy,
    positionAt(offset: number) {
      const s = lineStarts();
      let lo = 0;
      let hi = s.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((s[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - (s[lo] as number) + 1 };
    },
    lineText(line: number) {
      const s = lineStarts();
      const start = s[line - 1];
      if (start === undefined) return "";
      const end = s[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, "");
    },
  };
}
