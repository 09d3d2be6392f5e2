// A match-only regular expression engine for Go's RE2 syntax, run in time linear in the text
// (a Thompson NFA simulated a state set at a time, as RE2 does). A chart's `regexMatch` with a
// pattern that JavaScript's backtracking engine could take exponential time on (Bitnami's
// `common.images.version` semver test nests `(\.[0-9A-Za-z\-]+)*` in a quantified group) is
// decided here instead of being left unknown. Syntax it does not know returns undefined.

/** A compiled pattern: `test` says whether it matches somewhere in a text (Go's MatchString). */
export interface LinearRegex {
  test(text: string): boolean;
  /** Its instructions: the work per character of text. */
  size: number;
}

type Node =
  | { t: "char"; test: (c: number) => boolean }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; items: Node[] }
  | { t: "rep"; node: Node; min: number; max: number }
  | { t: "bol" }
  | { t: "eol" };

type Inst = { op: "char"; test: (c: number) => boolean; next: number } | { op: "split"; a: number; b: number } | { op: "jmp"; to: number } | { op: "bol"; next: number } | { op: "eol"; next: number } | { op: "match" };

/** Instructions a compiled pattern may hold: counted repetition copies its body. */
const MAX_INSTS = 4000;
const MAX_PATTERN = 1000;
const MAX_DEPTH = 100;

class Unsupported extends Error {}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWord = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The class an escape names (`\d`, `\w`, `\s` and negations), or undefined for an escaped character. */
function classEscape(ch: string): ((c: number) => boolean) | undefined {
  switch (ch) {
    case "d":
      return isDigit;
    case "D":
      return (c) => !isDigit(c);
    case "w":
      return isWord;
    case "W":
      return (c) => !isWord(c);
    case "s":
      return isSpace;
    case "S":
      return (c) => !isSpace(c);
    default:
      return undefined;
  }
}

/** The character an escape stands for; letters other than these are RE2 syntax this engine does not know. */
function escapedChar(ch: string): number {
  const named: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11 };
  if (named[ch] !== undefined) return named[ch] as number;
  if (/^[A-Za-z0-9]$/.test(ch)) throw new Unsupported();
  return ch.codePointAt(0) ?? 0;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alternation(0);
    if (this.i < this.src.length) throw new Unsupported();
    return n;
  }

  private alternation(depth: number): Node {
    if (depth > MAX_DEPTH) throw new Unsupported();
    const items = [this.concatenation(depth)];
    while (this.src[this.i] === "|") {
      this.i++;
      items.push(this.concatenation(depth));
    }
    return items.length === 1 ? (items[0] as Node) : { t: "alt", items };
  }

  private concatenation(depth: number): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.repetition(depth));
    return { t: "cat", items };
  }

  private repetition(depth: number): Node {
    let node = this.atom(depth);
    for (;;) {
      const c = this.src[this.i];
      let min: number;
      let max: number;
      if (c === "*" || c === "+" || c === "?") {
        this.i++;
        [min, max] = c === "*" ? [0, -1] : c === "+" ? [1, -1] : [0, 1];
      } else if (c === "{") {
        const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.src.slice(this.i, this.i + 12));
        // Go reads a brace that opens no repetition as a literal brace.
        if (!m) return node;
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
        if (max !== -1 && max < min) throw new Unsupported();
      } else return node;
      // A lazy quantifier matches the same texts: only whether there is a match is asked.
      if (this.src[this.i] === "?") this.i++;
      if (node.t === "bol" || node.t === "eol") throw new Unsupported();
      node = { t: "rep", node, min, max };
    }
  }

  private atom(depth: number): Node {
    const c = this.src[this.i++] as string;
    if (c === "(") {
      if (this.src[this.i] === "?") {
        // Non-capturing and named groups only; flags change matching and are not supported.
        const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]{0,100}>/.exec(this.src.slice(this.i, this.i + 110));
        if (this.src.startsWith("?:", this.i)) this.i += 2;
        else if (named) this.i += named[0].length;
        else throw new Unsupported();
      }
      const n = this.alternation(depth + 1);
      if (this.src[this.i++] !== ")") throw new Unsupported();
      return n;
    }
    if (c === "[") return this.charClass();
    if (c === ".") return { t: "char", test: (x) => x !== 10 };
    if (c === "^") return { t: "bol" };
    if (c === "$") return { t: "eol" };
    if (c === "\\") {
      const e = this.src[this.i++];
      if (e === undefined) throw new Unsupported();
      const cls = classEscape(e);
      if (cls) return { t: "char", test: cls };
      const code = escapedChar(e);
      return { t: "char", test: (x) => x === code };
    }
    if (c === ")" || c === "*" || c === "+" || c === "?") throw new Unsupported();
    const code = c.codePointAt(0) ?? 0;
    return { t: "char", test: (x) => x === code };
  }

  private charClass(): Node {
    const negate = this.src[this.i] === "^";
    if (negate) this.i++;
    const tests: ((c: number) => boolean)[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.src.length) throw new Unsupported();
      let c = this.src[this.i++] as string;
      if (c === "]" && !first) break;
      first = false;
      if (c === "[") throw new Unsupported(); // [:alpha:] classes
      let lo: number;
      if (c === "\\") {
        c = this.src[this.i++] ?? "";
        const cls = classEscape(c);
        if (cls) {
          tests.push(cls);
          continue;
        }
        lo = escapedChar(c);
      } else lo = c.codePointAt(0) ?? 0;
      let hi = lo;
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        let h = this.src[this.i++] as string;
        if (h === "\\") {
          h = this.src[this.i++] ?? "";
          if (classEscape(h)) throw new Unsupported();
          hi = escapedChar(h);
        } else hi = h.codePointAt(0) ?? 0;
        if (hi < lo) throw new Unsupported();
      }
      const [a, b] = [lo, hi];
      tests.push((x) => x >= a && x <= b);
    }
    return { t: "char", test: (x) => tests.some((t) => t(x)) !== negate };
  }
}

/** Compiles a node into `prog`, returning the index of its first instruction; `next` is where it goes on. */
function compile(n: Node, prog: Inst[], next: number): number {
  if (prog.length > MAX_INSTS) throw new Unsupported();
  const push = (i: Inst): number => {
    prog.push(i);
    return prog.length - 1;
  };
  switch (n.t) {
    case "char":
      return push({ op: "char", test: n.test, next });
    case "bol":
      return push({ op: "bol", next });
    case "eol":
      return push({ op: "eol", next });
    case "cat": {
      let at = next;
      for (let k = n.items.length - 1; k >= 0; k--) at = compile(n.items[k] as Node, prog, at);
      return at;
    }
    case "alt": {
      let at = compile(n.items[n.items.length - 1] as Node, prog, next);
      for (let k = n.items.length - 2; k >= 0; k--) at = push({ op: "split", a: compile(n.items[k] as Node, prog, next), b: at });
      return at;
    }
    case "rep": {
      // Built back to front: the optional copies (or a loop) after the required ones.
      let at = next;
      if (n.max === -1) {
        const split = push({ op: "split", a: -1, b: next });
        const body = compile(n.node, prog, split);
        (prog[split] as { a: number }).a = body;
        at = split;
      } else {
        for (let k = n.max - n.min; k > 0; k--) at = push({ op: "split", a: compile(n.node, prog, at), b: next });
      }
      for (let k = 0; k < n.min; k++) at = compile(n.node, prog, at);
      return at;
    }
  }
}

/** Compiles a Go (RE2) pattern for linear-time matching, or undefined when it uses syntax not handled here. */
export function linearRegex(pattern: string): LinearRegex | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  try {
    const prog: Inst[] = [{ op: "match" }];
    const start = compile(new Parser(pattern).parse(), prog, 0);
    return { test: (text) => run(prog, start, text), size: prog.length };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Simulates the program over the text, a set of states per position, starting anew at each (an unanchored search). */
function run(prog: readonly Inst[], start: number, text: string): boolean {
  const chars = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
  const mark = new Int32Array(prog.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  // Adds a state and everything reachable from it without reading a character; true when that reaches the match.
  const add = (list: number[], pc: number, pos: number, gen: number): boolean => {
    const stack = [pc];
    let matched = false;
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (mark[s] === gen) continue;
      mark[s] = gen;
      const inst = prog[s] as Inst;
      switch (inst.op) {
        case "match":
          matched = true;
          break;
        case "jmp":
          stack.push(inst.to);
          break;
        case "split":
          stack.push(inst.b, inst.a);
          break;
        case "bol":
          if (pos === 0) stack.push(inst.next);
          break;
        case "eol":
          if (pos === chars.length) stack.push(inst.next);
          break;
        case "char":
          list.push(s);
          break;
      }
    }
    return matched;
  };
  for (let pos = 0; pos <= chars.length; pos++) {
    if (add(current, start, pos, pos)) return true;
    if (pos === chars.length) break;
    const c = chars[pos] as number;
    next = [];
    for (const s of current) {
      const inst = prog[s] as Inst & { op: "char" };
      if (inst.test(c) && add(next, inst.next, pos + 1, pos + 1)) return true;
    }
    current = next;
  }
  return false;
}
