import { accessPath, type Expr } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { conditionOf } from "./lib/expressions-in.js";
import { at, clip, stepKey } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

const SPOOFABLE_NAMES = new Set(["github.actor", "github.triggering_actor", "github.event.pull_request.sender.login", "github.event.sender.login"]);
const SPOOFABLE_IDS = new Set(["github.actor_id", "github.event.pull_request.sender.id", "github.event.sender.id"]);
/** Bot account and integration ids people compare against (dependabot[bot], dependabot-preview[bot], renovate[bot], the Dependabot app). */
const BOT_IDS = new Set(["49699333", "27856297", "29139614", "29110"]);

export const rule: Rule = {
  meta: {
    id: "workflows/bot-conditions",
    title: "Spoofable bot check guards a privileged job",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "`github.actor` is whoever caused the latest event, not who wrote the pull request. In `pull_request_target` and `workflow_run` runs an attacker can make a bot the actor (by getting Dependabot to update their fork's branch, or by triggering a re-run) and pass a check like `github.actor == 'dependabot[bot]'` that was meant to trust only the bot's own pull requests, reaching the auto-merge or the secrets behind it.",
    remediation:
      "Check who opened the pull request, which cannot be changed afterwards: `github.event.pull_request.user.login == 'dependabot[bot]'` (for `workflow_run`, the pull request's author through the API), and still do not run its code with secrets in reach.",
    references: [
      { title: "Synacktiv: GitHub Actions exploitation, Dependabot", url: "https://www.synacktiv.com/publications/github-actions-exploitation-dependabot" },
      { title: "GitHub: Automating Dependabot with GitHub Actions", url: "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/automating-dependabot-with-github-actions" },
      { title: "zizmor: bot-conditions", url: "https://docs.zizmor.sh/audits/#bot-conditions" },
      { title: "CWE-290: Authentication Bypass by Spoofing", url: "https://cwe.mitre.org/data/definitions/290.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      const trigger = wf.events.find((e) => e === "pull_request_target" || e === "workflow_run");
      if (!trigger) continue;
      for (const job of wf.jobs) {
        // `id` names the condition's place for the fingerprint; `what` says it to people, a step by its position.
        const conds = [...(job.if ? [{ s: job.if, what: `job \`${job.id}\``, id: `job \`${job.id}\`` }] : []), ...job.steps.flatMap((st) => (st.if ? [{ s: st.if, what: `step ${st.index + 1} of job \`${job.id}\``, id: `step ${stepKey({ job, step: st, steps: job.steps })}` }] : []))];
        for (const { s, what, id } of conds) {
          const c = conditionOf(s);
          if (!c.expr) continue;
          const [found, dominates] = walk(c.expr, true);
          if (!found) continue;
          ctx.report({
            message: `the condition of ${what} in ${wf.path} trusts \`${found}\`, which an attacker can make a bot in a \`${trigger}\` run${dominates ? "" : " (it is one part of the condition)"}`,
            locations: [at(wf.path, s.span)],
            snippet: clip(s.value, 200),
            confidence: dominates ? "high" : "medium",
            key: `${job.id}:${id}:${found}`,
            fix: "github.event.pull_request.user.login == 'dependabot[bot]'",
          });
        }
      }
    }
  },
};

/** Finds a spoofable bot comparison; the second value says whether it alone decides the condition. */
function walk(e: Expr, dominating: boolean, depth = 0): [string | undefined, boolean] {
  if (depth > 64) return [undefined, dominating];
  if (e.kind === "binary" && (e.op === "==" || e.op === "!=")) {
    const hit = comparison(e.left, e.right) ?? comparison(e.right, e.left);
    if (hit && e.op === "==") return [hit, dominating];
    const l = walk(e.left, false, depth + 1);
    const r = walk(e.right, false, depth + 1);
    return [l[0] ?? r[0], false];
  }
  if (e.kind === "binary" && e.op === "||") {
    const l = walk(e.left, dominating, depth + 1);
    const r = walk(e.right, dominating, depth + 1);
    return [l[0] ?? r[0], (l[0] ? l[1] : true) && (r[0] ? r[1] : true)];
  }
  if (e.kind === "binary") {
    const l = walk(e.left, false, depth + 1);
    const r = walk(e.right, false, depth + 1);
    return [l[0] ?? r[0], false];
  }
  if (e.kind === "call") {
    // A membership test decides like `==`: `contains(fromJSON('["dependabot[bot]", "renovate[bot]"]'), github.actor)`.
    const hit = botMembership(e);
    if (hit) return [hit, dominating];
    for (const a of e.args) {
      const [f] = walk(a, false, depth + 1);
      if (f) return [f, false];
    }
  }
  if (e.kind === "not") return [undefined, false];
  return [undefined, dominating];
}

/** Longest `fromJSON('[…]')` list read: bot lists are a few names long. */
const MAX_LIST = 4096;

/**
 * The spoofable context a call tests for being a bot: `contains(<list or string naming a bot>, github.actor)`, or
 * `contains`/`startsWith`/`endsWith(github.actor, '[bot]')` (or `'bot'`), which any bot's name passes; undefined for other calls.
 */
function botMembership(e: Extract<Expr, { kind: "call" }>): string | undefined {
  const [first, second] = e.args;
  if (e.args.length !== 2 || !first || !second) return undefined;
  // `endsWith(github.actor, '[bot]')`: whichever bot an attacker makes the actor passes; a part of a
  // name without the suffix (`contains(github.actor, 'bot')`) passes any account named so, which anyone can register.
  const subject = accessPath(first)?.join(".");
  if ((e.name === "contains" || e.name === "endswith" || e.name === "startswith") && subject !== undefined && SPOOFABLE_NAMES.has(subject) && second.kind === "literal" && /bot/i.test(second.value)) return subject;
  const p = accessPath(second)?.join(".");
  if (e.name !== "contains" || p === undefined || (!SPOOFABLE_NAMES.has(p) && !SPOOFABLE_IDS.has(p))) return undefined;
  const names = listed(first);
  const bot = SPOOFABLE_NAMES.has(p) ? names.some((n) => /\[bot\]/i.test(n)) : names.some((n) => BOT_IDS.has(n));
  return bot ? p : undefined;
}

/** The strings a `contains()` haystack can match: a literal string, or the items of `fromJSON('[…]')`. */
function listed(e: Expr): string[] {
  if (e.kind === "literal" && e.type === "string") return [e.value];
  const arg = e.kind === "call" && e.name === "fromjson" && e.args.length === 1 ? e.args[0] : undefined;
  if (arg?.kind !== "literal" || arg.type !== "string" || arg.value.length > MAX_LIST) return [];
  try {
    const v: unknown = JSON.parse(arg.value);
    return Array.isArray(v) ? v.filter((x): x is string | number => typeof x === "string" || typeof x === "number").map(String) : [];
  } catch {
    return [];
  }
}

function comparison(ctx: Expr, lit: Expr): string | undefined {
  const parts = accessPath(ctx);
  if (!parts || lit.kind !== "literal") return undefined;
  const p = parts.join(".");
  if (SPOOFABLE_NAMES.has(p) && /\[bot\]$/i.test(lit.value)) return p;
  if (SPOOFABLE_IDS.has(p) && BOT_IDS.has(lit.value)) return p;
  return undefined;
}
