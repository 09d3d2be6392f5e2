// The public library API: what `import { ... } from "assay"` gives.
export { cli, type Io } from "./cli/main.js";
export { scan, type ScanOptions } from "./engine/scan.js";
export { RULES } from "./rules/index.js";
export { CHECKS, type CheckMeta } from "./core/check.js";
export { ASSESSMENT_VERSION, type Assessment, type CheckResult, type Diagnostic, type GateResult, type RuleResult } from "./core/assessment.js";
export type { Finding, FindingInput, FindingStatus, Location } from "./core/finding.js";
export type { Rule, RuleContext, RuleMeta, OptionSpec, AssessmentSection, Reference } from "./core/rule.js";
export type { FileEntry, TextFile, Parser, HistoryCommit } from "./core/files.js";
export { ParseFailure } from "./core/files.js";
export { AssayError, type ErrorCode } from "./core/errors.js";
export { defaultPolicy, parsePolicy, type Policy } from "./core/policy.js";
export { createBaseline, parseBaseline, type Baseline } from "./core/baseline.js";
export { render, FORMATS, type Format } from "./report/index.js";
export { Workspace } from "./workspace/workspace.js";
export { VERSION } from "./version.js";
