/** The subset of SARIF 2.1.0 that assay emits; fields we never write are deliberately absent. */

export type SarifLevel = "error" | "warning" | "note";

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  description?: SarifMessage;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: Required<SarifMessage>;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: "high" | "medium" | "low"; "security-severity": string };
}

export interface SarifSuppression {
  kind: "inSource" | "external";
  status?: "accepted";
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties: Record<string, string | number>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor: { id: string };
  associatedRule?: { id: string; index?: number };
  locations?: SarifLocation[];
  properties?: Record<string, number>;
}

export interface SarifRun {
  tool: {
    driver: { name: string; version: string; informationUri: string; rules: SarifReportingDescriptor[] };
  };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
  originalUriBaseIds: Record<string, SarifArtifactLocation>;
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}
