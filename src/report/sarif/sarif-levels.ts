import type { Confidence, Severity } from "../../core/severity.js";
import type { SarifLevel } from "./sarif-types.js";

/** SARIF has three levels; critical and high must both stop a merge, so both are errors. */
export const SARIF_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning buckets alerts by this CVSS-like number, read as a string from rule properties. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "7.5",
  medium: "5.0",
  low: "2.5",
  info: "0.0",
};

/** GitHub reads `precision` to decide how prominently to show an alert. */
export const PRECISION: Readonly<Record<Confidence, "high" | "medium" | "low">> = {
  high: "high",
  medium: "medium",
  low: "low",
};
