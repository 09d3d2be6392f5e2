import type { Reference, RuleMeta } from "../../../core/rule.js";

/** What to do about any committed secret, in order. */
export const REMEDIATION =
  "In this order. 1. Revoke or rotate the credential at its provider (each finding links the provider's page): anyone who has read the repository, a fork or a CI log may already hold it, and deleting it from the code does not make it safe. 2. Remove it from the code, reading it from the environment or a secret manager instead, and purge it from the git history (git filter-repo --replace-text, or BFG), then force-push and have collaborators re-clone. 3. Add assay's pre-commit hook (.pre-commit-hooks.yaml, id assay-secrets) so the next one is stopped before it is committed. A value that is not a secret (a test fixture, a public key) is allowed with `secrets: { allow: { paths: […] or hashes: […] } }` in assay.yml, or `assay: ignore[<rule id>] reason` on its line.";

/** References every secrets rule cites. */
export const REFERENCES: readonly Reference[] = [
  { title: "CWE-798: Use of Hard-coded Credentials", url: "https://cwe.mitre.org/data/definitions/798.html" },
  { title: "OWASP Secrets Management Cheat Sheet", url: "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html" },
  { title: "GitHub: remediating a leaked secret", url: "https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret" },
  { title: "git filter-repo: replacing text in history", url: "https://github.com/newren/git-filter-repo" },
];

/** The fields every secrets rule shares. */
export function secretRuleMeta(m: Pick<RuleMeta, "id" | "title" | "severity" | "confidence" | "rationale"> & { references?: readonly Reference[] }): RuleMeta {
  return {
    ...m,
    check: "Secrets",
    remediation: REMEDIATION,
    references: [...(m.references ?? []), ...REFERENCES],
    network: false,
    readsHistory: true,
    scansTree: true,
    masksAtSource: true,
    assessmentSection: "secure-development-practices/development-pipeline",
  };
}
