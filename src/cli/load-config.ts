import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseBaseline } from "../policy/baseline.js";
import { AssayError } from "../core/errors.js";
import { defaultPolicy, parsePolicy, type Policy } from "../policy/policy-file.js";
import { CHECKS, RULES } from "../rules/index.js";

/** Policy file names looked for in the scanned directory, in order. */
export const POLICY_NAMES = ["assay.yml", ".assay.yml", "assay.yaml", ".assay.yaml"];
/** Where `assay baseline` writes by default and where a scan looks for one. */
export const DEFAULT_BASELINE = ".assay/baseline.json";

function readUserFile(path: string, missing: "POLICY_NOT_FOUND" | "BASELINE_NOT_FOUND", what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AssayError(missing, `${what} not found: ${path}`, { hint: "check the path" });
    throw new AssayError(missing, `${what} could not be read: ${path} (${code ?? "error"})`);
  }
}

/** Loads the policy given by flag or found in the target; the default policy when there is none. */
export function loadPolicy(target: string, flag: string | undefined, cwd: string): Policy {
  const found = POLICY_NAMES.map((n) => join(target, n)).filter((p) => existsSync(p));
  if (flag === undefined && found.length > 1) {
    // Silently preferring one would leave the other's expectations unenforced without anyone noticing.
    throw new AssayError("POLICY_INVALID", `more than one policy file: ${found.map((p) => relative(cwd, p) || p).join(", ")}`, { hint: "keep one, or choose with --policy" });
  }
  const path = flag !== undefined ? resolve(cwd, flag) : found[0];
  if (path === undefined) return defaultPolicy();
  const shown = relative(cwd, path) || path;
  return parsePolicy(readUserFile(path, "POLICY_NOT_FOUND", "policy file"), shown, RULES.map((r) => r.meta), CHECKS);
}

/** Resolves the baseline: flag, else the policy's `baseline:`, else .assay/baseline.json when present. */
export function loadBaseline(target: string, policy: Policy, flag: string | undefined, cwd: string): { set: Set<string>; path: string } | undefined {
  let path: string | undefined;
  if (flag !== undefined) path = resolve(cwd, flag);
  else if (policy.baseline !== undefined) path = resolve(policy.source ? dirname(resolve(cwd, policy.source)) : target, policy.baseline);
  else if (existsSync(join(target, DEFAULT_BASELINE))) path = join(target, DEFAULT_BASELINE);
  if (path === undefined) return undefined;
  const shown = relative(cwd, path) || path;
  return { set: parseBaseline(readUserFile(path, "BASELINE_NOT_FOUND", "baseline file"), shown), path: shown };
}
