import { ForgeError, type Forge } from "../core/forge.js";
import type { Policy } from "../core/policy.js";
import type { Rule, RuleOutcome } from "../core/rule.js";
import type { Workspace } from "../workspace/workspace.js";
import { mapLimit } from "../workspace/inventory.js";
import { makeContext, resolveOptions, type RuleRecord } from "./rule-context.js";

/** How a rule ended, with what it reported. */
export interface RuleRun {
  rule: Rule;
  outcome: RuleOutcome;
  reason?: string;
  record: RuleRecord;
  ms: number;
}

/** Engine settings. */
export interface RunOptions {
  offline: boolean;
  /** The scan's clock, shared by every rule. */
  now: Date;
  /** The forge client for network rules, when online and the remote is on a supported forge. */
  forge?: Forge;
  /** Why there is no forge client although the scan is online (no remote, another forge). */
  noForgeReason?: string;
  policy: Policy;
  /** Wall-clock budget per rule; a rule over it is stopped and reported as an error. */
  ruleTimeoutMs: number;
  concurrency: number;
  onRuleDone?: (run: RuleRun, done: number, total: number) => void;
}

class RuleTimeout extends Error {}

/** Runs every rule over the workspace; a rule that throws or overruns is isolated as an error. */
export async function runRules(ws: Workspace, rules: readonly Rule[], opts: RunOptions): Promise<RuleRun[]> {
  const runs: RuleRun[] = new Array<RuleRun>(rules.length);
  let done = 0;
  const indexed = rules.map((rule, i) => ({ rule, i }));
  await mapLimit(indexed, opts.concurrency, async ({ rule, i }) => {
    runs[i] = await runOne(ws, rule, opts);
    opts.onRuleDone?.(runs[i] as RuleRun, ++done, rules.length);
  });
  return runs;
}

async function runOne(ws: Workspace, rule: Rule, opts: RunOptions): Promise<RuleRun> {
  const setting = opts.policy.rules[rule.meta.id];
  const empty = { findings: [] };
  if (setting?.off) return { rule, outcome: "off", reason: "turned off in the policy", record: empty, ms: 0 };
  if (rule.meta.network && opts.offline) {
    return { rule, outcome: "not-available", reason: "needs the forge's API: run with --online", record: empty, ms: 0 };
  }
  if (rule.meta.network && !opts.forge) {
    return { rule, outcome: "not-available", reason: opts.noForgeReason ?? "no forge API for this repository", record: empty, ms: 0 };
  }
  const controller = new AbortController();
  const { context, record } = makeContext(ws, rule.meta, { offline: opts.offline, now: opts.now, ...(opts.forge ? { forge: opts.forge } : {}), options: resolveOptions(rule.meta, setting?.options), signal: controller.signal });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RuleTimeout()), opts.ruleTimeoutMs);
    });
    await Promise.race([Promise.resolve().then(() => rule.run(context)), timeout]);
  } catch (e) {
    controller.abort();
    // The forge saying no (rate limit, missing permission, unreachable) is not a bug in the rule.
    if (e instanceof ForgeError) return { rule, outcome: "not-available", reason: e.message, record: { findings: [] }, ms: performance.now() - started };
    const reason = e instanceof RuleTimeout ? `stopped after ${opts.ruleTimeoutMs} ms (time budget)` : `threw: ${e instanceof Error ? e.message : String(e)}`;
    return { rule, outcome: "error", reason, record: { findings: [] }, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - started;
  if (record.findings.length > 0) return { rule, outcome: "fail", record, ms };
  if (record.notApplicable !== undefined) return { rule, outcome: "not-applicable", reason: record.notApplicable, record, ms };
  return { rule, outcome: "pass", record, ms };
}
