/**
 * How Helm's `toYaml` (sigs.k8s.io/yaml, which writes with go-yaml v2) writes a string: plain when
 * it reads back as the same string, single-quoted when only its characters forbid plain, double-
 * quoted when it would read back as another type (`"true"`, `"8080"`) or holds characters single
 * quotes cannot, and a literal block (`|-`) when it spans lines. Long lines are not folded.
 */

/** A string written inline, or as a literal block: its header (`|-`) and its lines. */
export type YamlString = { inline: string } | { header: string; lines: string[] };

/** go-yaml v2's words for null and the booleans, and the other plain scalars that are not strings. */
const NOT_STRING_WORDS = new Set(
  "~ null Null NULL y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF .nan .NaN .NAN <<".split(" "),
);
const INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]{0,40}(?::[0-5]?[0-9]){1,10}(?:\.[0-9_]*)?$/;

/** Text go-yaml writes plain unless it reads as another type (a word of NOT_STRING_WORDS, or a number or date when it opens with a digit). */
const SIMPLE = /^[A-Za-z0-9_/][A-Za-z0-9_./=+-]{0,200}$/;

/** True when go-yaml v2 would read the plain text as something other than a string. */
function resolvesToOther(s: string): boolean {
  if (s === "" || NOT_STRING_WORDS.has(s)) return true;
  if (!/^[-+0-9.]/.test(s)) return false;
  const plain = s.replace(/_/g, "");
  return INT.test(plain) || FLOAT.test(plain) || (/^[0-9]/.test(s) && TIMESTAMP.test(s)) || BASE60.test(s);
}

/** go-yaml's printable characters: tab, CR and other controls, the BOM and non-characters are not. */
const isPrintable = (c: number): boolean => c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

/** What go-yaml's emitter allows for the text (its analyze_scalar). */
function analyze(s: string): { plain: boolean; single: boolean; block: boolean } {
  let indicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let spaceBreak = false;
  let breakSpace = false;
  let prevSpace = false;
  let prevBreak = false;
  const cps = [...s].map((ch) => ch.codePointAt(0) as number);
  cps.forEach((c, i) => {
    const next = cps[i + 1];
    const followedByBlank = next === undefined || next === 0x20 || next === 0x09 || isBreak(next);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) indicators = true;
      else if ((ch === "?" || ch === ":" || ch === "-") && followedByBlank) indicators = true;
    } else if (ch === ":" && followedByBlank) indicators = true;
    else if (ch === "#" && (cps[i - 1] === 0x20 || cps[i - 1] === 0x09 || isBreak(cps[i - 1] as number))) indicators = true;
    if (c === 0x09) tabs = true;
    else if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
  });
  const first = cps[0];
  const last = cps[cps.length - 1];
  const edgeSpace = first === 0x20 || last === 0x20 || (first !== undefined && isBreak(first)) || (last !== undefined && isBreak(last));
  return {
    plain: !(edgeSpace || breakSpace || spaceBreak || tabs || special || lineBreaks || indicators),
    single: !(breakSpace || spaceBreak || tabs || special),
    block: !(last === 0x20 || spaceBreak || special),
  };
}

const ESCAPES: Record<number, string> = { 0: "0", 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 27: "e", 0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P" };

/** A double-quoted scalar as go-yaml escapes it. */
function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (isPrintable(c) && !isBreak(c) && c !== 0x22 && c !== 0x5c) {
      out += ch;
      continue;
    }
    const e = ESCAPES[c];
    out += e !== undefined ? `\\${e}` : c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, "0")}` : c <= 0xffff ? `\\u${c.toString(16).toUpperCase().padStart(4, "0")}` : `\\U${c.toString(16).toUpperCase().padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** A string as go-yaml v2 writes it in block context; a key (`isKey`) is never a block. */
export function yamlString(s: string, isKey = false): YamlString {
  // Most keys and values (names, images, quantities) are plain: known without the full analysis.
  if (SIMPLE.test(s) && !NOT_STRING_WORDS.has(s) && (!/^[0-9]/.test(s) || !resolvesToOther(s))) return { inline: s };
  const a = analyze(s);
  if (s.includes("\n") && !isKey && a.block && !/[\r\u0085\u2028\u2029]/.test(s)) return literal(s);
  if (resolvesToOther(s) || s.includes("\n")) return { inline: doubleQuoted(s) };
  if (a.plain) return { inline: s };
  return { inline: a.single ? `'${s.replace(/'/g, "''")}'` : doubleQuoted(s) };
}

/** A literal block scalar: an indentation hint when the text opens with a space or a break, and its chomping. */
function literal(s: string): YamlString {
  const hint = s.startsWith(" ") || s.startsWith("\n") ? "2" : "";
  const chomp = !s.endsWith("\n") ? "-" : s === "\n" || s.endsWith("\n\n") ? "+" : "";
  // The final break ends the last line; the lines before it are the block's.
  const body = s.endsWith("\n") ? s.slice(0, -1) : s;
  return { header: `|${hint}${chomp}`, lines: body.split("\n") };
}
