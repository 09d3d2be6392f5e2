import { FUNCTIONS, formatValue, goType, isTruthy, type FuncContext } from "./template-functions.js";
import { LStr, type Origin, type Run } from "./located.js";
import type { Command, Node, Operand, ParsedTemplate, Pipeline } from "./template-parse.js";
import { originOf } from "./values.js";
import { RenderError, Unresolved, type Val } from "./template-values.js";

export { RenderError, Unresolved, type Val };

class Break {}
class Continue {}

/** Marker text for an unresolved value in the output: a plain YAML scalar nobody writes by hand. */
export const UNRESOLVED_PREFIX = "__assay_unresolved_";
const MAX_OUTPUT = 8 * 1024 * 1024;
const MAX_STEPS = 5_000_000;
const MAX_DEPTH = 100;

/** Everything templates of one chart share while rendering. */
export interface RenderEnv {
  /** Every `define` of the chart and its subcharts, by name. */
  defines: Map<string, Define>;
  /** Unresolved values written so far, by marker number. */
  unresolved: Unresolved[];
  /** Files of the chart for `.Files.Get`, by path relative to the chart. */
  files: ReadonlyMap<string, string>;
  /** Parses a `tpl` string. */
  parse(src: string): ParsedTemplate;
  steps: number;
  /** Names of the templates called that no chart defines (a library chart's helpers not vendored), when the caller asks. */
  missing?: Set<string>;
  /** Branches a values-decided condition left out, when the caller asks (see Skip). */
  skips?: Skip[];
}

/**
 * A branch of a template file that a condition on a value left out (`{{- if
 * .Values.containerSecurityContext.enabled }}` with `enabled: false`): where the `if` is in the
 * template, where the value deciding it was written, and the branch's nodes. A finding about
 * what the branch would have written points at that value.
 */
export interface Skip {
  path: string;
  at: number;
  /** How much output the template had written when the branch was left out: tells apart the passes of a `range` over the same `if`. */
  out: number;
  decidedBy: Origin;
  nodes: readonly Node[];
}

/** Branches recorded per render at most. */
const MAX_SKIPS = 2000;

/**
 * A template body to render: a `define`, a file, or a `tpl` string. `base` is where a `tpl`
 * string was written (a values.yaml key): its text is placed there, not at its offsets in the
 * template that called `tpl`, which say nothing about that file.
 */
export interface Define {
  nodes: Node[];
  path: string;
  base?: Origin | undefined;
  /**
   * For a `tpl` string that was itself located text (`tpl (toYaml .Values.extraEnvVars) $`, as
   * library charts render values that may hold templates): its runs, so the string's literal text
   * keeps the values lines it came from rather than all pointing at the key that held it.
   */
  source?: LStr;
}

interface Scope {
  vars: Map<string, Val>;
  parent: Scope | undefined;
}

/** Renders one template (or a `define`) into located output. */
export class Renderer {
  private out: Run[] = [];
  private size = 0;
  private depth = 0;

  /** For a located `tpl` source: where each of its runs starts in the string. */
  private readonly starts: number[] | undefined;

  constructor(
    private readonly env: RenderEnv,
    private path: string,
    private readonly base?: Origin,
    private readonly source?: LStr,
  ) {
    if (source) {
      this.starts = [];
      let n = 0;
      for (const r of source.runs) {
        this.starts.push(n);
        n += r.text.length;
      }
    }
  }

  /** Emits `text`, found at `at` of a located `tpl` source, with the origins of the runs it spans. */
  private emitSourced(source: LStr, starts: readonly number[], text: string, at: number): void {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    let done = 0;
    for (let k = lo; k < source.runs.length && done < text.length; k++) {
      const r = source.runs[k] as Run;
      const from = Math.max(0, at + done - (starts[k] as number));
      const piece = text.slice(done, done + r.text.length - from);
      const o = r.origin?.linear ? { ...r.origin, offset: r.origin.offset + from } : (r.origin ?? (piece.trim() ? this.base : undefined));
      this.emit(piece, o);
      done += piece.length;
    }
    if (done < text.length) this.emit(text.slice(done), this.base);
  }

  /** Renders nodes with `dot` as `.` and `root` as `$`. */
  render(nodes: readonly Node[], dot: Val, root: Val): LStr {
    const scope: Scope = { vars: new Map([["$", root]]), parent: undefined };
    this.walk(nodes, dot, scope);
    const runs = this.out;
    this.out = [];
    this.size = 0;
    return new LStr(runs);
  }

  private at(offset: number): Origin {
    return this.base ?? { path: this.path, offset };
  }

  private emit(text: string, origin: Origin | undefined): void {
    if (!text) return;
    this.size += text.length;
    if (this.size > MAX_OUTPUT) throw new RenderError("output larger than 8 MiB", origin);
    // Each piece is charged to the chart's step budget: an include's output is copied into its
    // caller piece by piece, so n defines that each include the next twice copy n times more
    // pieces than the nodes they walk, and hold them all (30 such lines: 660 MB and 8 s per chart).
    if (++this.env.steps > MAX_STEPS) throw new RenderError("too many steps (templates that include each other over and over?)", origin);
    this.out.push({ text, origin });
  }

  private step(at: number): void {
    if (++this.env.steps > MAX_STEPS) throw new RenderError("too many steps (a loop that does not end?)", this.at(at));
  }

  private walk(nodes: readonly Node[], dot: Val, scope: Scope): void {
    for (const n of nodes) {
      this.step(n.at);
      switch (n.t) {
        case "text":
          if (this.source && this.starts) this.emitSourced(this.source, this.starts, n.text, n.at);
          else this.emit(n.text, this.base ?? { path: this.path, offset: n.at, linear: true });
          break;
        case "action": {
          const v = this.pipeline(n.pipe, dot, scope);
          if (n.pipe.decl.length === 0) this.print(v, this.at(n.at));
          break;
        }
        case "if":
        case "with": {
          const inner: Scope = { vars: new Map(), parent: scope };
          const v = this.pipeline(n.pipe, dot, inner);
          if (this.truth(v, n.at)) this.walk(n.list, n.t === "with" ? v : dot, inner);
          else {
            // Only a template file's own branch, decided by a value written elsewhere (values.yaml).
            const skips = this.env.skips;
            if (skips && !this.base && v.o && v.o.path !== this.path && skips.length < MAX_SKIPS) skips.push({ path: this.path, at: n.at, out: this.size, decidedBy: v.o, nodes: n.list });
            if (n.else) this.walk(n.else, dot, { vars: new Map(), parent: scope });
          }
          break;
        }
        case "range":
          this.range(n, dot, scope);
          break;
        case "template": {
          const def = this.env.defines.get(n.name);
          if (!def) {
            this.env.missing?.add(n.name);
            this.print({ v: missingTemplate(n.name, this.at(n.at)), o: undefined }, this.at(n.at));
            break;
          }
          const arg = n.pipe ? this.pipeline(n.pipe, dot, scope) : { v: null, o: undefined };
          this.emitLStr(this.call(def, arg), this.at(n.at));
          break;
        }
        case "break":
          throw new Break();
        case "continue":
          throw new Continue();
      }
    }
  }

  /** Renders a `define` with `arg` as dot, as `include` and `template` do. */
  call(def: Define, arg: Val): LStr {
    if (++this.depth > MAX_DEPTH) throw new RenderError("templates include each other too deeply", arg.o);
    const sub = new Renderer(this.env, def.path, def.base, def.source);
    sub.depth = this.depth;
    try {
      // Go sets `$` to the data a template is invoked with.
      return sub.render(def.nodes, arg, arg);
    } finally {
      this.depth--;
    }
  }

  private range(n: Extract<Node, { t: "range" }>, dot: Val, scope: Scope): void {
    const inner: Scope = { vars: new Map(), parent: scope };
    const pipe: Pipeline = { ...n.pipe, decl: [] };
    const v = this.pipeline(pipe, dot, inner);
    if (v.v instanceof Unresolved) throw new RenderError(`range over a value that cannot be known statically (${v.v.reason})`, this.at(n.at));
    const items: [Val, Val][] = [];
    if (Array.isArray(v.v)) v.v.forEach((x, i) => items.push([{ v: BigInt(i), o: undefined }, { v: x, o: originOf(v.v, i) ?? v.o }]));
    else if (v.v && typeof v.v === "object" && !(v.v instanceof LStr)) {
      const obj = v.v as Record<string, unknown>;
      for (const k of Object.keys(obj).sort()) items.push([{ v: k, o: originOf(obj, k) }, { v: obj[k], o: originOf(obj, k) }]);
    } else if (typeof v.v === "bigint") {
      for (let i = 0n; i < v.v && i < 100_000n; i++) items.push([{ v: i, o: undefined }, { v: i, o: undefined }]);
    } else if (v.v !== null && v.v !== undefined && (typeof v.v !== "object" || v.v instanceof LStr)) {
      // Go ranges over ints, lists and maps only: a float64 of values.yaml (`range .Values.replicas`) fails `helm template`.
      throw new RenderError(`range can't iterate over ${formatValue(v.v)}, so helm template fails here too`, this.at(n.at));
    }
    if (items.length === 0) {
      if (n.else) this.walk(n.else, dot, inner);
      return;
    }
    for (const [k, item] of items) {
      // Each pass is a step, whatever its body holds: `range until 100000` around another ran ten
      // billion empty passes (minutes) on one step per pass of the outer loop.
      this.step(n.at);
      const body: Scope = { vars: new Map(), parent: inner };
      if (n.pipe.decl.length === 1) body.vars.set(n.pipe.decl[0] as string, item);
      else if (n.pipe.decl.length === 2) {
        body.vars.set(n.pipe.decl[0] as string, k);
        body.vars.set(n.pipe.decl[1] as string, item);
      }
      try {
        this.walk(n.list, item, body);
      } catch (e) {
        if (e instanceof Break) break;
        if (e instanceof Continue) continue;
        throw e;
      }
    }
  }

  private truth(v: Val, at: number): boolean {
    if (v.v instanceof Unresolved && v.v.nonEmpty) return true;
    if (v.v instanceof Unresolved) throw new RenderError(`a condition depends on a value that cannot be known statically (${v.v.reason})`, v.o ?? this.at(at));
    return isTruthy(v.v);
  }

  private print(v: Val, at: Origin): void {
    if (v.v instanceof LStr) return this.emitLStr(v.v, v.o ?? at);
    if (v.v instanceof Unresolved) {
      this.env.unresolved.push(v.v);
      if (v.v.lead) this.emit(v.v.lead, undefined);
      return this.emit(`${UNRESOLVED_PREFIX}${this.env.unresolved.length - 1}`, v.o ?? at);
    }
    if (v.v === null || v.v === undefined) return;
    this.emit(formatValue(v.v, v.o ?? at), v.o ?? at);
  }

  private emitLStr(s: LStr, fallback: Origin): void {
    for (const r of s.runs) this.emit(r.text, r.origin ?? (r.text.trim() ? fallback : undefined));
  }

  private lookupVar(scope: Scope, name: string, at: number): Val {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    throw new RenderError(`undefined variable ${name}`, this.at(at));
  }

  private assignVar(scope: Scope, name: string, v: Val, at: number): void {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, v);
        return;
      }
    }
    throw new RenderError(`undefined variable ${name}`, this.at(at));
  }

  /** Evaluates a pipeline; each command's result is the last argument of the next. */
  pipeline(p: Pipeline, dot: Val, scope: Scope): Val {
    let result: Val | undefined;
    for (const cmd of p.cmds) result = this.command(cmd, dot, scope, result);
    const v = result ?? { v: null, o: undefined };
    if (p.decl.length > 0) {
      if (p.assign) for (const name of p.decl) this.assignVar(scope, name, v, p.at);
      else for (const name of p.decl) scope.vars.set(name, v);
    }
    return v;
  }

  private command(cmd: Command, dot: Val, scope: Scope, piped: Val | undefined): Val {
    const [head, ...rest] = cmd.args;
    if (!head) throw new RenderError("empty command", this.at(cmd.at));
    if (head.t === "ident") {
      const name = head.name;
      if (name === "and" || name === "or") return this.logic(name, rest, dot, scope, piped);
      const fn = FUNCTIONS[name];
      if (!fn) throw new RenderError(`function "${name}" is not known to the static renderer`, this.at(head.at));
      const args = rest.map((a) => this.operand(a, dot, scope));
      if (piped) args.push(piped);
      return fn(args, this.funcContext(head.at));
    }
    // A field that is a method (`.Files.Get "x"`, `.Capabilities.APIVersions.Has "v1"`).
    const v = this.operand(head, dot, scope);
    if (typeof v.v === "function") {
      const args = rest.map((a) => this.operand(a, dot, scope));
      if (piped) args.push(piped);
      return (v.v as (args: Val[]) => Val)(args);
    }
    if (rest.length > 0 || piped) throw new RenderError("can't give arguments to a non-function", this.at(cmd.at));
    return v;
  }

  private logic(name: "and" | "or", args: Operand[], dot: Val, scope: Scope, piped: Val | undefined): Val {
    const all = [...args.map((a) => () => this.operand(a, dot, scope)), ...(piped ? [() => piped] : [])];
    let last: Val = { v: null, o: undefined };
    for (const get of all) {
      last = get();
      if (last.v instanceof Unresolved && !last.v.nonEmpty) return last;
      const t = last.v instanceof Unresolved || isTruthy(last.v);
      if (name === "and" && !t) return last;
      if (name === "or" && t) return last;
    }
    return last;
  }

  private funcContext(at: number): FuncContext {
    return {
      origin: this.at(at),
      include: (name, arg) => {
        const def = this.env.defines.get(name);
        if (!def) this.env.missing?.add(name);
        return def ? this.call(def, arg) : missingTemplate(name, this.at(at));
      },
      tpl: (src, arg, written, located) => {
        let parsed: ParsedTemplate;
        try {
          parsed = this.env.parse(src);
        } catch (e) {
          throw new RenderError(`tpl: ${(e as Error).message}`, written ?? this.at(at));
        }
        const base: Origin = { ...(written ?? this.at(at)), linear: false, tpl: true };
        // Helm renders a tpl string in a copy of the chart's templates: its defines hold for that render only.
        const shadowed = new Map<string, Define | undefined>();
        for (const [k, nodes] of parsed.defines) {
          if (!shadowed.has(k)) shadowed.set(k, this.env.defines.get(k));
          this.env.defines.set(k, { nodes, path: base.path, base });
        }
        // Located text keeps its places only where it is the string parsed (not a part of one).
        const source = located && located.toString() === src ? located : undefined;
        try {
          return this.call({ nodes: parsed.nodes, path: base.path, base, ...(source ? { source } : {}) }, arg);
        } finally {
          for (const [k, d] of shadowed) {
            if (d) this.env.defines.set(k, d);
            else this.env.defines.delete(k);
          }
        }
      },
      files: this.env.files,
      unresolved: (reason) => new Unresolved(reason, this.at(at)),
      marker: (u) => {
        this.env.unresolved.push(u);
        return `${UNRESOLVED_PREFIX}${this.env.unresolved.length - 1}`;
      },
    };
  }

  private operand(op: Operand, dot: Val, scope: Scope): Val {
    switch (op.t) {
      case "dot":
        return dot;
      case "var":
        return this.lookupVar(scope, op.name, op.at);
      // A constant is placed where it is written, so a map built with `dict`/`set` points at it.
      case "str":
      case "num":
      case "bool":
        return { v: op.value, o: this.at(op.at) };
      case "nil":
        return { v: null, o: this.at(op.at) };
      case "pipe":
        return this.pipeline(op.pipe, dot, { vars: new Map(), parent: scope });
      case "ident": {
        const fn = FUNCTIONS[op.name];
        if (!fn) throw new RenderError(`function "${op.name}" is not known to the static renderer`, this.at(op.at));
        return fn([], this.funcContext(op.at));
      }
      case "field": {
        let cur: Val = op.base ? this.operand(op.base, dot, scope) : dot;
        const values = op.names.indexOf("Values");
        for (let i = 0; i < op.names.length; i++) {
          // Helm runs templates with missingkey=zero: a key of .Values that is missing or null is a
          // nil interface, and a field of it fails the render ("nil pointer evaluating interface
          // {}.key"), so `helm template` stops there too; rendering on would guess it empty. Only
          // the values' own maps are held to this: Helm's .Chart and .Capabilities are structs this
          // renderer models in part. A parenthesised step (`((.Values.a).b)`) starts a new chain, as in Go.
          if (values >= 0 && i > values + 1 && (cur.v === null || cur.v === undefined)) {
            throw new RenderError(`nil pointer evaluating interface {}.${op.names[i] as string}: .${op.names.slice(values, i).join(".")} is not set, so helm template fails here too`, this.at(op.at));
          }
          const next = field(cur, op.names[i] as string);
          // Go's text/template reads fields of maps and structs only: a field of a list or a scalar
          // (`.Values.collectors.secrets` with `collectors` a list) fails `helm template`, so the
          // render stops rather than guessing the field empty (which would drop the rules it guards).
          if (!next) throw new RenderError(`can't evaluate field ${op.names[i] as string} in type ${goType(cur.v)}, so helm template fails here too`, this.at(op.at));
          cur = next;
        }
        return cur;
      }
    }
  }
}

/**
 * A template the chart does not hold (most often one of a library chart, such as Bitnami's
 * `common`, that is declared in Chart.yaml but not vendored in charts/): its output could be any
 * YAML, so it becomes an opaque marker and the rest of the template is still read.
 */
function missingTemplate(name: string, origin: Origin): Unresolved {
  return new Unresolved(`the output of template "${name.slice(0, 120)}", which is not in the chart or its charts/ folder`, origin, true);
}

/**
 * `.name` of a value: a map key (missing keys are nil, as Helm renders them) or a method;
 * undefined for a list or a scalar, which have no fields in Go.
 */
function field(cur: Val, name: string): Val | undefined {
  const v = cur.v;
  if (v instanceof Unresolved) return cur;
  if (v === null || v === undefined) return { v: null, o: cur.o };
  if (Array.isArray(v) || v instanceof LStr || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return undefined;
  if (typeof v === "object") {
    const obj = v as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(obj, name)) return { v: null, o: cur.o };
    return { v: obj[name], o: originOf(obj, name) ?? cur.o };
  }
  return { v: null, o: cur.o };
}
