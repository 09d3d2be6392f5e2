import type { FileEntry, RuleContext, TextFileLike } from "../../types.js";
import { isReferenceUrl, urlsIn } from "./policy-urls.js";

/**
 * Where GitHub and GitLab look for a security policy, and the names each place may hold. Folder
 * names are matched in any case, as Scorecard matches the whole path; doc/ holds only the
 * reStructuredText policy Sphinx projects keep there (Scorecard's doc/security.rst). When several
 * exist, .github/ comes first: GitHub shows that one, and Scorecard reads only the first it lists
 * (isSecurityPolicyFile in checks/raw/security_policy.go stops there), which is .github/ in the
 * sorted order of a repository's files.
 */
const LOCATIONS: readonly { dir: string; name: RegExp }[] = [
  { dir: ".github/", name: /^security\.(md|markdown|rst|txt|adoc)$/i },
  { dir: "", name: /^security\.(md|markdown|rst|txt|adoc)$/i },
  { dir: "docs/", name: /^security\.(md|markdown|rst|txt|adoc)$/i },
  { dir: ".gitlab/", name: /^security\.(md|markdown|rst|txt|adoc)$/i },
  { dir: "doc/", name: /^security\.rst$/i },
];

/** The inventory entry of the security policy, found where forges look for it (readable or not). */
export function securityPolicyEntry(ctx: RuleContext): FileEntry | undefined {
  for (const { dir, name } of LOCATIONS) {
    const entry = ctx.files.find((f) => {
      if (f.kind === "submodule" || f.path.length <= dir.length || f.path.slice(0, dir.length).toLowerCase() !== dir) return false;
      const rest = f.path.slice(dir.length);
      return !rest.includes("/") && name.test(rest);
    });
    if (entry) return entry;
  }
  return undefined;
}

/**
 * The project's security policy as text; undefined when absent or unreadable (binary, too large,
 * a link out of the checkout). The rules that judge its content read it as optional evidence:
 * repo/security-policy reports a policy nobody can read.
 */
export async function findSecurityPolicy(ctx: RuleContext): Promise<TextFileLike | undefined> {
  const entry = securityPolicyEntry(ctx);
  return entry ? ctx.readText(entry.path, { optional: true }) : undefined;
}

/** A Kubernetes-style SECURITY_CONTACTS file: names for the security team, and where the policy lives. */
export interface SecurityContacts {
  path: string;
  /** The first URL that is not general reference material: the organisation's policy or reporting page. */
  policyUrl: string | undefined;
}

/**
 * SECURITY_CONTACTS at the root (Kubernetes and CNCF projects): it lists who the security team may
 * contact and defers to the organisation's security policy by URL. Read as evidence: a file that
 * cannot be read leaves the check incomplete.
 */
export async function securityContacts(ctx: RuleContext, optional = false): Promise<SecurityContacts | undefined> {
  const path = ["SECURITY_CONTACTS", "SECURITY_CONTACTS.md"].find((p) => ctx.has(p));
  if (!path) return undefined;
  const file = await ctx.readText(path, { optional });
  if (!file) return undefined;
  return { path, policyUrl: urlsIn(file.text).find((u) => !isReferenceUrl(u) || /\/security(?:\/|$|\.md|#)/i.test(u)) };
}
