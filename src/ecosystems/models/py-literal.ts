// A reader of the Python literals `ast.literal_eval` accepts, for headers that Python code reads
// with it (NumPy's .npy header). Exact where a value decides something (strings with their
// prefixes, escapes and implicit concatenation; ints; True/False/None; tuples, lists, sets and
// dicts, the last of duplicate keys winning), and refusing, never guessing, everything else
// (`\N{…}` escapes, f-strings, calls other than `set()`, nesting past a cap). One pass, bounded.

/** A Python value as literal_eval builds it (floats and complex numbers only by kind). */
export type PyValue =
  | { t: "str"; v: string }
  | { t: "bytes"; v: string }
  | { t: "int"; v: bigint }
  | { t: "float" }
  | { t: "complex" }
  | { t: "bool"; v: boolean }
  | { t: "none" }
  | { t: "ellipsis" }
  | { t: "tuple" | "list" | "set"; items: PyValue[] }
  | { t: "dict"; keys: PyValue[]; values: PyValue[] };

/** Why a text is not a literal this reader reads exactly. */
export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset}`);
    this.name = "PyLiteralError";
  }
}

/** Python's nesting limit is near 200; headers nest a few levels. */
const MAX_DEPTH = 100;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", "'": "'", '"': '"', a: "\u0007", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\u000b" };

/**
 * Reads `text` as literal_eval does (after its strip of leading spaces and tabs). `python2Longs`: an
 * `L` after an integer is dropped, as NumPy does for version 1 and 2 headers written by Python 2.
 * Throws PyLiteralError for anything it does not read exactly.
 */
export function parsePyLiteral(text: string, options: { python2Longs?: boolean } = {}): PyValue {
  const p = new Parser(text, options.python2Longs ?? false);
  p.skip();
  const v = p.value(0);
  p.skip();
  if (p.i < text.length) throw new PyLiteralError("text after the value", p.i);
  return v;
}

/** A dict key that equal keys share (str and bytes by content, ints by value); undefined for the kinds never merged here. */
function keyOf(k: PyValue): string | undefined {
  return k.t === "str" || k.t === "bytes" ? `${k.t}:${k.v}` : k.t === "int" ? `int:${k.v}` : undefined;
}

class Parser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly longs: boolean,
  ) {}

  /**
   * Skips spaces, comments, line continuations and line ends (Python allows those only inside brackets
   * and around the value: reading them elsewhere too accepts texts Python refuses, never reads one otherwise).
   */
  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === " " || c === "\t" || c === "\f" || c === "\n" || c === "\r") this.i++;
      else if (c === "#") {
        while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
      } else if (c === "\\" && (s[this.i + 1] === "\n" || s[this.i + 1] === "\r")) this.i += s[this.i + 1] === "\r" && s[this.i + 2] === "\n" ? 3 : 2;
      else return;
    }
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) throw new PyLiteralError("nested too deep", this.i);
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) throw new PyLiteralError("the text ends where a value should be", this.i);
    if (c === "(" || c === "[" || c === "{") return this.container(depth);
    if (c === "+" || c === "-") {
      this.i++;
      this.skip();
      const n = this.number();
      if (n.t === "int" && c === "-") return { t: "int", v: -n.v };
      return this.complexTail(n);
    }
    if (c === "." && s.startsWith("...", this.i)) {
      this.i += 3;
      return { t: "ellipsis" };
    }
    if ((c >= "0" && c <= "9") || (c === "." && /[0-9]/.test(s[this.i + 1] ?? ""))) return this.complexTail(this.number());
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i, this.i + 64))?.[0] ?? "";
    if (/^(?:[rRuUbB]|[bB][rR]|[rR][bB])$/.test(word) && (s[this.i + word.length] === "'" || s[this.i + word.length] === '"')) return this.strings();
    if (c === "'" || c === '"') return this.strings();
    if (word === "True" || word === "False" || word === "None") {
      this.i += word.length;
      return word === "None" ? { t: "none" } : { t: "bool", v: word === "True" };
    }
    if (word === "set") {
      const at = this.i;
      this.i += 3;
      this.skip();
      if (s[this.i] === "(") {
        this.i++;
        this.skip();
        if (s[this.i] === ")") {
          this.i++;
          return { t: "set", items: [] };
        }
      }
      throw new PyLiteralError("a call other than set()", at);
    }
    throw new PyLiteralError(`${word === "" ? `character ${JSON.stringify(c)}` : `name ${word}`} is not a literal`, this.i);
  }

  /** `1+2j` and `1-2j`: literal_eval's one binary operation. */
  private complexTail(n: PyValue): PyValue {
    const save = this.i;
    this.skip();
    const op = this.s[this.i];
    if (op === "+" || op === "-") {
      this.i++;
      this.skip();
      const rhs = this.number();
      if (rhs.t !== "complex" || n.t === "complex") throw new PyLiteralError("an operation literal_eval refuses", save);
      return { t: "complex" };
    }
    this.i = save;
    return n;
  }

  private number(): PyValue {
    const s = this.s;
    const m = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?)/.exec(s.slice(this.i, this.i + 400));
    const t = m?.[0] ?? "";
    if (t === "" || t === "." || /^\.?[eE]/.test(t)) throw new PyLiteralError("not a number", this.i);
    if (/[A-Za-z0-9_]/.test(s[this.i + t.length] ?? "") && !(this.longs && s[this.i + t.length] === "L")) throw new PyLiteralError("a number runs into a name", this.i + t.length);
    this.i += t.length;
    if (/[jJ]$/.test(t)) return { t: "complex" };
    if (/^0[xXoObB]/.test(t)) {
      if (this.longs && s[this.i] === "L") this.i++;
      return { t: "int", v: BigInt(t.replace(/_/g, "").toLowerCase().replace(/^0o/, "0o")) };
    }
    if (/[.eE]/.test(t)) return { t: "float" };
    if (/^0+[1-9]/.test(t.replace(/_/g, ""))) throw new PyLiteralError("a decimal integer with a leading zero", this.i - t.length);
    if (this.longs && s[this.i] === "L") this.i++;
    return { t: "int", v: BigInt(t.replace(/_/g, "")) };
  }

  private container(depth: number): PyValue {
    const s = this.s;
    const open = s[this.i] as "(" | "[" | "{";
    const close = open === "(" ? ")" : open === "[" ? "]" : "}";
    const start = this.i;
    this.i++;
    const items: PyValue[] = [];
    const values: PyValue[] = [];
    const seen = new Map<string, number>();
    let dict: boolean | undefined = open === "{" ? undefined : false;
    let comma = false;
    this.skip();
    while (s[this.i] !== close) {
      if (this.i >= s.length) throw new PyLiteralError(`${open} is never closed`, start);
      if (items.length > 0 && !comma) throw new PyLiteralError(`expected , or ${close}`, this.i);
      if (s[this.i] === "*") throw new PyLiteralError("unpacking is not a literal", this.i);
      const item = this.value(depth + 1);
      this.skip();
      if (dict === undefined) dict = s[this.i] === ":";
      if (dict) {
        if (s[this.i] !== ":") throw new PyLiteralError("expected : in a dict", this.i);
        this.i++;
        this.skip();
        const v = this.value(depth + 1);
        this.skip();
        // Python's dict keeps the first key's place and the last value.
        const key = keyOf(item);
        const at = key === undefined ? undefined : seen.get(key);
        if (at !== undefined) values[at] = v;
        else {
          if (key !== undefined) seen.set(key, items.length);
          items.push(item);
          values.push(v);
        }
      } else items.push(item);
      comma = s[this.i] === ",";
      if (comma) {
        this.i++;
        this.skip();
      }
    }
    this.i++;
    if (open === "{") return dict ? { t: "dict", keys: items, values } : items.length === 0 ? { t: "dict", keys: [], values: [] } : { t: "set", items };
    if (open === "[") return { t: "list", items };
    // `(x)` is x; `(x,)` and `()` are tuples.
    return items.length === 1 && !comma ? (items[0] as PyValue) : { t: "tuple", items };
  }

  /** One string token or several in a row (implicit concatenation), all str or all bytes. */
  private strings(): PyValue {
    let kind: "str" | "bytes" | undefined;
    let out = "";
    for (;;) {
      const save = this.i;
      const prefix = /^[A-Za-z]{0,2}/.exec(this.s.slice(this.i, this.i + 2))?.[0] ?? "";
      const q = this.s[this.i + prefix.length];
      if ((q !== "'" && q !== '"') || !/^(?:[rRuUbB]|[bB][rR]|[rR][bB])?$/.test(prefix)) {
        if (kind === undefined) throw new PyLiteralError("not a string", this.i);
        this.i = save;
        break;
      }
      const bytes = /[bB]/.test(prefix);
      if (kind !== undefined && kind !== (bytes ? "bytes" : "str")) throw new PyLiteralError("str and bytes concatenated", this.i);
      kind = bytes ? "bytes" : "str";
      this.i += prefix.length;
      out += this.stringBody(/[rR]/.test(prefix), bytes);
      const after = this.i;
      this.skip();
      const next = this.s[this.i];
      if (next !== "'" && next !== '"' && !/^[rRuUbB]{1,2}['"]/.test(this.s.slice(this.i, this.i + 3))) {
        this.i = after;
        break;
      }
    }
    return { t: kind ?? "str", v: out };
  }

  private stringBody(raw: boolean, bytes: boolean): string {
    const s = this.s;
    const q = s[this.i] as string;
    const triple = s.startsWith(q.repeat(3), this.i);
    const start = this.i;
    this.i += triple ? 3 : 1;
    let out = "";
    for (;;) {
      const c = s[this.i];
      if (c === undefined) throw new PyLiteralError("a string is never closed", start);
      if (c === q && (!triple || s.startsWith(q.repeat(3), this.i))) {
        this.i += triple ? 3 : 1;
        return out;
      }
      if ((c === "\n" || c === "\r") && !triple) throw new PyLiteralError("a line ends inside a string", this.i);
      if (bytes && c.charCodeAt(0) > 0x7f) throw new PyLiteralError("bytes can only contain ASCII characters", this.i);
      if (c !== "\\") {
        // Python reads \r\n and \r in source as \n.
        if (c === "\r") {
          this.i += s[this.i + 1] === "\n" ? 2 : 1;
          out += "\n";
        } else {
          out += c;
          this.i++;
        }
        continue;
      }
      const e = s[this.i + 1];
      if (e === undefined) throw new PyLiteralError("a string is never closed", start);
      if (raw) {
        // A raw string keeps the backslash, and the character after it never ends the string.
        out += e === "\r" ? "\\\n" : `\\${e}`;
        this.i += e === "\r" && s[this.i + 2] === "\n" ? 3 : 2;
        continue;
      }
      this.i += 2;
      if (e === "\n") continue;
      if (e === "\r") {
        if (s[this.i] === "\n") this.i++;
        continue;
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) out += simple;
      else if (e >= "0" && e <= "7") {
        const digits = /^[0-7]{1,3}/.exec(s.slice(this.i - 1, this.i + 2))?.[0] ?? e;
        this.i += digits.length - 1;
        const code = Number.parseInt(digits, 8);
        if (bytes && code > 0xff) throw new PyLiteralError("an octal escape past \\377 in bytes", this.i);
        out += String.fromCharCode(code);
      } else if (e === "x" || (!bytes && (e === "u" || e === "U"))) {
        const n = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = s.slice(this.i, this.i + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new PyLiteralError(`a truncated \\${e} escape`, this.i);
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) throw new PyLiteralError("an escape past U+10FFFF", this.i);
        out += String.fromCodePoint(code);
        this.i += n;
      } else if (e === "N" && !bytes) throw new PyLiteralError("a \\N{…} escape (a character by name) is not read", this.i - 2);
      else out += `\\${e}`;
    }
  }
}

/** A short Python-like rendering of a value, for messages. */
export function pyRepr(v: PyValue, max = 200): string {
  const out: string[] = [];
  let n = 0;
  const go = (x: PyValue): void => {
    if (n > max) return;
    const put = (s: string): void => {
      out.push(s);
      n += s.length;
    };
    switch (x.t) {
      case "str":
      case "bytes":
        put(`${x.t === "bytes" ? "b" : ""}'${x.v.replace(/[\\']/g, "\\$&").replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}'`);
        return;
      case "int":
        put(x.v.toString());
        return;
      case "bool":
        put(x.v ? "True" : "False");
        return;
      case "none":
        put("None");
        return;
      case "ellipsis":
        put("...");
        return;
      case "float":
      case "complex":
        put(`<${x.t}>`);
        return;
      case "dict":
        put("{");
        x.keys.forEach((k, i) => {
          if (i > 0) put(", ");
          go(k);
          put(": ");
          go(x.values[i] as PyValue);
        });
        put("}");
        return;
      default: {
        const [a, b] = x.t === "list" ? ["[", "]"] : x.t === "set" ? ["{", "}"] : ["(", ")"];
        put(a);
        x.items.forEach((it, i) => {
          if (i > 0) put(", ");
          go(it);
        });
        if (x.t === "tuple" && x.items.length === 1) put(",");
        put(b);
      }
    }
  };
  go(v);
  const s = out.join("");
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
