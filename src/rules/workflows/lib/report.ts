import { hash } from "node:crypto";
import type { FindingInput, Location } from "../../../core/finding.js";
import { severityRank, type Severity } from "../../../core/severity.js";
import { mapPair, type YamlFile } from "../../../ecosystems/formats/yaml.js";
import { nodeSpan, type Job, type Span, type Step, type Workflow } from "../../../ecosystems/github-actions/index.js";
import type { RuleContext } from "../../types.js";
import type { Site } from "./sites.js";

/** A location from a file and a span. */
export function at(path: string, span: Span): Location {
  return { path, startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/**
 * A workflow's `on:` key and its value, the lines zizmor anchors trigger-wide findings at (and reads their ignore
 * comments on); undefined when the workflow has none.
 */
export function onBlock(wf: Workflow): Span | undefined {
  return wf.onSpan ? through(wf.onSpan, nodeSpan(wf.yaml, wf.on)) : undefined;
}

/** A key of a mapping with its value (a step's `run: |` and its script): what zizmor's findings about that key span. */
export function keyBlock(y: YamlFile, node: unknown, key: string): Span | undefined {
  const pair = mapPair(node, key);
  if (!pair?.key) return undefined;
  return through(nodeSpan(y, pair.key), nodeSpan(y, pair.value));
}

/** A key's span stretched to the end of its value, when the value ends after it. */
export function through(key: Span, value: Span): Span {
  return value.endOffset > key.endOffset ? { ...key, endLine: value.endLine, endColumn: value.endColumn, endOffset: value.endOffset } : key;
}

/** How people find a step: its name, else its position and what it uses. */
export function stepLabel(step: Step): string {
  if (step.name) return `step "${clip(step.name.value, 60)}"`;
  if (step.id) return `step \`${clip(step.id.value, 40)}\``;
  const what = step.uses ? ` (${clip(step.uses.raw.value, 80)})` : step.run ? " (run)" : "";
  return `step ${step.index + 1}${what}`;
}

/** "job `build` in .github/workflows/ci.yml", or "composite action .github/actions/x/action.yml". */
export function placeLabel(site: Pick<Site, "file" | "job" | "action">): string {
  if (site.action) return `composite action ${site.file}`;
  return `job \`${site.job?.id ?? "?"}\` in ${site.file}`;
}

/** "job `build` in ci.yml" for a job of a workflow file. */
export function jobLabel(path: string, job: Job): string {
  return `job \`${job.id}\` in ${path}`;
}

/** Shortens text for messages (hostile input can be long). */
export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/**
 * A stable identity for a step inside its file: the job and the step's own identity
 * ({@link stepRef}), never its position, so inserting an unrelated step keeps every fingerprint.
 */
export function stepKey(site: { job?: Pick<Job, "id"> | undefined; step: Step; steps: readonly Step[] }): string {
  return `${site.job?.id ?? "action"}/${stepRef(site.step, site.steps)}`;
}

// Per list of steps (a job's or a composite action's): each step's identity, computed once.
const refs = new WeakMap<readonly Step[], Map<Step, string>>();

/**
 * What identifies a step among `steps` without its position: its `id:`, else its name, else its
 * `uses:`, else a short hash of its `run:` text; the 2nd, 3rd… unnamed step with the same `uses:`
 * or script gets `~2`, `~3`…, so the second `actions/checkout` stays the second whatever is
 * inserted around it.
 */
export function stepRef(step: Step, steps: readonly Step[]): string {
  let map = refs.get(steps);
  if (!map) {
    map = new Map();
    const seen = new Map<string, number>();
    for (const s of steps) {
      const base = ownRef(s);
      // Ids are unique in a job, and steps sharing a name keep the bare name they were always keyed by (the
      // fingerprint tells them apart by order), so their findings' fingerprints do not change.
      if (s.id !== undefined || s.name !== undefined) {
        map.set(s, base);
        continue;
      }
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      map.set(s, n === 1 ? base : `${base}~${n}`);
    }
    refs.set(steps, map);
  }
  // A step outside the list (never expected) still gets its own identity, not a position.
  return map.get(step) ?? ownRef(step);
}

function ownRef(s: Step): string {
  // Ids and names come first and bare, as keys had them before: findings on those steps keep their fingerprints.
  const named = s.id?.value ?? s.name?.value;
  if (named !== undefined) return named;
  if (s.uses) return `uses:${s.uses.raw.value.trim()}`;
  if (s.run) return `run:${hash("sha256", s.run.value.replace(/\s+/g, " ").trim(), "hex").slice(0, 12)}`;
  return "step";
}

/**
 * Collects findings and reports each place once: a step reached from several workflows (a
 * reusable workflow, a composite action) keeps the most severe reading.
 */
export class Findings {
  private readonly byKey = new Map<string, FindingInput>();

  /** Adds a finding under a dedupe key (the place and what was found there). */
  add(dedupe: string, f: FindingInput): void {
    const prev = this.byKey.get(dedupe);
    if (!prev || severityRank(f.severity ?? "info") > severityRank(prev.severity ?? "info")) this.byKey.set(dedupe, f);
  }

  /** Reports everything collected, in file order. */
  flush(ctx: RuleContext): void {
    const all = [...this.byKey.values()];
    all.sort((a, b) => {
      const la = a.locations?.[0];
      const lb = b.locations?.[0];
      return (la?.path ?? "").localeCompare(lb?.path ?? "") || (la?.startLine ?? 0) - (lb?.startLine ?? 0) || (la?.startColumn ?? 0) - (lb?.startColumn ?? 0);
    });
    for (const f of all) ctx.report(f);
  }
}

/** The most severe of a list. */
export function maxSeverity(list: readonly Severity[], fallback: Severity): Severity {
  let best = fallback;
  for (const s of list) if (severityRank(s) > severityRank(best)) best = s;
  return best;
}
