import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { parseBaseline } from "../policy/baseline.js";
import { AssayError, type ErrorCode, type ErrorPosition } from "../core/errors.js";
import { defaultPolicy, parsePolicy, type Policy, type PolicyPath } from "../policy/policy-file.js";
import { excludedEvidence, policyLoosening } from "../policy/loosening.js";
import type { Rule } from "../core/rule.js";
import type { Diagnostic } from "../core/assessment.js";
import { fileAtRevision, filesAt, isCommit } from "../workspace/at-revision.js";
import { shownPath } from "./io.js";
import { ioErrorText } from "../core/io-error.js";
import { userText } from "../core/text-file.js";
import { exists, insideCheckout } from "../workspace/inside-checkout.js";

/** Policy file names looked for in the scanned directory, in order. */
export const POLICY_NAMES = ["assay.yml", ".assay.yml", "assay.yaml", ".assay.yaml"];
/** Where `assay baseline` writes by default and where a scan looks for one. */
export const DEFAULT_BASELINE = ".assay/baseline.json";

/** Policies are small; the YAML parser refuses more than 1 MiB anyway, so this only stops huge reads early. */
const MAX_POLICY_BYTES = 1024 * 1024;
/** A baseline lists every finding's fingerprint: large projects reach megabytes, never this. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file the user or the policy named: regular files only (a FIFO would hang the read),
 * bounded in size, each failure one clear error with the code the caller gives.
 */
export function readUserFile(path: string, shown: string, codes: { missing: ErrorCode; invalid: ErrorCode }, what: string, maxBytes: number, missingHint = "check the path"): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AssayError(codes.missing, `${what} not found: ${shown}`, { hint: missingHint });
    throw new AssayError(codes.missing, `${what} could not be read: ${shown}: ${ioErrorText(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new AssayError(codes.invalid, `${what} is not a regular file: ${shown}`);
    if (st.size > maxBytes) throw new AssayError(codes.invalid, `${what} is ${(st.size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit: ${shown}`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return userText(buf.subarray(0, got));
  } catch (e) {
    if (e instanceof AssayError) throw e;
    throw new AssayError(codes.missing, `${what} could not be read: ${shown}: ${ioErrorText(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** A path the policy names, resolved inside the checkout; a POLICY_INVALID error at its line otherwise. */
export function resolvePolicyPath(root: string, p: PolicyPath, what: string, policySource: string | undefined): string {
  const r = insideCheckout(root, p.path);
  if (r.ok) return r.path;
  const position: ErrorPosition | undefined = policySource ? { path: policySource, line: p.line, column: p.column } : undefined;
  throw new AssayError("POLICY_INVALID", `\`${what}: ${p.path}\` ${r.why}`, { ...(position ? { position } : {}), hint: "policy paths stay inside the scanned checkout; pass a path elsewhere on the command line instead" });
}

/** The policy file given by flag or found in the target, and its text; undefined when there is none. */
function readPolicyText(target: string, flag: string | undefined, cwd: string): { shown: string; text: string } | undefined {
  const found = POLICY_NAMES.map((n) => join(target, n)).filter(exists);
  if (flag === undefined && found.length > 1) {
    // Silently preferring one would leave the other's expectations unenforced without anyone noticing.
    throw new AssayError("POLICY_INVALID", `more than one policy file: ${found.map((p) => shownPath(cwd, p)).join(", ")}`, { hint: "keep one, or choose with --policy" });
  }
  const path = flag !== undefined ? resolve(cwd, flag) : found[0];
  if (path === undefined) return undefined;
  const shown = shownPath(cwd, path);
  // `--policy /dev/null` is how a shell user says "an empty policy" (the defaults, as the README
  // offers for judging someone else's repository); it is a device, which the read below refuses.
  if (flag !== undefined && path === "/dev/null") return { shown, text: "" };
  if (flag === undefined) {
    // The checkout's own policy is repository content: it may not be a link to a file elsewhere.
    const r = insideCheckout(target, relative(target, path));
    if (!r.ok) throw new AssayError("POLICY_INVALID", `${shown} ${r.why}`, { hint: "make the policy a file in the checkout, or pass one from elsewhere with --policy" });
  }
  return { shown, text: readUserFile(path, shown, { missing: "POLICY_NOT_FOUND", invalid: "POLICY_INVALID" }, "policy file", MAX_POLICY_BYTES) };
}

/**
 * Loads the policy given by flag or found in the target; the default policy when there is none.
 * A policy file is checked against every rule and check, so only then is every family loaded.
 */
export async function loadPolicy(target: string, flag: string | undefined, cwd: string): Promise<Policy> {
  const file = readPolicyText(target, flag, cwd);
  if (!file) return defaultPolicy();
  const { RULES, CHECKS } = await import("../rules/index.js");
  return parsePolicy(file.text, file.shown, RULES.map((r) => r.meta), CHECKS);
}

/**
 * The checkout's own policy, when it loosens the gate, named in the report: scanning a repository
 * you do not control (a dependency, a project under review), its assay.yml can turn rules off or
 * leave its workflows out, and the report would otherwise read as a clean pass. A policy given by
 * flag is the user's own choice and says nothing, and so does its `fail.severity` when `--fail-on`
 * replaced it. Only the rules that run are named (`assay secrets` need not list workflow rules). Call
 * it before the flags change the policy.
 */
export function checkoutPolicyNotes(policy: Policy, rules: readonly Rule[], flags: { policy: string | undefined; failOn: string | undefined }): Diagnostic[] {
  if (flags.policy !== undefined || policy.source === undefined) return [];
  const judged = flags.failOn === undefined ? policy : { ...policy, fail: { ...policy.fail, severity: defaultPolicy().fail.severity } };
  const metas = rules.map((r) => r.meta);
  const loosening = policyLoosening(judged, metas);
  if (loosening.length === 0) return [];
  // Leaving fixtures or vendored code out is what nearly every project's policy does: said as a
  // note, so a maintainer's own scan is not warned about its own choice on every run. Turning rules
  // off or the gate down is a warning, and so is leaving out what the checks judge (`**`,
  // `.github/**`): a note is not shown without --verbose, and the report would read as a clean pass.
  const level = policyLoosening({ ...judged, exclude: judged.exclude.filter((p) => excludedEvidence(p) !== undefined) }, metas).length === 0 ? "note" : "warning";
  // Policy files sit at the checkout's top, so the file name is their path in the report.
  const name = basename(policy.source);
  return [
    {
      level,
      code: "policy-loosens",
      path: name,
      message: `the scanned checkout's own ${name} ${loosening.join("; ")}`,
      hint: "fine for your own project; to judge a repository you do not control by your expectations, pass --policy FILE (an empty file applies the defaults)",
    },
  ];
}

/** What pull-request mode judges a change by: the policy and baseline as commit BASE holds them. */
export interface GateAtBase {
  policy: Policy;
  baseline?: { set: Set<string>; path: string };
  /** What the change edits of them, said in the report: its edits apply once it is merged. */
  notes: Diagnostic[];
}

/**
 * Pull-request mode's gate: the checkout's policy and baseline as of BASE, so a change cannot
 * loosen the gate that judges it (a pull request adding `fail: {severity: none}`, an exception,
 * or its own findings to the baseline). The change's own policy must still be valid: it is
 * read too, and a broken one stops the scan as it would after the merge. Undefined when git
 * cannot show BASE here.
 */
export async function loadGateAtBase(target: string, base: string, cwd: string): Promise<GateAtBase | undefined> {
  // No git, no checkout or an unknown base: the scan says which, in the words every --diff uses.
  if (!(await isCommit(target, base))) return undefined;
  const head = readPolicyText(target, undefined, cwd);
  const { RULES, CHECKS } = await import("../rules/index.js");
  const rules = RULES.map((r) => r.meta);
  if (head) parsePolicy(head.text, head.shown, rules, CHECKS);
  const found: { name: string; text: string }[] = [];
  for (const [name, f] of await filesAt(target, base, POLICY_NAMES, MAX_POLICY_BYTES)) {
    if (f.kind === "unusable") throw new AssayError("POLICY_INVALID", `${base}:${name} ${f.why}`, { hint: "pull-request mode applies the base's policy: fix it there, or pass one with --policy" });
    if (f.kind === "file") found.push({ name, text: f.text });
  }
  if (found.length > 1) throw new AssayError("POLICY_INVALID", `more than one policy file at ${base}: ${found.map((f) => f.name).join(", ")}`, { hint: "keep one, or choose with --policy" });
  const at = found[0];
  const policy = at ? parsePolicy(at.text, `${base}:${at.name}`, rules, CHECKS) : defaultPolicy();
  const notes: Diagnostic[] = [];
  // Policy files sit at the checkout's top, so the file name is their path in the report.
  const headName = head ? basename(head.shown) : undefined;
  if ((head?.text ?? "") !== (at?.text ?? "") || (headName !== undefined && at !== undefined && headName !== at.name)) {
    const name = headName ?? at?.name ?? "assay.yml";
    notes.push({
      level: "warning",
      code: "policy-changed",
      message: `this change ${head ? (at ? "edits" : "adds") : "removes"} ${name}: pull-request mode judges it by the policy as of ${base}${at ? "" : " (none: the default policy)"}, and the change's version applies once it is merged`,
      path: name,
      hint: "to have the new expectations judge this change, merge the policy change on its own first",
    });
  }
  const rel = policy.baseline?.path ?? DEFAULT_BASELINE;
  const shown = `${base}:${rel}`;
  const b = await fileAtRevision(target, base, rel, MAX_BASELINE_BYTES);
  if (b.kind === "unusable") throw new AssayError("BASELINE_INVALID", `${shown} ${b.why}`, { hint: "pull-request mode applies the base's baseline: fix it there, or pass one with --baseline" });
  if (b.kind === "missing" && policy.baseline !== undefined) throw new AssayError("BASELINE_NOT_FOUND", `baseline file not found: ${shown}`, { hint: "the base's policy names it: create it with `assay baseline`" });
  const baseline = b.kind === "file" ? { set: parseBaseline(b.text, shown), path: shown } : undefined;
  let headBaseline: string | undefined;
  try {
    if (exists(join(target, rel)) && insideCheckout(target, rel).ok) headBaseline = readUserFile(join(target, rel), rel, { missing: "BASELINE_NOT_FOUND", invalid: "BASELINE_INVALID" }, "baseline file", MAX_BASELINE_BYTES);
  } catch {
    // The change's baseline is not applied here; one that cannot be read is only said to differ.
    headBaseline = "\0unreadable";
  }
  if ((headBaseline ?? "") !== (b.kind === "file" ? b.text : "")) {
    notes.push({
      level: "warning",
      code: "baseline-changed",
      message: `this change ${headBaseline === undefined ? "removes" : b.kind === "file" ? "edits" : "adds"} the baseline ${rel}: pull-request mode judges it by the baseline as of ${base}, so findings the change records there are still reported`,
      path: rel,
      hint: "record a baseline in its own change, after the findings it accepts are merged",
    });
  }
  return { policy, ...(baseline ? { baseline } : {}), notes };
}

/**
 * The baseline's path: `--baseline` (anywhere), else the policy's `baseline:` (inside the checkout),
 * else .assay/baseline.json; `present` says whether the default one exists.
 */
export function baselinePath(target: string, policy: Policy, flag: string | undefined, cwd: string): { path: string; named: boolean } {
  if (flag !== undefined) return { path: resolve(cwd, flag), named: true };
  if (policy.baseline !== undefined) return { path: resolvePolicyPath(target, policy.baseline, "baseline", policy.source), named: true };
  return { path: join(target, DEFAULT_BASELINE), named: false };
}

/** Resolves and reads the baseline: flag, else the policy's `baseline:`, else .assay/baseline.json when present. */
export function loadBaseline(target: string, policy: Policy, flag: string | undefined, cwd: string): { set: Set<string>; path: string } | undefined {
  const { path, named } = baselinePath(target, policy, flag, cwd);
  if (!named) {
    if (!exists(path)) return undefined;
    const r = insideCheckout(target, DEFAULT_BASELINE);
    if (!r.ok) throw new AssayError("BASELINE_INVALID", `${shownPath(cwd, path)} ${r.why}`, { hint: "make it a file in the checkout, or pass one with --baseline" });
  }
  const shown = shownPath(cwd, path);
  const hint = flag === undefined ? "create it with `assay baseline`" : "check the path";
  return { set: parseBaseline(readUserFile(path, shown, { missing: "BASELINE_NOT_FOUND", invalid: "BASELINE_INVALID" }, "baseline file", MAX_BASELINE_BYTES, hint), shown), path: shown };
}
