import { childrenOf, isConstant, MAX_EXPRESSION_NODES, type Expr } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { parsedExpressions } from "./lib/expressions-in.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unsound-ternary",
    title: "Pseudo-ternary expression whose true value is falsy, so it always yields the fallback",
    severity: "low",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "Expressions have no `?:`, so workflows write `${{ cond && 'a' || 'b' }}`. That works only when `'a'` is truthy: `&&` yields its right side, and when that is `''`, `0`, `false` or `null` the `||` goes on to `'b'`. `${{ github.event_name == 'push' && '' || '--dry-run' }}` is `--dry-run` on every event, push included, so a publish step that was meant to run for real never does, or a safety flag meant to be dropped never is. zizmor's unsound-ternary audit reports the same pattern, at low severity.",
    remediation:
      "Put the truthy value on the `&&` side by inverting the condition (`${{ github.event_name != 'push' && '--dry-run' || '' }}`), or use `case(cond, '', '--dry-run')`, whose result does not depend on truthiness.",
    references: [
      { title: "GitHub: Evaluate expressions, operators", url: "https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#operators" },
      { title: "zizmor: unsound-ternary", url: "https://docs.zizmor.sh/audits/#unsound-ternary" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const { path, found: f } of parsedExpressions(inputs.workflows, inputs.actions)) {
      for (const v of unsoundTrueValues(f.expr)) {
        const shown = clip(f.fenced.inner, 100);
        const value = clip(f.fenced.inner.slice(v.start, v.end), 40);
        ctx.report({
          message: `\`\${{ ${shown} }}\` in ${path} never yields \`${value}\`: when the condition before it holds, \`${value}\` is falsy, so \`||\` goes on to the value after it`,
          locations: [at(path, f.str.spanOf(f.fenced.innerStart + v.start, f.fenced.innerStart + v.end))],
          key: `ternary:${clip(f.fenced.inner.trim(), 100)}:${v.start}`,
          fix: "invert the condition so the truthy value comes after `&&`, or use `case(cond, a, b)`",
        });
      }
    }
  },
};

/**
 * The falsy constants written as the true value of a `cond && value || other` inside `e`, as
 * zizmor finds them: in every `||` chain (`a || b && '' || c` included), in call arguments and
 * indexes; an expression that is constant as a whole is not a mistake of this kind.
 */
export function unsoundTrueValues(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < MAX_EXPRESSION_NODES; n++) {
    const cur = stack.pop() as Expr;
    if (isConstant(cur)) continue;
    if (cur.kind === "binary" && cur.op === "||") {
      const operands = orOperands(cur);
      for (const op of operands.slice(0, -1)) if (op.kind === "binary" && op.op === "&&" && isFalsy(op.right)) out.push(op.right);
      stack.push(...[...operands].reverse());
      continue;
    }
    stack.push(...[...childrenOf(cur)].reverse());
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The operands of a `||` chain, parentheses flattened, stopping at constant parts (which evaluate as a whole). */
function orOperands(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < MAX_EXPRESSION_NODES; n++) {
    const cur = stack.pop() as Expr;
    if (cur.kind === "binary" && cur.op === "||" && !isConstant(cur)) stack.push(cur.right, cur.left);
    else out.push(cur);
  }
  return out;
}

type Value = string | number | boolean | null;

/** True when `e` always evaluates to a falsy value (`''`, `0`, `false`, `null`, `fromJSON('false')`, `format('')`). */
function isFalsy(e: Expr): boolean {
  const v = constValue(e, 0);
  return v !== undefined && !truthy(v.value);
}

function truthy(v: Value): boolean {
  return !(v === null || v === false || v === "" || v === 0 || (typeof v === "number" && Number.isNaN(v)));
}

/** The value of a constant expression, when this small evaluator knows it; undefined otherwise. */
function constValue(e: Expr, depth: number): { value: Value } | undefined {
  if (depth > 32) return undefined;
  switch (e.kind) {
    case "literal":
      if (e.type === "string") return { value: e.value };
      if (e.type === "number") return { value: Number(e.value) };
      if (e.type === "boolean") return { value: e.value === "true" };
      return { value: null };
    case "not": {
      const v = constValue(e.operand, depth + 1);
      return v && { value: !truthy(v.value) };
    }
    case "binary": {
      if (e.op !== "&&" && e.op !== "||") return undefined;
      const l = constValue(e.left, depth + 1);
      if (!l) return undefined;
      if (e.op === "&&" ? !truthy(l.value) : truthy(l.value)) return l;
      return constValue(e.right, depth + 1);
    }
    case "call": {
      const args: Value[] = [];
      for (const a of e.args) {
        const v = constValue(a, depth + 1);
        if (!v) return undefined;
        args.push(v.value);
      }
      const name = e.name.toLowerCase();
      if (name === "fromjson" && args.length === 1 && typeof args[0] === "string") return fromJsonScalar(args[0]);
      if (name === "format" && args.length >= 1 && typeof args[0] === "string") return formatted(args[0], args.slice(1));
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `fromJSON` of a JSON scalar; objects and arrays (always truthy) and malformed text give undefined. */
function fromJsonScalar(text: string): { value: Value } | undefined {
  if (text.length > 200) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? { value: v } : undefined;
  } catch {
    return undefined;
  }
}

/** `format(template, …args)`: `{N}` replaced, `{{`/`}}` unescaped; undefined for a template GitHub would reject. */
function formatted(template: string, args: readonly Value[]): { value: Value } | undefined {
  if (template.length > 500) return undefined;
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if ((c === "{" || c === "}") && template[i + 1] === c) {
      out += c;
      i++;
    } else if (c === "{") {
      const close = template.indexOf("}", i);
      const index = close < 0 ? NaN : Number(template.slice(i + 1, close));
      if (!Number.isInteger(index) || index < 0 || index >= args.length) return undefined;
      const a = args[index] as Value;
      out += a === null ? "" : String(a);
      i = close;
    } else if (c === "}") return undefined;
    else out += c;
  }
  return { value: out };
}
