// Source text with comments and string literals blanked out, so a search for a declaration finds
// code, not a fuzz target quoted in a test's data or a commented-out one. One forward pass, no
// regular expressions: linear on any input, however hostile. Blanked characters become spaces (line
// breaks are kept), so offsets and line numbers still point into the original.

/** The comment and string syntax of a language family. */
export type Syntax = "c" | "go" | "python";

/** `text` with comments and string (and character) literals replaced by spaces. */
export function codeOnly(text: string, syntax: Syntax): string {
  const out: string[] = [];
  let i = 0;
  let from = 0;
  const n = text.length;
  /** Blanks text[a, b), keeping line breaks. */
  const blank = (a: number, b: number): void => {
    out.push(text.slice(from, a));
    out.push(text.slice(a, b).replace(/[^\n]/g, " "));
    from = b;
  };
  /** The end of a quoted literal starting at `start` (after its opening quote) closed by `quote`; backslash escapes. */
  const quoted = (start: number, quote: string, multiline: boolean): number => {
    let j = start;
    while (j < n) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (text.startsWith(quote, j)) return j + quote.length;
      else if (c === "\n" && !multiline) return j;
      else j++;
    }
    return n;
  };
  while (i < n) {
    const c = text[i];
    if (syntax === "python" && c === "#") {
      const end = text.indexOf("\n", i);
      blank(i, end === -1 ? n : end);
      i = end === -1 ? n : end;
    } else if (syntax !== "python" && c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      blank(i, end === -1 ? n : end);
      i = end === -1 ? n : end;
    } else if (syntax !== "python" && c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (syntax === "python" && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const end = quoted(i + 3, text.slice(i, i + 3), true);
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      const end = quoted(i + 1, c, false);
      blank(i, end);
      i = end;
    } else if (syntax === "go" && c === "`") {
      // A Go raw string has no escapes and may span lines.
      const close = text.indexOf("`", i + 1);
      const end = close === -1 ? n : close + 1;
      blank(i, end);
      i = end;
    } else {
      i++;
    }
  }
  out.push(text.slice(from));
  return out.join("");
}
