import type { RuleContext } from "../../types.js";

/** READMEs at the root, in .github/ or docs/, where projects show their badges. */
export const README_NAME = /^(?:\.github\/|docs\/)?readme(?:\.[a-z]{1,8})?$/i;

/** READMEs and contributing guides, where projects tell people where to go (a security policy kept elsewhere). */
export const README_OR_CONTRIBUTING = /^(?:\.github\/|docs\/)?(?:readme|contributing)(?:\.[a-z]{1,8})?$/i;

/** Where a README first matches one of `patterns` (which, the file, its line and the text matched). */
export interface ReadmeMatch {
  index: number;
  path: string;
  line: number;
  text: string;
}

/**
 * The first README line matching one of `patterns`, tried in order in each README (or each file
 * `names` accepts). Best effort: an unreadable README is a badge missed, which only makes a verdict
 * stricter.
 */
export async function readmeMatch(ctx: RuleContext, patterns: readonly RegExp[], names: RegExp = README_NAME): Promise<ReadmeMatch | undefined> {
  for (const f of ctx.files) {
    if ((f.kind !== "file" && f.kind !== "symlink") || !names.test(f.path)) continue;
    const file = await ctx.readText(f.path, { optional: true });
    if (!file) continue;
    for (const [index, re] of patterns.entries()) {
      const m = re.exec(file.text);
      if (m) return { index, path: f.path, line: file.positionAt(m.index).line, text: m[0] };
    }
  }
  return undefined;
}
