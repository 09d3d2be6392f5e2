// GitHub Actions expressions (`${{ … }}`): finding them in a string, and a small parser with the
// offset of every node, so a finding can point at the exact context access inside a `run:` script.
// The grammar is GitHub's: literals (null, booleans, numbers, 'strings' with '' escapes),
// contexts with `.name`, `[index]` and `.*` filters, function calls, `!`, comparisons, `&&`, `||`.
// Everything is linear in the input and bounded: hostile workflows cannot make it recurse deeply.

/** A `${{ … }}` in a string: `start`/`end` cover the delimiters, `innerStart`/`innerEnd` the expression. */
export interface FencedExpression {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  /** The text between the delimiters. */
  inner: string;
}

/** Expressions looked for in one string before giving up (a real script has a handful). */
const MAX_EXPRESSIONS = 2000;

/**
 * Every `${{ … }}` in `s`, in order. A `}}` inside a quoted string literal does not close the
 * expression (GitHub's own rule); an unterminated `${{` ends the search.
 */
export function findExpressions(s: string): FencedExpression[] {
  const out: FencedExpression[] = [];
  let from = 0;
  while (out.length < MAX_EXPRESSIONS) {
    const start = s.indexOf("${{", from);
    if (start < 0) break;
    const innerStart = start + 3;
    let i = innerStart;
    let inString = false;
    let close = -1;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (inString) {
        if (c === 39) {
          if (s.charCodeAt(i + 1) === 39) i++;
          else inString = false;
        }
      } else if (c === 39) inString = true;
      else if (c === 125 && s.charCodeAt(i + 1) === 125) {
        close = i;
        break;
      }
    }
    if (close < 0) break;
    out.push({ start, end: close + 2, innerStart, innerEnd: close, inner: s.slice(innerStart, close) });
    from = close + 2;
  }
  return out;
}

/** A parsed expression; offsets are relative to the parsed text. */
export type Expr =
  | { kind: "literal"; type: "string" | "number" | "boolean" | "null"; value: string; start: number; end: number }
  | { kind: "context"; name: string; start: number; end: number }
  | { kind: "property"; object: Expr; name: string; start: number; end: number }
  | { kind: "index"; object: Expr; index: Expr; start: number; end: number }
  | { kind: "filter"; object: Expr; start: number; end: number }
  | { kind: "call"; name: string; args: Expr[]; start: number; end: number }
  | { kind: "not"; operand: Expr; start: number; end: number }
  | { kind: "binary"; op: "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||"; left: Expr; right: Expr; start: number; end: number };

interface Token {
  type: "num" | "str" | "ident" | "punct" | "end";
  value: string;
  start: number;
  end: number;
}

const MAX_TOKENS = 5000;
const MAX_DEPTH = 64;

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function lex(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (tokens.length > MAX_TOKENS) return undefined;
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (c === 39) {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text.charCodeAt(i) === 39) {
          if (text.charCodeAt(i + 1) === 39) {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: "str", value, start, end: i });
      continue;
    }
    if ((c >= 48 && c <= 57) || ((c === 45 || c === 43 || c === 46) && /[0-9.]/.test(text[i + 1] ?? ""))) {
      i++;
      while (i < text.length && /[0-9a-fA-FxXoO.eE+-]/.test(text[i] as string)) {
        // A sign only belongs to the number right after an exponent marker.
        const ch = text[i] as string;
        if ((ch === "+" || ch === "-") && !/[eE]/.test(text[i - 1] ?? "")) break;
        i++;
      }
      tokens.push({ type: "num", value: text.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ type: "ident", value: text.slice(start, i), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "==" || two === "!=" || two === "<=" || two === ">=" || two === "&&" || two === "||") {
      tokens.push({ type: "punct", value: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ("()[],.!<>*".includes(text[i] as string)) {
      tokens.push({ type: "punct", value: text[i] as string, start, end: i + 1 });
      i++;
      continue;
    }
    return undefined;
  }
  tokens.push({ type: "end", value: "", start: text.length, end: text.length });
  return tokens;
}

class ParseError extends Error {}

/** Parses one expression (the text between `${{` and `}}`, or a bare `if:`); undefined when malformed. */
export function parseExpression(text: string): Expr | undefined {
  const tokens = lex(text);
  if (!tokens) return undefined;
  let p = 0;
  let depth = 0;
  const peek = (): Token => tokens[p] as Token;
  const next = (): Token => tokens[p++] as Token;
  const is = (value: string): boolean => peek().type === "punct" && peek().value === value;
  const expect = (value: string): Token => {
    if (!is(value)) throw new ParseError(value);
    return next();
  };
  const enter = (): void => {
    if (++depth > MAX_DEPTH) throw new ParseError("depth");
  };

  const binary = (ops: readonly string[], sub: () => Expr): Expr => {
    let left = sub();
    while (peek().type === "punct" && ops.includes(peek().value)) {
      const op = next().value as Extract<Expr, { kind: "binary" }>["op"];
      const right = sub();
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const or = (): Expr => binary(["||"], and);
  const and = (): Expr => binary(["&&"], equality);
  const equality = (): Expr => binary(["==", "!="], comparison);
  const comparison = (): Expr => binary(["<", "<=", ">", ">="], unary);
  const unary = (): Expr => {
    if (is("!")) {
      const bang = next();
      enter();
      const operand = unary();
      depth--;
      return { kind: "not", operand, start: bang.start, end: operand.end };
    }
    return postfix(primary());
  };
  const postfix = (base: Expr): Expr => {
    let e = base;
    for (;;) {
      if (is(".")) {
        next();
        const t = next();
        if (t.type === "punct" && t.value === "*") e = { kind: "filter", object: e, start: e.start, end: t.end };
        else if (t.type === "ident") e = { kind: "property", object: e, name: t.value, start: e.start, end: t.end };
        else throw new ParseError("property");
      } else if (is("[")) {
        next();
        if (is("*")) {
          next();
          e = { kind: "filter", object: e, start: e.start, end: expect("]").end };
          continue;
        }
        enter();
        const index = or();
        depth--;
        e = { kind: "index", object: e, index, start: e.start, end: expect("]").end };
      } else return e;
    }
  };
  const primary = (): Expr => {
    const t = next();
    if (t.type === "num") return { kind: "literal", type: "number", value: t.value, start: t.start, end: t.end };
    if (t.type === "str") return { kind: "literal", type: "string", value: t.value, start: t.start, end: t.end };
    if (t.type === "punct" && t.value === "(") {
      enter();
      const inner = or();
      depth--;
      expect(")");
      return inner;
    }
    if (t.type !== "ident") throw new ParseError("primary");
    const lower = t.value.toLowerCase();
    if (lower === "true" || lower === "false") return { kind: "literal", type: "boolean", value: lower, start: t.start, end: t.end };
    if (lower === "null") return { kind: "literal", type: "null", value: "null", start: t.start, end: t.end };
    if (is("(")) {
      next();
      enter();
      const args: Expr[] = [];
      if (!is(")")) {
        args.push(or());
        while (is(",")) {
          next();
          args.push(or());
        }
      }
      depth--;
      const close = expect(")");
      return { kind: "call", name: lower, args, start: t.start, end: close.end };
    }
    return { kind: "context", name: lower, start: t.start, end: t.end };
  };

  try {
    const e = or();
    return peek().type === "end" ? e : undefined;
  } catch (err) {
    if (err instanceof ParseError) return undefined;
    throw err;
  }
}

/** One access to a context: `github.event.issue.title` as parts, with where it is in the parsed text. */
export interface ContextAccess {
  /** Lower-case parts; `*` for a filter or a numeric or computed index. */
  parts: string[];
  start: number;
  end: number;
  /** The node itself (for callers that want the enclosing structure). */
  node: Expr;
}

/** The access path of a context, property, index or filter chain; undefined when it is not rooted in a context. */
export function accessPath(e: Expr): string[] | undefined {
  const parts: string[] = [];
  let cur: Expr = e;
  for (let guard = 0; guard < 256; guard++) {
    if (cur.kind === "context") {
      parts.unshift(cur.name);
      return parts;
    }
    if (cur.kind === "property") parts.unshift(cur.name.toLowerCase());
    else if (cur.kind === "filter") parts.unshift("*");
    else if (cur.kind === "index") parts.unshift(cur.index.kind === "literal" && cur.index.type === "string" ? cur.index.value.toLowerCase() : "*");
    else return undefined;
    cur = cur.object;
  }
  return undefined;
}

/** Every maximal context access in an expression (`a.b.c` once, not also `a` and `a.b`). */
export function contextAccesses(e: Expr): ContextAccess[] {
  const out: ContextAccess[] = [];
  const visit = (n: Expr, depth: number): void => {
    if (depth > MAX_DEPTH * 2) return;
    const path = n.kind === "context" || n.kind === "property" || n.kind === "index" || n.kind === "filter" ? accessPath(n) : undefined;
    if (path) {
      out.push({ parts: path, start: n.start, end: n.end, node: n });
      // Computed indexes hold accesses of their own: `x[github.event.issue.title]`.
      for (let cur: Expr = n; cur.kind === "property" || cur.kind === "index" || cur.kind === "filter"; cur = cur.object) {
        if (cur.kind === "index" && cur.index.kind !== "literal") visit(cur.index, depth + 1);
      }
      return;
    }
    switch (n.kind) {
      case "call":
        for (const a of n.args) visit(a, depth + 1);
        return;
      case "not":
        visit(n.operand, depth + 1);
        return;
      case "binary":
        visit(n.left, depth + 1);
        visit(n.right, depth + 1);
        return;
      case "property":
      case "index":
      case "filter":
        visit(n.object, depth + 1);
        if (n.kind === "index") visit(n.index, depth + 1);
        return;
      default:
        return;
    }
  };
  visit(e, 0);
  return out;
}

/** Functions whose result is a boolean or a hash: an untrusted argument cannot reach the output. */
export const SAFE_FUNCTIONS: ReadonlySet<string> = new Set(["contains", "startswith", "endswith", "hashfiles", "success", "failure", "always", "cancelled"]);

/**
 * The accesses whose value can reach the expression's result (what ends up in the rendered
 * string): not those under a comparison, `!`, or a function returning a boolean or a hash.
 * `a || b` returns one of its operands, `format()`/`join()`/`toJSON()`/`fromJSON()` pass theirs on.
 */
export function flowingAccesses(e: Expr): ContextAccess[] {
  const out: ContextAccess[] = [];
  const visit = (n: Expr, depth: number): void => {
    if (depth > MAX_DEPTH * 2) return;
    switch (n.kind) {
      case "literal":
        return;
      case "not":
        return;
      case "binary":
        if (n.op === "&&" || n.op === "||") {
          // `a && b` yields b when a is truthy, a otherwise (a falsy value: empty, 0, null).
          if (n.op === "||") visit(n.left, depth + 1);
          visit(n.right, depth + 1);
        }
        return;
      case "call":
        if (SAFE_FUNCTIONS.has(n.name)) return;
        for (const a of n.args) visit(a, depth + 1);
        return;
      default: {
        const path = accessPath(n);
        if (path) out.push({ parts: path, start: n.start, end: n.end, node: n });
        else if (n.kind === "property" || n.kind === "index" || n.kind === "filter") visit(n.object, depth + 1);
      }
    }
  };
  visit(e, 0);
  return out;
}

/** True when the expression contains no context at all: it always evaluates to the same value. */
export function isConstant(e: Expr): boolean {
  return contextAccesses(e).length === 0 && !hasCall(e, (name) => ["success", "failure", "always", "cancelled", "hashfiles"].includes(name));
}

/** Nodes an expression walk visits at most: the parser bounds the depth, this the work on a wide expression. */
export const MAX_EXPRESSION_NODES = 10_000;

/** The sub-expressions of `e`, in source order. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "call":
      return e.args;
    case "not":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "property":
    case "filter":
      return [e.object];
    case "index":
      return [e.object, e.index];
    default:
      return [];
  }
}

/** True when some call in `e` satisfies `pred`. */
export function hasCall(e: Expr, pred: (name: string) => boolean): boolean {
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < MAX_EXPRESSION_NODES; n++) {
    const cur = stack.pop() as Expr;
    if (cur.kind === "call" && pred(cur.name)) return true;
    stack.push(...childrenOf(cur));
  }
  return false;
}

/** `github.event.issue.title` from parts (filters as `*`). */
export function pathText(parts: readonly string[]): string {
  return parts.join(".");
}
