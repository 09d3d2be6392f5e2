import type { AdvisoryConnection } from "../core/advisories.js";
import type { Assessment, Diagnostic } from "../core/assessment.js";
import type { CheckMeta } from "../core/check.js";
import { AssayError } from "../core/errors.js";
import type { ForgeConnector } from "../core/forge.js";
import type { Finding, FindingInput } from "../core/finding.js";
import type { CredentialVerifier } from "../core/verify.js";
import type { Persona, Rule, ScanScope } from "../core/rule.js";
import { assemble, findingsPerRule, ruleResult, scanDiagnostics, scoreChecks } from "../assessment/build.js";
import { toFindings } from "../engine/findings.js";
import { outcomeOf, runRules, type RuleRun } from "../engine/run-rules.js";
import { dropSuperseded } from "../engine/supersede.js";
import { evaluateGate } from "../policy/gate.js";
import { BaselineFingerprints } from "../policy/baseline.js";
import type { Policy } from "../policy/policy-file.js";
import { SUPPRESSION_NEEDLE, suppressionComments, suppressionIndex, suppressionReasons, type Suppression } from "../policy/suppression.js";
import { triage } from "../policy/triage.js";
import type { VexStatement } from "../policy/vex.js";
import { VERSION } from "../version.js";
import { summariseInventory } from "../ecosystems/inventory-summary.js";
import { advisoryDiagnostics, checkoutVex, isVexDocument, vexAtRevision } from "./scan-inputs.js";
import { changedLinesSince, type ChangedLines } from "../workspace/history.js";
import { isCommit } from "../workspace/at-revision.js";
import { prestartTextScanWorkers, takeEarlyWorkers, TextScanPool } from "../workspace/text-scan.js";
import { Workspace, type ReadLimits } from "../workspace/workspace.js";
import { filterToDiff, inDiff } from "./diff-filter.js";
import { maskDiagnostics, maskFindings, maskRuleResults, prepareMasking } from "./mask-stage.js";
import { TEXT_SCAN_WORKER, TEXT_SCANNERS } from "./text-scanners.js";

/** Everything a scan needs; the CLI builds this from flags and files. */
export interface ScanOptions {
  path: string;
  /** How the target is named in reports (the path as the user typed it). */
  displayPath?: string;
  policy: Policy;
  rules: readonly Rule[];
  /** The checks to score (every family's by default). */
  checks?: readonly CheckMeta[];
  /** Network rules run only with this: how to reach the forge of the checkout's repository. */
  forge?: ForgeConnector;
  baseline?: ReadonlySet<string>;
  baselinePath?: string;
  /** VEX statements that triage applies, besides the checkout's `.vex/*.json`, `.vex/*.xml` and the policy's `vex:` documents. */
  vex?: readonly VexStatement[];
  /**
   * The advisory database for the `deps` rules, or why there is none (they are then not
   * available with that reason). Opened by the caller: the CLI opens the store of `--db`.
   */
  advisories?: AdvisoryConnection;
  /** The clock verdicts are judged at, injectable for deterministic output and exception expiry tests. */
  now?: Date;
  /** The report's timestamp (SOURCE_DATE_EPOCH in the CLI); `now` when absent. It never changes a verdict. */
  generatedAt?: Date;
  ruleTimeoutMs?: number;
  concurrency?: number;
  limits?: Partial<ReadLimits>;
  /** Called as each rule finishes, with how long it took (progress lines, `--timings`). */
  onRuleDone?: (ruleId: string, done: number, total: number, ms: number) => void;
  /** `--history`: rules that read content also read every commit's added lines (after `since`). */
  history?: { since?: string };
  /** `--diff BASE`: only findings on lines added since BASE are reported (pull-request mode). */
  diff?: { base: string };
  /** Only findings in these files (paths relative to the checkout) are reported: pre-commit's changed files. */
  only?: readonly string[];
  /**
   * Only findings in the inventory's files under this folder (relative to the checkout,
   * `/`-separated) are reported: `assay workflows .github/workflows`. A folder that holds none of
   * them is a usage error, not a clean report.
   */
  onlyUnder?: string;
  /** Worker threads for whole-tree text scans (default one per core; 0: none). */
  workers?: number;
  /**
   * Start the text scan's worker threads before listing the checkout, when a rule reads the whole
   * tree: a one-off command over a large checkout gains their boot time. Off by default: a process
   * that scans checkout after checkout (the fleet) would boot and stop threads for every small one.
   */
  prestartWorkers?: boolean;
  /** Files (or bytes of history) a whole-tree scan handles on the main thread before it starts workers. */
  inlineScan?: number;
  /**
   * Whether the assessment carries the inventory's summary (languages, ecosystems, manifests: what
   * the self-assessment document cites); default true. `assay secrets` leaves it out: on a large
   * checkout it reads every manifest while the text scan runs (~4 % of that command's CPU).
   */
  summariseInventory?: boolean;
  /** Notes about how the scan was set up, shown in the report (pull-request mode's gate at BASE). */
  notes?: readonly Diagnostic[];
  /** Read the checkout's VEX documents as this commit holds them (pull-request mode's gate at BASE), not from the working tree. */
  vexAt?: string;
  /** Online only: asks providers whether found credentials work (read-only endpoints). */
  credentials?: CredentialVerifier;
  /**
   * How much to report (zizmor's personas): rules and findings that need a wider persona than this
   * are not run or kept. Default: the policy's `persona:`, else `regular`.
   */
  persona?: Persona;
}

/**
 * Scans a checkout: the workspace is read, the engine runs the rules, the policy triages the
 * findings and judges the gate, and the assessment is assembled for the renderers.
 */
export async function scan(opts: ScanOptions): Promise<Assessment> {
  const now = opts.now ?? new Date();
  const policy = opts.policy;
  // A one-off command whose rules read the whole tree wants the text scan's worker threads: they
  // boot while the checkout is listed (as long, for a large one), and the pool stops them if it is small.
  const wantsThreads = opts.prestartWorkers === true && opts.rules.some((r) => r.meta.scansTree === true) && !opts.diff && !opts.only && opts.onlyUnder === undefined && opts.workers !== 0 && opts.inlineScan === undefined;
  // Threads the command started before its code loaded (cli/early-start.ts) are these, or stopped.
  const early = takeEarlyWorkers(wantsThreads ? opts.workers : 0);
  const prestarted = wantsThreads ? (early ?? prestartTextScanWorkers(TEXT_SCAN_WORKER, opts.workers)) : undefined;
  const ws = await Workspace.open(opts.path, { exclude: policy.exclude, ...(opts.limits ? { limits: opts.limits } : {}) }).catch(async (e: unknown) => {
    await prestarted?.close();
    throw e;
  });
  if (opts.history && ws.vcs !== "git") {
    await prestarted?.close();
    throw needsGit(ws, "--history", "scan a clone of the repository (with its full history)");
  }
  if (opts.history?.since !== undefined) await knownRevision(ws.root, opts.history.since).catch(async (e: unknown) => {
    await prestarted?.close();
    throw e;
  });
  const listed = opts.only ?? (opts.onlyUnder === undefined ? undefined : filesUnder(ws, opts.onlyUnder));
  const changed = opts.diff ? await diffScope(ws, opts.diff.base) : listed ? new Map(listed.map((p) => [p, "all" as const])) : undefined;
  const baselineAware = opts.diff !== undefined && opts.baseline !== undefined && opts.baseline.size > 0;
  // Pull-request mode also reads the change's own commits: what one of them added and a later one
  // removed is not in the diff, but it is public on the pull request's branch. A shallow clone
  // lacks them (its oldest commit would read as adding the whole tree): it is said, not guessed.
  const history: ScanScope["history"] = opts.history ?? (opts.diff && !ws.shallow ? { since: opts.diff.base, headOnly: true } : undefined);
  const changeCommits = history?.headOnly === true;
  const scope: ScanScope = { ...(history ? { history } : {}), ...(opts.diff ? { diffBase: opts.diff.base } : {}) };
  const secrets = policy.secrets ?? { scanVendored: false, scanMinified: false };
  const textScan = new TextScanPool(
    ws,
    TEXT_SCANNERS,
    {
      scanVendored: secrets.scanVendored,
      scanMinified: secrets.scanMinified,
      // The suppression comments' marker, looked for while the scan has each file's bytes: the
      // report then re-reads only the files that hold one (suppressionIndexes below).
      needle: SUPPRESSION_NEEDLE,
      ...(changed ? { only: new Set(changed.keys()) } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.inlineScan !== undefined ? { inline: opts.inlineScan } : {}),
    },
    TEXT_SCAN_WORKER,
    prestarted,
  );
  // The inventory's summary and the checkout's VEX documents need no rule's result: they are read
  // while the rules wait on the text scan's threads (the main thread is idle then), not after them.
  const inventory = opts.summariseInventory === false ? undefined : meanwhile(() => summariseInventory(ws));
  // The masking stage's detectors are built on this thread too: while the threads scan, not after.
  if (textScan.usesThreads) void meanwhile(async () => prepareMasking());
  const vexNotes: Diagnostic[] = [];
  const vexRead = meanwhile(() => (opts.vexAt !== undefined && ws.vcs === "git" ? vexAtRevision(ws.root, opts.vexAt, policy.vex, vexNotes) : checkoutVex(ws, policy.vex, vexNotes)));
  const connected = opts.forge?.(ws.repository);
  const runs = await runRules(ws, opts.rules, {
    offline: opts.forge === undefined,
    now,
    ...(connected && "forge" in connected ? { forge: connected.forge } : {}),
    ...(connected && "reason" in connected ? { noForgeReason: connected.reason } : {}),
    ...(opts.advisories && "database" in opts.advisories ? { advisories: opts.advisories.database } : {}),
    ...(opts.advisories && "reason" in opts.advisories ? { noAdvisoriesReason: opts.advisories.reason } : {}),
    settings: policy.rules,
    persona: opts.persona ?? policy.persona ?? "regular",
    ruleTimeoutMs: opts.ruleTimeoutMs ?? 60_000,
    concurrency: opts.concurrency ?? 8,
    textScan,
    scope,
    ...(opts.credentials && opts.forge !== undefined ? { credentials: opts.credentials } : {}),
    ...(opts.onRuleDone ? { onRuleDone: (r: RuleRun, d: number, t: number) => opts.onRuleDone?.(r.rule.meta.id, d, t, r.ms) } : {}),
  }).finally(() => textScan.close());

  // One problem, one finding: a rule that another of this scan covers better leaves it the line.
  dropSuperseded(runs);
  const extra: Diagnostic[] = opts.rules.some((r) => r.meta.advisories) ? advisoryDiagnostics(opts.advisories, now) : [];
  if (changed) {
    // A finding about a commit that is gone from the checkout came from the change's own commits.
    const ofChangeCommits = changeCommits ? fromGoneCommit : undefined;
    // With a baseline, findings of the files the change edits are kept off its added lines too, and
    // after triage only those the baseline does not accept stay: a change that makes an old finding
    // worse without touching its line (a workflow's `on:` gains `issues:`) is judged by the PR.
    const offLines = baselineAware ? (f: FindingInput) => changed.has((f.locations?.[0]?.path ?? "").replace(/^\.\//, "")) : undefined;
    const dropped = filterToDiff(runs.map((r) => r.record), changed, (f) => ofChangeCommits?.(f) === true || offLines?.(f) === true);
    // A rule whose every finding lay outside the change passes in pull-request mode (unless it could not read something).
    for (const run of runs) if (run.outcome === "fail") Object.assign(run, { reason: undefined }, outcomeOf(run.record));
    const left = `${dropped} finding${dropped === 1 ? "" : "s"} elsewhere ${dropped === 1 ? "was" : "were"} left out`;
    if (opts.diff) extra.push({ level: "note", code: "diff-mode", message: `only lines added since ${opts.diff.base} are reported: ${left}` });
    else extra.push({ level: "note", code: "only-files", message: `only findings in the ${changed.size} file${changed.size === 1 ? "" : "s"} ${opts.onlyUnder === undefined ? "given" : `under ${opts.onlyUnder}/`} ${changed.size === 1 ? "is" : "are"} reported: ${left}` });
    if (opts.diff && !opts.history && ws.shallow && opts.rules.some((r) => r.meta.readsHistory === true)) {
      extra.push({ level: "note", code: "change-commits-unread", message: "the change's own commits were not scanned for secrets (a secret one commit adds and a later one removes): the clone is shallow", hint: "fetch the whole history (actions/checkout with fetch-depth: 0)" });
    }
  }
  extra.push(...(opts.notes ?? []));
  const vex = await vexRead;
  extra.push(...vexNotes);
  const statements = [...(opts.vex ?? []), ...vex];
  const atSource = new Set(opts.rules.filter((r) => r.meta.masksAtSource === true).map((r) => r.meta.id));
  const raw = maskFindings(
    runs.flatMap((run) => toFindings(run.rule.meta, run.record.findings, policy.rules[run.rule.meta.id]?.severity, run.record.overflow, opts.baseline !== undefined)),
    (ruleId) => atSource.has(ruleId),
  );
  const comments = suppressionComments(raw, await suppressionIndexes(ws, raw));
  if (opts.diff && changed) extra.push(...suppressedByChange(raw, comments, changed), ...triageEditedByChange(changed, policy.vex, opts.vexAt));
  const triaged = triage(raw, {
    policy,
    today: now.toISOString().slice(0, 10),
    suppressions: suppressionReasons(comments),
    ...(opts.baseline ? { baseline: opts.baseline, present: presentIn(ws.files) } : {}),
    ...(statements.length > 0 ? { vex: statements } : {}),
  });
  let findings = triaged.findings;
  if (baselineAware && changed) {
    // Off the added lines, only what the baseline does not accept belongs to the change.
    const before = findings.length;
    findings = findings.filter((f) => inDiff(f, changed) || fromGoneCommit(f) || f.status === "open");
    const reopened = findings.filter((f) => f.status === "open" && !inDiff(f, changed) && !fromGoneCommit(f)).length;
    if (before > findings.length || reopened > 0) {
      extra.push({ level: "note", code: "diff-baseline", message: `with a baseline, findings off the added lines of the files this change edits are judged too: ${reopened} the baseline does not accept ${reopened === 1 ? "is" : "are"} reported, ${before - findings.length} it accepts left out` });
    }
  }
  if (opts.diff && changed) extra.push(...hiddenByExistingTriage(findings, comments, changed));
  const counts = findingsPerRule(findings);
  // A rule whose findings the baseline-aware diff left out (all accepted, off the added lines) passes, as one with none in the change does.
  const settled = (run: RuleRun) => (baselineAware && run.outcome === "fail" && !counts.get(run.rule.meta.id) ? outcomeOf({ ...run.record, findings: [], overflow: new Map() }) : run);
  const rules = maskRuleResults(
    runs.map((run) => {
      const { outcome, reason } = settled(run);
      return ruleResult(run.rule.meta, outcome, reason, policy.rules[run.rule.meta.id]?.severity ?? run.rule.meta.severity, counts.get(run.rule.meta.id) ?? 0, run.record.evidence, run.record.dependencies, run.record.inherited);
    }),
  );
  const graded = new Map(opts.rules.flatMap((r) => (r.meta.scoring ? [[r.meta.id, r.meta.scoring.perFinding] as const] : [])));
  // Every family's checks by default: a command that loaded only some families passes theirs.
  const { checks, score } = scoreChecks(opts.checks ?? (await import("../rules/index.js")).CHECKS, rules, findings, graded);
  return assemble({
    target: { path: opts.displayPath ?? opts.path, vcs: ws.vcs, commit: ws.head, remote: publicRemote(ws.remote), ...(ws.subfolder ? { subfolder: ws.subfolder } : {}) },
    generatedAt: opts.generatedAt ?? now,
    offline: opts.forge === undefined,
    policy: { source: policy.source ?? null, baseline: opts.baselinePath ?? null },
    files: ws.files.length,
    gate: evaluateGate(policy, findings, checks, score, triaged.expired),
    checks,
    score,
    rules,
    findings,
    // A scan of part of the checkout (pull-request mode, given files) leaves out findings that still stand:
    // baseline entries it did not meet are outside it, not stale.
    diagnostics: maskDiagnostics(scanDiagnostics({ workspace: ws.diagnostics, ...(policy.source ? { policySource: policy.source } : {}), unusedExceptions: triaged.unused, ...(opts.baseline && !changed ? { baseline: opts.baseline, ...(opts.baseline instanceof BaselineFingerprints ? { baselineRules: opts.baseline.rules } : {}) } : {}), ...(opts.baselinePath ? { baselinePath: opts.baselinePath } : {}), findings, movedBaseline: triaged.moved, rules, extra })),
    toolVersion: VERSION,
    inventory: await inventory,
  });
}

/** Whether a path is among the checkout's files. */
function presentIn(files: readonly { path: string }[]): (path: string) => boolean {
  let paths: Set<string> | undefined;
  return (path) => (paths ??= new Set(files.map((f) => f.path))).has(path);
}

/** Runs `work` once the current turn of the event loop is over (after the rules have started), its failure kept for whoever awaits it. */
function meanwhile<T>(work: () => Promise<T>): Promise<T> {
  const p = new Promise<T>((resolve, reject) => setImmediate(() => work().then(resolve, reject)));
  p.catch(() => undefined);
  return p;
}

/** The `origin` URL without credentials (`https://user:token@host/x` keeps only the host and path), or null. */
function publicRemote(remote: string | null): string | null {
  if (remote === null) return null;
  return remote.replace(/^([a-z][a-z0-9+.-]{0,20}:\/\/)[^@/]{0,500}@/i, "$1");
}

/**
 * `--since REV` names a commit git has: a usage error up front, as for `--diff BASE`, rather than a
 * whole scan whose secrets checks end incomplete with git's "bad revision" (a tag not fetched, a typo).
 */
async function knownRevision(root: string, rev: string): Promise<void> {
  if (await isCommit(root, rev)) return;
  throw new AssayError("REVISION_UNKNOWN", `--since \`${rev}\` is not a commit, tag or branch of this clone`, { hint: "check the name, or fetch it first (git fetch --tags; in GitHub Actions, actions/checkout with fetch-depth: 0)" });
}

/** The lines added since `base`: a usage error when the checkout is not git or git does not know `base`. */
async function diffScope(ws: Workspace, base: string): Promise<ChangedLines> {
  if (ws.vcs !== "git") throw needsGit(ws, "--diff", "scan a clone of the repository, with BASE fetched");
  try {
    return await changedLinesSince(ws.root, base);
  } catch (e) {
    // The branch the user named (`origin/dev` is fetched as `dev`); a name a shell would read otherwise is shown as a placeholder.
    const ref = base.replace(/^origin\//, "");
    const fetch = /^[\w./-]{1,200}$/.test(ref) ? `git fetch origin ${ref}` : "git fetch origin <branch>";
    throw new AssayError("DIFF_BASE_UNKNOWN", `cannot compare with \`${base}\`: ${e instanceof Error ? e.message : String(e)}`, { hint: `fetch the base first (${fetch}; in GitHub Actions, actions/checkout with fetch-depth: 0)` });
  }
}

/** A finding about a commit that is gone from the checkout: it came from the change's own commits. */
function fromGoneCommit(f: FindingInput): boolean {
  return f.evidence?.presentAtHead === false && typeof f.evidence.introducedIn === "string";
}

/** Whether a suppression comment at `line` of `path` is on a line the change adds. */
function commentInChange(path: string, line: number, changed: ChangedLines): boolean {
  return inDiff({ message: "", locations: [{ path, startLine: line }] }, changed);
}

/**
 * Pull-request mode: each finding the change silences with a suppression comment it adds. The
 * comment is honoured, as gitleaks' and semgrep's are, but a reviewer is told: it is how a change
 * would slip a problem past the gate.
 */
function suppressedByChange(findings: readonly Finding[], comments: ReadonlyMap<string, { line: number; reason: string }>, changed: ChangedLines): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const c = comments.get(f.fingerprint);
    const path = f.locations[0]?.path;
    if (!c || path === undefined || !commentInChange(path, c.line, changed)) continue;
    out.push({ level: "warning", code: "suppressed-by-change", ruleId: f.ruleId, path, line: c.line, message: `this change silences ${f.ruleId} (${f.severity}) with a suppression comment it adds${c.reason ? `: ${c.reason}` : ", giving no reason"}`, hint: "a reviewer should agree with the suppression before this change is merged" });
  }
  return out;
}

/**
 * Pull-request mode: findings the change adds that a suppression already in the code or an
 * exception of the policy hides. Honoured, but said: a secret added under an old
 * `assay: ignore[secrets/*]`, or in a folder an exception covers, would otherwise pass unseen.
 * Suppressions the change adds itself are said by `suppressedByChange`.
 */
function hiddenByExistingTriage(findings: readonly Finding[], comments: ReadonlyMap<string, { line: number; reason: string }>, changed: ChangedLines): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (f.status !== "suppressed" && f.status !== "excepted") continue;
    const path = f.locations[0]?.path;
    const c = comments.get(f.fingerprint);
    if (path === undefined || (c && commentInChange(path, c.line, changed))) continue;
    const by = f.status === "excepted" ? "an exception of the policy" : c ? `a suppression comment already at line ${c.line}` : "the policy's secrets allowlist";
    const line = f.locations[0]?.startLine;
    out.push({ level: "warning", code: "hidden-by-existing-triage", ruleId: f.ruleId, path, ...(line !== undefined ? { line } : {}), message: `this change adds a ${f.ruleId} (${f.severity}) finding that ${by} hides${f.statusReason ? `: ${f.statusReason}` : ""}`, hint: "a reviewer should agree that it belongs under that suppression before this change is merged" });
  }
  return out;
}

/** Pull-request mode: VEX documents the change adds or edits, which would mark its findings not affected. */
function triageEditedByChange(changed: ChangedLines, vexPaths: readonly string[], vexAt: string | undefined): Diagnostic[] {
  const applied = vexAt !== undefined ? `: pull-request mode applies the VEX documents as of ${vexAt}, and the change's apply once it is merged` : ", whose statements mark vulnerabilities as not affecting the project";
  return [...changed.keys()]
    .filter((p) => isVexDocument(p, vexPaths))
    .map((path) => ({ level: "warning" as const, code: "vex-changed", path, message: `this change edits the VEX document ${path}${applied}`, hint: vexAt !== undefined ? "to have its statements judge this change, merge them on their own first" : "a reviewer should agree with each statement before this change is merged" }));
}

/** The inventory's files under `folder`; a usage error when there are none (reporting on nothing would pass). */
function filesUnder(ws: Workspace, folder: string): string[] {
  const prefix = `${folder.replace(/\/+$/, "")}/`;
  const out = ws.files.filter((f) => f.path.startsWith(prefix)).map((f) => f.path);
  if (out.length === 0) throw new AssayError("USAGE", `\`${prefix.slice(0, -1)}\` holds no files of the checkout`, { hint: "name a folder that holds files of the checkout (files git ignores are not audited), or none to audit the whole checkout" });
  return out;
}

/** Why a flag that reads git cannot run: the folder is not a checkout, or git itself is missing. */
function needsGit(ws: Workspace, flag: string, hint: string): AssayError {
  if (ws.diagnostics.some((d) => d.code === "git-missing")) return new AssayError("USAGE", `${flag} reads the repository with git, which is not installed (not on PATH)`, { hint: "install git (Debian and Ubuntu: apt-get install git), or scan without " + flag });
  return new AssayError("USAGE", `${flag} needs a git checkout`, { hint });
}

/** The suppression comments of every file that has a finding on a line: each file read and indexed once. */
async function suppressionIndexes(ws: Workspace, findings: readonly { locations: readonly { path: string; startLine?: number }[] }[]): Promise<Map<string, Map<number, Suppression>>> {
  // A loop, not flatMap: tens of thousands of findings would each allocate an array.
  const paths = new Set<string>();
  for (const f of findings) {
    const at = f.locations[0];
    if (at?.startLine) paths.add(at.path);
  }
  const out = new Map<string, Map<number, Suppression>>();
  for (const path of paths) {
    const file = await ws.textIfContains(path, SUPPRESSION_NEEDLE);
    if (file) out.set(path, suppressionIndex(file.text));
  }
  return out;
}
