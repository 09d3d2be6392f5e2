import type { RuleContext, TextFileLike } from "../types.js";

/** Where GitHub and GitLab look for a security policy. */
const LOCATIONS = ["", ".github/", "docs/", ".gitlab/"];
const NAME = /^security\.(md|markdown|rst|txt|adoc)$/i;

/** The project's security policy file, found where forges look for it; undefined when absent. */
export async function findSecurityPolicy(ctx: RuleContext): Promise<TextFileLike | undefined> {
  for (const dir of LOCATIONS) {
    const entry = ctx.files.find((f) => f.kind === "file" && f.path.startsWith(dir) && !f.path.slice(dir.length).includes("/") && NAME.test(f.path.slice(dir.length)));
    if (!entry) continue;
    const file = await ctx.readText(entry.path);
    if (file) return file;
  }
  return undefined;
}
