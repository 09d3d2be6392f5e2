import type { AdvisoryDatabase } from "../core/advisories.js";
import { ForgeError, type Forge } from "../core/forge.js";
import { personaIncludes, type OptionValue, type Persona, type Rule, type RuleOutcome, type ScanScope } from "../core/rule.js";
import type { TextScanService } from "../core/text-scan.js";
import type { CredentialVerifier } from "../core/verify.js";
import { TextScanPool } from "../workspace/text-scan.js";
import type { Workspace } from "../workspace/workspace.js";
import { mapLimit } from "../workspace/inventory.js";
import { incompleteReason, makeContext, resolveOptions, type RuleRecord } from "./rule-context.js";

/** How a rule ended, with what it reported. */
export interface RuleRun {
  rule: Rule;
  outcome: RuleOutcome;
  reason?: string;
  record: RuleRecord;
  ms: number;
}

/** What the policy says about one rule, as far as running it goes. */
export interface RuleSwitch {
  off: boolean;
  options: Readonly<Record<string, OptionValue>>;
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
  /** The advisory database for rules that need it; without it they are not available, for `noAdvisoriesReason`. */
  advisories?: AdvisoryDatabase;
  noAdvisoriesReason?: string;
  /** Per-rule settings from the policy, by rule id. */
  settings: Readonly<Record<string, RuleSwitch>>;
  /** Wall-clock budget per rule; a rule over it is stopped and reported as an error. */
  ruleTimeoutMs: number;
  concurrency: number;
  onRuleDone?: (run: RuleRun, done: number, total: number) => void;
  /** Whole-tree text scans for rules; by default one on the main thread, with nothing registered. */
  textScan?: TextScanService;
  /** History and diff scope for rules; none by default. */
  scope?: ScanScope;
  /** Online only: asks providers whether found credentials work. */
  credentials?: CredentialVerifier;
  /** Which rules and findings a persona-gated rule set runs and keeps (`regular` by default). */
  persona?: Persona;
}

class RuleTimeout extends Error {}

const empty = (): RuleRecord => ({ findings: [], evidence: [], unread: [], incomplete: [] });

/** Runs every rule over the workspace; a rule that throws or overruns is isolated as an error. */
export async function runRules(ws: Workspace, rules: readonly Rule[], opts: RunOptions): Promise<RuleRun[]> {
  const runs: RuleRun[] = new Array<RuleRun>(rules.length);
  if (!opts.textScan) opts = { ...opts, textScan: new TextScanPool(ws, {}, { scanVendored: false, scanMinified: false }) };
  let done = 0;
  const indexed = rules.map((rule, i) => ({ rule, i }));
  await mapLimit(indexed, opts.concurrency, async ({ rule, i }) => {
    runs[i] = await runOne(ws, rule, opts);
    opts.onRuleDone?.(runs[i] as RuleRun, ++done, rules.length);
  });
  return runs;
}

async function runOne(ws: Workspace, rule: Rule, opts: RunOptions): Promise<RuleRun> {
  const setting = opts.settings[rule.meta.id];
  if (setting?.off) return { rule, outcome: "off", reason: "turned off in the policy", record: empty(), ms: 0 };
  const persona = opts.persona ?? "regular";
  // Naming the rule in the policy is asking for it, whatever the persona.
  if (setting === undefined && !personaIncludes(persona, rule.meta.persona)) {
    return { rule, outcome: "off", reason: `${rule.meta.persona} persona only: run with --persona ${rule.meta.persona}, or name it under rules: in the policy`, record: empty(), ms: 0 };
  }
  if (rule.meta.network && opts.offline) {
    return { rule, outcome: "not-available", reason: "needs the forge's API: run with --online", record: empty(), ms: 0 };
  }
  if (rule.meta.network && !opts.forge) {
    return { rule, outcome: "not-available", reason: opts.noForgeReason ?? "no forge API for this repository", record: empty(), ms: 0 };
  }
  if (rule.meta.advisories && !opts.advisories) {
    return { rule, outcome: "not-available", reason: opts.noAdvisoriesReason ?? "no advisory database: run `assay db update`", record: empty(), ms: 0 };
  }
  const controller = new AbortController();
  const { context, record } = makeContext(ws, rule.meta, { offline: opts.offline, now: opts.now, ...(opts.forge ? { forge: opts.forge } : {}), ...(opts.advisories ? { advisories: opts.advisories } : {}), options: resolveOptions(rule.meta, setting?.options), signal: controller.signal, persona, textScan: opts.textScan as TextScanService, scope: opts.scope ?? {}, ...(opts.credentials ? { credentials: opts.credentials } : {}) });
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
    if (e instanceof ForgeError) return { rule, outcome: "not-available", reason: e.message, record: empty(), ms: performance.now() - started };
    const reason = e instanceof RuleTimeout ? `stopped after ${opts.ruleTimeoutMs} ms (time budget)` : `threw: ${e instanceof Error ? e.message : String(e)}`;
    return { rule, outcome: "error", reason, record: empty(), ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
  // Fail closed: past the file cap, or under a folder that could not be listed, what the rule needs may be among the files never listed.
  const unlisted = ws.unlisted;
  if (unlisted !== undefined) record.incomplete.push({ path: "", reason: "incomplete", message: unlisted });
  return { rule, ...outcomeOf(record), record, ms: performance.now() - started };
}

/**
 * Fail closed: findings fail the rule; otherwise evidence that could not be read or judged makes
 * it incomplete, never a pass and never "not applicable".
 */
export function outcomeOf(record: RuleRecord): { outcome: RuleOutcome; reason?: string } {
  const missing = incompleteReason(record);
  if (record.findings.length > 0 || (record.overflow?.size ?? 0) > 0) return missing ? { outcome: "fail", reason: `also could not judge: ${missing}` } : { outcome: "fail" };
  if (missing) return { outcome: "incomplete", reason: missing };
  if (record.notApplicable !== undefined) return { outcome: "not-applicable", reason: record.notApplicable };
  return { outcome: "pass" };
}
