// Which located secrets each rule of the family reports: one place, so the rules and the
// standard-input and pre-commit scans (which run without a workspace) agree.
import type { SecretCategory } from "../../../secrets/index.js";
import type { SecretFilter } from "./secret-findings.js";

const byCategory = (category: SecretCategory): SecretFilter => (m, d) => m.verdict === "secret" && d.category === category;

// Examples are reported so that a value in a credential's format (AKIAIOSFODNN7EXAMPLE, `ghp_xxxx…`)
// is seen judged, and a default password in configuration that ships is seen at all. A stand-in
// with no format of its own (`password = "test-password"`, `curl -u admin:admin`,
// `API_KEY=your-api-key-here`, `postgres://user:password@localhost`) in a test, an example or
// documentation is neither: it is what such files are made of, and reporting it is noise. The
// `kind` of a path is known in a scan of files, not of a nameless text.

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
  "secrets/example-credential": (m, d, kind) => m.verdict === "example" && !(kind !== undefined && (d.category === "generic" || d.category === "database")),
};

/** The filter of one rule (a rule with none reports nothing). */
export function selectorOf(ruleId: string): SecretFilter {
  return SELECTORS[ruleId] ?? (() => false);
}
