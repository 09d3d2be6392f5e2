import { sarifText } from "../../core/escape.js";
import type { Finding } from "../../core/finding.js";
import { SARIF_LEVEL } from "./sarif-levels.js";
import { MAX_SARIF_LOCATIONS } from "./sarif-limits.js";
import { physicalLocation, repositoryLocation } from "./sarif-location.js";
import type { SarifLocation, SarifResult, SarifSuppression } from "./sarif-types.js";

/** The partialFingerprints key; versioned so a change to fingerprinting can coexist with old alerts. */
export const FINGERPRINT_KEY = "assay/v1";

function suppressions(f: Finding): SarifSuppression[] | undefined {
  const justification = f.statusReason;
  switch (f.status) {
    case "open":
      return undefined;
    case "suppressed":
      return [justification === undefined ? { kind: "inSource" } : { kind: "inSource", justification }];
    case "excepted":
    case "baselined":
    case "vex:not_affected":
      return [justification === undefined ? { kind: "external", status: "accepted" } : { kind: "external", status: "accepted", justification }];
  }
}

function messageText(f: Finding): string {
  return sarifText(f.fix === undefined ? f.message : `${f.message}\nFix: ${f.fix}`);
}

/** One SARIF result; `ruleIndex` is omitted when the rule is not among the run's descriptors. */
export function sarifResult(f: Finding, ruleIndex: number | undefined): SarifResult {
  const [primary, ...related] = f.locations;
  const result: SarifResult = {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: SARIF_LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [primary ? physicalLocation(primary) : repositoryLocation()],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, confidence: f.confidence, check: f.check, status: f.status },
  };
  // SARIF's `locations` means "occurs at each of these"; assay's extra locations are context, hence related.
  // GitHub rejects a result with more than MAX_SARIF_LOCATIONS locations: the rest are counted instead.
  const shown = related.slice(0, MAX_SARIF_LOCATIONS - 1);
  if (shown.length > 0) result.relatedLocations = shown.map((l, i): SarifLocation => ({ id: i + 1, ...physicalLocation(l) }));
  if (shown.length < related.length) result.properties.relatedLocationsOmitted = related.length - shown.length;
  const s = suppressions(f);
  if (s) result.suppressions = s;
  if (f.statusReason !== undefined) result.properties.statusReason = f.statusReason;
  return result;
}
