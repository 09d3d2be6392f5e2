import type { RuleContext } from "./rule.js";

/**
 * For a symbolic link a rule would judge by its name (a Dockerfile, a manifest, a model file):
 * when it leads out of the checkout, its content cannot be read, so the rule is incomplete, never
 * passed or "not applicable" (true is returned). A link inside the checkout is judged at its
 * target, and one to nothing is nothing shipped: both false.
 */
export async function linkLeavesCheckout(ctx: RuleContext, path: string): Promise<boolean> {
  await ctx.readBytes(path, 1, { optional: true });
  const why = ctx.unread(path);
  if (why?.reason !== "symlink-outside") return false;
  ctx.incomplete(why.message, { path });
  return true;
}
