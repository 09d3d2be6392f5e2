import { isLfsPointer, MAX_LFS_POINTER } from "../../../ecosystems/models/lfs.js";
import { scanModelSource, type ModelScan } from "../../../ecosystems/models/walk.js";
import { ZipError, type RangeSource } from "../../../ecosystems/models/zip.js";
import type { RuleContext } from "../../types.js";

/**
 * A file of the checkout as a RangeSource (through the workspace's guarded, ranged reads).
 * Undefined when it cannot be read, or when it is a Git LFS pointer: the model is not in the
 * checkout, so the rule is incomplete for it (never passed), with no finding about a stub.
 */
export async function fileRangeSource(ctx: RuleContext, path: string): Promise<RangeSource | undefined> {
  const first = await ctx.readRange(path, 0, 0);
  if (!first) return undefined;
  if (first.size < MAX_LFS_POINTER) {
    const whole = await ctx.readRange(path, 0, first.size);
    if (!whole) return undefined;
    if (isLfsPointer(whole.bytes)) {
      ctx.incomplete("is a Git LFS pointer: the model itself is not in the checkout, so it was not inspected (fetch it with git lfs pull)", { path });
      return undefined;
    }
  }
  return {
    size: first.size,
    async read(offset, length) {
      const r = await ctx.readRange(path, offset, length);
      if (!r) throw new ZipError(`${path} could not be read at byte ${offset}`, "malformed", offset);
      return r.bytes;
    },
  };
}

/** Walks a model file of the checkout; undefined when it cannot be read (the read makes the rule incomplete). */
export async function scanModelFile(ctx: RuleContext, path: string): Promise<ModelScan | undefined> {
  const src = await fileRangeSource(ctx, path);
  return src ? scanModelSource(src, path, ctx.signal) : undefined;
}
