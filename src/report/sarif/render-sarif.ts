import type { Assessment, RuleResult } from "../../core/assessment.js";
import { printJson } from "../json/render-json.js";
import { inRepository } from "../location.js";
import { SRCROOT } from "./sarif-location.js";
import { resultsWithinLimit } from "./sarif-limits.js";
import { diagnosticNotification, incompleteNotifications, omittedResultsNotification, ruleErrorNotifications } from "./sarif-notifications.js";
import { sarifResult } from "./sarif-results.js";
import { INFORMATION_URI, reportingDescriptor } from "./sarif-rules.js";
import type { SarifLog } from "./sarif-types.js";

/** The schema URL GitHub and editors recognise for SARIF 2.1.0. */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** Outcomes of rules that actually looked at the repository; rules that were off or could not run have nothing to describe. */
const RAN = new Set<RuleResult["outcome"]>(["pass", "fail", "not-applicable"]);

/**
 * Rules the run describes: those that ran (so consumers can close alerts a passing rule no longer
 * raises) plus any a finding names, sorted by id so ruleIndex is stable across runs.
 */
function describedRules(a: Assessment): RuleResult[] {
  const named = new Set(a.findings.map((f) => f.ruleId));
  return a.rules.filter((r) => RAN.has(r.outcome) || named.has(r.id)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * The assessment as a SARIF 2.1.0 log with one run, for GitHub code scanning and SARIF viewers;
 * URIs are relative to the repository's top (%SRCROOT%), a scanned subfolder's included.
 */
export function renderSarif(scanned: Assessment): string {
  const a = inRepository(scanned);
  const rules = describedRules(a);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const { kept, omitted } = resultsWithinLimit(a.findings);
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "assay", version: a.tool.version, informationUri: INFORMATION_URI, rules: rules.map(reportingDescriptor) } },
        invocations: [
          {
            executionSuccessful: a.summary.ruleErrors === 0,
            toolExecutionNotifications: [
              ...a.diagnostics.map((d) => diagnosticNotification(d, ruleIndex)),
              ...ruleErrorNotifications(a.rules, a.diagnostics),
              ...incompleteNotifications(a.rules, a.gate.thresholds.incomplete),
              ...omittedResultsNotification(omitted, kept.length),
            ],
          },
        ],
        // No absolute URI for the root: it would leak the scanning machine's paths and make the
        // output differ between machines; consumers (GitHub) supply the checkout root themselves.
        originalUriBaseIds: { [SRCROOT]: { description: { text: "The root of the scanned repository." } } },
        // assay's columns count JavaScript string indices, i.e. UTF-16 code units.
        columnKind: "utf16CodeUnits",
        results: kept.map((f) => sarifResult(f, ruleIndex.get(f.ruleId))),
        properties: { score: a.summary.score, gate: a.gate },
      },
    ],
  };
  return printJson(log);
}
