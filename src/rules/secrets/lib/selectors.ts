// Which located secrets each rule of the family reports: one place, so the rules and the
// standard-input and pre-commit scans (which run without a workspace) agree.
import type { SecretCategory } from "../../../secrets/index.js";
import type { SecretFilter } from "./secret-findings.js";

const byCategory = (category: SecretCategory): SecretFilter => (m, d) => m.verdict === "secret" && d.category === category;

/** Rule id → the matches it reports. Every match belongs to exactly one rule. */
export const SELECTORS: Readonly<Record<string, SecretFilter>> = {
  "secrets/cloud-credential": byCategory("cloud"),
  "secrets/forge-token": byCategory("forge"),
  "secrets/registry-token": byCategory("registry"),
  "secrets/service-token": byCategory("service"),
  "secrets/database-credential": byCategory("database"),
  "secrets/private-key": byCategory("private-key"),
  "secrets/jwt": byCategory("jwt"),
  "secrets/generic-credential": byCategory("generic"),
  "secrets/example-credential": (m) => m.verdict === "example",
};

/** The filter of one rule (a rule with none reports nothing). */
export function selectorOf(ruleId: string): SecretFilter {
  return SELECTORS[ruleId] ?? (() => false);
}
