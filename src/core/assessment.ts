import type { DependencyKind } from "./dependency.js";
import type { Finding, FindingStatus, Observation } from "./finding.js";
import type { AssessmentSection, Reference, RuleOutcome } from "./rule.js";
import type { Confidence, Severity } from "./severity.js";

/** Version of the assessment document; bump the major on breaking changes to its shape. */
export const ASSESSMENT_VERSION = "1.5.0";

/** A rule as it ran: its meta for renderers, and how it ended. */
export interface RuleResult {
  id: string;
  title: string;
  check: string;
  /** Effective severity (the policy may override the default). */
  severity: Severity;
  confidence: Confidence;
  network: boolean;
  rationale: string;
  remediation: string;
  references: Reference[];
  assessmentSection: AssessmentSection;
  outcome: RuleOutcome;
  /** Why the rule did not apply, was not available, was off, or failed to run. */
  reason?: string;
  findings: number;
  /** What the rule saw that supports a pass (at most a few per rule), for the self-assessment. */
  evidence?: Observation[];
  /** Dependencies the rule judged per kind, pinned or not (1.3): what a check scored by pinned share counts. */
  dependencies?: Partial<Record<DependencyKind, number>>;
  /** Of `dependencies`, those unpinned with no finding of their own (a Dockerfile stage built on a floating stage) (1.3). */
  inherited?: Partial<Record<DependencyKind, number>>;
}

/** What the checkout is made of, for the self-assessment's metadata and ecosystem sections. */
export interface InventorySummary {
  /** Programming languages by number of source files, most first (vendored, generated and test trees left out). */
  languages: { name: string; files: number }[];
  /** Package ecosystems the project's manifests use (Dependabot names: npm, gomod, pip…). */
  ecosystems: string[];
  /** The manifests found, by ecosystem. */
  manifests: { ecosystem: string; path: string }[];
}

/** A check's score and why. */
export interface CheckResult {
  id: string;
  title: string;
  risk: Severity;
  description: string;
  /** `incomplete`: some evidence could not be read or judged; the score counts those rules as failed. */
  status: "scored" | "incomplete" | "not-available" | "not-applicable" | "error";
  /** 0-10 when scored (or incomplete), else null. */
  score: number | null;
  reason: string;
  rules: string[];
}

/** Something the scan noticed about its input: a malformed file, a skipped huge file. */
export interface Diagnostic {
  level: "error" | "warning" | "note";
  code: string;
  message: string;
  path?: string;
  line?: number;
  column?: number;
  hint?: string;
  ruleId?: string;
}

/** The gate's verdict and the thresholds it applied. */
export interface GateResult {
  passed: boolean;
  reasons: string[];
  thresholds: { severity: Severity | "none"; minScore: number | null; checks: string[]; incomplete: boolean };
}

/** The single contract between analysis and presentation. */
export interface Assessment {
  schemaVersion: string;
  tool: { name: "assay"; version: string };
  /**
   * `remote`: the `origin` URL without credentials, when there is one (1.2). `subfolder`: the
   * scanned folder's path inside its git repository (`services/api`), when it is not the top (1.4):
   * finding paths are relative to the folder, and reports for the repository prefix them with it.
   */
  target: { path: string; vcs: "git" | "none"; commit: string | null; remote?: string | null; subfolder?: string };
  generatedAt: string;
  offline: boolean;
  policy: { source: string | null; baseline: string | null };
  summary: {
    score: number | null;
    files: number;
    findings: { total: number; open: number; byStatus: Record<FindingStatus, number>; openBySeverity: Record<Severity, number> };
    ruleErrors: number;
  };
  gate: GateResult;
  checks: CheckResult[];
  rules: RuleResult[];
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The checkout's languages and ecosystems (absent in documents older than 1.2). */
  inventory?: InventorySummary;
}
