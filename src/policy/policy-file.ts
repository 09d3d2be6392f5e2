import { isMap, isScalar, isSeq, type Pair } from "yaml";
import { findCheck, type CheckMeta } from "../core/check.js";
import { AssayError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { maskCredentials } from "../core/mask.js";
import type { ParseFailure } from "../core/files.js";
import { PERSONAS, type OptionSpec, type OptionValue, type Persona, type RuleMeta } from "../core/rule.js";
import { isSeverity, SEVERITIES, type Severity } from "../core/severity.js";
import { isEmptyNode, nodePosition, parseYaml, type YamlFile } from "../ecosystems/formats/yaml.js";
import { defaultSecretsPolicy, type SecretsPolicy } from "./secrets-policy.js";

/** Per-rule settings from the policy file. */
export interface RuleSetting {
  off: boolean;
  severity?: Severity;
  options: Record<string, OptionValue>;
}

/** An accepted risk: hides matching findings until it expires. */
export interface PolicyException {
  rule: string;
  /** Glob on the finding's primary path. */
  path?: string;
  fingerprint?: string;
  reason: string;
  /** YYYY-MM-DD; the exception stops applying after this day. */
  expires: string;
  /** Line of the entry in the policy file, for messages. */
  line: number;
}

/**
 * A path the policy names (`baseline:`, and any path a later key adds). It is relative to the
 * scanned checkout and must stay inside it: the repository's own policy must not make assay read or
 * write anywhere else. Syntax is checked here; symbolic links are checked where the file is opened.
 */
export interface PolicyPath {
  path: string;
  /** Where the value is in the policy file, for errors. */
  line: number;
  column: number;
}

/** The project's declared expectations. */
export interface Policy {
  source: string | undefined;
  fail: {
    /** Open findings at or above this severity fail the gate; "none" disables this test. */
    severity: Severity | "none";
    /** The total score must be at least this. */
    minScore: number | undefined;
    /** These checks must have no open findings. */
    checks: string[];
    /** A check whose evidence could not be read or judged fails the gate (the default: fail closed). */
    incomplete: boolean;
    /** Which vulnerable dependencies count against `severity`: only direct ones, only those with a known fix. */
    dependencies?: { directOnly: boolean; fixableOnly: boolean };
    /** A known malicious package fails the gate whatever `severity` says (the default). */
    malicious?: boolean;
  };
  rules: Record<string, RuleSetting>;
  exclude: string[];
  exceptions: PolicyException[];
  baseline: PolicyPath | undefined;
  /** VEX documents to apply (paths in the checkout; OpenVEX, CycloneDX JSON or XML, or CSAF), besides `.vex/*.json` and `.vex/*.xml`. */
  vex: string[];
  /** The `secrets:` section: allowlists and what the whole-tree scan includes. */
  secrets: SecretsPolicy;
  /** `persona:`: how much scans of this checkout report (zizmor's personas); `--persona` overrides it. Unset: regular. */
  persona?: Persona;
}

/** The policy used when the project declares none. */
export function defaultPolicy(): Policy {
  return { source: undefined, fail: { severity: "high", minScore: undefined, checks: [], incomplete: true }, rules: {}, exclude: [], exceptions: [], baseline: undefined, vex: [], secrets: defaultSecretsPolicy() };
}

const TOP_KEYS = ["version", "fail", "rules", "exclude", "exceptions", "baseline", "vex", "secrets", "persona"] as const;
const FAIL_KEYS = ["severity", "score", "checks", "incomplete", "dependencies", "malicious"] as const;
const DEPENDENCY_KEYS = ["direct-only", "fixable-only"] as const;
const RULE_KEYS = ["severity", "options", "off"] as const;
const EXCEPTION_KEYS = ["rule", "path", "fingerprint", "reason", "expires"] as const;

/** Parses and validates a policy file; every mistake is an AssayError naming file:line:column. */
export function parsePolicy(text: string, path: string, rules: readonly RuleMeta[], checks: readonly CheckMeta[]): Policy {
  let y: YamlFile;
  try {
    y = parseYaml(text);
  } catch (e) {
    const f = e as ParseFailure;
    // A parser limit (size, nesting, aliases) is not a syntax error: no syntax fix makes it pass.
    const limit = /larger than|nested more than|indented more than|aliases expand|documents; not parsed/.test(f.message);
    throw new AssayError("POLICY_INVALID", `${limit ? "" : "malformed YAML: "}${f.message}`, { position: { path, line: f.line, column: f.column }, hint: limit ? (/aliases expand/.test(f.message) ? "a policy is a short file: write it out without anchors and aliases" : /nested more than|indented more than/.test(f.message) ? "a policy is a short file: its settings nest a few levels deep, never hundreds" : "a policy is a short file: keep it to one YAML document of a few kilobytes") : "fix the YAML syntax" });
  }
  const fail = (node: unknown, message: string, hint?: string): never => {
    const pos = nodePosition(y, node as Pair);
    throw new AssayError("POLICY_INVALID", message, { position: { path, line: pos.line, column: pos.column }, ...(hint ? { hint } : {}) });
  };
  const policy = defaultPolicy();
  policy.source = path;
  const root = y.doc.contents;
  if (isEmptyNode(root)) return policy;
  if (!isMap(root)) return fail(root, `the policy must be a mapping of keys (${TOP_KEYS.join(", ")})`);
  const byId = new Map(rules.map((r) => [r.id, r]));
  checkUnique(root.items, fail);

  for (const pair of root.items) {
    const key = keyOf(pair, fail);
    const value = pair.value;
    switch (key) {
      case "version":
        // `version: "1"` is the common near miss (quoted like a Compose file's version): say so, not "unsupported".
        if (isScalar(value) && value.value === "1") fail(value, "`version` is the string \"1\", not the number 1", "write `version: 1`, without quotes");
        if (!isScalar(value) || value.value !== 1) fail(value ?? pair, "unsupported policy version", "use `version: 1`");
        break;
      case "baseline":
        policy.baseline = policyPath(value, pair, "baseline", y, fail);
        break;
      case "exclude":
        policy.exclude = strList(value, pair, "exclude", fail);
        checkGlobs(value, policy.exclude, "exclude", fail);
        break;
      case "vex":
        // Paths like `baseline:`: inside the checkout, said at the policy's line rather than as a read that fails later.
        policy.vex = isEmptyNode(value) ? [] : isSeq(value) ? value.items.map((item) => policyPath(item, pair, "vex[]", y, fail).path) : strList(value, pair, "vex", fail);
        break;
      case "fail":
        parseFail(value, pair, policy, checks, fail);
        break;
      case "rules":
        if (isEmptyNode(value)) break;
        if (!isMap(value)) fail(value, "`rules` must map rule ids to `on`, `off`, a severity, or settings");
        checkUnique((value as { items: Pair[] }).items, fail);
        for (const rp of (value as { items: Pair[] }).items) {
          const id = keyOf(rp, fail);
          const meta = byId.get(id);
          if (!meta) fail(rp, `unknown rule \`${id}\`${didYouMean(id, byId.keys())}`, "run `assay rules` to list rule ids");
          policy.rules[id] = parseRuleSetting(rp, meta as RuleMeta, fail);
        }
        break;
      case "secrets":
        parseSecrets(value, pair, policy, fail);
        break;
      case "persona": {
        const p = isScalar(value) ? value.value : undefined;
        if (typeof p !== "string" || !(PERSONAS as readonly string[]).includes(p)) fail(value ?? pair, `\`persona\` must be one of ${PERSONAS.join(", ")}${typeof p === "string" ? didYouMean(p, PERSONAS) : ""}`, "pedantic adds hygiene rules (a workflow without a name); auditor also adds what needs the project's setup to judge (self-hosted runners)");
        policy.persona = p as Persona;
        break;
      }
      case "exceptions":
        if (isEmptyNode(value)) break;
        if (!isSeq(value)) fail(value, "`exceptions` must be a list");
        for (const item of (value as { items: unknown[] }).items) policy.exceptions.push(parseException(item, y, byId, fail));
        checkGlobs(value, policy.exceptions.map((e) => e.path), "exceptions[].path", fail);
        break;
      default:
        fail(pair, `unknown key \`${key}\`${didYouMean(key, TOP_KEYS)}`, `allowed keys: ${TOP_KEYS.join(", ")}`);
    }
  }
  return policy;
}

type Fail = (node: unknown, message: string, hint?: string) => never;

/** Fails on a key that appears twice in one mapping (checked here in linear time, not by the parser). */
function checkUnique(pairs: readonly Pair[], fail: Fail): void {
  const seen = new Set<string>();
  for (const p of pairs) {
    const k = isScalar(p.key) ? String(p.key.value) : "";
    if (seen.has(k)) fail(p, `duplicate key \`${k}\``, "each key may appear once in a mapping");
    seen.add(k);
  }
}

function keyOf(pair: Pair, fail: Fail): string {
  if (!isScalar(pair.key) || typeof pair.key.value !== "string") return fail(pair, "keys must be plain strings");
  return pair.key.value;
}

function str(node: unknown, at: unknown, what: string, fail: Fail): string {
  if (!isScalar(node) || typeof node.value !== "string" || node.value === "") return fail(node ?? at, `\`${what}\` must be a non-empty string`);
  return node.value;
}

/**
 * A path inside the checkout: relative, no `..`, no drive or UNC prefix, no control characters.
 * Absolute or escaping paths are refused rather than cleaned up, so what the policy says is what is used.
 */
function policyPath(node: unknown, at: unknown, what: string, y: YamlFile, fail: Fail): PolicyPath {
  const path = str(node, at, what, fail);
  const hint = "policy paths are relative to the scanned checkout and stay inside it; pass a path elsewhere on the command line instead";
  if (/^[/\\]|^[A-Za-z]:/.test(path)) fail(node, `\`${what}\` must be a path inside the checkout, not an absolute path`, hint);
  if (path.split(/[/\\]/).includes("..")) fail(node, `\`${what}\` must be a path inside the checkout, without \`..\``, hint);
  if (/[\u0000-\u001f\u007f]/.test(path)) fail(node, `\`${what}\` holds control characters`, hint);
  const pos = nodePosition(y, node as Pair);
  return { path, line: pos.line, column: pos.column };
}

/** Longest glob pattern a policy may write: real ones are a folder or two and a wildcard. */
const MAX_GLOB_CHARS = 1024;
/** Most matching work one pattern may ask for (see globCost): a pattern with three runs of `*` costs 4. */
const MAX_GLOB_COST = 16;
/** Most matching work all the patterns of one list may ask for together. */
const MAX_GLOBS_COST = 128;

/**
 * What a pattern costs each file it is matched against. A pattern with one run of `*` and at most
 * one brace group is a regular expression that cannot backtrack (nearly free); any other runs on an
 * NFA (src/core/glob.ts), in time the path's length times the pattern's wildcards, once per
 * alternative of its braces. Every file of the checkout is matched against `exclude`, so a policy
 * repeating `**` and a slash thirty thousand times stalls the scan for hours: such a policy is refused.
 */
function globCost(pattern: string): number {
  const stars = pattern.match(/\*+/g)?.length ?? 0;
  const braces = pattern.match(/\{/g)?.length ?? 0;
  if (stars <= 1 && braces <= 1 && !/[()]/.test(pattern)) return 0;
  const alternatives = (pattern.match(/,/g)?.length ?? 0) + 1;
  return (stars + 1) * Math.min(alternatives, 256);
}

/** Refuses a list of globs (or one, undefined where an entry has none) that would cost the scan more than it can afford, at the first such entry. */
function checkGlobs(node: unknown, patterns: readonly (string | undefined)[], what: string, fail: Fail): void {
  const items = isSeq(node) ? node.items : [];
  let total = 0;
  patterns.forEach((p, i) => {
    if (p === undefined) return;
    const at = items[i] ?? node;
    const hint = "write a folder and one wildcard (`vendor/**`, `**/testdata/**`); list several short patterns rather than one long one";
    if (p.length > MAX_GLOB_CHARS) fail(at, `\`${what}\` holds a pattern of ${p.length} characters, over the ${MAX_GLOB_CHARS} a path pattern may have`, hint);
    const cost = globCost(p);
    if (cost > MAX_GLOB_COST) fail(at, `\`${what}\` holds a pattern with too many wildcards or alternatives to match every file in reasonable time`, hint);
    total += cost;
    if (total > MAX_GLOBS_COST) fail(at, `\`${what}\` holds too many patterns with several wildcards to match every file in reasonable time`, hint);
  });
}

function strList(node: unknown, at: unknown, what: string, fail: Fail): string[] {
  if (isEmptyNode(node)) return [];
  if (!isSeq(node)) return fail(node, `\`${what}\` must be a list of strings`);
  return node.items.map((i) => str(i, at, `${what}[]`, fail));
}

function parseFail(node: unknown, at: unknown, policy: Policy, checks: readonly CheckMeta[], fail: Fail): void {
  if (isEmptyNode(node)) return;
  if (!isMap(node)) fail(node ?? at, `\`fail\` must be a mapping (${FAIL_KEYS.join(", ")})`);
  checkUnique((node as { items: Pair[] }).items, fail);
  for (const pair of (node as { items: Pair[] }).items) {
    const key = keyOf(pair, fail);
    const v = pair.value;
    if (key === "severity") {
      const s = isScalar(v) ? v.value : undefined;
      if (s !== "none" && !isSeverity(s)) fail(v ?? pair, "`fail.severity` must be a severity or `none`", `one of: ${SEVERITIES.join(", ")}, none`);
      policy.fail.severity = s as Severity | "none";
    } else if (key === "score") {
      const n = isScalar(v) ? v.value : undefined;
      // `.nan` is a YAML number too, and would compare with nothing: the score gate would be off.
      if (typeof n !== "number" || !Number.isFinite(n) || n < 0 || n > 10) fail(v ?? pair, "`fail.score` must be a number from 0 to 10");
      policy.fail.minScore = n as number;
    } else if (key === "checks") {
      const list = strList(v, pair, "fail.checks", fail);
      policy.fail.checks = (v as { items: unknown[] }).items.map((item, i) => {
        const c = findCheck(checks, list[i] as string);
        if (!c) fail(item, `unknown check \`${list[i]}\`${didYouMean(list[i] as string, checks.map((c) => c.id))}`, "run `assay rules` to see the checks");
        return (c as CheckMeta).id;
      });
    } else if (key === "incomplete") {
      if (!isScalar(v) || typeof v.value !== "boolean") fail(v ?? pair, "`fail.incomplete` must be true or false", "true (the default) fails the gate when a check's evidence could not be read");
      policy.fail.incomplete = (v as { value: boolean }).value;
    } else if (key === "malicious") {
      if (!isScalar(v) || typeof v.value !== "boolean") fail(v ?? pair, "`fail.malicious` must be true or false", "true (the default) fails the gate on any known malicious package");
      policy.fail.malicious = (v as { value: boolean }).value;
    } else if (key === "dependencies") {
      if (isEmptyNode(v)) continue;
      if (!isMap(v)) fail(v ?? pair, "`fail.dependencies` must be a mapping (direct-only, fixable-only)");
      checkUnique((v as { items: Pair[] }).items, fail);
      for (const dp of (v as { items: Pair[] }).items) {
        const k = keyOf(dp, fail);
        if (!(DEPENDENCY_KEYS as readonly string[]).includes(k)) fail(dp, `unknown key \`fail.dependencies.${k}\`${didYouMean(k, DEPENDENCY_KEYS)}`, `allowed keys: ${DEPENDENCY_KEYS.join(", ")}`);
        if (!isScalar(dp.value) || typeof dp.value.value !== "boolean") fail(dp.value ?? dp, `\`fail.dependencies.${k}\` must be true or false`);
        const b = (dp.value as { value: boolean }).value;
        const deps = (policy.fail.dependencies ??= { directOnly: false, fixableOnly: false });
        if (k === "direct-only") deps.directOnly = b;
        else deps.fixableOnly = b;
      }
    } else {
      fail(pair, `unknown key \`fail.${key}\`${didYouMean(key, FAIL_KEYS)}`, `allowed keys: ${FAIL_KEYS.join(", ")}`);
    }
  }
}

/** `secrets: { allow: { paths, hashes }, scan: { vendored, minified } }`. */
function parseSecrets(node: unknown, at: unknown, policy: Policy, fail: Fail): void {
  if (isEmptyNode(node)) return;
  if (!isMap(node)) fail(node ?? at, "`secrets` must be a mapping (allow, scan)");
  const sub = (n: unknown, keys: readonly string[], where: string, each: (key: string, v: unknown, p: Pair) => void): void => {
    if (isEmptyNode(n)) return;
    if (!isMap(n)) fail(n, `\`${where}\` must be a mapping (${keys.join(", ")})`);
    checkUnique((n as { items: Pair[] }).items, fail);
    for (const p of (n as { items: Pair[] }).items) {
      const k = keyOf(p, fail);
      if (!keys.includes(k)) fail(p, `unknown key \`${where}.${k}\`${didYouMean(k, keys)}`, `allowed keys: ${keys.join(", ")}`);
      each(k, p.value, p);
    }
  };
  sub(node, ["allow", "scan"], "secrets", (k, v) => {
    if (k === "allow") {
      sub(v, ["paths", "hashes"], "secrets.allow", (k2, v2, p2) => {
        const list = strList(v2, p2, `secrets.allow.${k2}`, fail);
        if (k2 === "paths") {
          checkGlobs(v2, list, "secrets.allow.paths", fail);
          policy.secrets.allowPaths = list;
        } else {
          list.forEach((h, i) => {
            if (!/^[0-9a-fA-F]{12,64}$/.test(h)) fail((v2 as { items: unknown[] }).items[i], "`secrets.allow.hashes` holds SHA-256 hashes (the finding's secretHash, or its first 12 or more characters)");
          });
          policy.secrets.allowHashes = list.map((h) => h.toLowerCase());
        }
      });
    } else {
      sub(v, ["vendored", "minified"], "secrets.scan", (k2, v2, p2) => {
        if (!isScalar(v2) || typeof v2.value !== "boolean") fail(v2 ?? p2, `\`secrets.scan.${k2}\` must be true or false`);
        if (k2 === "vendored") policy.secrets.scanVendored = (v2 as { value: boolean }).value;
        else policy.secrets.scanMinified = (v2 as { value: boolean }).value;
      });
    }
  });
}

function parseRuleSetting(pair: Pair, meta: RuleMeta, fail: Fail): RuleSetting {
  const v = pair.value;
  const setting: RuleSetting = { off: false, options: {} };
  if (isScalar(v)) {
    if (v.value === "off" || v.value === false) return { ...setting, off: true };
    // `on` runs a rule at its defaults: how a pedantic or auditor rule is asked for without a persona.
    // `rule-id:` with nothing after it names the rule too.
    if (v.value === "on" || v.value === true || v.value === null) return setting;
    if (isSeverity(v.value)) return { ...setting, severity: v.value };
    return fail(v, `\`${meta.id}\` must be \`on\`, \`off\`, a severity, or a mapping`, `one of: on, off, ${SEVERITIES.join(", ")}`);
  }
  if (!isMap(v)) return fail(v ?? pair, `\`${meta.id}\` must be \`on\`, \`off\`, a severity, or a mapping`);
  checkUnique(v.items, fail);
  for (const p of v.items) {
    const key = keyOf(p, fail);
    if (key === "off") {
      if (!isScalar(p.value) || typeof p.value.value !== "boolean") fail(p.value ?? p, "`off` must be true or false");
      setting.off = (p.value as { value: boolean }).value;
    } else if (key === "severity") {
      const s = isScalar(p.value) ? p.value.value : undefined;
      if (!isSeverity(s)) fail(p.value ?? p, "severity must be one of " + SEVERITIES.join(", "));
      setting.severity = s as Severity;
    } else if (key === "options") {
      if (!isMap(p.value)) fail(p.value ?? p, "`options` must be a mapping");
      checkUnique((p.value as { items: Pair[] }).items, fail);
      for (const op of (p.value as { items: Pair[] }).items) {
        const name = keyOf(op, fail);
        const spec = meta.options?.[name];
        if (!spec) fail(op, `unknown option \`${name}\` for \`${meta.id}\`${didYouMean(name, Object.keys(meta.options ?? {}))}`, meta.options ? `known options: ${Object.keys(meta.options).join(", ")}` : "this rule takes no options");
        setting.options[name] = optionValue(op.value, op, spec as OptionSpec, name, fail);
      }
    } else {
      fail(p, `unknown key \`${key}\` for \`${meta.id}\`${didYouMean(key, RULE_KEYS)}`, `allowed keys: ${RULE_KEYS.join(", ")}`);
    }
  }
  return setting;
}

function optionValue(node: unknown, at: unknown, spec: OptionSpec, name: string, fail: Fail): OptionValue {
  if (spec.type === "string[]") return strList(node, at, name, fail);
  const v = isScalar(node) ? node.value : undefined;
  const type = spec.type;
  if (typeof v !== type) return fail(node ?? at, `option \`${name}\` must be a ${type}`);
  return v as OptionValue;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseException(item: unknown, y: YamlFile, byId: Map<string, RuleMeta>, fail: Fail): PolicyException {
  if (!isMap(item)) return fail(item, "each exception must be a mapping with rule, reason and expires");
  checkUnique(item.items, fail);
  const e: Partial<PolicyException> = { line: nodePosition(y, item).line };
  for (const pair of item.items) {
    const key = keyOf(pair, fail);
    if (!(EXCEPTION_KEYS as readonly string[]).includes(key)) fail(pair, `unknown key \`${key}\` in exception${didYouMean(key, EXCEPTION_KEYS)}`, `allowed keys: ${EXCEPTION_KEYS.join(", ")}`);
    const v = pair.value;
    if (key === "expires") {
      // YAML 1.2 core schema keeps dates as strings; accept a Date too in case a custom tag made one.
      const raw = isScalar(v) ? v.value : undefined;
      const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : raw;
      const m = typeof s === "string" ? DATE.exec(s) : null;
      if (!m || !isCalendarDate(s as string)) fail(v ?? pair, "`expires` must be a date like 2027-01-31", "every exception needs an expiry date so accepted risks are revisited");
      e.expires = s as string;
    } else {
      (e as Record<string, unknown>)[key] = str(v, pair, key, fail);
    }
  }
  if (!e.rule) fail(item, "exception is missing `rule`");
  if (!byId.has(e.rule as string)) fail(item, `unknown rule \`${e.rule}\` in exception${didYouMean(e.rule as string, byId.keys())}`, "run `assay rules` to list rule ids");
  if (!e.reason) fail(item, "exception is missing `reason`", "say why the risk is accepted");
  // Reports quote the reason; the policy is repository text like any other.
  e.reason = maskCredentials(e.reason as string);
  if (!e.expires) fail(item, "exception is missing `expires`", "every exception needs an expiry date (YYYY-MM-DD)");
  return e as PolicyException;
}

/** True for a real day: 2027-02-30 and 2026-11-31 parse in JavaScript (they roll over) but are not dates. */
export function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
