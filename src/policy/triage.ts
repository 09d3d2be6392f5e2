import { fingerprintIfAt } from "../core/fingerprint.js";
import type { Finding } from "../core/finding.js";
import { severityRank } from "../core/severity.js";
import { BaselineFingerprints } from "./baseline.js";
import type { Policy, PolicyException } from "./policy-file.js";
import { globMatcher, secretAllowed } from "./secrets-policy.js";
import { describeVex, vexFor, type VexStatement } from "./vex.js";
import { MALICIOUS_RULE } from "./gate.js";

/** What triage needs besides the findings. */
export interface TriageInput {
  policy: Policy;
  /** Fingerprints recorded in the baseline, if one was given. */
  baseline?: ReadonlySet<string>;
  /** Inline `assay: ignore[...]` suppressions by fingerprint, with their reasons. */
  suppressions?: ReadonlyMap<string, string>;
  /** VEX statements (the project's OpenVEX, CycloneDX and CSAF documents): `not_affected` and `fixed` close a finding. */
  vex?: readonly VexStatement[];
  /** Today as YYYY-MM-DD, passed in so triage stays pure and testable. */
  today: string;
  /**
   * Whether a file is in the checkout: a baseline entry of a file that is not may be a finding
   * whose file moved (`git mv`), matched where it is now rather than reported as new.
   */
  present?: (path: string) => boolean;
}

/** Triage result: findings with statuses, and the exceptions that need attention. */
export interface TriageResult {
  findings: Finding[];
  expired: PolicyException[];
  unused: PolicyException[];
  /** Baseline entries matched by a finding in the file's new place: not stale. */
  moved: string[];
}

/** Fingerprints computed to follow moved files, at most, per scan: a baseline of a deleted tree must not cost a hash per finding and entry. */
const MAX_MOVE_TRIES = 50_000;

/**
 * Finds the baseline entry a finding matches in a file that moved: an entry of the same rule,
 * recorded in a file no longer in the checkout, whose fingerprint is the finding's at that path.
 */
function movedMatcher(baseline: BaselineFingerprints, present: (path: string) => boolean): (f: Finding) => { fingerprint: string; path: string } | undefined {
  let gone: Map<string, string[]> | undefined;
  let tries = 0;
  return (f) => {
    if (gone === undefined) {
      gone = new Map();
      const seen = new Set<string>();
      for (const [fp, path] of baseline.paths) {
        const rule = baseline.rules.get(fp);
        if (rule === undefined || present(path) || seen.has(`${rule}\u0000${path}`)) continue;
        seen.add(`${rule}\u0000${path}`);
        const list = gone.get(rule);
        if (list) list.push(path);
        else gone.set(rule, [path]);
      }
    }
    const paths = gone.get(f.ruleId);
    if (paths === undefined) return undefined;
    for (const path of paths) {
      if (tries++ >= MAX_MOVE_TRIES) return undefined;
      const fp = fingerprintIfAt(f, path);
      if (fp === undefined) return undefined;
      if (baseline.has(fp)) return { fingerprint: fp, path };
    }
    return undefined;
  };
}

function matches(e: PolicyException, f: Finding, pathMatch: (glob: string, path: string) => boolean): boolean {
  if (e.rule !== f.ruleId) return false;
  if (e.fingerprint !== undefined && e.fingerprint !== f.fingerprint) return false;
  if (e.path !== undefined) {
    const p = f.locations[0]?.path;
    if (p === undefined || !pathMatch(e.path, p)) return false;
  }
  return true;
}

/**
 * Why a finding is baselined. A baselined secret that is still in the checkout is still usable by
 * whoever has seen it: the baseline hides it from the gate, not from attackers, and the report says so.
 */
function baselinedReason(f: Finding): string {
  if (typeof f.evidence.secretHash !== "string") return "recorded in the baseline";
  return f.evidence.presentAtHead === false
    ? "recorded in the baseline; no longer in the checkout but still in the history: revoke it if that has not been done"
    : "recorded in the baseline, but the secret is still present at HEAD: it stays usable until it is revoked";
}

/** No exceptions: shared, not a fresh empty array per finding. */
const NONE: readonly PolicyException[] = [];

/**
 * Gives each finding its status. Precedence: inline suppression, then a VEX statement that the
 * product is not affected (or fixed), then a live exception, then the baseline; an expired
 * exception no longer hides anything and says so.
 */
export function triage(findings: readonly Finding[], input: TriageInput): TriageResult {
  const used = new Set<PolicyException>();
  const moved: string[] = [];
  const movedFrom = input.present && input.baseline instanceof BaselineFingerprints && input.baseline.paths.size > 0 ? movedMatcher(input.baseline, input.present) : undefined;
  // One cached matcher for exception paths and secret allowlists alike.
  const pathMatch = globMatcher();
  const out = findings.map((f): Finding => {
    const suppressed = input.suppressions?.get(f.fingerprint);
    if (suppressed !== undefined) return { ...f, status: "suppressed", statusReason: suppressed || "suppressed inline (no reason given)" };
    const allowed = input.policy.secrets ? secretAllowed(f, input.policy.secrets, pathMatch) : undefined;
    if (allowed) return { ...f, status: "suppressed", statusReason: allowed };
    const vex = input.vex && input.vex.length > 0 ? vexFor(f, input.vex) : undefined;
    // A malicious package is no vulnerability whose reach VEX can rule out: it runs when it is
    // installed. A statement saying otherwise (the repository's own .vex/ may) leaves it open; a
    // policy exception, which names itself in the report and expires, can still accept it.
    const closes = vex !== undefined && (vex.status === "not_affected" || vex.status === "fixed");
    if (closes && f.ruleId !== MALICIOUS_RULE) return { ...f, status: "vex:not_affected", statusReason: describeVex(vex) };
    const exceptions = input.policy.exceptions.length === 0 ? NONE : input.policy.exceptions.filter((e) => matches(e, f, pathMatch));
    // Tested first: nearly every finding has no exception, and each closure below is an allocation per finding.
    if (exceptions.length > 0) {
      exceptions.forEach((e) => used.add(e));
      const live = exceptions.find((e) => e.expires >= input.today);
      if (live) return { ...f, status: "excepted", statusReason: `${live.reason} (exception expires ${live.expires})` };
    }
    const expired = exceptions[0];
    if (input.baseline?.has(f.fingerprint)) {
      // Accepted at a lower severity: the finding grew worse (a workflow now runs on `issues:`), so it is open again.
      const accepted = input.baseline instanceof BaselineFingerprints ? input.baseline.severities.get(f.fingerprint) : undefined;
      if (accepted === undefined || severityRank(f.severity) <= severityRank(accepted)) return { ...f, status: "baselined", statusReason: baselinedReason(f) };
      return { ...f, status: "open", statusReason: `recorded in the baseline at ${accepted}; it is ${f.severity} now` };
    }
    const was = movedFrom && f.status === "open" ? movedFrom(f) : undefined;
    if (was) {
      moved.push(was.fingerprint);
      const accepted = (input.baseline as BaselineFingerprints).severities.get(was.fingerprint);
      if (accepted === undefined || severityRank(f.severity) <= severityRank(accepted)) return { ...f, status: "baselined", statusReason: `${baselinedReason(f)} at ${was.path}, the file's place then` };
      return { ...f, status: "open", statusReason: `recorded in the baseline at ${was.path} (the file's place then) at ${accepted}; it is ${f.severity} now` };
    }
    if (expired) return { ...f, status: "open", statusReason: `exception expired on ${expired.expires}: ${expired.reason}` };
    if (vex) return { ...f, status: "open", statusReason: closes ? `${describeVex(vex)}, which does not close a malicious package: it runs when installed; remove it, or accept it with an exception` : describeVex(vex) };
    // Already open with nothing to say (nearly every finding): kept as it is, not copied.
    return f.status === "open" && !("statusReason" in f) ? f : { ...f, status: "open" };
  });
  return {
    findings: out,
    expired: input.policy.exceptions.filter((e) => e.expires < input.today),
    unused: input.policy.exceptions.filter((e) => !used.has(e) && e.expires >= input.today),
    moved,
  };
}
