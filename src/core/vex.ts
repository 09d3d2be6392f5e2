// The one model of a VEX statement (OpenVEX 0.2.0, https://github.com/openvex/spec): what
// `assay vex` writes, what the VEX readers (OpenVEX, CycloneDX, CSAF) return and what triage applies.

import type { VersRange } from "./vers.js";

/** The statuses OpenVEX defines. */
export const VEX_STATUSES = ["not_affected", "affected", "fixed", "under_investigation"] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** The justifications OpenVEX defines for `not_affected`. */
export const VEX_JUSTIFICATIONS = ["component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"] as const;

/** A triage decision: one statement as written, before anyone reads it back. */
export interface VexDecision {
  /** The vulnerability's id, and the other names it goes by (CVE, GHSA, OSV ids). */
  vulnerability: string;
  aliases?: readonly string[];
  /** Package URLs of the products (dependencies) it is about; a purl without a version covers every version. Empty: any. */
  products: readonly string[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
}

/** One statement as triage applies it: a decision and the document it was read from. */
export interface VexStatement extends VexDecision {
  /** Where the statement was read, for reports. */
  source: string;
  /** The status as the document words it, when that is not one of ours (CycloneDX `false_positive`, CSAF `known_not_affected`). */
  stated?: string;
  /** Versions of packages it covers by range (CycloneDX `affects[].versions[].range`), besides `products`. */
  ranges?: readonly VexProductRange[];
}

/** A package (its purl without a version) and the versions of it a statement covers. */
export interface VexProductRange {
  purl: string;
  /** The range as the document writes it, for reports. */
  vers: string;
  range: VersRange;
}
