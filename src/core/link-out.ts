import type { RuleContext } from "./rule.js";
import type { FileEntry } from "./files.js";

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

/**
 * The inventory entries a rule that picks files by name must judge: every regular file `wanted`
 * accepts, and every such symbolic link that resolves inside the checkout, read through the link
 * at its own path (as workflows and lockfiles are), unless its target is itself one of those
 * regular files (then judged once, there). A link out of the checkout makes the rule incomplete;
 * a link to nothing ships nothing. A link named `model.pkl` to `blobs/x` is thus still judged.
 */
export async function filesToJudge(ctx: RuleContext, wanted: (path: string) => boolean): Promise<FileEntry[]> {
  // One pass over the inventory (every rule that picks files by name calls this); links, rare, are judged after it.
  const matching = ctx.files.filter((f) => f.kind !== "submodule" && wanted(f.path));
  if (!matching.some((f) => f.kind === "symlink")) return matching;
  const judged = new Set(matching.filter((f) => f.kind === "file").map((f) => f.path));
  const out: FileEntry[] = [];
  for (const f of matching) {
    if (f.kind === "symlink") {
      if (await linkLeavesCheckout(ctx, f.path)) continue;
      const why = ctx.unread(f.path)?.reason;
      // To nothing, round in circles or to a folder: nothing is shipped there (an unreadable one is read, and so unread, later).
      if (why === "symlink-broken" || why === "symlink-loop" || why === "not-a-file") continue;
      const target = ctx.linkTarget?.(f.path);
      if (target !== undefined && judged.has(target)) continue;
    }
    out.push(f);
  }
  return out;
}
