import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import { allScalars, findExpressions, parseExpression, type Expr, type FencedExpression, type Job, type Step, type Str, type Workflow } from "../../../ecosystems/github-actions/index.js";
import { parsedOnce } from "./taint.js";
import type { Action } from "../../../ecosystems/github-actions/index.js";

/** An expression found in a file: the scalar it is in, where in it, and its parse (undefined when malformed). */
export interface FoundExpression {
  str: Str;
  fenced: FencedExpression;
  expr: Expr | undefined;
}

const memo = new WeakMap<object, FoundExpression[]>();

/** Every `${{ }}` in the scalars under a node (walked once per node; each expression parsed once per scan). */
export function expressionsIn(y: YamlFile, node: unknown): FoundExpression[] {
  if (node === null || typeof node !== "object") return [];
  const hit = memo.get(node);
  if (hit) return hit;
  const out: FoundExpression[] = [];
  for (const s of allScalars(y, node, (v) => v.includes("${{"))) {
    for (const f of findExpressions(s.value)) out.push({ str: s, fenced: f, expr: parsedOnce(s.node, f.inner) });
  }
  memo.set(node, out);
  return out;
}

/** An `if:` condition with its expression: fenced (`${{ … }}`) or bare, as GitHub allows in `if:`. */
export interface Condition {
  str: Str;
  expr: Expr | undefined;
  /** Offset of the expression text inside the value. */
  offset: number;
}

/** Parses an `if:` value the way GitHub does: one fenced expression, or the whole value as a bare expression. */
export function conditionOf(s: Str): Condition {
  const trimmed = s.value.trim();
  const fenced = findExpressions(s.value);
  const only = fenced.length === 1 && trimmed.startsWith("${{") && trimmed.endsWith("}}") ? fenced[0] : undefined;
  if (only) return { str: s, expr: parseExpression(only.inner), offset: only.innerStart };
  if (fenced.length > 0) return { str: s, expr: undefined, offset: 0 };
  return { str: s, expr: parseExpression(s.value), offset: 0 };
}

/** The `if:` conditions of a job and its steps, with the file they are in. */
export function conditionsOf(job: Job): { str: Str; step?: Step }[] {
  const out: { str: Str; step?: Step }[] = [];
  if (job.if) out.push({ str: job.if });
  for (const step of job.steps) if (step.if) out.push({ str: step.if, step });
  return out;
}

/** Every workflow and action file with its YAML, for file-wide audits. */
function filesOf(workflows: readonly Workflow[], actions: readonly Action[]): { path: string; yaml: YamlFile; node: unknown }[] {
  return [...workflows.map((w) => ({ path: w.path, yaml: w.yaml, node: w.yaml.doc.contents as unknown })), ...actions.map((a) => ({ path: a.path, yaml: a.yaml, node: a.yaml.doc.contents as unknown }))];
}

/** Every well-formed `${{ }}` of every workflow and action file, with the file's path: what file-wide expression audits walk. */
export function* parsedExpressions(workflows: readonly Workflow[], actions: readonly Action[]): Generator<{ path: string; found: FoundExpression & { expr: Expr } }> {
  for (const file of filesOf(workflows, actions)) {
    for (const found of expressionsIn(file.yaml, file.node)) if (found.expr) yield { path: file.path, found: found as FoundExpression & { expr: Expr } };
  }
}

/** The expressions of a file that lie inside a node (a job), taken from the file's list. */
export function expressionsWithin(y: YamlFile, node: unknown): FoundExpression[] {
  const r = (node as { range?: [number, number] } | null)?.range;
  if (!r) return [];
  return expressionsIn(y, y.doc.contents).filter((f) => f.str.span.offset >= r[0] && f.str.span.offset < r[1]);
}
