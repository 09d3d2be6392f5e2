// Random YAML-like texts for differential tests of the fast block parser: nested block mappings and
// sequences, compact forms, every kind of scalar with tricky content, anchors and aliases, flow
// collections, block scalars with every header, comments and blank lines at random places, and
// random damage (tabs, carriage returns, cut or doubled characters) so error paths are exercised.

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["on", "jobs", "steps", "run", "uses", "with", "name", "if", "env", "true", "1", "-x", "a b", "<<", "a:b", '"quoted"', "'single'", '"a#b"', "~", "null", "key ", "é", "x.y", "?x", "k-1"];
const SCALARS = [
  "x", "hello world", "1", "-1.50e3", "0x1F", "0o17", "012", ".inf", ".NaN", "~", "null", "Null", "TRUE", "false", "yes", "+12", "1_000", "3.", ".5", "1e3",
  "a#b", "a #b", "http://x:y", "a: b", "a:", "-x", "- x", ":x", "?x", "${{ github.event.issue.title }}", "a  b", "trailing ", "é ü 😀", "[x]", "x]", "{y}", "a,b",
  '"dq"', '"a\\tb\\u00e9\\x41\\"\\/\\\\"', '"\\N\\_\\L"', '"bad \\q"', '""', "''", "'it''s'", "'a # b'", '"#"', "'x' y", '"x"y', "*alias", "&anc x", "!!str 1", "!tag x", "%x", "@x", "`x`", "|x", ">x", ",x",
];
const BLOCK_HEADERS = ["|", "|-", "|+", ">", ">-", ">+", "|2", "| # c", ">  # c", "|-  "];

/** One random text; the same seed gives the same text. */
export function randomYaml(seed: number): string {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  const sp = (n: number) => " ".repeat(Math.max(0, n));
  // Half the texts stay within what configuration files hold, so the accepted subset is exercised deeply.
  const clean = chance(0.5);
  const scalars = clean ? SCALARS.slice(0, 40) : SCALARS;
  const anchors: string[] = [];
  const lines: string[] = [];
  const comment = (indent: number) => {
    if (chance(0.15)) lines.push(`${sp(indent + pick([-2, -1, 0, 0, 0, 1, 2]))}# note`);
    if (chance(0.1)) lines.push(pick(["", "  ", sp(indent)]));
  };
  const trailing = () => (chance(0.15) ? pick([" # c", "  #c", "   ", " #"]) : "");
  const blockScalar = (indent: number, header: string): string[] => {
    const out: string[] = [];
    const m = indent + pick([1, 2, 2, 4]);
    if (chance(0.2)) out.push(sp(pick([0, m, m + 1])));
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
      out.push(pick([`${sp(m)}line ${i}`, `${sp(m)}# not a comment`, "", sp(m + 2) + "deeper", `${sp(m)}a: b`, sp(m + 1), `${sp(m)}\tx`]));
    }
    if (chance(0.3)) out.push("", "");
    return [header, ...out].map((l, i) => (i === 0 ? l : l));
  };
  const value = (indent: number, depth: number, inSeq: boolean): { inline: string; below: string[] } => {
    const p = r();
    if (depth > 3 || p < 0.3) return { inline: ` ${pick(scalars)}${trailing()}`, below: [] };
    if (p < 0.35) {
      // a plain scalar continued on deeper lines
      const more: string[] = [];
      for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
        if (chance(0.2)) more.push(pick(["", sp(indent + 1)]));
        more.push(`${sp(indent + pick([1, 2, 3]))}${pick(["more words", "- x", "[y]", "a: b", "c:", "z # c", "&q", "\"w\"", "k#v", "tail  "])}`);
      }
      return { inline: ` ${pick(["x", "a b", "1", "true"])}`, below: more };
    }
    if (p < 0.45) return { inline: pick(["", " ", " # c"]), below: chance(0.3) ? [`${sp(indent + pick([-2, 0, 0, 2]))}# after empty`] : [] };
    if (p < 0.52) {
      const name = `a${anchors.length}`;
      anchors.push(name);
      const nested = block(indent + pick([1, 2]), depth + 1);
      return { inline: ` &${name}`, below: nested };
    }
    if (p < 0.58 && anchors.length > 0) return { inline: ` *${pick(anchors)}${trailing()}`, below: [] };
    if (p < 0.65) return { inline: ` ${pick(["[a, b]", "[ 'x' , \"y\" ]", "[]", "{}", "{a: 1, b: x}", "[a, b,]", "{ a, b: 1 }", "[a: b]", "[a, [b]]", "[a", "{a: }", "[ x ]"])}${trailing()}`, below: [] };
    if (p < 0.75) {
      const [header, ...content] = blockScalar(inSeq ? indent : indent, pick(BLOCK_HEADERS));
      return { inline: ` ${header}`, below: content };
    }
    if (p < 0.8 && !inSeq) return { inline: "", below: seqAt(indent, depth + 1) };
    return { inline: trailing(), below: block(indent + pick([1, 2, 2, 3]), depth + 1) };
  };
  const seqAt = (indent: number, depth: number): string[] => {
    const saved = lines.length;
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
      comment(indent);
      if (chance(0.4) && depth < 4) {
        // a compact mapping in the item
        const keyIndent = indent + 2 + (chance(0.1) ? 2 : 0);
        const k = pick(KEYS);
        const v = value(keyIndent, depth + 1, false);
        lines.push(`${sp(indent)}-${sp(keyIndent - indent - 1)}${k}:${v.inline}`, ...v.below);
        if (chance(0.5)) {
          const v2 = value(keyIndent, depth + 1, false);
          lines.push(`${sp(keyIndent)}${pick(KEYS)}:${v2.inline}`, ...v2.below);
        }
      } else {
        const v = value(indent, depth + 1, true);
        lines.push(`${sp(indent)}-${v.inline}`, ...v.below);
      }
    }
    return lines.splice(saved);
  };
  const mapAt = (indent: number, depth: number): string[] => {
    const saved = lines.length;
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
      comment(indent);
      const v = value(indent, depth + 1, false);
      lines.push(`${sp(indent)}${pick(KEYS)}${chance(0.05) ? " " : ""}:${v.inline}`, ...v.below);
    }
    return lines.splice(saved);
  };
  const block = (indent: number, depth: number): string[] => (chance(0.3) ? seqAt(indent, depth) : mapAt(indent, depth));
  const head = chance(0.1) ? ["---"] : chance(0.1) ? ["# header", ""] : [];
  let text = [...head, ...block(chance(0.1) ? 2 : 0, 0)].join("\n") + pick(["\n", "", "\n\n", "\n# end\n"]);
  if (!clean && chance(0.3)) {
    // damage
    const at = Math.floor(r() * text.length);
    text = text.slice(0, at) + pick(["\t", "\r", "", ":", "- ", "\n", "'", '"', "#", "&x ", "*x"]) + text.slice(at + (chance(0.5) ? 1 : 0));
  }
  return text;
}
