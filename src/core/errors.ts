/** Codes of errors assay raises at its edges; tests assert codes, not wording. */
export type ErrorCode =
  | "USAGE"
  | "TARGET_NOT_FOUND"
  | "TARGET_NOT_DIRECTORY"
  | "TARGET_GIT_DIR"
  | "POLICY_INVALID"
  | "POLICY_NOT_FOUND"
  | "BASELINE_INVALID"
  | "BASELINE_NOT_FOUND"
  | "ASSESSMENT_INVALID"
  | "ANSWERS_INVALID"
  | "ASSESSMENT_STALE"
  | "RULE_UNKNOWN"
  | "DIFF_BASE_UNKNOWN"
  | "REVISION_UNKNOWN"
  | "STDIN_TOO_LARGE"
  | "FILE_UNREADABLE"
  | "OUTPUT_FAILED"
  | "ADVISORY_DB_MISSING"
  | "ADVISORY_DB_INVALID"
  | "ADVISORY_DB_BUSY"
  | "ADVISORY_DOWNLOAD_FAILED"
  | "ADVISORY_ARCHIVE_INVALID"
  | "ADVISORY_INPUT_INVALID"
  | "SIGNATURE_INVALID"
  | "VEX_INVALID"
  | "VERIFY_INPUT_INVALID"
  | "TARGET_BROKEN"
  | "BUILD_UNKNOWN"
  | "FLEET_BUSY"
  | "FLEET_DATABASE"
  | "FLEET_TARGET"
  | "INTERNAL";

/** Where in a file an error points (1-based). */
export interface ErrorPosition {
  path: string;
  line?: number;
  column?: number;
}

/** A typed, user-facing error: a code, a sentence for people, and what to do about it. */
export class AssayError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly position: ErrorPosition | undefined;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; position?: ErrorPosition; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AssayError";
    this.code = code;
    this.hint = opts.hint;
    this.position = opts.position;
  }

  /** One line: `file:line:col: message — hint` (the hint left out when `withHint` is false). */
  format(withHint = true): string {
    const p = this.position;
    const where = p ? `${p.path}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}: ` : "";
    return `${where}${this.message}${withHint && this.hint ? ` — ${this.hint}` : ""}`;
  }
}

/** Type guard for AssayError. */
export function isAssayError(e: unknown): e is AssayError {
  return e instanceof AssayError;
}
