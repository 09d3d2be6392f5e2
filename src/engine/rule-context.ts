import picomatch from "picomatch";
import type { FindingInput } from "../core/finding.js";
import type { Forge } from "../core/forge.js";
import { redactFinding } from "../core/redact.js";
import type { HistoryOptions, Parser, ReadOptions, Unread } from "../core/files.js";
import type { OptionValue, RuleContext, RuleMeta, ScanScope } from "../core/rule.js";
import type { TextScanService } from "../core/text-scan.js";
import type { CredentialVerifier } from "../core/verify.js";
import type { Workspace } from "../workspace/workspace.js";

/** What one rule run collected. */
export interface RuleRecord {
  findings: FindingInput[];
  notApplicable?: string;
  /** Evidence the rule asked for and could not get: its verdict cannot be a pass. */
  unread: Unread[];
  /** Reasons the rule gave itself for not reaching a verdict. */
  incomplete: Unread[];
}

/** Fills a rule's options from its defaults and the policy's settings. */
export function resolveOptions(meta: RuleMeta, settings: Readonly<Record<string, OptionValue>> = {}): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) out[name] = settings[name] ?? spec.default;
  return out;
}

/** Builds the context one rule runs with; it only reaches the project through the workspace. */
export function makeContext(ws: Workspace, meta: RuleMeta, opts: { offline: boolean; now: Date; forge?: Forge; options: Record<string, OptionValue>; signal: AbortSignal; textScan: TextScanService; scope: ScanScope; credentials?: CredentialVerifier }): { context: RuleContext; record: RuleRecord } {
  const record: RuleRecord = { findings: [], unread: [], incomplete: [] };
  const globCache = new Map<string, ReturnType<RuleContext["glob"]>>();
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
  const context: RuleContext = {
    meta,
    files: ws.files,
    allFiles: ws.allFiles,
    index: ws.index,
    offline: opts.offline,
    now: new Date(opts.now.getTime()),
    repository: ws.repository,
    forge: meta.network ? opts.forge : undefined,
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
    async parse<T>(path: string, parser: Parser<T>, options?: ReadOptions) {
      const r = await ws.parseResult(path, parser);
      return "value" in r ? r.value : missed(r.unread, options);
    },
    unread: (path) => refused.get(path),
    history: (o?: HistoryOptions) => ws.history(o),
    scope: opts.scope,
    scanText: (request) => opts.textScan.scan(request),
    scanHistory: (request) => opts.textScan.scanHistory(request),
    credentials: opts.offline ? undefined : opts.credentials,
    report(finding) {
      if (opts.signal.aborted) return;
      // Redact at the source: the clear secret never enters the record, so no renderer can leak it.
      record.findings.push(redactFinding(finding));
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
  const shown = all.slice(0, 3).map((u) => (u.reason === "incomplete" ? `${u.path ? `${where(u)}: ` : ""}${u.message}` : `${where(u)} ${u.message}`));
  return `${shown.join("; ")}${all.length > 3 ? `; and ${all.length - 3} more` : ""}`;
}

function where(u: Unread): string {
  return `${u.path}${u.line !== undefined ? `:${u.line}${u.column !== undefined ? `:${u.column}` : ""}` : ""}`;
}
