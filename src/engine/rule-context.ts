import picomatch from "picomatch";
import type { AdvisoryDatabase } from "../core/advisories.js";
import type { DependencyKind } from "../core/dependency.js";
import type { FindingInput, Observation } from "../core/finding.js";
import type { Forge } from "../core/forge.js";
import { maskCredentials, memoisedMaskCredentials } from "../core/mask.js";
import { maskFinding, redactFinding } from "../core/redact.js";
import type { HistoryOptions, Parser, ReadOptions, Unread } from "../core/files.js";
import { personaIncludes, type OptionValue, type Persona, type RuleContext, type RuleMeta, type ScanScope } from "../core/rule.js";
import { severityRank, type Severity } from "../core/severity.js";
import type { TextScanService } from "../core/text-scan.js";
import type { CredentialVerifier } from "../core/verify.js";
import { MAX_FINDINGS_PER_FILE } from "./findings.js";
import type { Workspace } from "../workspace/workspace.js";

/** Findings a rule reported for one file past MAX_FINDINGS_PER_FILE: counted, not kept. */
export interface Overflow {
  count: number;
  /** The most severe dropped finding's severity, which the summary finding keeps. */
  severity?: Severity;
  /** The kind of unpinned dependency the dropped findings are (the first one's), which the summary keeps so the pinned share counts them. */
  dependency?: DependencyKind;
}

/** What one rule run collected. */
export interface RuleRecord {
  findings: FindingInput[];
  /** What supports a pass, for the self-assessment (a few per rule). */
  evidence: Observation[];
  /** Per file (by primary path, "" for the repository), findings past the cap. */
  overflow?: Map<string, Overflow>;
  notApplicable?: string;
  /** Evidence the rule asked for and could not get: its verdict cannot be a pass. */
  unread: Unread[];
  /** Reasons the rule gave itself for not reaching a verdict. */
  incomplete: Unread[];
  /** Dependencies judged per kind, pinned or not (`ctx.dependencies`). */
  dependencies?: Map<DependencyKind, number>;
  /** Of those, unpinned ones with no finding of their own, per kind. */
  inherited?: Map<DependencyKind, number>;
}

/** Observations kept per rule: enough to cite, never a flood. */
const MAX_EVIDENCE = 10;

/** Fills a rule's options from its defaults and the policy's settings. */
export function resolveOptions(meta: RuleMeta, settings: Readonly<Record<string, OptionValue>> = {}): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) out[name] = settings[name] ?? spec.default;
  return out;
}

/** Glob results per workspace, shared by every rule: a hundred rules ask for the same few patterns over the same files. */
const GLOB_CACHES = new WeakMap<Workspace, Map<string, ReturnType<RuleContext["glob"]>>>();

function globCacheOf(ws: Workspace): Map<string, ReturnType<RuleContext["glob"]>> {
  let cache = GLOB_CACHES.get(ws);
  if (!cache) GLOB_CACHES.set(ws, (cache = new Map()));
  return cache;
}

/**
 * One memoised masker per scan, shared by its rules: the texts findings repeat (a resource's name,
 * a principle, a fix) recur across rules as much as within one, and masking is the same for all.
 */
const maskers = new WeakMap<Workspace, (text: string) => string>();

function maskerOf(ws: Workspace): (text: string) => string {
  let mask = maskers.get(ws);
  if (!mask) maskers.set(ws, (mask = memoisedMaskCredentials()));
  return mask;
}

/** Builds the context one rule runs with; it only reaches the project through the workspace. */
export function makeContext(ws: Workspace, meta: RuleMeta, opts: { offline: boolean; now: Date; forge?: Forge; advisories?: AdvisoryDatabase; options: Record<string, OptionValue>; signal: AbortSignal; persona?: Persona; textScan: TextScanService; scope: ScanScope; credentials?: CredentialVerifier }): { context: RuleContext; record: RuleRecord } {
  const record: RuleRecord = { findings: [], evidence: [], unread: [], incomplete: [] };
  const perFile = new Map<string, number>();
  const globCache = globCacheOf(ws);
  const seen = new Set<string>();
  const refused = new Map<string, Unread>();
  const missed = (unread: Unread | undefined, options: ReadOptions | undefined): undefined => {
    if (unread) refused.set(unread.path, unread);
    if (unread && !options?.optional && !seen.has(unread.path)) {
      seen.add(unread.path);
      record.unread.push(unread);
    }
    return undefined;
  };
  const mask = maskerOf(ws);
  const context: RuleContext = {
    meta,
    files: ws.files,
    allFiles: ws.allFiles,
    index: ws.index,
    offline: opts.offline,
    now: new Date(opts.now.getTime()),
    repository: ws.repository,
    forge: meta.network ? opts.forge : undefined,
    advisories: meta.advisories ? opts.advisories : undefined,
    options: Object.freeze({ ...opts.options }),
    signal: opts.signal,
    has: (path) => ws.has(path),
    glob(patterns) {
      const list = typeof patterns === "string" ? [patterns] : [...patterns];
      const key = list.join("\u0000");
      let hit = globCache.get(key);
      if (!hit) {
        const m = picomatch(list, { dot: true });
        hit = ws.files.filter((f) => m(f.path));
        globCache.set(key, hit);
      }
      return hit;
    },
    async readText(path, options) {
      const r = await ws.textResult(path);
      return "file" in r ? r.file : missed(r.unread, options);
    },
    async readBytes(path, limit, options) {
      const r = await ws.bytesResult(path, limit);
      return "bytes" in r ? r.bytes : missed(r.unread, options);
    },
    async readRange(path, offset, length, options) {
      const r = await ws.rangeResult(path, offset, length);
      return "bytes" in r ? r : missed(r.unread, options);
    },
    async parse<T>(path: string, parser: Parser<T>, options?: ReadOptions) {
      const r = await ws.parseResult(path, parser);
      return "value" in r ? r.value : missed(r.unread, options);
    },
    unread: (path) => refused.get(path),
    linkTarget: (path) => ws.linkTarget(path),
    history: (o?: HistoryOptions) => ws.history(o),
    scope: opts.scope,
    scanText: (request) => opts.textScan.scan(request),
    scanHistory: (request) => opts.textScan.scanHistory(request),
    credentials: opts.offline ? undefined : opts.credentials,
    report(finding) {
      if (opts.signal.aborted) return;
      // A finding for a wider persona than the scan's is not made at all: not kept, not counted against the per-file cap.
      // An unpinned dependency it names still weighs on the pinned share, as one with no finding of its own: a check's
      // score does not depend on what the persona shows (a tagged image is pedantic for zizmor, unpinned for Scorecard).
      if (!personaIncludes(opts.persona ?? "regular", finding.persona)) {
        if (finding.dependency) {
          record.inherited ??= new Map();
          record.inherited.set(finding.dependency, (record.inherited.get(finding.dependency) ?? 0) + 1);
        }
        return;
      }
      // Past the cap a finding is only counted: a hostile file with 100,000 findings costs a counter, not 100,000 objects.
      const path = finding.locations?.[0]?.path ?? "";
      const n = perFile.get(path) ?? 0;
      perFile.set(path, n + 1);
      if (n >= MAX_FINDINGS_PER_FILE) {
        record.overflow ??= new Map();
        const o = record.overflow.get(path);
        // The summary stands for the worst finding it counts: a payload after 200 lesser findings is not lost below them.
        const severity = finding.severity ?? meta.severity;
        if (!o) record.overflow.set(path, { count: 1, severity, ...(finding.dependency ? { dependency: finding.dependency } : {}) });
        else {
          o.count++;
          if (!o.severity || severityRank(severity) > severityRank(o.severity)) o.severity = severity;
          o.dependency ??= finding.dependency;
        }
        return;
      }
      // Redact at the source: the clear secret never enters the record, so no renderer can leak it,
      // and credential-shaped values any rule quoted from the repository are masked too.
      record.findings.push(maskFinding(redactFinding(finding), mask, meta.masksAtSource !== true));
    },
    evidence(observation) {
      if (record.evidence.length < MAX_EVIDENCE) record.evidence.push({ message: maskCredentials(observation.message), ...(observation.locations ? { locations: observation.locations.map((l) => ({ ...l })) } : {}) });
    },
    dependencies(kind, count = 1, inherited = 0) {
      if (count <= 0) return;
      record.dependencies ??= new Map();
      record.dependencies.set(kind, (record.dependencies.get(kind) ?? 0) + count);
      if (inherited > 0) {
        record.inherited ??= new Map();
        record.inherited.set(kind, (record.inherited.get(kind) ?? 0) + Math.min(inherited, count));
      }
    },
    notApplicable(reason) {
      record.notApplicable = reason;
    },
    incomplete(reason, at) {
      record.incomplete.push({ path: at?.path ?? "", reason: "incomplete", message: reason, ...(at?.line !== undefined ? { line: at.line } : {}), ...(at?.column !== undefined ? { column: at.column } : {}) });
    },
  };
  return { context, record };
}

/** One line saying why a rule could not reach a verdict: the files and reasons, the first few. */
export function incompleteReason(record: RuleRecord): string | undefined {
  const all = [...record.incomplete, ...record.unread];
  if (all.length === 0) return undefined;
  // The same evidence may be replayed into a rule more than once (shared inputs): say it once.
  const distinct = [...new Set(all.map((u) => (u.reason === "incomplete" ? `${u.path ? `${where(u)}: ` : ""}${u.message}` : `${where(u)} ${u.message}`)))];
  return maskCredentials(`${distinct.slice(0, 3).join("; ")}${distinct.length > 3 ? `; and ${distinct.length - 3} more` : ""}`);
}

function where(u: Unread): string {
  return `${u.path}${u.line !== undefined ? `:${u.line}${u.column !== undefined ? `:${u.column}` : ""}` : ""}`;
}
