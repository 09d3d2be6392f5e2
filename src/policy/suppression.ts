import type { Finding } from "../core/finding.js";
import { maskCredentials } from "../core/mask.js";
import { SUPPRESSION_MARKER } from "../core/suppression-marker.js";

/** An inline `assay: ignore[rule-id, ...] reason` comment (or zizmor's `zizmor: ignore[audit]`). */
export interface Suppression {
  rules: string[];
  reason: string;
  /**
   * Covers the next line too: an `assay:` comment alone on its line (nothing but comment marks
   * before it). A comment after code covers its own line only, as zizmor's always do.
   */
  above?: boolean;
  /** Written for zizmor: its findings sit at other places than assay's (a trigger at `on:`, not the step it reaches). */
  zizmor?: boolean;
}

/** Text every suppression comment holds: files without it need no index. */
export const SUPPRESSION_NEEDLE = SUPPRESSION_MARKER;

// Bounded character classes and no nested quantifiers: linear on any line.
const PATTERN = /\b(assay|zizmor):\s?ignore\[([^\]\r\n]{1,300})\]([^\r\n]{0,500})/;

/**
 * zizmor audits assay reports as more than one rule: artipacked's checkout that keeps its token but
 * uploads nothing is workflows/persisted-credentials here. A zizmor ignore of the audit covers both.
 */
const ZIZMOR_SPLITS: Readonly<Record<string, readonly string[]>> = { artipacked: ["workflows/artipacked", "workflows/persisted-credentials"] };

/**
 * Parses a suppression comment from one line of text, if there is one. A workflow already triaged
 * for zizmor keeps its decisions: `# zizmor: ignore[template-injection]` names the audit that
 * workflows/template-injection carries on (assay's workflow rules take zizmor's audit names).
 */
export function parseSuppression(line: string): Suppression | undefined {
  if (!line.includes(SUPPRESSION_NEEDLE)) return undefined;
  const m = PATTERN.exec(line);
  if (!m) return undefined;
  const zizmor = m[1] === "zizmor";
  const rules = (m[2] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "").flatMap((r) => (zizmor ? (ZIZMOR_SPLITS[r] ?? [`workflows/${r}`]) : [r]));
  // Trailing comment closers (`-->`, `*/`) are not part of the reason.
  // The reason is repository text shown in every report: mask anything credential-shaped in it.
  const reason = maskCredentials((m[3] ?? "").replace(/(-->|\*\/)\s*$/, "").trim());
  const alone = !zizmor && /^[\s#/*<!;%'-]*$/.test(line.slice(0, m.index));
  return { rules, reason: reason === "" && zizmor ? "ignored for zizmor" : reason, ...(alone ? { above: true } : {}), ...(zizmor ? { zizmor: true } : {}) };
}

/** True when a suppression names this rule, its family (`family/*`) or everything (`*`). */
export function suppresses(s: Suppression, ruleId: string): boolean {
  const family = ruleId.split("/")[0];
  return s.rules.some((r) => r === ruleId || r === "*" || r === `${family}/*`);
}

/** Every suppression comment of a file by 1-based line: one pass over the text, however many findings it has. */
export function suppressionIndex(text: string): Map<number, Suppression> {
  const out = new Map<number, Suppression>();
  // Lines are counted forward from the last match, so the whole pass stays linear.
  let line = 1;
  let counted = 0;
  let at = text.indexOf(SUPPRESSION_NEEDLE);
  while (at !== -1) {
    const start = text.lastIndexOf("\n", at) + 1;
    for (let i = text.indexOf("\n", counted); i !== -1 && i < start; i = text.indexOf("\n", i + 1)) line++;
    counted = start;
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    const s = parseSuppression(text.slice(start, end));
    if (s) out.set(line, s);
    at = nl === -1 ? -1 : text.indexOf(SUPPRESSION_NEEDLE, end);
  }
  return out;
}

/** The suppression comment of each suppressed finding, by fingerprint: its line and reason. */
export function suppressionComments(findings: readonly Finding[], indexes: ReadonlyMap<string, ReadonlyMap<number, Suppression>>): Map<string, { line: number; reason: string }> {
  const out = new Map<string, { line: number; reason: string }>();
  for (const f of findings) {
    const loc = f.locations[0];
    const index = loc?.startLine ? indexes.get(loc.path) : undefined;
    if (!loc?.startLine || !index) continue;
    for (const line of [loc.startLine, loc.startLine - 1]) {
      const s = index.get(line);
      if (s && (line === loc.startLine || s.above) && suppresses(s, f.ruleId)) {
        out.set(f.fingerprint, { line, reason: s.reason });
        break;
      }
    }
    if (!out.has(f.fingerprint)) {
      const z = zizmorElsewhere(f, loc.path, index);
      if (z) out.set(f.fingerprint, z);
    }
  }
  return out;
}

/** Lines of one related location searched for a zizmor comment: an `on:` block is short, a whole job is not meant. */
const RELATED_LINES = 200;

/**
 * A zizmor comment on any line of a finding's other locations in the same file. zizmor anchors some audits
 * elsewhere than assay does (dangerous-triggers at the workflow's `on:`, where assay names the step that fetches),
 * and its ignore comment covers every line of its finding's span; a rule that adds that place as a related
 * location keeps the repository's zizmor decision. assay's own comments still go on the finding's first line.
 */
function zizmorElsewhere(f: Finding, path: string, index: ReadonlyMap<number, Suppression>): { line: number; reason: string } | undefined {
  for (const l of f.locations.slice(1, 5)) {
    if (l.path !== path || !l.startLine) continue;
    const end = Math.min(l.endLine ?? l.startLine, l.startLine + RELATED_LINES);
    for (let line = l.startLine; line <= end; line++) {
      const s = index.get(line);
      if (s?.zizmor && suppresses(s, f.ruleId)) return { line, reason: s.reason };
    }
  }
  return undefined;
}

/** The reason of each suppression comment, by fingerprint: what triage records as the status reason. */
export function suppressionReasons(comments: ReadonlyMap<string, { reason: string }>): Map<string, string> {
  return new Map([...comments].map(([fp, c]) => [fp, c.reason]));
}

/** Suppressed findings by fingerprint: a comment on a finding's line, or alone on the line above, names its rule. */
export function matchSuppressions(findings: readonly Finding[], indexes: ReadonlyMap<string, ReadonlyMap<number, Suppression>>): Map<string, string> {
  return suppressionReasons(suppressionComments(findings, indexes));
}
