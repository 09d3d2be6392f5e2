// What a job's `if:` demands of every run it lets through: a maintainer's approval, a head that is a
// branch of this repository, a merged pull request. Read on the parsed condition, so `||` and `!` count:
// `!contains(labels, 'skip-ci')` runs for every pull request without the label, and is no gate.

import { accessPath, parseExpression, type Expr, type Job, type Step } from "../../../ecosystems/github-actions/index.js";
import { isAction, usesName } from "./actions-data.js";

/**
 * A test a condition can require: `same-repo` (the head is a branch of this repository, or the event is one only
 * people with access start), `approval` (a label, a trusted author association, an actor on a list, an earlier
 * job's permission report), `merged` (the pull request was merged, so its merge commit is on the base branch).
 */
export type GateTest = "same-repo" | "approval" | "merged";

/** Author associations of people with write access to the repository (or its organization). */
const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(["owner", "member", "collaborator"]);

/** The other associations GitHub reports: anyone without access. */
const OUTSIDER_ASSOCIATIONS = ["contributor", "first_time_contributor", "first_timer", "mannequin", "none"];

/** Events only people with write access (or GitHub itself, for the repository's own branches) start. */
const INSIDER_EVENTS: ReadonlySet<string> = new Set(["workflow_dispatch", "push", "schedule", "workflow_call", "release", "merge_group"]);

/** Paths naming the head repository of a pull request or of the run that triggered this one. */
const HEAD_REPO_NAMES: ReadonlySet<string> = new Set(["github.event.pull_request.head.repo.full_name", "github.event.workflow_run.head_repository.full_name"]);

/** Paths naming this repository, which a head repository equals only for the repository's own branches. */
const BASE_REPO_NAMES: ReadonlySet<string> = new Set(["github.repository", "github.event.repository.full_name", "github.event.pull_request.base.repo.full_name"]);

/** Paths that are true when the head repository is a fork. */
const FORK_FLAGS: ReadonlySet<string> = new Set(["github.event.pull_request.head.repo.fork", "github.event.workflow_run.head_repository.fork"]);

/**
 * Actions that report, without failing, whether the run's starter has write access: the output naming it, the input
 * that lowers the level asked, and whether a bare truthiness test suffices (`"1"`/`""`, not `"true"`/`"false"`).
 */
const PERMISSION_REPORTS: readonly { action: string; output: string; level: string; bare: boolean }[] = [
  { action: "scherermichael-oss/action-has-permission", output: "has-permission", level: "required-permission", bare: true },
  { action: "actions-cool/check-user-permission", output: "require-result", level: "require", bare: false },
];

const NONE: ReadonlySet<GateTest> = new Set();

/**
 * The tests every run that passes `cond` has passed: `A && B` requires what either requires, `A || B` only what
 * both do, and `!X` none of X's positive tests (`!(head.repo.full_name == github.repository)` admits forks only;
 * `!(a != b)` is `a == b`). `jobs` are the workflow's, for a condition on an earlier job's output; `steps` the
 * job's, for a step's condition on an earlier step's output. A condition that does not parse requires nothing: the
 * job is taken as open to everyone.
 */
export function requiredTests(cond: string, jobs: readonly Job[] = [], steps: readonly Step[] = []): ReadonlySet<GateTest> {
  const text = cond.slice(0, 4000).trim();
  if (text === "") return NONE;
  const fenced = /^\$\{\{([\s\S]*)\}\}$/.exec(text)?.[1];
  // Text around or between `${{ }}` makes a string, which is always true.
  if (fenced === undefined ? text.includes("${{") : fenced.includes("${{")) return NONE;
  const expr = parseExpression(fenced ?? text);
  return expr ? required(expr, true, { jobs, steps }, 0) : NONE;
}

/** What a condition may test the outputs of: the workflow's jobs, and for a step's condition its job's steps. */
interface Producers {
  jobs: readonly Job[];
  steps: readonly Step[];
}

/** What `e` requires when it is truthy (`positive`) or falsy. */
function required(e: Expr, positive: boolean, jobs: Producers, depth: number): ReadonlySet<GateTest> {
  if (depth > 64) return NONE;
  if (e.kind === "not") return required(e.operand, !positive, jobs, depth + 1);
  if (e.kind === "binary" && (e.op === "&&" || e.op === "||")) {
    const l = required(e.left, positive, jobs, depth + 1);
    const r = required(e.right, positive, jobs, depth + 1);
    // A false `A && B` needs only one side false (De Morgan), as a true `A || B` needs only one side true.
    return (e.op === "&&") === positive ? new Set([...l, ...r]) : new Set([...l].filter((t) => r.has(t)));
  }
  if (e.kind === "binary" && (e.op === "==" || e.op === "!=")) {
    // `X == true` and `X != false` are X; `X == false` and `X != true` are `!X`.
    const bool = e.right.kind === "literal" && e.right.type === "boolean" ? { other: e.left, value: e.right.value === "true" } : e.left.kind === "literal" && e.left.type === "boolean" ? { other: e.right, value: e.left.value === "true" } : undefined;
    if (bool) return required(bool.other, (bool.value === (e.op === "==")) === positive, jobs, depth + 1);
    // `!(a != b)` tests that a equals b, as `a == b` does; `a != b` and `!(a == b)` require nothing.
    if ((e.op === "==") !== positive) return NONE;
    return equalityTest(e.left, e.right, jobs) ?? equalityTest(e.right, e.left, jobs) ?? NONE;
  }
  const parts = accessPath(e);
  if (parts) return truthTest(parts.join("."), positive, jobs) ?? NONE;
  if (positive && e.kind === "call" && e.name === "contains" && e.args.length === 2) return containsTest(e.args[0] as Expr, e.args[1] as Expr) ?? NONE;
  return NONE;
}

/** What testing `side` equal to `other` requires, if anything. */
function equalityTest(side: Expr, other: Expr, jobs: Producers): ReadonlySet<GateTest> | undefined {
  const parts = accessPath(side);
  if (!parts) return undefined;
  const path = parts.join(".");
  const otherPath = accessPath(other)?.join(".");
  const literal = other.kind === "literal" && (other.type === "string" || other.type === "number") ? other.value.toLowerCase() : undefined;
  if (HEAD_REPO_NAMES.has(path) && otherPath !== undefined && BASE_REPO_NAMES.has(otherPath)) return new Set(["same-repo"]);
  if (path === "github.event_name" && literal !== undefined && INSIDER_EVENTS.has(literal)) return new Set(["same-repo"]);
  if (path === "github.event.label.name" && literal !== undefined) return new Set(["approval"]);
  // An actor named in the workflow, or the repository's owner; not one the event names (`pull_request.user.login`).
  if (isActor(path) && ((literal !== undefined && !spoofableBot(path, literal)) || otherPath === "github.repository_owner")) return new Set(["approval"]);
  if (isAssociation(parts) && literal !== undefined && TRUSTED_ASSOCIATIONS.has(literal)) return new Set(["approval"]);
  if (literal !== undefined && (literal === "true" || literal === "1") && (permissionReported(parts, jobs.jobs, true) || permissionLookedUp(parts, jobs.steps))) return new Set(["approval"]);
  return undefined;
}

/** What a bare path requires when truthy (`positive`) or falsy. */
function truthTest(path: string, positive: boolean, jobs: Producers): ReadonlySet<GateTest> | undefined {
  if (!positive) return FORK_FLAGS.has(path) ? new Set(["same-repo"]) : undefined;
  if (path === "github.event.pull_request.merged") return new Set(["merged"]);
  return permissionReported(path.split("."), jobs.jobs, false) || permissionLookedUp(path.split("."), jobs.steps) ? new Set(["approval"]) : undefined;
}

/**
 * True when `steps.<id>.outputs.<name>` is the report of an earlier step that looks up the starter's permission
 * on the repository (`getCollaboratorPermissionLevel`, `collaborators/…/permission`) and weighs write access.
 */
function permissionLookedUp(parts: readonly string[], steps: readonly Step[]): boolean {
  if (parts.length !== 4 || parts[0] !== "steps" || parts[2] !== "outputs") return false;
  const producer = steps.find((s) => s.id?.value.toLowerCase() === parts[1]);
  const text = producer?.run?.value ?? (isAction(usesName(producer?.uses), "actions/github-script") ? (producer?.with["script"]?.value ?? "") : "");
  return /collaborators\/[^\s/]{1,200}\/permission|getCollaboratorPermissionLevel/.test(text) && /\b(?:write|admin|maintain)\b/.test(text);
}

/** What `contains(list, item)` requires: a label on the pull request or issue, an actor or an association on a list. */
function containsTest(list: Expr, item: Expr): ReadonlySet<GateTest> | undefined {
  const listPath = accessPath(list);
  if (listPath && listPath.length >= 5 && listPath[0] === "github" && listPath[1] === "event" && listPath.slice(-3).join(".") === "labels.*.name" && item.kind === "literal") return new Set(["approval"]);
  const itemPath = accessPath(item);
  if (!itemPath) return undefined;
  // A list the workflow writes (a literal, `fromJSON('[…]')`, `vars.MAINTAINERS`), not one the event carries.
  if (isActor(itemPath.join(".")) && !mentionsEvent(list) && !(jsonStrings(list) ?? (list.kind === "literal" ? [list.value.toLowerCase()] : [])).some((n) => spoofableBot(itemPath.join("."), n))) return new Set(["approval"]);
  if (isAssociation(itemPath) && associationsTrusted(list)) return new Set(["approval"]);
  if (itemPath.join(".") === "github.event_name") {
    const names = jsonStrings(list);
    if (names && names.length > 0 && names.every((n) => INSIDER_EVENTS.has(n))) return new Set(["same-repo"]);
  }
  return undefined;
}

/**
 * Logins of who wrote what the run acts on: the comment, the review, the pull request. GitHub sets them from the
 * signed-in account that wrote it, so comparing one with a name the workflow writes admits only that account, as an
 * actor check does. (`github.event.sender.login` is the actor, which a bot can be made in someone else's run.)
 */
const AUTHOR_LOGINS: ReadonlySet<string> = new Set(["github.event.comment.user.login", "github.event.review.user.login", "github.event.pull_request.user.login"]);

/**
 * True when the run's actor is compared with a bot (`github.actor == 'dependabot[bot]'`): whoever pushes to a pull
 * request can make the bot act on it (a Dependabot update of the fork's branch), so the run's actor is then the bot
 * with the fork's code checked out (workflows/bot-conditions reports it). The pull request's author cannot be made one.
 */
function spoofableBot(path: string, name: string): boolean {
  return (path === "github.actor" || path === "github.triggering_actor") && name.endsWith("[bot]");
}

function isActor(path: string): boolean {
  return path === "github.actor" || path === "github.triggering_actor" || AUTHOR_LOGINS.has(path);
}

function isAssociation(parts: readonly string[]): boolean {
  return parts[0] === "github" && parts[1] === "event" && parts[parts.length - 1] === "author_association";
}

/** True when `e` reads anything of the event (its payload or the head's ref), which whoever starts the run may choose. */
function mentionsEvent(e: Expr): boolean {
  const stack = [e];
  for (let n = 0; stack.length > 0 && n < 500; n++) {
    const cur = stack.pop() as Expr;
    const parts = accessPath(cur);
    if (parts) {
      if (parts[0] === "github" && (parts[1] === "event" || parts[1] === "head_ref")) return true;
      continue;
    }
    if (cur.kind === "call") stack.push(...cur.args);
    else if (cur.kind === "binary") stack.push(cur.left, cur.right);
    else if (cur.kind === "not") stack.push(cur.operand);
    else if (cur.kind === "index") stack.push(cur.object, cur.index);
  }
  return false;
}

/**
 * True when an association found in `list` must be a trusted one: `fromJSON('["OWNER","MEMBER"]')` of trusted
 * names only, or a string no outsider's association is part of (`'OWNER,MEMBER'`: contains() then tests substrings).
 */
function associationsTrusted(list: Expr): boolean {
  if (list.kind === "literal" && list.type === "string") {
    const s = list.value.toLowerCase();
    return s.trim() !== "" && !OUTSIDER_ASSOCIATIONS.some((a) => s.includes(a));
  }
  const names = jsonStrings(list);
  return names !== undefined && names.length > 0 && names.every((n) => TRUSTED_ASSOCIATIONS.has(n));
}

/** The lower-cased strings of `fromJSON('[…]')` over a literal array of strings; undefined for anything else. */
function jsonStrings(e: Expr): string[] | undefined {
  const json = e.kind === "call" && e.name === "fromjson" && e.args[0]?.kind === "literal" ? e.args[0].value : undefined;
  if (json === undefined || json.length > 2000) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v.map((x) => (x as string).toLowerCase()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `needs.<job>.outputs.<name>` reports that the starter may write (keda's `/run-e2e`: `run-e2e: ${{ … &&
 * steps.perm.outputs.has-permission }}`), compared with true or `'1'`, or tested bare where the action allows it.
 */
function permissionReported(parts: readonly string[], jobs: readonly Job[], compared: boolean): boolean {
  if (parts.length !== 4 || parts[0] !== "needs" || parts[2] !== "outputs") return false;
  const producer = jobs.find((j) => j.id.toLowerCase() === parts[1]);
  const expr = producer ? Object.entries(producer.outputs).find(([k]) => k.toLowerCase() === parts[3])?.[1]?.value : undefined;
  // A conjunction carries the report through; `||` or `!` would let other starters in.
  if (!producer || !expr || /\|\||!(?!=)/.test(expr)) return false;
  for (const ref of expr.matchAll(/\bsteps\.([\w-]{1,100})\.outputs\.([\w-]{1,100})/g)) {
    const step = producer.steps.find((s) => s.id?.value === ref[1]);
    const report = PERMISSION_REPORTS.find((r) => isAction(usesName(step?.uses), r.action) && r.output === ref[2]);
    if (step && report && (report.bare || compared) && !/^\s*(?:read|none|triage)\s*$/i.test(step.with[report.level]?.value ?? "")) return true;
  }
  return false;
}
