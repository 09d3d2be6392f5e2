// The public library API: what `import { ... } from "assay"` gives.
export { cli, type Io } from "./cli/main.js";
export { scan, type ScanOptions } from "./api/scan.js";
export { CHECKS, FAMILIES, RULES } from "./rules/index.js";
export { findCheck, type CheckMeta } from "./core/check.js";
export { ASSESSMENT_VERSION, type Assessment, type CheckResult, type Diagnostic, type GateResult, type RuleResult } from "./core/assessment.js";
export type { Finding, FindingInput, FindingStatus, Location } from "./core/finding.js";
export type { Family, Rule, RuleContext, RuleMeta, RuleOutcome, OptionSpec, AssessmentSection, Reference } from "./core/rule.js";
export type { FileEntry, FileSource, TextFile, Parser, ReadOptions, Unread, HistoryCommit } from "./core/files.js";
export { ParseFailure, derivedParser } from "./core/files.js";
export { AssayError, type ErrorCode } from "./core/errors.js";
export type { Forge, ForgeConnector } from "./core/forge.js";
export { githubConnector } from "./forge/connect.js";
export { defaultPolicy, parsePolicy, type Policy } from "./policy/policy-file.js";
export { createBaseline, parseBaseline, type Baseline } from "./policy/baseline.js";
export type { VexStatement } from "./policy/vex.js";
export { render, FORMATS, type Format } from "./report/index.js";
export { Workspace } from "./workspace/workspace.js";
export { VERSION } from "./version.js";
