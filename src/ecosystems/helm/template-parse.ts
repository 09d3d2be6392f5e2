/**
 * A parser for Go's text/template language as Helm uses it: text, `{{ }}` actions with `-` trim
 * markers, comments, pipelines, variables, `if`/`else if`/`range`/`with`/`define`/`template`/
 * `block`/`break`/`continue`. Positions are offsets into the template's source so the renderer
 * can say where each piece of output came from. Linear in the template's size.
 */

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "TemplateSyntaxError";
  }
}

export type Operand =
  | { t: "field"; base: Operand | null; names: string[]; at: number } // `.a.b` (base null: dot), `$x.a`, `(pipe).a`
  | { t: "dot"; at: number }
  | { t: "var"; name: string; at: number }
  | { t: "ident"; name: string; at: number } // a function name
  | { t: "str"; value: string; at: number }
  | { t: "num"; value: number | bigint; at: number } // bigint: an integer literal, a Go int
  | { t: "bool"; value: boolean; at: number }
  | { t: "nil"; at: number }
  | { t: "pipe"; pipe: Pipeline; at: number };

export interface Command {
  args: Operand[];
  at: number;
}

export interface Pipeline {
  decl: string[];
  /** `=` assigns to existing variables, `:=` declares. */
  assign: boolean;
  cmds: Command[];
  at: number;
}

export type Node =
  | { t: "text"; text: string; at: number }
  | { t: "action"; pipe: Pipeline; at: number }
  | { t: "if" | "with"; pipe: Pipeline; list: Node[]; else: Node[] | null; at: number }
  | { t: "range"; pipe: Pipeline; list: Node[]; else: Node[] | null; at: number }
  | { t: "template"; name: string; pipe: Pipeline | null; at: number }
  | { t: "break" | "continue"; at: number };

/** A parsed template: its top-level nodes and the `define`d templates it declares. */
export interface ParsedTemplate {
  nodes: Node[];
  defines: Map<string, Node[]>;
}

type Tok =
  | { k: "text"; text: string; at: number }
  | { k: "open"; at: number } // the start of an action, after trimming
  | { k: "close"; at: number }
  | { k: "word"; v: string; at: number } // identifiers and keywords
  | { k: "field"; v: string; at: number } // `.Name`
  | { k: "dot"; at: number }
  | { k: "var"; v: string; at: number }
  | { k: "str"; v: string; at: number }
  | { k: "num"; v: number | bigint; at: number }
  | { k: "punct"; v: "(" | ")" | "|" | ":=" | "=" | ","; at: number };

const MAX_TEMPLATE = 2 * 1024 * 1024;
/** Blocks, and parentheses, nested at most. */
const MAX_NESTING = 200;

/** Splits a template into tokens; text between actions keeps its offset. */
function lex(src: string): Tok[] {
  if (src.length > MAX_TEMPLATE) throw new TemplateSyntaxError("template larger than 2 MiB; not read", 0);
  const toks: Tok[] = [];
  let p = 0;
  let trimNext = false;
  while (p < src.length) {
    const open = src.indexOf("{{", p);
    const textEnd = open < 0 ? src.length : open;
    let text = src.slice(p, textEnd);
    let textAt = p;
    if (trimNext) {
      let k = 0;
      while (k < text.length && isWs(text.charCodeAt(k))) k++;
      textAt += k;
      text = text.slice(k);
    }
    trimNext = false;
    if (open < 0) {
      if (text) toks.push({ k: "text", text, at: textAt });
      break;
    }
    let q = open + 2;
    if (src[q] === "-" && isWs(src.charCodeAt(q + 1))) {
      let k = text.length;
      while (k > 0 && isWs(text.charCodeAt(k - 1))) k--;
      text = text.slice(0, k);
      q += 1;
    }
    if (text) toks.push({ k: "text", text, at: textAt });
    while (q < src.length && isWs(src.charCodeAt(q))) q++;
    // Comments: {{/* ... */}}, with optional trim markers.
    if (src.startsWith("/*", q)) {
      const endC = src.indexOf("*/", q + 2);
      if (endC < 0) throw new TemplateSyntaxError("unclosed comment", open);
      let r = endC + 2;
      while (r < src.length && isWs(src.charCodeAt(r))) r++;
      if (src[r] === "-" && src.startsWith("}}", r + 1)) {
        trimNext = true;
        r += 1;
      }
      if (!src.startsWith("}}", r)) throw new TemplateSyntaxError("comment must end the action", endC);
      p = r + 2;
      continue;
    }
    toks.push({ k: "open", at: open });
    q = lexAction(src, q, toks);
    // lexAction stops at `}}` or ` -}}`.
    if (src[q] === "-") {
      trimNext = true;
      q += 1;
    }
    toks.push({ k: "close", at: q });
    p = q + 2;
  }
  return toks;
}

const isIdent = (c: string): boolean => {
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95;
};
/**
 * A number literal as Go's template reads it: one with a fraction or an exponent is a float64, any
 * other (decimal, hex, octal, binary) an int.
 */
function numberLiteral(text: string): number | bigint {
  const neg = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  if (!/^0[xX]/.test(body) && /[.eE]/.test(body)) return Number(text);
  const digits = /^0[oO]/.test(body) ? `0o${body.slice(2)}` : /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  let v: bigint;
  try {
    v = BigInt(digits);
  } catch {
    return Number(text);
  }
  return BigInt.asIntN(64, neg ? -v : v);
}

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;

function lexAction(src: string, start: number, toks: Tok[]): number {
  let q = start;
  for (;;) {
    while (q < src.length && isWs(src.charCodeAt(q))) q++;
    if (q >= src.length) throw new TemplateSyntaxError("unclosed action", start);
    const c = src[q] as string;
    if (src.startsWith("}}", q)) return q;
    if (c === "-" && src.startsWith("}}", q + 1) && isWs(src.charCodeAt(q - 1))) return q;
    const at = q;
    if (c === '"') {
      let s = "";
      q++;
      while (q < src.length && src[q] !== '"') {
        if (src[q] === "\n") throw new TemplateSyntaxError("unterminated quoted string", at);
        if (src[q] === "\\") {
          const e = src[q + 1] ?? "";
          const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'", a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };
          if (e === "x" || e === "u" || e === "U") {
            const len = e === "x" ? 2 : e === "u" ? 4 : 8;
            s += String.fromCodePoint(parseInt(src.slice(q + 2, q + 2 + len), 16) || 0);
            q += 2 + len;
            continue;
          }
          s += map[e] ?? e;
          q += 2;
          continue;
        }
        s += src[q];
        q++;
      }
      if (src[q] !== '"') throw new TemplateSyntaxError("unterminated quoted string", at);
      toks.push({ k: "str", v: s, at });
      q++;
    } else if (c === "`") {
      const end = src.indexOf("`", q + 1);
      if (end < 0) throw new TemplateSyntaxError("unterminated raw string", at);
      toks.push({ k: "str", v: src.slice(q + 1, end), at });
      q = end + 1;
    } else if (c === "'") {
      const end = src.indexOf("'", q + 1);
      if (end < 0 || end - q > 12) throw new TemplateSyntaxError("bad character constant", at);
      const body = src.slice(q + 1, end);
      // A character constant is a rune, an integer to the template.
      toks.push({ k: "num", v: BigInt((body.startsWith("\\") ? body.slice(1) : body).codePointAt(0) ?? 0), at });
      q = end + 1;
    } else if (c === "." && !/[0-9]/.test(src[q + 1] ?? "")) {
      if (isIdent(src[q + 1] ?? "")) {
        let r = q + 1;
        while (r < src.length && isIdent(src[r] as string)) r++;
        toks.push({ k: "field", v: src.slice(q + 1, r), at });
        q = r;
      } else {
        toks.push({ k: "dot", at });
        q++;
      }
    } else if (c === "$") {
      let r = q + 1;
      while (r < src.length && isIdent(src[r] as string)) r++;
      toks.push({ k: "var", v: src.slice(q, r), at });
      q = r;
    } else if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(q, q + 64));
      const lit = m?.[0] ?? "";
      if (!lit || lit === "+" || lit === "-" || lit === ".") throw new TemplateSyntaxError(`unexpected "${c}" in action`, at);
      const clean = lit.replace(/_/g, "");
      toks.push({ k: "num", v: numberLiteral(clean), at });
      q += lit.length;
    } else if (isIdent(c)) {
      let r = q;
      while (r < src.length && isIdent(src[r] as string)) r++;
      toks.push({ k: "word", v: src.slice(q, r), at });
      q = r;
    } else if (c === ":" && src[q + 1] === "=") {
      toks.push({ k: "punct", v: ":=", at });
      q += 2;
    } else if (c === "(" || c === ")" || c === "|" || c === "=" || c === ",") {
      toks.push({ k: "punct", v: c, at });
      q++;
    } else {
      throw new TemplateSyntaxError(`unexpected "${c}" in action`, at);
    }
  }
}

/** Parses a template's source. */
export function parseTemplate(src: string): ParsedTemplate {
  const toks = lex(src);
  const defines = new Map<string, Node[]>();
  let i = 0;
  let parens = 0;
  const peek = (): Tok | undefined => toks[i];
  const next = (): Tok => {
    const t = toks[i++];
    if (!t) throw new TemplateSyntaxError("unexpected end of template", src.length);
    return t;
  };
  const expectClose = (): void => {
    const t = next();
    if (t.k !== "close") throw new TemplateSyntaxError("expected the end of the action", t.at);
  };

  /** Parses nodes until an `{{end}}`/`{{else…}}`; returns the terminator keyword. */
  const parseList = (depth: number): { nodes: Node[]; end: "end" | "else" | "eof"; at: number } => {
    if (depth > MAX_NESTING) throw new TemplateSyntaxError("blocks nested too deeply", toks[i]?.at ?? 0);
    const nodes: Node[] = [];
    for (;;) {
      const t = peek();
      if (!t) return { nodes, end: "eof", at: src.length };
      if (t.k === "text") {
        i++;
        nodes.push({ t: "text", text: t.text, at: t.at });
        continue;
      }
      if (t.k !== "open") throw new TemplateSyntaxError("unexpected token", t.at);
      i++;
      const kw = peek();
      if (kw?.k === "word") {
        switch (kw.v) {
          case "end":
            i++;
            expectClose();
            return { nodes, end: "end", at: kw.at };
          case "else":
            i++;
            return { nodes, end: "else", at: kw.at };
          case "if":
          case "with":
          case "range": {
            i++;
            nodes.push(parseControl(kw.v, kw.at, depth));
            continue;
          }
          case "define":
          case "block": {
            i++;
            const name = next();
            if (name.k !== "str") throw new TemplateSyntaxError(`${kw.v} needs a quoted name`, name.at);
            let pipe: Pipeline | null = null;
            if (kw.v === "block") pipe = parsePipeline(false);
            expectClose();
            const body = parseList(depth + 1);
            if (body.end !== "end") throw new TemplateSyntaxError(`unclosed ${kw.v} "${name.v}"`, kw.at);
            defines.set(name.v, body.nodes);
            if (kw.v === "block") nodes.push({ t: "template", name: name.v, pipe, at: kw.at });
            continue;
          }
          case "template": {
            i++;
            const name = next();
            if (name.k !== "str") throw new TemplateSyntaxError("template needs a quoted name", name.at);
            const pipe = peek()?.k === "close" ? null : parsePipeline(false);
            expectClose();
            nodes.push({ t: "template", name: name.v, pipe, at: kw.at });
            continue;
          }
          case "break":
          case "continue":
            i++;
            expectClose();
            nodes.push({ t: kw.v, at: kw.at });
            continue;
        }
      }
      const pipe = parsePipeline(true);
      expectClose();
      nodes.push({ t: "action", pipe, at: t.at });
    }
  };

  const parseControl = (kind: "if" | "with" | "range", at: number, depth: number): Node => {
    const pipe = parsePipeline(true, kind === "range");
    expectClose();
    const body = parseList(depth + 1);
    let elseList: Node[] | null = null;
    if (body.end === "else") {
      const nxt = peek();
      if (nxt?.k === "word" && (nxt.v === "if" || nxt.v === "with") && kind !== "range") {
        // `else if` / `else with`: a nested control that shares this one's {{end}}.
        i++;
        elseList = [parseControl(nxt.v, nxt.at, depth + 1)];
        return { t: kind, pipe, list: body.nodes, else: elseList, at };
      }
      expectClose();
      const rest = parseList(depth + 1);
      if (rest.end !== "end") throw new TemplateSyntaxError(`unclosed ${kind}`, at);
      elseList = rest.nodes;
    } else if (body.end !== "end") throw new TemplateSyntaxError(`unclosed ${kind}`, at);
    return kind === "range" ? { t: "range", pipe, list: body.nodes, else: elseList, at } : { t: kind, pipe, list: body.nodes, else: elseList, at };
  };

  const parsePipeline = (allowDecl: boolean, rangeDecl = false): Pipeline => {
    const at = peek()?.at ?? src.length;
    const decl: string[] = [];
    let assign = false;
    if (allowDecl && peek()?.k === "var") {
      // `$x :=`, `$x =`, `$i, $v :=` (range): look ahead without consuming.
      const save = i;
      const names: string[] = [];
      while (peek()?.k === "var") {
        names.push((next() as { v: string }).v);
        const sep = peek();
        if (sep?.k === "punct" && sep.v === "," && (rangeDecl || names.length < 2)) {
          i++;
          continue;
        }
        break;
      }
      const op = peek();
      if (op?.k === "punct" && (op.v === ":=" || op.v === "=")) {
        i++;
        decl.push(...names);
        assign = op.v === "=";
      } else i = save;
    }
    const cmds: Command[] = [];
    for (;;) {
      const cmdAt = peek()?.at ?? src.length;
      const args: Operand[] = [];
      for (;;) {
        const t = peek();
        if (!t || t.k === "close" || (t.k === "punct" && (t.v === "|" || t.v === ")"))) break;
        args.push(parseOperand());
      }
      if (args.length === 0) throw new TemplateSyntaxError("missing value in pipeline", cmdAt);
      cmds.push({ args, at: cmdAt });
      const t = peek();
      if (t?.k === "punct" && t.v === "|") {
        i++;
        continue;
      }
      break;
    }
    return { decl, assign, cmds, at };
  };

  const parseOperand = (): Operand => {
    const t = next();
    let op: Operand;
    switch (t.k) {
      case "field": {
        const names = [t.v];
        while (peek()?.k === "field" && (peek() as { at: number }).at === lastEnd()) names.push((next() as { v: string }).v);
        return { t: "field", base: null, names, at: t.at };
      }
      case "dot":
        return { t: "dot", at: t.at };
      case "var":
        op = { t: "var", name: t.v, at: t.at };
        break;
      case "str":
        return { t: "str", value: t.v, at: t.at };
      case "num":
        return { t: "num", value: t.v, at: t.at };
      case "word":
        if (t.v === "true" || t.v === "false") return { t: "bool", value: t.v === "true", at: t.at };
        if (t.v === "nil") return { t: "nil", at: t.at };
        return { t: "ident", name: t.v, at: t.at };
      case "punct":
        if (t.v === "(") {
          // Each level is a call here and in the renderer: bounded like blocks, not left to the stack.
          if (++parens > MAX_NESTING) throw new TemplateSyntaxError("parentheses nested too deeply", t.at);
          const pipe = parsePipeline(true);
          parens--;
          const close = next();
          if (close.k !== "punct" || close.v !== ")") throw new TemplateSyntaxError("unclosed parenthesis", t.at);
          op = { t: "pipe", pipe, at: t.at };
          break;
        }
        throw new TemplateSyntaxError(`unexpected "${t.v}"`, t.at);
      default:
        throw new TemplateSyntaxError("unexpected token in action", t.at);
    }
    // `$x.a.b`, `(pipe).a`: fields chained right after, without a space.
    const names: string[] = [];
    while (peek()?.k === "field" && (peek() as { at: number }).at === lastEnd()) names.push((next() as { v: string }).v);
    return names.length > 0 ? { t: "field", base: op, names, at: op.at } : op;
  };

  /** Offset just past the previous token, to tell `$x.a` (chained) from `$x .a` (two arguments). */
  const lastEnd = (): number => {
    const t = toks[i - 1];
    if (!t) return -1;
    switch (t.k) {
      case "field":
        return t.at + 1 + t.v.length;
      case "var":
        return t.at + t.v.length;
      case "punct":
        return t.at + t.v.length;
      default:
        return -1;
    }
  };

  const top = parseList(0);
  if (top.end !== "eof") throw new TemplateSyntaxError(`unexpected {{${top.end}}}`, top.at);
  return { nodes: top.nodes, defines };
}
