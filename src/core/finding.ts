import type { DependencyKind } from "./dependency.js";
import type { Confidence, Severity } from "./severity.js";

/** A place in a file; lines and columns are 1-based, end is inclusive of the last column. */
export interface Location {
  path: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** Evidence values are flat and serialisable so every renderer can show them. */
export type EvidenceValue = string | number | boolean | null | readonly string[];

/**
 * A replacement in one file, by UTF-16 offset into its decoded text (TextFile.text). `replace` is
 * the exact text being replaced ("" to insert): `assay fix` refuses the edit when the file no
 * longer holds it there, so a stale assessment can never corrupt a file.
 */
export interface TextEdit {
  path: string;
  offset: number;
  replace: string;
  with: string;
}

/**
 * How one finding weighs on its check's score, where its severity alone would mislead: `zero`
 * scores the check 0 whatever the severity (one of Scorecard's all-or-nothing conditions, such as
 * a workflow whose jobs all get the default token), `none` leaves the score alone (a warning the
 * check's question does not cover, such as a privileged trigger that runs no fork code).
 */
export type ScoreImpact = "zero" | "none";

/** What a rule reports. The engine fills in rule id, severity, check and fingerprint. */
export interface FindingInput {
  /** One sentence about this occurrence (the rule's title says what the rule is). */
  message: string;
  /** Primary location first. Omit for repository-level findings (e.g. a missing file). */
  locations?: Location[];
  /** The offending text, already redacted by the rule when it may hold a secret. */
  snippet?: string;
  evidence?: Record<string, EvidenceValue>;
  /** Overrides the rule's default severity for this occurrence (e.g. by trigger reachability). */
  severity?: Severity;
  confidence?: Confidence;
  /**
   * A stable identity for what was found (a package@version, a secret's hash, an action ref).
   * When omitted the fingerprint uses the normalised snippet, so it survives line shifts.
   */
  key?: string;
  /** A concrete fix for this occurrence (a replacement line, a pinned form). */
  fix?: string;
  /** Edits that fix this occurrence and are safe to apply unattended (`assay fix`). */
  edits?: TextEdit[];
  /** How this occurrence weighs on its check's score, when not by its severity alone (see `ScoreImpact`). */
  impact?: ScoreImpact;
  /**
   * The score (0-10) its rule keeps while this occurrence counts, where Scorecard grades a share
   * rather than pass or fail (9 of 10 recent changes reviewed scores 9). Without it the finding
   * fails its rule; a rule keeps the lowest grade of its findings, and none when one has no grade.
   */
  grade?: number;
  /** The kind of dependency this finding is one unpinned occurrence of, for checks scored by pinned share per kind (Pinned-Dependencies). */
  dependency?: DependencyKind;
  /**
   * The persona this occurrence needs when the rule's others do not (a container image tagged but
   * not pinned by digest is pedantic where `latest` is not): the engine drops it from scans whose
   * persona does not include it, as if it had not been reported.
   */
  persona?: "pedantic" | "auditor";
  /**
   * The secret value itself, when the finding is about one. The engine never stores it: it keeps
   * a masked preview and a hash (used as the fingerprint key), and masks it wherever the rule
   * repeated it in the message, snippet, fix or evidence.
   */
  secret?: string;
}

/** Something a rule saw that supports its verdict when nothing is wrong: cited by the self-assessment. */
export interface Observation {
  /** One sentence: what is there ("releases are signed with cosign"). */
  message: string;
  /** Where it is; omit for repository-level facts. */
  locations?: Location[];
}

/** Where a finding stands after policy, baseline, VEX and suppressions were applied. */
export type FindingStatus = "open" | "baselined" | "suppressed" | "excepted" | "vex:not_affected";

/** A finding as it appears in the assessment. */
export interface Finding {
  ruleId: string;
  check: string;
  severity: Severity;
  confidence: Confidence;
  message: string;
  locations: Location[];
  snippet?: string;
  evidence: Record<string, EvidenceValue>;
  fix?: string;
  /** Edits `assay fix` can apply. */
  edits?: TextEdit[];
  /** Set when the finding weighs on its check's score otherwise than by its severity. */
  impact?: ScoreImpact;
  /** The score (0-10) its rule keeps while the finding counts, for a share Scorecard grades (see FindingInput.grade). */
  grade?: number;
  /** The kind of dependency left unpinned, when the finding is one (Pinned-Dependencies scores by kind). */
  dependency?: DependencyKind;
  /** Set on the summary of a flood of findings in one file: how many findings past the cap it stands for (1.3). */
  more?: number;
  fingerprint: string;
  status: FindingStatus;
  /** Why the status is what it is (exception reason, suppression reason, expiry note). */
  statusReason?: string;
}
