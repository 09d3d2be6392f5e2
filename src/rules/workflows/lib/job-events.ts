// Which of a workflow's triggers can run one of its jobs: a job whose condition tests
// `github.event_name` (`if: github.event_name == 'push'`) never runs for the other events, so a
// `pull_request_target` trigger beside `push` does not expose it to forks (rudder's release job).

import { accessPath, parseExpression, type Expr, type Job } from "../../../ecosystems/github-actions/index.js";

/**
 * The events of `events` that can run `job`: those its condition (and, unless it runs regardless with
 * `always()`, the conditions of the jobs it needs) lets through. All of them when the condition does
 * not parse or does not test the event's name.
 */
export function jobEvents(job: Job | undefined, jobs: readonly Job[], events: readonly string[], depth = 0): readonly string[] {
  if (!job || depth > 8) return events;
  // Read once per job, events and depth: jobs that each need many others (a hostile DAG) would otherwise make
  // this walk exponential in its depth bound.
  const key = `${depth}\u0000${events.join(",")}`;
  let memo = eventsMemo.get(job);
  const hit = memo?.get(key);
  if (hit) return hit;
  const out = computeJobEvents(job, jobs, events, depth);
  if (!memo) eventsMemo.set(job, (memo = new Map()));
  memo.set(key, out);
  return out;
}

const eventsMemo = new WeakMap<Job, Map<string, readonly string[]>>();

function computeJobEvents(job: Job, jobs: readonly Job[], events: readonly string[], depth: number): readonly string[] {
  const cond = job.if?.value ?? "";
  let allowed = events;
  const own = ownTest(job, cond);
  if (own) allowed = allowed.filter((e) => own(e));
  // A job runs only after the jobs it needs succeeded, so it inherits their limits unless it runs regardless.
  if (/\b(?:always|failure|cancelled)\s*\(/.test(cond)) return allowed;
  for (const id of job.needs) {
    const need = jobs.find((j) => j.id === id);
    if (!need) continue;
    const theirs = new Set(jobEvents(need, jobs, events, depth + 1));
    allowed = allowed.filter((e) => theirs.has(e));
  }
  return allowed;
}

/** A test of which events pass a condition; undefined when it does not limit them. */
type EventTest = (event: string) => boolean;

/** Each job's own test, read once: every step of every rule asks for its job's events. */
const tests = new WeakMap<Job, EventTest | null>();

function ownTest(job: Job, cond: string): EventTest | undefined {
  let t = tests.get(job);
  if (t === undefined) tests.set(job, (t = conditionEvents(cond) ?? null));
  return t ?? undefined;
}

/** The events a condition lets through, read on its parsed expression: `&&` keeps what both sides allow, `||` what either does. */
function conditionEvents(cond: string): EventTest | undefined {
  const text = cond.slice(0, 4000).trim();
  if (!/event_name/.test(text)) return undefined;
  const inner = /^\$\{\{([\s\S]*)\}\}$/.exec(text)?.[1] ?? text;
  const expr = parseExpression(inner);
  return expr ? limits(expr, 0) : undefined;
}

function limits(e: Expr, depth: number): EventTest | undefined {
  if (depth > 64) return undefined;
  if (e.kind === "binary" && (e.op === "&&" || e.op === "||")) {
    const l = limits(e.left, depth + 1);
    const r = limits(e.right, depth + 1);
    if (e.op === "&&") return l && r ? (ev) => l(ev) && r(ev) : (l ?? r);
    return l && r ? (ev) => l(ev) || r(ev) : undefined;
  }
  if (e.kind === "not") {
    const inside = limits(e.operand, depth + 1);
    return inside ? (ev) => !inside(ev) : undefined;
  }
  if (e.kind === "binary" && (e.op === "==" || e.op === "!=")) {
    const name = eventNameLiteral(e.left, e.right) ?? eventNameLiteral(e.right, e.left);
    if (name === undefined) return undefined;
    return e.op === "==" ? (ev) => ev === name : (ev) => ev !== name;
  }
  // `contains(fromJSON('["push","schedule"]'), github.event_name)`: one of a listed set.
  if (e.kind === "call" && e.name === "contains" && e.args.length === 2 && isEventName(e.args[1])) {
    const list = e.args[0];
    const json = list?.kind === "call" && list.name === "fromjson" && list.args[0]?.kind === "literal" ? list.args[0].value : undefined;
    const names = json === undefined ? undefined : parseNames(json);
    return names ? (ev) => names.includes(ev) : undefined;
  }
  return undefined;
}

/** The event name `literal` compares `github.event_name` with, lower-cased as GitHub compares strings. */
function eventNameLiteral(side: Expr, literal: Expr): string | undefined {
  return isEventName(side) && literal.kind === "literal" && literal.type === "string" ? literal.value.toLowerCase() : undefined;
}

function isEventName(e: Expr | undefined): boolean {
  const parts = e ? accessPath(e) : undefined;
  return parts?.length === 2 && parts[0] === "github" && parts[1] === "event_name";
}

/** A JSON array of short strings, or undefined. */
function parseNames(json: string): string[] | undefined {
  if (json.length > 2000) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v.map((x) => (x as string).toLowerCase()) : undefined;
  } catch {
    return undefined;
  }
}
