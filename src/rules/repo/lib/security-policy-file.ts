import type { FileEntry, RuleContext, TextFileLike } from "../../types.js";

/** Where GitHub and GitLab look for a security policy. */
const LOCATIONS = ["", ".github/", "docs/", ".gitlab/"];
const NAME = /^security\.(md|markdown|rst|txt|adoc)$/i;

/** The inventory entry of the security policy, found where forges look for it (readable or not). */
export function securityPolicyEntry(ctx: RuleContext): FileEntry | undefined {
  for (const dir of LOCATIONS) {
    const entry = ctx.files.find((f) => f.kind !== "submodule" && f.path.startsWith(dir) && !f.path.slice(dir.length).includes("/") && NAME.test(f.path.slice(dir.length)));
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
