import type { AdvisoryDatabase } from "./advisories.js";
import type { FindingInput, Observation } from "./finding.js";
import type { CheckMeta } from "./check.js";
import type { DependencyKind } from "./dependency.js";
import type { FileEntry, FileSource, HistoryCommit, HistoryOptions, InventoryLookup, Parser, ReadOptions, RepositoryInfo, TextFile, Unread } from "./files.js";
import type { Forge } from "./forge.js";
import type { HistoryScanReport, HistoryScanRequest, TextScanReport, TextScanRequest } from "./text-scan.js";
import type { CredentialVerifier } from "./verify.js";
import type { Confidence, Severity } from "./severity.js";

/** Sections of the CNCF TAG-Security self-assessment that a rule's evidence informs. */
export const ASSESSMENT_SECTIONS = [
  "metadata",
  "overview",
  "security-functions",
  "project-compliance",
  "secure-development-practices/development-pipeline",
  "secure-development-practices/communication-channels",
  "secure-development-practices/ecosystem",
  "security-issue-resolution/responsible-disclosure",
  "security-issue-resolution/vulnerability-response",
  "security-issue-resolution/incident-response",
  "appendix/known-issues",
  "appendix/best-practices",
] as const;
export type AssessmentSection = (typeof ASSESSMENT_SECTIONS)[number];

/** A reference a rule cites: a CWE, a spec, an advisory, a guide. */
export interface Reference {
  title: string;
  url: string;
}

/** One setting a rule accepts from the policy file (`rules.<id>.options`). */
export type OptionSpec =
  | { type: "string"; default: string; description: string }
  | { type: "string[]"; default: readonly string[]; description: string }
  | { type: "number"; default: number; description: string }
  | { type: "boolean"; default: boolean; description: string };
export type OptionValue = string | readonly string[] | number | boolean;

/**
 * How much a scan reports, as zizmor's personas: `regular` (the default) reports what a maintainer
 * who is not a security expert should act on; `pedantic` adds style and hygiene (a workflow without
 * a name, no concurrency limit); `auditor` adds what needs someone who knows the project's setup to
 * judge (a self-hosted runner, a secret outside an environment). Each includes the ones before it.
 */
export const PERSONAS = ["regular", "pedantic", "auditor"] as const;
export type Persona = (typeof PERSONAS)[number];

/** True when a scan at `scan` reports what needs `needed` (undefined: every scan). */
export function personaIncludes(scan: Persona, needed: Persona | undefined): boolean {
  return needed === undefined || PERSONAS.indexOf(scan) >= PERSONAS.indexOf(needed);
}

/** Everything known about a rule without running it; docs, `assay rules` and SARIF read this. */
export interface RuleMeta {
  /** `family/name`, kebab case, stable forever: file name, doc page, SARIF ruleId, config key. */
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  /** The check this rule scores under. */
  check: string;
  /** Why it matters, for people who are not security experts. */
  rationale: string;
  /** How to fix it, concretely. */
  remediation: string;
  references: readonly Reference[];
  /** True when the rule needs the network (a forge's API); it is skipped offline. */
  network: boolean;
  /**
   * True when the rule needs the advisory database (`ctx.advisories`); without one it is
   * *not available*, with the reason and how to get one, never passed.
   */
  advisories?: boolean;
  /** Where the self-assessment document cites this rule's evidence. */
  assessmentSection: AssessmentSection;
  options?: Readonly<Record<string, OptionSpec>>;
  /** True when the rule attaches edits `assay fix` can apply; edits from other rules are dropped. */
  fixable?: boolean;
  /**
   * How the rule's findings lower its check's score. Absent: any finding fails the rule.
   * `perFinding`: each counted finding takes that many points off the rule's 10, like Scorecard's
   * Binary-Artifacts and Vulnerabilities (10 minus the count).
   */
  scoring?: { perFinding: number };
  /**
   * Rules that report the same problem better on some lines: where one of them, in the same scan,
   * reports a line of a file, this rule's findings on that line are dropped (one problem, one
   * finding). Where they are off or do not look (another ecosystem), this rule still reports.
   */
  supersededBy?: readonly string[];
  /**
   * True when the rule also reads the lines commits added, where the scan's scope includes history
   * (`--history`, or pull-request mode's own commits): a shallow clone's missing commits are then
   * said, not silently skipped.
   */
  readsHistory?: boolean;
  /**
   * True when the rule reads every text file of the checkout through the scan's text-scan service
   * (the secrets family): a scan that runs such a rule starts the service's worker threads while
   * it lists the checkout, and stops them at once if the checkout turns out small.
   */
  scansTree?: boolean;
  /**
   * True when the rule's findings quote only text the full detector set has already masked where
   * it was read (the secrets family: a snippet masks every credential found on its line): the
   * scan's mask stage does not screen them a second time.
   */
  masksAtSource?: boolean;
  /**
   * The persona the rule needs (see `PERSONAS`): absent, it runs in every scan; `pedantic` or
   * `auditor`, it runs only when the scan's persona includes it (`--persona`) or the policy names it
   * under `rules:`, and is otherwise listed as not run, like a rule turned off.
   */
  persona?: Exclude<Persona, "regular">;
}

/** What the user asked the scan to cover besides the checkout as it is. */
export interface ScanScope {
  /**
   * `--history`: also the lines every commit added, on every ref (after `since` when given).
   * Pull-request mode sets it to the change's own commits (`since` its base, `headOnly`): a secret
   * committed and removed again within a pull request is public on its branch all the same.
   */
  history?: { since?: string; headOnly?: boolean };
  /** `--diff BASE`: only lines added since BASE are reported; the pipeline drops findings elsewhere. */
  diffBase?: string;
}

/** What a rule may use while it runs. It never touches the file system or the network itself. */
export interface RuleContext extends FileSource {
  readonly meta: RuleMeta;
  /** The inventory: every file of the checkout, minus policy excludes. Rules read and judge these. */
  readonly files: readonly FileEntry[];
  /**
   * Every file of the checkout, policy excludes included: for rules that ask whether a path exists
   * (a CODEOWNERS pattern, a Dependabot directory), never for reading (excluded files cannot be read).
   */
  readonly allFiles: readonly FileEntry[];
  /** The inventory by base name, extension and folder: faster than filtering `files`. */
  readonly index: InventoryLookup;
  /** True when the network must not be used. */
  readonly offline: boolean;
  /** The scan's clock: one instant for every rule, injectable so output is reproducible. */
  readonly now: Date;
  /** Version control facts: git or not, HEAD, shallow clone. */
  readonly repository: RepositoryInfo;
  /**
   * The forge's API for this repository: set only for network rules, only when the scan is
   * online and the `origin` remote is on a supported forge (GitHub). Offline it is undefined.
   */
  readonly forge: Forge | undefined;
  /**
   * The offline advisory database (OSV records), opened by the CLI or the library's caller: set
   * only for rules whose meta says `advisories: true`, and only when there is one.
   */
  readonly advisories: AdvisoryDatabase | undefined;
  /** This rule's settings from the policy, with defaults filled in. */
  readonly options: Readonly<Record<string, OptionValue>>;
  /** Aborted when the rule exceeds its time budget. */
  readonly signal: AbortSignal;
  /** True when the inventory holds a file at `path`. */
  has(path: string): boolean;
  /** Inventory entries whose path matches any of the glob patterns (picomatch, `dot: true`). */
  glob(patterns: string | readonly string[]): readonly FileEntry[];
  /**
   * Decoded text, cached; undefined for binary, oversized, unreadable or missing files. A file that
   * exists but cannot be read makes the rule's result incomplete unless the read is `optional`.
   */
  readText(path: string, options?: ReadOptions): Promise<TextFile | undefined>;
  /** The first `limit` bytes (whole file up to the size cap when omitted); undefined if unreadable. */
  readBytes(path: string, limit?: number, options?: ReadOptions): Promise<Uint8Array | undefined>;
  /**
   * `length` bytes (at most 16 MiB) from `offset` of a file of any size, with the file's size: for
   * binary formats too large to read whole (model archives), read in bounded pieces. Undefined if
   * unreadable (which, unless `optional`, makes the result incomplete, as for `readBytes`).
   */
  readRange(path: string, offset: number, length: number, options?: ReadOptions): Promise<{ bytes: Uint8Array; size: number } | undefined>;
  /**
   * Parsed once per file and parser; undefined when unreadable or malformed (a diagnostic is
   * recorded once, and the rule's result is incomplete unless the read is `optional`).
   */
  parse<T>(path: string, parser: Parser<T>, options?: ReadOptions): Promise<T | undefined>;
  /**
   * Where a symbolic link of the inventory leads inside the checkout (the regular file a chain of
   * links reaches), else undefined (not a link, or one out of the checkout, to nothing, or looping).
   */
  linkTarget?(path: string): string | undefined;
  /** Why a file this rule asked for gave nothing (too large, a symbolic link out, malformed at line:column), if it did. */
  unread(path: string): Unread | undefined;
  /** Streams commits, newest first, with their added lines; empty when the target is not a git repository. */
  history(options?: HistoryOptions): AsyncIterable<HistoryCommit>;
  /** What the scan covers: history (`--history`), a diff base (`--diff`). */
  readonly scope: ScanScope;
  /**
   * Runs a pure text scanner over every text file of the inventory (only the changed ones in diff
   * mode) on worker threads, reading each file once; shared by every rule asking for the same
   * scanner. Binary files are skipped, vendored and minified ones unless the policy includes them.
   */
  scanText<M>(request: TextScanRequest<M>): Promise<TextScanReport<M>>;
  /** Runs a pure text scanner over the lines every commit added, on every ref, streamed from git. Shared like scanText. */
  scanHistory<M>(request: HistoryScanRequest<M>): Promise<HistoryScanReport<M>>;
  /** Asks providers whether credentials work (read-only endpoints): only when the scan is online, else undefined. */
  readonly credentials: CredentialVerifier | undefined;
  /** Reports one finding. */
  report(finding: FindingInput): void;
  /**
   * Records what the rule saw that supports a passing verdict ("CodeQL runs in codeql.yml:23"),
   * so the self-assessment document can cite passing checks too. Kept for rules that pass.
   */
  evidence(observation: Observation): void;
  /**
   * Counts dependencies of one kind the rule judged, pinned or not (each unpinned one is also a
   * finding with that `dependency`): a check scored by pinned share per kind needs the totals.
   * `inherited` of them are unpinned with no finding of their own, because another dependency's
   * finding is the one to fix (a Dockerfile stage built FROM an earlier stage whose image floats).
   */
  dependencies(kind: DependencyKind, count?: number, inherited?: number): void;
  /** Says the rule does not apply to this repository (e.g. no workflows); it is then not scored. */
  notApplicable(reason: string): void;
  /**
   * Says the rule could not reach a verdict on some evidence (a template it cannot resolve): the
   * check is then incomplete, never passed. Unreadable files a rule asked for do this by themselves.
   */
  incomplete(reason: string, at?: { path: string; line?: number; column?: number }): void;
}

/** A rule: its meta, then the detection. */
export interface Rule {
  meta: RuleMeta;
  run(context: RuleContext): void | Promise<void>;
}

/**
 * How one rule run ended. `incomplete`: evidence the verdict depends on could not be read or
 * judged, so the rule neither passes nor is "not applicable".
 */
export type RuleOutcome = "pass" | "fail" | "incomplete" | "not-applicable" | "not-available" | "error" | "off";

/** A family of rules (`repo`, `workflows`, `deps`…): its rules and the checks it declares. */
export interface Family {
  /** The id prefix of its rules and the name of its folder under src/rules/. */
  id: string;
  title: string;
  /** Checks this family declares; its rules may also score under another family's checks. */
  checks: readonly CheckMeta[];
  rules: readonly Rule[];
}
