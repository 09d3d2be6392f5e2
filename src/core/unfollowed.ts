import type { RuleContext } from "./rule.js";

/** A local call (`uses: ./path`) a walk of the repository's workflows could not follow. */
export interface UnfollowedLocalCall {
  /** The file that makes the call. */
  file: string;
  line: number;
  column: number;
  /** The `uses:` value as written. */
  uses: string;
  /** True when an expression names the path. */
  dynamic: boolean;
  /** The repository path it names; undefined when it leaves the repository. */
  target: string | undefined;
}

/** Where a rule says it could not judge a call, and why. */
export interface UnfollowedReason {
  path: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Why each local call could not be followed, once per line: named by an expression, a path leaving
 * the repository, a symbolic link (out of the checkout, or to a folder, which reads do not follow),
 * or nothing there at all. The steps it runs are evidence the rule never read.
 */
export async function unfollowedReasons(ctx: RuleContext, calls: readonly UnfollowedLocalCall[]): Promise<UnfollowedReason[]> {
  if (calls.length === 0) return [];
  const links = ctx.allFiles.filter((f) => f.kind === "symlink").map((f) => f.path);
  const out: UnfollowedReason[] = [];
  const seen = new Set<string>();
  for (const c of calls) {
    const where = `${c.file}:${c.line}:${c.column}`;
    if (seen.has(where)) continue;
    seen.add(where);
    const target = c.target;
    const link = target === undefined ? undefined : links.find((l) => target === l || target.startsWith(`${l}/`));
    let why: string;
    if (c.dynamic) why = "a path an expression names";
    else if (target === undefined) why = "a path leaving the repository";
    else if (link !== undefined) {
      await ctx.readBytes(link, 1, { optional: true });
      const kind = ctx.unread(link)?.reason === "symlink-outside" ? "a symbolic link out of the checkout" : "a symbolic link to a folder, which is not followed";
      why = link === target ? kind : `under ${link}, ${kind}`;
    } else why = "which the checkout does not hold";
    out.push({ path: c.file, line: c.line, column: c.column, message: `uses ${c.uses.trim().slice(0, 200)}, ${why}, so the steps it runs cannot be judged` });
  }
  return out;
}
