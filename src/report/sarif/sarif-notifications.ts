import type { Diagnostic, RuleResult } from "../../core/assessment.js";
import { sarifText } from "../../core/escape.js";
import { artifactLocation, region } from "./sarif-location.js";
import { MAX_SARIF_RESULTS, type Omitted } from "./sarif-limits.js";
import type { SarifLocation, SarifNotification } from "./sarif-types.js";

/**
 * A path the command line gave outside the checkout (`--baseline /home/me/base.json`, `../policy.yml`).
 * SARIF reads every URI against %SRCROOT%, where such a path names no file of the repository, and
 * the log is uploaded: the notification names the file instead of placing itself there.
 */
function outsideCheckout(path: string): boolean {
  return /^(?:[A-Za-z]:)?[\\/]/.test(path) || path === ".." || /^\.\.[\\/]/.test(path);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function location(d: Diagnostic): SarifLocation[] | undefined {
  if (d.path === undefined || outsideCheckout(d.path)) return undefined;
  const r = region({ startLine: d.line, startColumn: d.column });
  return [{ physicalLocation: r ? { artifactLocation: artifactLocation(d.path), region: r } : { artifactLocation: artifactLocation(d.path) } }];
}

/** A diagnostic as a tool execution notification. */
export function diagnosticNotification(d: Diagnostic, ruleIndex: ReadonlyMap<string, number>): SarifNotification {
  const n: SarifNotification = {
    level: d.level,
    message: { text: sarifText(`${d.path !== undefined && outsideCheckout(d.path) ? `${baseName(d.path)} (outside the checkout): ` : ""}${d.message}${d.hint === undefined ? "" : `\nHint: ${d.hint}`}`) },
    descriptor: { id: d.code },
  };
  if (d.ruleId !== undefined) {
    const index = ruleIndex.get(d.ruleId);
    n.associatedRule = index === undefined ? { id: d.ruleId } : { id: d.ruleId, index };
  }
  const locations = location(d);
  if (locations) n.locations = locations;
  return n;
}

/**
 * Notifications for every rule that failed to run. The engine may already have recorded the
 * failure as an error diagnostic naming the rule; then that one stands and no duplicate is made.
 */
export function ruleErrorNotifications(rules: readonly RuleResult[], diagnostics: readonly Diagnostic[]): SarifNotification[] {
  const reported = new Set(diagnostics.filter((d) => d.level === "error" && d.ruleId !== undefined).map((d) => d.ruleId));
  return rules
    .filter((r) => r.outcome === "error" && !reported.has(r.id))
    .map((r) => ({
      level: "error",
      message: { text: sarifText(`rule ${r.id} failed to run${r.reason === undefined ? "" : `: ${r.reason}`}`) },
      descriptor: { id: "rule-error" },
      associatedRule: { id: r.id },
    }));
}

/**
 * A notification per rule that could not reach a verdict (evidence unreadable or malformed): the
 * check is incomplete, so a consumer must not read the absence of results as a pass.
 */
export function incompleteNotifications(rules: readonly RuleResult[], failsGate: boolean): SarifNotification[] {
  return rules
    .filter((r) => r.outcome === "incomplete")
    .map((r) => ({
      level: failsGate ? "error" : "warning",
      message: { text: sarifText(`rule ${r.id} is incomplete: ${r.reason ?? "evidence could not be read"}`) },
      descriptor: { id: "rule-incomplete" },
      associatedRule: { id: r.id },
    }));
}

/**
 * A warning when the run leaves findings out to stay within GitHub's limit on results: the
 * reader learns that the code-scanning view is not the whole assessment and where the rest is.
 */
export function omittedResultsNotification(omitted: Omitted, kept: number): SarifNotification[] {
  const total = omitted.open + omitted.triaged;
  if (total === 0) return [];
  const what = [omitted.triaged > 0 ? `${omitted.triaged} baselined, suppressed or excepted` : "", omitted.open > 0 ? `${omitted.open} open (the least severe)` : ""].filter(Boolean).join(" and ");
  return [
    {
      level: omitted.open > 0 ? "error" : "warning",
      message: { text: `${total} of ${total + kept} findings are left out of this SARIF run (${what}): GitHub code scanning stores only the first ${MAX_SARIF_RESULTS} results of a run. Open findings come first, the most severe first; the JSON report (--format json) has them all.` },
      descriptor: { id: "results-omitted" },
      properties: { omittedOpen: omitted.open, omittedTriaged: omitted.triaged },
    },
  ];
}
