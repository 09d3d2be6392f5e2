import { createHash } from "node:crypto";
import { loadYamlData } from "../formats/yaml-bounds.js";
import { compareIdentifiers } from "../versions/semver.js";
import { formatFloat, goInt, isGoInt, isGoNumber } from "./go-numbers.js";
import { LStr, type Origin, type Run } from "./located.js";
import { linearRegex } from "./linear-regex.js";
import { RenderError, Unresolved, type Val } from "./template-values.js";
import { copyOrigin, isPlainObject, storeOrigin, subsetOf, toYaml } from "./values.js";

/** What a function may ask of the renderer. */
export interface FuncContext {
  origin: Origin;
  /** A `define`'s output; an opaque Unresolved when the chart has no template of that name. */
  include(name: string, arg: Val): LStr | Unresolved;
  /** A `tpl` string rendered with `arg` as dot; `written` is where the string came from. */
  tpl(src: string, arg: Val, written: Origin | undefined, located?: LStr): LStr;
  files: ReadonlyMap<string, string>;
  unresolved(reason: string): Unresolved;
  /** The marker text that stands for `u` in the output, for a value written inside text (toYaml, toJson). */
  marker(u: Unresolved): string;
}

type Fn = (args: Val[], ctx: FuncContext) => Val;

const val = (v: unknown, o?: Origin): Val => ({ v, o });

/** Go's notion of truth: false, 0, nil and empty strings, lists and maps are false. */
export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n) return false;
  if (typeof v === "string") return v.length > 0;
  if (v instanceof LStr) return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/**
 * Nodes a value may hold for a function that walks it whole (printing it, toYaml, toJson, eq,
 * deepCopy). Values are shared, not copied, so `{{ $d = dict "a" $d "b" $d }}` two hundred times
 * is a map of 2^200 nodes in a few hundred steps: written out, it ran the process out of memory.
 */
const MAX_WALK = 1_000_000;

/** Throws a RenderError when `v` holds more than MAX_WALK nodes; looks at no more than that many. */
export function walkable(v: unknown, origin?: Origin): void {
  if (v === null || typeof v !== "object") return;
  let left = MAX_WALK;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (--left < 0) throw new RenderError("a value too large to write whole (a map or list that holds the same one over and over?)", origin);
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x !== null && typeof x === "object" && !(x instanceof LStr) && !(x instanceof Unresolved)) for (const y of Object.values(x)) stack.push(y);
  }
}

/** A value printed as Go's fmt `%v` prints it (maps as `map[k:v]`, lists as `[a b]`); a value too big to walk fails at `origin`. */
export function formatValue(v: unknown, origin?: Origin): string {
  walkable(v, origin);
  return formatWalked(v);
}

function formatWalked(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof LStr) return v.toString();
  if (typeof v === "number") return formatFloat(v);
  if (typeof v === "bigint") return String(v);
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === null ? "<nil>" : formatWalked(x))).join(" ")}]`;
  if (v instanceof Unresolved) return "";
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${o[k] === null ? "<nil>" : formatWalked(o[k])}`)
      .join(" ")}]`;
  }
  return String(v);
}

const str = (a: Val | undefined): string => formatValue(a?.v);
const num = (a: Val | undefined): number => {
  const v = a?.v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(formatValue(v));
  return Number.isFinite(n) ? n : 0;
};
/**
 * Sprig's toInt64 (spf13/cast): a float truncated, a string read as an integer in Go's notation
 * (`"0x10"`, a trailing `.0` allowed), anything else 0.
 */
function toInt64(a: Val | undefined): bigint {
  const v = a?.v instanceof LStr ? a.v.toString() : a?.v;
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return goInt(v);
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v !== "string") return 0n;
  const t = v.trim().replace(/\.0*$/, "");
  if (!/^[+-]?(?:0[xX][0-9a-fA-F]{1,16}|0[bB][01]{1,64}|0[oO]?[0-7]{1,22}|[1-9][0-9]{0,18}|0)$/.test(t)) return 0n;
  const neg = t.startsWith("-");
  const body = t.replace(/^[+-]/, "");
  const digits = /^0[0-7]/.test(body) ? `0o${body.slice(1)}` : body;
  return goInt(neg ? -BigInt(digits) : BigInt(digits));
}

/** Sprig's toFloat64 (spf13/cast): numbers as they are, a string parsed as a float, anything else 0. */
function toFloat64(a: Val | undefined): number {
  const v = a?.v instanceof LStr ? a.v.toString() : a?.v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "string" || !/^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v)) return 0;
  return Number(v);
}

/** A Go int result of Sprig's integer math. */
const int = (n: bigint): Val => val(BigInt.asIntN(64, n));

const list = (a: Val | undefined): unknown[] => (Array.isArray(a?.v) ? (a?.v as unknown[]) : []);

/** Items a list may hold: `{{ $l = concat $l $l }}` forty times would be a trillion. */
const MAX_LIST = 100_000;

/** `items`, after checking that `more` added to it stays within MAX_LIST. */
function grown(items: unknown[], more: number, ctx: FuncContext): unknown[] {
  if (items.length + more > MAX_LIST) throw new RenderError(`a list grew past ${MAX_LIST.toLocaleString("en-US")} items`, ctx.origin);
  return items;
}

/** The first Unresolved among the arguments, which most functions pass on (no longer known to be non-empty: their result may be). */
function unresolvedArg(args: readonly Val[]): Val | undefined {
  const u = args.find((a) => a.v instanceof Unresolved);
  return u && (u.v as Unresolved).nonEmpty ? { v: (u.v as Unresolved).mayBeEmpty(), o: u.o } : u;
}

/**
 * Wraps a function so an unresolved argument yields that unresolved value. `keepsNonEmpty` is for
 * functions whose result is never empty when their input is not (quoting, case, encodings,
 * digests): a generated password passed through them is still known to be non-empty.
 */
const strict =
  (fn: Fn, keepsNonEmpty = false): Fn =>
  (args, ctx) =>
    (keepsNonEmpty ? args.find((a) => a.v instanceof Unresolved) : unresolvedArg(args)) ?? fn(args, ctx);

/**
 * Wraps a function whose result is one scalar whatever its input (a digest, base64, a quoted
 * string): text of unknown shape (the output of a template the chart lacks) passed through it
 * is still unknown, but only as one value, so it cannot write keys around the one it lands on.
 */
const scalar =
  (fn: Fn, keepsNonEmpty = false): Fn =>
  (args, ctx) => {
    const u = keepsNonEmpty ? args.find((a) => a.v instanceof Unresolved) : unresolvedArg(args);
    if (!u) return fn(args, ctx);
    const v = u.v as Unresolved;
    return v.opaque ? { v: new Unresolved(v.reason, v.origin), o: u.o } : u;
  };

/** The kind Go's comparison functions sort a value into (text/template's basicKind); undefined for any other. */
function basicKind(v: unknown): "bool" | "int" | "float" | "string" | undefined {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string" || v instanceof LStr) return "string";
  return undefined;
}

/** The Go type of a value, as Go's errors name it. */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string" || v instanceof LStr) return "string";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

const plainText = (v: unknown): unknown => (v instanceof LStr ? v.toString() : v);

/**
 * Go's `eq` of two values: basic kinds compared by value, nil equal only to nil; a number of one
 * kind against another (a float64 from values.yaml against an integer literal: `eq
 * .Values.replicas 1`), or a string against a number, fails the render, as `helm template` fails
 * with "incompatible types for comparison"; maps and lists cannot be compared at all.
 */
function goEqual(a: unknown, b: unknown, ctx: FuncContext): boolean {
  const x = plainText(a);
  const y = plainText(b);
  const kx = basicKind(x);
  const ky = basicKind(y);
  const nil = (v: unknown) => v === null || v === undefined;
  if (kx !== ky) {
    if (nil(x) || nil(y)) return false;
    throw new RenderError(`error calling eq: incompatible types for comparison: ${goType(x)} and ${goType(y)}, so helm template fails here too`, ctx.origin);
  }
  if (kx) return x === y;
  if (nil(x) || nil(y)) return nil(x) && nil(y);
  throw new RenderError(`error calling eq: non-comparable types ${goType(x)} and ${goType(y)}, so helm template fails here too`, ctx.origin);
}

/** Go's `lt`: both of one basic kind (bool is refused), else the render fails as in Helm. */
function goLess(a: unknown, b: unknown, name: string, ctx: FuncContext): boolean {
  const x = plainText(a);
  const y = plainText(b);
  const kx = basicKind(x);
  const ky = basicKind(y);
  if (!kx || !ky || kx === "bool") throw new RenderError(`error calling ${name}: invalid type for comparison, so helm template fails here too`, ctx.origin);
  if (kx !== ky) throw new RenderError(`error calling ${name}: incompatible types for comparison: ${goType(x)} and ${goType(y)}, so helm template fails here too`, ctx.origin);
  return (x as string | number | bigint) < (y as string | number | bigint);
}

/**
 * Go's reflect.DeepEqual, which Sprig's `has`, `without`, `uniq` and `deepEqual` use: same type and
 * same value all the way down (an int is never equal to a float64).
 */
function deepEqualGo(a: unknown, b: unknown, budget = { n: MAX_WALK }, depth = 0): boolean {
  const x = plainText(a);
  const y = plainText(b);
  // Values are shared, not copied: a map holding one twice, two hundred times over, is walked in part only.
  if (depth > 100 || --budget.n < 0) return false;
  if (x === null || x === undefined || y === null || y === undefined) return (x ?? null) === (y ?? null);
  if (Array.isArray(x) || Array.isArray(y)) return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => deepEqualGo(v, y[i], budget, depth + 1));
  if (isPlainObject(x) || isPlainObject(y)) {
    if (!isPlainObject(x) || !isPlainObject(y)) return false;
    const kx = Object.keys(x);
    return kx.length === Object.keys(y).length && kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqualGo(x[k], y[k], budget, depth + 1));
  }
  return typeof x === typeof y && x === y;
}

/**
 * True when a regular expression could backtrack exponentially: a quantified group holding a
 * quantifier or an alternation (`(a+)+`, `(a|a)*`), or a back-reference.
 */
function riskyRegex(pattern: string): boolean {
  return pattern.length > 200 || /\([^)]{0,200}[*+}][^)]{0,200}\)[*+{?]/.test(pattern) || /\([^)]{0,200}\|[^)]{0,200}\)[*+{]/.test(pattern) || /\\[0-9]/.test(pattern);
}

/**
 * The longest text a chart's regular expression is run on. Each unbounded quantifier can raise
 * the backtracking by a power of the text's length (`.*a.*a.*b`), so more of them allow less text;
 * longer text leaves the value unresolved rather than judged in part.
 */
function subjectLimit(re: RegExp): number {
  const unbounded = (re.source.replace(/\\./g, "").replace(/\[[^\]]{0,200}\]/g, "x").match(/[*+]|\{\d{1,5},\}/g) ?? []).length;
  return unbounded <= 1 ? 10_000 : unbounded === 2 ? 500 : unbounded === 3 ? 100 : 40;
}

/** The text a chart's regular expression runs on, or unresolved when it is too long for it (see subjectLimit). */
function subjectFor(re: RegExp, text: string, ctx: FuncContext): string | Unresolved {
  return text.length > subjectLimit(re) ? ctx.unresolved(`regular expression ${JSON.stringify(re.source.slice(0, 40))} not run on ${text.length} characters`) : text;
}

/** Characters of text times instructions of pattern one linear-time match may take. */
const MAX_LINEAR_WORK = 4_000_000;

function regex(pattern: string, flags: string, ctx: FuncContext): RegExp | Unresolved {
  if (riskyRegex(pattern)) return ctx.unresolved(`regular expression ${JSON.stringify(pattern.slice(0, 40))} not evaluated`);
  try {
    return new RegExp(pattern.replace(/\(\?P</g, "(?<"), flags);
  } catch {
    return ctx.unresolved(`regular expression ${JSON.stringify(pattern.slice(0, 40))} not understood`);
  }
}

/** Go's fmt.Sprint, which `print` is: a space goes between two operands only when neither is a string. */
function sprint(vs: unknown[]): string {
  const isText = (v: unknown) => typeof v === "string" || v instanceof LStr || v instanceof Unresolved;
  let out = "";
  vs.forEach((v, i) => {
    if (i > 0 && !isText(v) && !isText(vs[i - 1])) out += " ";
    out += v === null || v === undefined ? "<nil>" : formatValue(v);
  });
  return out;
}

const MAX_STRING = 1024 * 1024;
const bounded = (s: string, ctx: FuncContext): string => {
  if (s.length > MAX_STRING) throw new RenderError("a string grew past 1 MiB", ctx.origin);
  return s;
};

/** The value of `required`/`default`-like results, keeping the origin of the chosen argument. */
const pick = (a: Val): Val => a;

/** A deep copy that still knows where each key and item was written. */
function deepCopy(v: unknown, depth = 0): unknown {
  if (depth > 100) return null;
  if (Array.isArray(v)) {
    const out = v.map((x) => deepCopy(x, depth + 1));
    out.forEach((_, i) => copyOrigin(out, i, v, i));
    return out;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = deepCopy(x, depth + 1);
      copyOrigin(out, k, v, k);
    }
    return out;
  }
  return v;
}

/**
 * Sprig's merge (mergo): maps merge key by key; a key of `dst` takes `src`'s value when it is
 * missing or Go-empty (false, 0, "", an empty map or list: `merge` turns a `runAsNonRoot: false`
 * into the `true` of a later map), and always with `overwrite` (`mergeOverwrite`).
 */
function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean, depth = 0): Record<string, unknown> {
  if (depth > 100) return dst;
  for (const [k, v] of Object.entries(src)) {
    const has = Object.prototype.hasOwnProperty.call(dst, k);
    const cur = has ? dst[k] : undefined;
    if (isPlainObject(cur) && isPlainObject(v)) mergeInto(cur, v, overwrite, depth + 1);
    else if (overwrite || !has || (!(cur instanceof Unresolved) && !isTruthy(cur))) {
      dst[k] = deepCopy(v);
      copyOrigin(dst, k, src, k);
    }
  }
  return dst;
}

function semverParts(s: string): number[] | undefined {
  const m = /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

/** The pre-release of a version (`debian-12-r0` of `8.0.1-debian-12-r0`), "" for a release. */
function prereleaseOf(s: string): string {
  return /^v?\d{1,9}(?:\.\d{1,9}){0,2}-([0-9A-Za-z.-]{1,128})/.exec(s.trim())?.[1] ?? "";
}

/** SemVer's order of pre-releases: a release after all of its pre-releases, numeric identifiers below others. */
function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return compareIdentifiers(a.split("."), b.split("."));
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** An operator of a semver constraint and the spaces after it. */
const OPERATOR_SPACE = /(>=|=>|<=|=<|!=|~>|=|>|<|\^|~)\s+/g;
/** A hyphen range (`1.20 - 1.28`), which Masterminds reads as `>=1.20 <=1.28`. */
const HYPHEN_RANGE = /([0-9A-Za-z.*+-]{1,64})\s+-\s+([0-9A-Za-z.*+-]{1,64})/g;
const CONSTRAINT = /^(>=|=>|<=|=<|!=|~>|=|>|<|\^|~)?v?([0-9xX*]{1,9}(?:\.[0-9xX*]{1,9}){0,2})(?:-([0-9A-Za-z.-]*))?(?:\+[0-9A-Za-z.-]*)?$/;

/** Masterminds semver constraints as charts use them against the Kubernetes version (`>=1.19-0`, `^1.2`, `~1.2`, `||`, ranges); a part it cannot read is taken as met. */
export function semverSatisfies(constraint: string, version: string): boolean {
  return semverCheck(constraint, version, false) ?? false;
}

/**
 * Whether `version` meets `constraint`; `strict` makes a constraint with any part it cannot read
 * undefined (not known) rather than taking that part as met.
 */
export function semverCheck(constraint: string, version: string, strict: boolean): boolean | undefined {
  const v = semverParts(version);
  const pre = prereleaseOf(version);
  if (!v || (strict && (constraint.length > 300 || !constraint.trim()))) return strict ? undefined : false;
  let unknown = false;
  const met = constraint.split("||").some((alt) =>
    alt
      .trim()
      .replace(HYPHEN_RANGE, ">=$1 <=$2")
      // Masterminds allows space between an operator and its version (`>= v0.0.8-0`).
      .replace(OPERATOR_SPACE, "$1")
      .split(/[ ,]+/)
      .filter(Boolean)
      .every((c) => {
        const m = CONSTRAINT.exec(c);
        if (!m) {
          unknown = true;
          return true;
        }
        const op = { "=>": ">=", "=<": "<=", "~>": "~" }[m[1] as string] ?? m[1] ?? "=";
        // Masterminds: a pre-release version meets only constraints that name a pre-release
        // (`>=8.0.0-0`), so `8.0.1-debian-12-r0` does not meet `>=8.0.0`.
        if (pre && m[3] === undefined) return false;
        const parts = (m[2] as string).split(".");
        const wild = parts.findIndex((p) => p === "x" || p === "X" || p === "*");
        const t = [0, 1, 2].map((i) => (parts[i] === undefined || wild >= 0 && i >= wild ? 0 : Number(parts[i])));
        const given = wild >= 0 ? wild : parts.length;
        const c0 = cmp(v, t) || (given >= 3 ? comparePrerelease(pre, m[3] ?? "") : 0);
        switch (op) {
          case ">=":
            return c0 >= 0;
          case "<=":
            return c0 <= 0;
          case ">":
            return c0 > 0;
          case "<":
            return c0 < 0;
          case "!=":
            return c0 !== 0;
          case "^":
            return c0 >= 0 && v[0] === t[0];
          case "~":
            return c0 >= 0 && v[0] === t[0] && (given < 2 || v[1] === t[1]);
          default:
            return given >= 3 ? c0 === 0 : v.slice(0, given).every((x, i) => x === t[i]);
        }
      }),
  );
  return strict && unknown && !met ? undefined : met;
}

function printf(format: string, args: unknown[], pieces?: { text: string; arg: number }[]): string {
  let i = 0;
  let last = 0;
  const out = format.replace(/%([-+# 0]{0,4})(\d{0,3})(?:\.(\d{1,3}))?([vsdqtfgxXeEbocT%])/g, (_m, flags: string, width: string, prec: string | undefined, verb: string, offset: number) => {
    if (pieces && offset > last) pieces.push({ text: format.slice(last, offset), arg: -1 });
    if (pieces) last = offset + _m.length;
    if (verb === "%") {
      pieces?.push({ text: "%", arg: -1 });
      return "%";
    }
    const a = args[i++];
    let s: string;
    switch (verb) {
      case "q":
        s = a === null ? badVerb(verb, a) : JSON.stringify(formatValue(a));
        break;
      case "d":
        // Go's fmt prints a float64 given to %d as a bad verb: a values.yaml number needs `int` first.
        s = isGoInt(a) ? (flags.includes("+") && a >= 0n ? `+${a}` : String(a)) : badVerb(verb, a);
        break;
      case "f":
      case "e":
      case "g":
        s = typeof a === "number" ? (prec !== undefined ? a.toFixed(Number(prec)) : verb === "f" ? a.toFixed(6) : verb === "g" ? formatFloat(a) : String(a)) : badVerb(verb, a);
        break;
      case "s":
        // %s writes strings; any other basic value is a bad verb (`%!s(float64=8080)`), as in Go.
        s = isGoNumber(a) || typeof a === "boolean" || a === null ? badVerb(verb, a) : a === undefined ? "%!s(MISSING)" : formatValue(a);
        break;
      case "x":
      case "X":
        s = isGoNumber(a) ? a.toString(16) : Buffer.from(formatValue(a)).toString("hex");
        if (verb === "X") s = s.toUpperCase();
        break;
      case "t":
        s = typeof a === "boolean" ? String(a) : badVerb(verb, a);
        break;
      case "T":
        // The output of include or .Files.Get is a string to the template, whatever it holds.
        s = goType(a);
        break;
      default:
        s = a === undefined ? "%!v(MISSING)" : a === null ? "<nil>" : formatValue(a);
    }
    const w = Math.min(Number(width || 0), 1000);
    // Go's flags: `-` pads on the right, `0` pads a number with zeros after its sign (`%02d`).
    const zeros = flags.includes("0") && !flags.includes("-") && "dfegxX".includes(verb) && !s.startsWith("%!");
    const sign = zeros && /^[-+]/.test(s) ? (s[0] as string) : "";
    const padded = s.length >= w ? s : flags.includes("-") ? s.padEnd(w) : zeros ? sign + s.slice(sign.length).padStart(w - sign.length, "0") : s.padStart(w);
    // Only an argument printed as it is keeps its place; anything formatted is the call's own text.
    pieces?.push({ text: padded, arg: (verb === "s" || verb === "v") && padded === s && a !== undefined ? i - 1 : -1 });
    return padded;
  });
  if (pieces && last < format.length) pieces.push({ text: format.slice(last), arg: -1 });
  return out;
}

/**
 * `printf`, whose `%s` and `%v` arguments keep the place they came from: an image a library
 * chart assembles (`printf "%s/%s:%s" $registry $repository $tag`) points its tag at the values
 * line that sets it. Plain text when no argument has a place.
 */
function printfPlaced(a: Val[], ctx: FuncContext): Val {
  const args = a.slice(1);
  if (!args.some((x) => x.o !== undefined || x.v instanceof LStr)) return val(bounded(printf(str(a[0]), args.map((x) => x.v)), ctx));
  const pieces: { text: string; arg: number }[] = [];
  const text = bounded(printf(str(a[0]), args.map((x) => x.v), pieces), ctx);
  const runs: Run[] = [];
  for (const p of pieces) {
    const arg = p.arg >= 0 ? args[p.arg] : undefined;
    if (arg?.v instanceof LStr) for (const r of arg.v.runs) runs.push(r);
    else if (p.text) runs.push({ text: p.text, origin: arg?.o });
  }
  return val(new LStr(runs).toString() === text ? new LStr(runs) : text);
}

/** Go's fmt text for a value given to a verb that does not fit it (`%!d(float64=1e+06)`). */
function badVerb(verb: string, a: unknown): string {
  if (a === undefined) return `%!${verb}(MISSING)`;
  if (a === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goType(a)}=${formatValue(a)})`;
}

/** Sprig's kinds, as `kindOf` names them: every number of values.yaml is a float64. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "invalid";
  if (typeof v === "string" || v instanceof LStr) return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float64";
  if (Array.isArray(v)) return "slice";
  return "map";
}

const randomValue: Fn = (_a, ctx) => val(ctx.unresolved("a random value, different on every install"));

/** A generated secret or random text of a positive length: unknown, but never empty (`if $pass` holds). */
const generated =
  (what: string, lengthArg?: number): Fn =>
  (a, ctx) => {
    const u = ctx.unresolved(what);
    const nonEmpty = lengthArg === undefined || num(a[lengthArg]) > 0;
    return val(new Unresolved(u.reason, u.origin, false, "", nonEmpty));
  };

/** A generated certificate (`genCA`, `genSignedCert`…): a map whose `Cert` and `Key` are unknown but never empty. */
const certificate: Fn = (_a, ctx) => {
  const u = ctx.unresolved("a certificate generated on every install");
  const part = (): Unresolved => new Unresolved(u.reason, u.origin, false, "", true);
  return val({ Cert: part(), Key: part() });
};

/** The functions of Go templates, Sprig and Helm that charts use, evaluated without a cluster. */
export const FUNCTIONS: Record<string, Fn> = {
  // Go's builtins
  not: (a) => {
    const v = a[0]?.v;
    if (v instanceof Unresolved) return v.nonEmpty ? val(false) : (a[0] as Val);
    return val(!isTruthy(v));
  },
  len: strict((a) => {
    const v = a[0]?.v;
    return val(BigInt(Array.isArray(v) ? v.length : isPlainObject(v) ? Object.keys(v).length : Buffer.byteLength(formatValue(v))));
  }),
  index: strict((a) => {
    let cur: Val = a[0] ?? val(null);
    for (const k of a.slice(1)) {
      const c = cur.v;
      if (Array.isArray(c)) cur = val(c[num(k)] ?? null, cur.o);
      else if (isPlainObject(c)) cur = val(c[str(k)] ?? null, cur.o);
      else cur = val(null, cur.o);
    }
    return cur;
  }),
  // `print $value` alone is the value as text (charts write `tpl (print $v) $` for any scalar): it is still placed at the value.
  print: strict((a) => val(sprint(a.map((x) => x.v)), a.length === 1 ? a[0]?.o : undefined), true),
  println: strict((a) => val(a.map((x) => formatValue(x.v)).join(" ") + "\n")),
  printf: strict((a, ctx) => printfPlaced(a, ctx), true),
  eq: strict((a, ctx) => {
    if (a.length < 2) throw new RenderError("error calling eq: missing argument for comparison", ctx.origin);
    return val(a.slice(1).some((b) => goEqual(a[0]?.v, b.v, ctx)));
  }),
  ne: strict((a, ctx) => val(!goEqual(a[0]?.v, a[1]?.v, ctx))),
  lt: strict((a, ctx) => val(goLess(a[0]?.v, a[1]?.v, "lt", ctx))),
  le: strict((a, ctx) => val(goLess(a[0]?.v, a[1]?.v, "le", ctx) || goEqual(a[0]?.v, a[1]?.v, ctx))),
  gt: strict((a, ctx) => val(!(goLess(a[0]?.v, a[1]?.v, "gt", ctx) || goEqual(a[0]?.v, a[1]?.v, ctx)))),
  ge: strict((a, ctx) => val(!goLess(a[0]?.v, a[1]?.v, "ge", ctx))),
  urlquery: strict((a) => val(encodeURIComponent(a.map((x) => str(x)).join("")))),
  html: strict((a) => val(str(a[0]).replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`))),
  js: strict((a) => val(JSON.stringify(str(a[0])).slice(1, -1))),

  // Helm
  include: (a, ctx) => {
    if (a[0]?.v instanceof Unresolved) return a[0];
    return val(ctx.include(str(a[0]), a[1] ?? val(null)));
  },
  tpl: (a, ctx) => {
    if (a[0]?.v instanceof Unresolved) return a[0];
    const src = str(a[0]);
    const located = a[0]?.v instanceof LStr ? a[0].v : undefined;
    return src.includes("{{") ? val(ctx.tpl(src, a[1] ?? val(null), a[0]?.o, located), a[0]?.o) : val(located ?? src, a[0]?.o);
  },
  required: (a, ctx) => {
    const v = a[1];
    if (v && !(v.v === null || v.v === undefined || v.v === "")) return pick(v);
    return val(ctx.unresolved(`a required value with no default: ${str(a[0]).slice(0, 120)}`), v?.o);
  },
  fail: (a, ctx) => val(ctx.unresolved(`the chart fails here: ${str(a[0]).slice(0, 120)}`)),
  toYaml: strict((a, ctx) => {
    walkable(a[0]?.v, ctx.origin);
    try {
      return val(toYaml(a[0]?.v ?? null, undefined, ctx.marker), a[0]?.o);
    } catch (e) {
      throw new RenderError((e as Error).message, ctx.origin);
    }
  }),
  toJson: scalar((a, ctx) => val(htmlSafe(JSON.stringify(plain(a[0]?.v, ctx.origin, ctx.marker)) ?? "null")), true),
  toPrettyJson: strict((a, ctx) => val(htmlSafe(JSON.stringify(plain(a[0]?.v, ctx.origin, ctx.marker), null, 2) ?? "null"))),
  toRawJson: strict((a, ctx) => val(JSON.stringify(plain(a[0]?.v, ctx.origin, ctx.marker)) ?? "null")),
  fromYaml: strict((a) => {
    try {
      const v = loadYamlData(str(a[0]), { schema: "go-yaml" });
      return val(isPlainObject(v) ? v : {});
    } catch (e) {
      return val({ Error: (e as Error).message });
    }
  }),
  fromYamlArray: strict((a) => {
    try {
      const v = loadYamlData(str(a[0]), { schema: "go-yaml" });
      return val(Array.isArray(v) ? v : []);
    } catch {
      return val([]);
    }
  }),
  fromJson: strict((a) => {
    try {
      return val(JSON.parse(str(a[0])) as unknown);
    } catch (e) {
      return val({ Error: (e as Error).message });
    }
  }),
  lookup: () => val({}),

  // Sprig: defaults and logic
  default: (a) => {
    const given = a[1];
    if (given && given.v instanceof Unresolved) return given;
    return given && isTruthy(given.v) ? given : (a[0] ?? val(null));
  },
  empty: (a) => {
    const v = a[0]?.v;
    if (v instanceof Unresolved) return v.nonEmpty ? val(false) : (a[0] as Val);
    return val(!isTruthy(v));
  },
  coalesce: (a) => a.find((x) => x.v instanceof Unresolved || isTruthy(x.v)) ?? val(null),
  ternary: strict((a) => (isTruthy(a[2]?.v) ? (a[0] ?? val(null)) : (a[1] ?? val(null)))),
  all: strict((a) => val(a.every((x) => isTruthy(x.v)))),
  any: strict((a) => val(a.some((x) => isTruthy(x.v)))),
  fail_: (a, ctx) => val(ctx.unresolved(str(a[0]))),

  // Sprig: strings
  // Sprig v3 (Helm 3's) leaves nil arguments out: `quote .Values.unset` is "", empty, not `""`
  // (external-dns tests `not (quote .Values.automountServiceAccountToken | empty)`).
  quote: scalar((a) => val(a.filter((x) => x.v !== null && x.v !== undefined).map((x) => JSON.stringify(formatValue(x.v))).join(" "), a[0]?.o), true),
  squote: strict((a) => val(a.filter((x) => x.v !== null && x.v !== undefined).map((x) => `'${formatValue(x.v)}'`).join(" "), a[0]?.o), true),
  // Sprig's strval is fmt's %v: a value the chart does not set is "<nil>", not empty.
  toString: strict((a) => val(a[0]?.v === null || a[0]?.v === undefined ? "<nil>" : str(a[0]), a[0]?.o), true),
  toStrings: strict((a) => val(list(a[0]).map((x) => formatValue(x)))),
  trim: strict((a) => (a[0]?.v instanceof LStr ? val(a[0].v.trim(), a[0].o) : val(str(a[0]).trim(), a[0]?.o))),
  trimAll: strict((a) => {
    const cut = str(a[0]);
    let s = str(a[1]);
    while (cut && s.length > 0 && cut.includes(s[0] as string)) s = s.slice(1);
    while (cut && s.length > 0 && cut.includes(s[s.length - 1] as string)) s = s.slice(0, -1);
    return val(s, a[1]?.o);
  }),
  trimPrefix: strict((a) => val(str(a[1]).startsWith(str(a[0])) ? str(a[1]).slice(str(a[0]).length) : str(a[1]), a[1]?.o)),
  trimSuffix: strict((a) => val(str(a[0]) && str(a[1]).endsWith(str(a[0])) ? str(a[1]).slice(0, -str(a[0]).length) : str(a[1]), a[1]?.o)),
  upper: strict((a) => val(str(a[0]).toUpperCase(), a[0]?.o), true),
  lower: strict((a) => val(str(a[0]).toLowerCase(), a[0]?.o), true),
  title: strict((a) => val(str(a[0]).replace(/\b[a-z]/g, (c) => c.toUpperCase()), a[0]?.o)),
  untitle: strict((a) => val(str(a[0]).replace(/\b[A-Z]/g, (c) => c.toLowerCase()), a[0]?.o)),
  repeat: strict((a, ctx) => {
    const s = str(a[1]);
    const n = Math.max(0, Math.min(num(a[0]), MAX_STRING));
    // Measured before it is built: `repeat 100000 (repeat 100000 "a")` is ten billion characters.
    if (s.length * n > MAX_STRING) throw new RenderError("a string grew past 1 MiB", ctx.origin);
    return val(s.repeat(n));
  }),
  substr: strict((a) => val(str(a[2]).slice(num(a[0]), num(a[1]) < 0 ? undefined : num(a[1])))),
  nospace: strict((a) => val(str(a[0]).replace(/\s/g, ""))),
  trunc: strict((a) => {
    const n = num(a[0]);
    const s = str(a[1]);
    return val(n >= 0 ? s.slice(0, n) : s.slice(Math.max(0, s.length + n)), a[1]?.o);
  }),
  abbrev: strict((a) => val(abbreviate(str(a[1]), 0, num(a[0])))),
  abbrevboth: strict((a) => val(abbreviate(str(a[2]), num(a[0]), num(a[1])))),
  contains: strict((a) => val(str(a[1]).includes(str(a[0])))),
  hasPrefix: strict((a) => val(str(a[1]).startsWith(str(a[0])))),
  hasSuffix: strict((a) => val(str(a[1]).endsWith(str(a[0])))),
  cat: strict((a) => val(a.filter((x) => x.v !== null && x.v !== undefined).map((x) => formatValue(x.v)).join(" "))),
  indent: (a) => {
    if (a[0]?.v instanceof Unresolved) return a[0];
    const pad = " ".repeat(Math.max(0, Math.min(num(a[0]), 1000)));
    // A missing template's text, indented, is a block: written after `key:` (`spec:` then
    // `{{- include "x" . | indent 6 }}`), its real text opens with a line break, so the marker
    // goes on a line of its own (a blank line where none was needed is nothing to YAML).
    if (a[1]?.v instanceof Unresolved) return val(a[1].v.withLead(a[1].v.opaque ? `\n${pad}` : pad), a[1].o);
    const s = a[1]?.v instanceof LStr ? a[1].v : new LStr([{ text: str(a[1]), origin: a[1]?.o }]);
    return val(s.indent(pad), a[1]?.o);
  },
  nindent: (a) => {
    if (a[0]?.v instanceof Unresolved) return a[0];
    const pad = " ".repeat(Math.max(0, Math.min(num(a[0]), 1000)));
    if (a[1]?.v instanceof Unresolved) return val(a[1].v.withLead(`\n${pad}`), a[1].o);
    const s = a[1]?.v instanceof LStr ? a[1].v : new LStr([{ text: str(a[1]), origin: a[1]?.o }]);
    return val(LStr.concat([{ text: "\n", origin: undefined }, s.indent(pad)]), a[1]?.o);
  },
  replace: strict((a, ctx) => val(bounded(str(a[2]).split(str(a[0])).join(str(a[1])), ctx), a[2]?.o)),
  plural: strict((a) => val(num(a[2]) === 1 ? str(a[0]) : str(a[1]))),
  snakecase: strict((a) => val(str(a[0]).replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[-\s]+/g, "_").toLowerCase())),
  kebabcase: strict((a) => val(str(a[0]).replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/[_\s]+/g, "-").toLowerCase())),
  camelcase: strict((a) => val(str(a[0]).replace(/(?:^|[_-])([a-z])/g, (_m, c: string) => c.toUpperCase()))),
  wrap: strict((a) => val(str(a[1]))),
  regexMatch: strict((a, ctx) => {
    // A pattern the backtracking engine could hang on is matched by the linear-time one when it knows its syntax.
    const linear = riskyRegex(str(a[0])) ? linearRegex(str(a[0])) : undefined;
    if (linear) {
      const text = str(a[1]);
      return text.length * linear.size > MAX_LINEAR_WORK ? val(ctx.unresolved(`regular expression ${JSON.stringify(str(a[0]).slice(0, 40))} not run on ${text.length} characters`)) : val(linear.test(text));
    }
    const re = regex(str(a[0]), "", ctx);
    const text = re instanceof Unresolved ? re : subjectFor(re, str(a[1]), ctx);
    return re instanceof Unresolved || text instanceof Unresolved ? val(text) : val(re.test(text));
  }),
  regexFind: strict((a, ctx) => {
    const re = regex(str(a[0]), "", ctx);
    const text = re instanceof Unresolved ? re : subjectFor(re, str(a[1]), ctx);
    return re instanceof Unresolved || text instanceof Unresolved ? val(text) : val(re.exec(text)?.[0] ?? "");
  }),
  regexReplaceAll: strict((a, ctx) => {
    const re = regex(str(a[0]), "g", ctx);
    const text = re instanceof Unresolved ? re : subjectFor(re, str(a[1]), ctx);
    return re instanceof Unresolved || text instanceof Unresolved ? val(text) : val(text.replace(re, str(a[2]).replace(/\$\{?(\d)\}?/g, "$$$1")));
  }),
  regexReplaceAllLiteral: strict((a, ctx) => {
    const re = regex(str(a[0]), "g", ctx);
    const text = re instanceof Unresolved ? re : subjectFor(re, str(a[1]), ctx);
    return re instanceof Unresolved || text instanceof Unresolved ? val(text) : val(text.replace(re, () => str(a[2])));
  }),
  split: strict((a) => val(Object.fromEntries(str(a[1]).split(str(a[0])).map((p, i) => [`_${i}`, p])))),
  splitList: strict((a) => val(str(a[1]).split(str(a[0])))),
  splitn: strict((a) => val(Object.fromEntries(str(a[2]).split(str(a[0])).slice(0, num(a[1])).map((p, i) => [`_${i}`, p])))),
  // Sprig leaves nil items out.
  join: strict((a) => val(list(a[1]).filter((x) => x !== null && x !== undefined).map((x) => formatValue(x)).join(str(a[0])))),
  sortAlpha: strict((a) => val([...list(a[0])].map((x) => formatValue(x)).sort())),
  b64enc: scalar((a) => val(Buffer.from(str(a[0])).toString("base64")), true),
  b64dec: strict((a) => val(Buffer.from(str(a[0]), "base64").toString("utf8"))),
  b32enc: strict((a) => val(str(a[0]))),
  sha256sum: scalar((a) => val(createHash("sha256").update(str(a[0])).digest("hex")), true),
  sha512sum: scalar((a) => val(createHash("sha512").update(str(a[0])).digest("hex")), true),
  sha1sum: scalar((a) => val(createHash("sha1").update(str(a[0])).digest("hex")), true),
  adler32sum: scalar((a) => val(String(str(a[0]).length))),
  randAlphaNum: generated("a random value, different on every install", 0),
  randAlpha: generated("a random value, different on every install", 0),
  randNumeric: generated("a random value, different on every install", 0),
  randAscii: generated("a random value, different on every install", 0),
  randBytes: randomValue,
  uuidv4: generated("a random value, different on every install"),
  genPrivateKey: generated("a private key generated on every install"),
  genCA: certificate,
  genSelfSignedCert: certificate,
  genSignedCert: certificate,
  derivePassword: randomValue,
  htpasswd: generated("a password hash, different on every install"),
  now: (_a, ctx) => val(ctx.unresolved("the time of rendering")),
  date: strict((a) => val(str(a[1]))),
  dateInZone: strict((a) => val(str(a[1]))),
  env: () => val(""),
  expandenv: strict((a) => val(str(a[0]))),
  base: strict((a) => val(str(a[0]).split("/").pop() ?? "")),
  dir: strict((a) => val(str(a[0]).split("/").slice(0, -1).join("/") || ".")),
  ext: strict((a) => val(/\.[^./]*$/.exec(str(a[0]))?.[0] ?? "")),
  clean: strict((a) => val(str(a[0]))),
  isAbs: strict((a) => val(str(a[0]).startsWith("/"))),

  // Sprig: numbers. Its integer math gives Go ints (int64), its `…f` math and rounding float64s.
  atoi: strict((a) => val(/^[+-]?\d{1,19}$/.test(str(a[0])) ? goInt(BigInt(str(a[0]))) : 0n)),
  int: strict((a) => int(toInt64(a[0]))),
  int64: strict((a) => int(toInt64(a[0]))),
  float64: strict((a) => val(toFloat64(a[0]))),
  toDecimal: strict((a) => val(/^[0-7]{1,21}$/.test(str(a[0])) ? goInt(BigInt(`0o${str(a[0])}`)) : 0n)),
  add: strict((a) => int(a.reduce((s, x) => s + toInt64(x), 0n))),
  add1: strict((a) => int(toInt64(a[0]) + 1n)),
  sub: strict((a) => int(toInt64(a[0]) - toInt64(a[1]))),
  mul: strict((a) => int(a.reduce((s, x) => s * toInt64(x), 1n))),
  div: strict((a, ctx) => {
    if (toInt64(a[1]) === 0n) throw new RenderError("division by zero", ctx.origin);
    return int(toInt64(a[0]) / toInt64(a[1]));
  }),
  mod: strict((a, ctx) => {
    if (toInt64(a[1]) === 0n) throw new RenderError("division by zero", ctx.origin);
    return int(toInt64(a[0]) % toInt64(a[1]));
  }),
  max: strict((a) => int(a.map(toInt64).reduce((m, x) => (x > m ? x : m)))),
  min: strict((a) => int(a.map(toInt64).reduce((m, x) => (x < m ? x : m)))),
  floor: strict((a) => val(Math.floor(toFloat64(a[0])))),
  ceil: strict((a) => val(Math.ceil(toFloat64(a[0])))),
  // Sprig's round: to `precision` decimals, up from a fraction of .5 (or the third argument).
  round: strict((a) => {
    const pow = 10 ** num(a[1]);
    const digit = pow * toFloat64(a[0]);
    const frac = digit - Math.trunc(digit);
    return val((frac >= (a[2] ? toFloat64(a[2]) : 0.5) ? Math.ceil(digit) : Math.floor(digit)) / pow);
  }),
  until: strict((a) => {
    const n = Math.min(num(a[0]), 10_000);
    // Sprig counts down to a negative count.
    return val(Array.from({ length: Math.abs(Math.trunc(n)) }, (_x, i) => BigInt(n < 0 ? -i : i)));
  }),
  untilStep: strict((a) => {
    const out: bigint[] = [];
    const step = num(a[2]);
    if (step === 0) return val(out);
    for (let i = num(a[0]); step > 0 ? i < num(a[1]) : i > num(a[1]); i += step) if (out.push(BigInt(Math.trunc(i))) > 10_000) break;
    return val(out);
  }),
  seq: strict((a) => {
    const [from, to] = a.length === 1 ? [1, num(a[0])] : [num(a[0]), num(a[a.length - 1])];
    const out: number[] = [];
    for (let i = from; i <= to && out.length < 10_000; i++) out.push(i);
    return val(out.join(" "));
  }),

  // Sprig: lists
  list: (a) => val(a.map((x) => x.v)),
  tuple: (a) => val(a.map((x) => x.v)),
  first: strict((a) => val(list(a[0])[0] ?? null)),
  last: strict((a) => val(list(a[0]).at(-1) ?? null)),
  rest: strict((a) => val(list(a[0]).slice(1))),
  initial: strict((a) => val(list(a[0]).slice(0, -1))),
  append: strict((a, ctx) => val([...grown(list(a[0]), 1, ctx), a[1]?.v])),
  push: strict((a, ctx) => val([...grown(list(a[0]), 1, ctx), a[1]?.v])),
  prepend: strict((a, ctx) => val([a[1]?.v, ...grown(list(a[0]), 1, ctx)])),
  concat: strict((a, ctx) => {
    grown([], a.reduce((n, x) => n + list(x).length, 0), ctx);
    return val(a.flatMap((x) => list(x)));
  }),
  reverse: strict((a) => val([...list(a[0])].reverse())),
  uniq: strict((a, ctx) => (list(a[0]).length ** 2 > MAX_LINEAR_WORK ? val(ctx.unresolved(`uniq of ${list(a[0]).length} items not evaluated`)) : val(list(a[0]).filter((x, i, all) => all.findIndex((y) => deepEqualGo(x, y)) === i)))),
  without: strict((a) => val(list(a[0]).filter((x) => !a.slice(1).some((y) => deepEqualGo(x, y.v))))),
  has: strict((a) => val(list(a[1]).some((x) => deepEqualGo(x, a[0]?.v)))),
  compact: strict((a) => val(list(a[0]).filter((x) => isTruthy(x)))),
  slice: strict((a) => {
    const v = a[0]?.v;
    const from = a[1] ? num(a[1]) : 0;
    const to = a[2] ? num(a[2]) : undefined;
    return typeof v === "string" ? val(v.slice(from, to)) : val(list(a[0]).slice(from, to));
  }),

  // Sprig: dictionaries
  dict: (a) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < a.length; i += 2) {
      out[str(a[i])] = a[i + 1]?.v;
      storeOrigin(out, str(a[i]), a[i + 1]?.o);
    }
    if (a.length % 2 === 1) out[str(a[a.length - 1])] = "";
    return val(out);
  },
  get: strict((a) => {
    const m = a[0]?.v;
    return isPlainObject(m) ? val(m[str(a[1])] ?? "") : val("");
  }),
  set: strict((a) => {
    const m = a[0]?.v;
    if (isPlainObject(m)) {
      m[str(a[1])] = a[2]?.v;
      storeOrigin(m, str(a[1]), a[2]?.o);
    }
    return val(m);
  }),
  unset: strict((a) => {
    const m = a[0]?.v;
    if (isPlainObject(m)) delete m[str(a[1])];
    return val(m);
  }),
  hasKey: strict((a) => {
    const m = a[0]?.v;
    return val(isPlainObject(m) && Object.prototype.hasOwnProperty.call(m, str(a[1])));
  }),
  keys: strict((a) => val(a.flatMap((x) => (isPlainObject(x.v) ? Object.keys(x.v) : [])))),
  values: strict((a) => val(isPlainObject(a[0]?.v) ? Object.values(a[0].v as Record<string, unknown>) : [])),
  pluck: strict((a) => val(a.slice(1).flatMap((m) => (isPlainObject(m.v) && str(a[0]) in m.v ? [m.v[str(a[0])]] : [])))),
  pick: strict((a) => {
    const m = a[0]?.v;
    if (!isPlainObject(m)) return val({});
    const keep = new Set(a.slice(1).map((k) => str(k)));
    return val(subsetOf(m, (k) => keep.has(k)));
  }),
  omit: strict((a) => {
    const m = a[0]?.v;
    if (!isPlainObject(m)) return val({});
    const drop = new Set(a.slice(1).map((k) => str(k)));
    return val(subsetOf(m, (k) => !drop.has(k)));
  }),
  dig: strict((a) => {
    const keys = a.slice(0, -2).map((k) => str(k));
    let cur: unknown = a[a.length - 1]?.v;
    for (const k of keys) cur = isPlainObject(cur) ? cur[k] : undefined;
    return cur === undefined ? (a[a.length - 2] ?? val(null)) : val(cur);
  }),
  merge: strict((a, ctx) => {
    // A nil map (a value the chart does not set) is made anew, as mergo makes it.
    const dst = a[0]?.v ?? {};
    if (!isPlainObject(dst)) return val(dst);
    for (const s of a.slice(1)) {
      if (!isPlainObject(s.v)) continue;
      walkable(s.v, ctx.origin);
      mergeInto(dst, s.v, false);
    }
    return val(dst, a[0]?.o);
  }),
  mergeOverwrite: strict((a, ctx) => {
    const dst = a[0]?.v ?? {};
    if (!isPlainObject(dst)) return val(dst);
    for (const s of a.slice(1)) {
      if (!isPlainObject(s.v)) continue;
      walkable(s.v, ctx.origin);
      mergeInto(dst, s.v, true);
    }
    return val(dst, a[0]?.o);
  }),
  deepCopy: strict((a, ctx) => {
    walkable(a[0]?.v, ctx.origin);
    return val(deepCopy(a[0]?.v), a[0]?.o);
  }),
  deepEqual: strict((a) => val(deepEqualGo(a[0]?.v, a[1]?.v))),
  kindOf: strict((a) => val(kindOf(a[0]?.v))),
  // A Go int here may be an int or an int64 (`len` gives one, `add` the other): either name fits it.
  kindIs: strict((a) => val(kindOf(a[1]?.v) === str(a[0]) || (str(a[0]) === "int64" && isGoInt(a[1]?.v)))),
  typeOf: strict((a) => val(printf("%T", [a[0]?.v]))),
  typeIs: strict((a) => val(printf("%T", [a[1]?.v]) === str(a[0]))),
  semverCompare: strict((a) => val(semverSatisfies(str(a[0]), str(a[1])))),
  semver: strict((a) => {
    const p = semverParts(str(a[0])) ?? [0, 0, 0];
    return val({ Major: BigInt(p[0] ?? 0), Minor: BigInt(p[1] ?? 0), Patch: BigInt(p[2] ?? 0), Original: str(a[0]) });
  }),
};

const unknownAt =
  (what: string): Fn =>
  (_a, ctx) =>
    val(ctx.unresolved(what));
Object.assign(FUNCTIONS, {
  regexSplit: strict((a, ctx) => {
    const re = regex(str(a[0]), "", ctx);
    if (re instanceof Unresolved) return val(re);
    const text = subjectFor(re, str(a[1]), ctx);
    if (text instanceof Unresolved) return val(text);
    const parts = text.split(re);
    const n = num(a[2]);
    return val(n > 0 ? parts.slice(0, n) : parts);
  }),
  regexFindAll: strict((a, ctx) => {
    const re = regex(str(a[0]), "g", ctx);
    if (re instanceof Unresolved) return val(re);
    const text = subjectFor(re, str(a[1]), ctx);
    if (text instanceof Unresolved) return val(text);
    const all = text.match(re) ?? [];
    const n = num(a[2]);
    return val(n > 0 ? all.slice(0, n) : all);
  }),
  regexQuoteMeta: strict((a) => val(str(a[0]).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))),
  fromJsonArray: strict((a) => {
    try {
      const v = JSON.parse(str(a[0])) as unknown;
      return val(Array.isArray(v) ? v : []);
    } catch {
      return val([]);
    }
  }),
  toToml: unknownAt("TOML output is not rendered statically"),
  urlParse: strict((a) => {
    try {
      const u = new URL(str(a[0]));
      return val({ scheme: u.protocol.replace(/:$/, ""), host: u.host, hostname: u.hostname, port: u.port, path: u.pathname, query: u.search.replace(/^\?/, ""), fragment: u.hash.replace(/^#/, ""), userinfo: u.username });
    } catch {
      return val({});
    }
  }),
  urlJoin: strict((a) => val(isPlainObject(a[0]?.v) ? urlJoin(a[0].v) : "")),
  getHostByName: unknownAt("a DNS lookup at render time"),
  toDate: strict((a) => val(str(a[1]))),
  mustToDate: strict((a) => val(str(a[1]))),
  dateModify: strict((a) => val(str(a[1]))),
  ago: unknownAt("the time of rendering"),
  unixEpoch: unknownAt("the time of rendering"),
  duration: strict((a) => val(`${num(a[0])}s`)),
  durationRound: strict((a) => val(str(a[0]))),
  typeIsLike: strict((a) => val(printf("%T", [a[1]?.v]).includes(str(a[0]).replace(/^\*/, "")))),
  initials: strict((a) => val(str(a[0]).split(/\s+/).map((w) => w.charAt(0)).join(""))),
  shuffle: randomValue,
  wrapWith: strict((a) => val(str(a[2]))),
  b32dec: strict((a) => val(str(a[0]))),
  bcrypt: generated("a password hash, different on every install"),
  encryptAES: randomValue,
  decryptAES: unknownAt("decryption with a key given at install time"),
  swapcase: strict((a) => val([...str(a[0])].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""))),
});

// Sprig's `must…` variants return an error instead of panicking; statically they are the same.
for (const name of ["toYaml", "toJson", "toPrettyJson", "toRawJson", "fromYaml", "fromJson", "fromJsonArray", "regexSplit", "regexFindAll", "append", "prepend", "first", "last", "rest", "initial", "reverse", "uniq", "without", "has", "compact", "slice", "merge", "mergeOverwrite", "deepCopy", "regexMatch", "regexFind", "regexReplaceAll", "regexReplaceAllLiteral", "push", "date", "dateInZone"]) {
  const f = FUNCTIONS[name] as Fn;
  FUNCTIONS[`must${name[0]?.toUpperCase()}${name.slice(1)}`] = f;
}
FUNCTIONS["toYamlPretty"] = FUNCTIONS["toYaml"] as Fn;
// Sprig's aliases, and its float math: float64 results, as JavaScript's numbers are.
Object.assign(FUNCTIONS, {
  trimall: FUNCTIONS["trimAll"],
  date_in_zone: FUNCTIONS["dateInZone"],
  htmlDate: FUNCTIONS["date"],
  htmlDateInZone: FUNCTIONS["dateInZone"],
  biggest: FUNCTIONS["max"],
  maxf: strict((a) => val(Math.max(...a.map(toFloat64)))),
  minf: strict((a) => val(Math.min(...a.map(toFloat64)))),
  addf: strict((a) => val(a.reduce((s, x) => s + toFloat64(x), 0))),
  add1f: strict((a) => val(toFloat64(a[0]) + 1)),
  subf: strict((a) => val(a.slice(1).reduce((s, x) => s - toFloat64(x), toFloat64(a[0])))),
  mulf: strict((a) => val(a.slice(1).reduce((s, x) => s * toFloat64(x), toFloat64(a[0])))),
  divf: strict((a, ctx) => {
    if (a.slice(1).some((x) => toFloat64(x) === 0)) throw new RenderError("division by zero", ctx.origin);
    return val(a.slice(1).reduce((s, x) => s / toFloat64(x), toFloat64(a[0])));
  }),
  chunk: strict((a) => {
    const size = Math.max(1, Math.min(num(a[0]), 10_000));
    const items = list(a[1]);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return val(out);
  }),
  randInt: randomValue,
  genCAWithKey: certificate,
  genSelfSignedCertWithKey: certificate,
  genSignedCertWithKey: certificate,
  buildCustomCert: certificate,
  hello: () => val("Hello!"),
  date_modify: FUNCTIONS["dateModify"],
  mustDateModify: FUNCTIONS["dateModify"],
  osBase: FUNCTIONS["base"],
  osClean: FUNCTIONS["clean"],
  osDir: FUNCTIONS["dir"],
  osExt: FUNCTIONS["ext"],
  osIsAbs: FUNCTIONS["isAbs"],
} satisfies Record<string, Fn | undefined>);
FUNCTIONS["mustChunk"] = FUNCTIONS["chunk"] as Fn;
delete FUNCTIONS["fail_"];

/**
 * Sprig's `abbrev`/`abbrevboth` (goutils' AbbreviateFull): at most `width` characters, "..." marking
 * what was cut, the kept window starting near `offset`; a width under 4 (7 when cutting both sides)
 * is an error Sprig swallows into "".
 */
export function abbreviate(s: string, offset: number, width: number): string {
  if (width < 4) return "";
  if (s.length <= width) return s;
  let off = Math.min(offset, s.length);
  if (s.length - off < width - 3) off = s.length - (width - 3);
  if (off <= 4) return s.slice(0, width - 3) + "...";
  if (width < 7) return "";
  if (off + width - 3 < s.length) return "..." + abbreviate(s.slice(off), 0, width - 3);
  return "..." + s.slice(s.length - (width - 3));
}

/** Sprig's `urlJoin`: the URL a dict of `urlParse`'s keys names, written the way Go's net/url does. */
function urlJoin(m: Record<string, unknown>): string {
  const part = (k: string) => formatValue(m[k] ?? "");
  const [scheme, host, path, query, fragment, user, opaque] = ["scheme", "host", "path", "query", "fragment", "userinfo", "opaque"].map(part) as [string, string, string, string, string, string, string];
  let out = scheme ? `${scheme}:` : "";
  if (opaque) out += opaque;
  else {
    if (scheme || host || user) out += `//${user ? `${user}@` : ""}${host}`;
    out += path && host && !path.startsWith("/") ? `/${path}` : path;
  }
  if (query) out += `?${query}`;
  if (fragment) out += `#${fragment}`;
  return out;
}

/** Go's encoding/json escapes `<`, `>`, `&` and the line separators in strings (`toJson`, not `toRawJson`). */
const htmlSafe = (json: string): string => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A value with located strings flattened and map keys sorted, as Go's encoding/json writes it; an unknown value is its marker. */
function plain(v: unknown, origin: Origin | undefined, marker?: (u: Unresolved) => string): unknown {
  walkable(v, origin);
  return plainWalked(v, 0, marker);
}

function plainWalked(v: unknown, depth: number, marker?: (u: Unresolved) => string): unknown {
  if (depth > 100) return null;
  if (v instanceof LStr) return v.toString();
  if (v instanceof Unresolved) return marker ? marker(v) : null;
  // JSON has one kind of number; a Go int is written whole as a float64 of the same value would be.
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map((x) => plainWalked(x, depth + 1, marker));
  if (isPlainObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, plainWalked(v[k], depth + 1, marker)]));
  return v;
}
