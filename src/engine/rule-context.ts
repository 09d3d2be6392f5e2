import picomatch from "picomatch";
import type { FindingInput } from "../core/finding.js";
import type { Forge } from "../core/forge.js";
import { redactFinding } from "../core/redact.js";
import type { HistoryOptions, Parser } from "../core/files.js";
import type { OptionValue, RuleContext, RuleMeta } from "../core/rule.js";
import type { Workspace } from "../workspace/workspace.js";

/** What one rule run collected. */
export interface RuleRecord {
  findings: FindingInput[];
  notApplicable?: string;
}

/** Fills a rule's options from its defaults and the policy's settings. */
export function resolveOptions(meta: RuleMeta, settings: Readonly<Record<string, OptionValue>> = {}): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) out[name] = settings[name] ?? spec.default;
  return out;
}

/** Builds the context one rule runs with; it only reaches the project through the workspace. */
export function makeContext(ws: Workspace, meta: RuleMeta, opts: { offline: boolean; now: Date; forge?: Forge; options: Record<string, OptionValue>; signal: AbortSignal }): { context: RuleContext; record: RuleRecord } {
  const record: RuleRecord = { findings: [] };
  const globCache = new Map<string, ReturnType<RuleContext["glob"]>>();
  const context: RuleContext = {
    meta,
    files: ws.files,
    allFiles: ws.allFiles,
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
    readText: (path) => ws.readText(path),
    readBytes: (path, limit) => ws.readBytes(path, limit),
    parse: <T>(path: string, parser: Parser<T>) => ws.parse(path, parser),
    history: (o?: HistoryOptions) => ws.history(o),
    report(finding) {
      if (opts.signal.aborted) return;
      // Redact at the source: the clear secret never enters the record, so no renderer can leak it.
      record.findings.push(redactFinding(finding));
    },
    notApplicable(reason) {
      record.notApplicable = reason;
    },
  };
  return { context, record };
}
